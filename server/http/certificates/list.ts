import type { Knex } from 'knex';
import type { Request } from 'express';
import { badRequest } from '../errors.js';
import { parseListParams, type ListSpec } from '../listQuery.js';

const day = 86_400_000;
const sortable = { companyName: 'c.name', cnpj: 'c.cnpj', validUntil: 'k.validUntil' } as const;
const windows = ['expiring30', 'expired'] as const;

/** One row per company: its current certificate and where its renewal process stands. */
export interface CertificateRow {
  id: string;
  companyName: string;
  cnpj: string;
  officeId: string;
  validUntil: string | null;
  daysLeft: number | null;
  state: string;
  invoicingBlocked: boolean;
  instanceId: string | null;
}

interface ListParams {
  window?: (typeof windows)[number];
  q?: string;
  sort: [keyof typeof sortable, 'ASC' | 'DESC'];
  range: [number, number];
}

/** The list's parameters as every list reads them (listQuery.ts): strict sort, range and filter names. */
const certificateListSpec: ListSpec = {
  resource: 'certificates',
  table: 'companies',
  sortable: Object.keys(sortable),
  filters: { window: 'exact' },
  searchable: [],
  defaultSort: ['validUntil', 'ASC'],
};

/** react-admin's simple-REST parameters; filter `window` is "expiring30" or "expired". */
export function parseCertificateListParams(req: Request): ListParams {
  const { filter, sort, range } = parseListParams(req, certificateListSpec);
  if (filter.window !== undefined && !windows.includes(filter.window as never)) {
    throw badRequest('Filter "window" must be "expiring30" or "expired".');
  }
  return {
    window: filter.window as ListParams['window'],
    q: typeof filter.q === 'string' && filter.q.trim() ? filter.q.trim() : undefined,
    sort: [sort[0] as keyof typeof sortable, sort[1]],
    range,
  };
}

function base(db: Knex, p: ListParams, now: number): Knex.QueryBuilder {
  const q = db('companies as c').leftJoin('certificates as k', function () {
    this.on('k.companyId', '=', 'c.id').andOnVal('k.status', '=', 'current');
  });
  const nowIso = new Date(now).toISOString();
  if (p.window === 'expired') q.where((w) => w.where('k.validUntil', '<=', nowIso).orWhere('c.invoicingBlocked', true));
  if (p.window === 'expiring30') {
    q.where('k.validUntil', '>', nowIso).andWhere('k.validUntil', '<=', new Date(now + 30 * day).toISOString());
  }
  if (p.q)
    q.where((w) =>
      w
        .whereRaw('lower(c.name) like ?', [`%${p.q!.toLowerCase()}%`])
        .orWhere('c.cnpj', 'like', `%${p.q!.replace(/\D/g, '') || p.q}%`),
    );
  return q;
}

export async function listCertificates(db: Knex, p: ListParams, now = Date.now()) {
  const total = Number(((await base(db, p, now).count({ n: '*' }).first()) as { n: number | string }).n);
  const rows: Array<Record<string, unknown>> = await base(db, p, now)
    .orderBy(sortable[p.sort[0]], p.sort[1].toLowerCase() as 'asc' | 'desc')
    .orderBy('c.id')
    .offset(p.range[0])
    .limit(p.range[1] - p.range[0] + 1)
    .select('c.id', 'c.name as companyName', 'c.cnpj', 'c.officeId', 'c.invoicingBlocked', 'k.validUntil');
  const ids = rows.map((r) => `certificateRenewal-${r.id}`);
  const states = new Map(
    (await db('instances').whereIn('id', ids).select('id', 'state')).map((i) => [String(i.id), String(i.state)]),
  );
  const data: CertificateRow[] = rows.map((r) => {
    const instanceId = `certificateRenewal-${r.id}`;
    const validUntil = (r.validUntil as string | null) ?? null;
    return {
      id: String(r.id),
      companyName: String(r.companyName),
      cnpj: String(r.cnpj),
      officeId: String(r.officeId),
      validUntil,
      daysLeft: validUntil ? Math.floor((Date.parse(validUntil) - now) / day) : null,
      state: states.get(instanceId) ?? (validUntil ? 'unwatched' : 'missing'),
      invoicingBlocked: Boolean(r.invoicingBlocked),
      instanceId: states.has(instanceId) ? instanceId : null,
    };
  });
  return { data, total };
}
