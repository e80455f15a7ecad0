import type { Knex } from 'knex';
import { isUndeliverable } from './validation.js';

/**
 * What a person reads instead of a process's ids: the name and e-mail of the entity it is about
 * and the office's name. Kept in the projection (the back-office database), never in Temporal.
 */
export interface InstanceLabel {
  label: string | null;
  entityName: string | null;
  entityEmail: string | null;
  officeName: string | null;
}

type Db = Knex | Knex.Transaction;
type Row = Record<string, unknown> | undefined;

const text = (v: unknown) => (typeof v === 'string' && v !== '' ? v : null);

const named = (name: string | null, email: string | null): Omit<InstanceLabel, 'officeName'> => ({
  label: name && email ? `${name} <${email}>` : (name ?? email),
  entityName: name,
  entityEmail: email,
});

async function companyName(db: Db, companyId: unknown): Promise<string | null> {
  if (!text(companyId)) return null;
  const row = (await db('companies').where({ id: companyId }).first('name')) as Row;
  return text(row?.name);
}

// Per kind of entity, how its name and e-mail are read from the directory.
const readers: Record<string, (db: Db, id: string) => Promise<Omit<InstanceLabel, 'officeName'>>> = {
  async clientUser(db, id) {
    const row = (await db('clientUsers').where({ id }).first('name', 'email', 'pendingEmail')) as Row;
    // A placeholder address waits for the real one, which is the one people know the user by.
    const email = text(row?.email) && !isUndeliverable(String(row?.email)) ? text(row?.email) : text(row?.pendingEmail);
    return named(text(row?.name), email ?? text(row?.email));
  },
  async officeUser(db, id) {
    const row = (await db('officeUsers').where({ id }).first('name', 'email')) as Row;
    return named(text(row?.name), text(row?.email));
  },
  async company(db, id) {
    return named(await companyName(db, id), null);
  },
  async connectionRequest(db, id) {
    const row = (await db('connectionRequests').where({ id }).first('companyId')) as Row;
    return named(await companyName(db, row?.companyId), null);
  },
  async hiringLink(db, id) {
    const row = (await db('hiringLinks').where({ id }).first('email', 'companyId')) as Row;
    return named(await companyName(db, row?.companyId), text(row?.email));
  },
  async integrationKey(db, id) {
    const row = (await db('integrationKeys').where({ id }).first('companyId')) as Row;
    return named(await companyName(db, row?.companyId), null);
  },
};

/** The label of one process's entity, read from the directory as it is now. */
export async function labelOf(
  db: Db,
  entity: { entityType?: string | null; entityId?: string | null; officeId?: string | null },
): Promise<InstanceLabel> {
  const read = entity.entityType ? readers[entity.entityType] : undefined;
  const own = read && entity.entityId ? await read(db, entity.entityId) : named(null, null);
  const office = entity.officeId
    ? ((await db('offices').where({ id: entity.officeId }).first('name')) as Row)
    : undefined;
  const officeName = text(office?.name);
  return { ...own, label: own.label ?? officeName, officeName };
}

// A directory row's change reaches the processes about it (and, for offices, every process of the office).
const affected: Record<string, (db: Db, id: string) => Knex.QueryBuilder> = {
  clientUsers: (db, id) => db('instances').where({ entityType: 'clientUser', entityId: id }),
  officeUsers: (db, id) => db('instances').where({ entityType: 'officeUser', entityId: id }),
  companies: (db, id) => db('instances').where({ entityType: 'company', entityId: id }),
  offices: (db, id) => db('instances').where({ officeId: id }),
};

/**
 * Rewrites the labels of the processes a directory change concerns; `target` is the audit
 * target of the change (`clientUsers:<id>`). Other targets change no label.
 */
export async function refreshLabelsOf(db: Db, target: string | undefined): Promise<void> {
  if (!target) return;
  const [table, id] = target.split(/:(.*)/s) as [string, string | undefined];
  const select = affected[table];
  if (!select || !id) return;
  const rows = (await select(db, id).select('id', 'entityType', 'entityId', 'officeId')) as Array<{
    id: string;
    entityType: string | null;
    entityId: string | null;
    officeId: string | null;
  }>;
  for (const row of rows)
    await db('instances')
      .where({ id: row.id })
      .update(await labelOf(db, row));
}
