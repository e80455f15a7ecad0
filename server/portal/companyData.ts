import { Router, type Request, type RequestHandler } from 'express';
import { z } from 'zod';
import {
  areaActions,
  areas,
  authorize,
  membershipOf,
  ruleFor,
  type Action,
  type Area,
} from '../../domain/access/policy.js';
import {
  companySettingsSchema,
  documentKinds,
  monthReport,
  monthReportCsv,
  readSettings,
  writeSettings,
  xmlBundle,
  type DocumentSource,
} from '../../domain/companyData/documents.js';
import { decidingSide, namesOf, requestsOfPerson, sidesOf } from '../../domain/connections/requests.js';
import type { RouterDeps } from '../http/directory/deps.js';
import { notFound } from '../http/errors.js';
import { listRows, pageInMemory, parseListParams, type ListSpec } from '../http/listQuery.js';
import { parse, parseBody } from '../http/validate.js';
import { requirePortalSession } from './sessions.js';

// The company-data area (the reseller panel's manager buttons) for people signed in to the portal:
// every route asks the access policy (domain/access/policy.ts) before it reads or changes anything.

const period = z.object({
  year: z.coerce.number().int().min(2000).max(2100),
  month: z.coerce.number().int().min(1).max(12),
  kind: z.enum(documentKinds).optional(),
});

const documentsSpec = (resource: string): ListSpec => ({
  resource,
  table: 'companyDocuments',
  sortable: ['number', 'year', 'month', 'kind', 'status', 'counterpart', 'amountCents'],
  filters: { year: 'number', month: 'number', kind: 'exact', status: 'exact' },
  searchable: ['counterpart'],
  defaultSort: ['number', 'ASC'],
});
const specs: Record<DocumentSource, ListSpec> = {
  supplier: documentsSpec('supplierXmls'),
  issued: documentsSpec('issuedXmls'),
};

export function companyDataRouter(deps: RouterDeps): Router {
  const { db } = deps;
  const router = Router();

  /** Who calls: the portal session (sessions.ts), or a 401 that says how to sign in. */
  const signedIn = requirePortalSession(db, deps.config.http.sessionTtlMs);
  const identityOf = (req: Request) => req.portalSession!.identityId;
  /** The policy's answer for this route's area and action: the request goes on only when allowed. */
  const guard =
    (area: Area, action: Action): RequestHandler =>
    async (req, _res, next) => {
      await authorize(db, identityOf(req), companyIdOf(req), area, action);
      next();
    };
  const companyIdOf = (req: Request) => {
    const id = String(req.params.companyId ?? '');
    if (!/^[\w-]{1,64}$/.test(id)) throw notFound('Company', id.slice(0, 64));
    return id;
  };

  const base = '/api/companies/:companyId';

  /** The caller's role in the company and, for every area and action, whether it is allowed and why. */
  router.get(`${base}/access`, signedIn, async (req, res) => {
    const membership = await membershipOf(db, identityOf(req), companyIdOf(req));
    const matrix = areas.flatMap((area) =>
      areaActions[area].map((action) => {
        const rule = ruleFor(membership.role, area, action);
        return { area, action, allow: rule.allow, why: rule.reason };
      }),
    );
    res.json({ role: membership.role, via: membership.via, connectionId: membership.connectionId ?? null, matrix });
  });

  router.get(`${base}/reports`, signedIn, guard('reports', 'read'), async (req, res) => {
    res.json(await monthReport(db, companyIdOf(req), parse(period, req.query, 'query')));
  });
  router.get(`${base}/reports/download`, signedIn, guard('reports', 'export'), async (req, res) => {
    const p = parse(period, req.query, 'query');
    res
      .type('text/csv')
      .attachment(`relatorio-${p.year}-${String(p.month).padStart(2, '0')}${p.kind ? `-${p.kind}` : ''}.csv`)
      .send(await monthReportCsv(db, companyIdOf(req), p));
  });

  const omitXml = ({ xml: _xml, ...rest }: Record<string, unknown>) => rest;
  for (const [source, area] of [
    ['supplier', 'supplierXmls'],
    ['issued', 'issuedXmls'],
  ] as const) {
    router.get(`${base}/${area}`, signedIn, guard(area, 'read'), async (req, res) => {
      const companyId = companyIdOf(req);
      const spec = specs[source];
      res.json(
        await listRows(db, spec, parseListParams(req, spec), res, omitXml, (q) => q.where({ companyId, source })),
      );
    });
    router.get(`${base}/${area}/download`, signedIn, guard(area, 'export'), async (req, res) => {
      const p = parse(period, req.query, 'query');
      res
        .type('application/xml')
        .attachment(`${area}-${p.year}-${String(p.month).padStart(2, '0')}${p.kind ? `-${p.kind}` : ''}.xml`)
        .send(await xmlBundle(db, companyIdOf(req), source, p));
    });
  }

  router.get(`${base}/settings`, signedIn, guard('settings', 'read'), async (req, res) => {
    res.json(await readSettings(db, companyIdOf(req)));
  });
  router.put(`${base}/settings`, signedIn, guard('settings', 'write'), async (req, res) => {
    const settings = parseBody(companySettingsSchema, req);
    const companyId = companyIdOf(req);
    const actor = `user:${identityOf(req)}`;
    await db.transaction(async (trx) => {
      await writeSettings(trx, companyId, settings, actor);
      await deps.audit.recordIn(trx, { actor, action: 'companies.settings', target: `companies:${companyId}` });
    });
    res.json(settings);
  });
  // The person's connection requests: decide (the deciding side) or revoke (either side) without the e-mail.
  const service = deps.services.connectionRequests;
  const requestsSpec: ListSpec = {
    resource: 'connectionRequests',
    table: 'connectionRequests',
    sortable: ['createdAt', 'state', 'direction'],
    filters: { state: 'exact', direction: 'exact' },
    defaultSort: ['createdAt', 'DESC'],
  };
  router.get('/api/connectionRequests', signedIn, async (req, res) => {
    const params = parseListParams(req, requestsSpec);
    const rows = await requestsOfPerson(db, identityOf(req));
    const shown = await Promise.all(
      rows
        .filter((r) => Object.entries(params.filter).every(([k, v]) => k === 'q' || r[k as keyof typeof r] === v))
        .map(async (r) => {
          const sides = await sidesOf(db, identityOf(req), r);
          return {
            id: r.id,
            direction: r.direction,
            state: r.state,
            createdAt: r.createdAt,
            ...(await namesOf(db, r)),
            mayDecide: r.state === 'open' && sides.includes(decidingSide(r)),
            mayRevoke: r.state === 'active' && !r.revokedAt && sides.length > 0,
          };
        }),
    );
    res.json(pageInMemory(shown, params, requestsSpec, res));
  });
  const reasonBody = z.object({ reason: z.string().trim().max(1000).optional() });
  for (const decision of ['approve', 'reject'] as const)
    router.post(`/api/connectionRequests/:id/${decision}`, signedIn, async (req, res) => {
      const { reason } = parseBody(reasonBody, req);
      const { row, recorded } = await service.decideSignedIn(String(req.params.id), identityOf(req), decision, reason);
      res
        .status(recorded ? 202 : 200)
        .json({ id: row.id, state: decision === 'approve' ? 'approved' : 'rejected', recorded });
    });
  router.post('/api/connectionRequests/:id/revoke', signedIn, async (req, res) => {
    const { reason } = parseBody(reasonBody, req);
    const row = await service.revokeSignedIn(String(req.params.id), identityOf(req), reason);
    res.json({ id: row.id, state: row.state, revokedAt: row.revokedAt });
  });
  return router;
}
