import { Router } from 'express';
import type { Knex } from 'knex';
import { requireRole } from '../../auth/principal.js';
import { notFound } from '../errors.js';
import { listRows, parseListParams, type ListSpec } from '../listQuery.js';
import type { RouterDeps } from './deps.js';

export const queuedEventsSpec: ListSpec = {
  resource: 'queuedEvents',
  table: 'queuedEvents',
  sortable: ['createdAt', 'settledAt', 'status', 'eventType', 'instanceId', 'attempts'],
  filters: { status: 'exact', instanceId: 'exact', eventType: 'exact' },
  searchable: ['instanceId'],
  defaultSort: ['createdAt', 'DESC'],
};

// The token a portal step used stays out of every view: operators see the step, not the link.
const view = (row: Record<string, unknown>) => {
  const { tokenId, claimedUntil: _lease, ...rest } = row;
  return { ...rest, fromPortalLink: tokenId != null };
};

/** Where the name of each kind of process subject is kept. */
const subjectNames: Record<string, { table: string; column: string }> = {
  clientUser: { table: 'clientUsers', column: 'name' },
  officeUser: { table: 'officeUsers', column: 'name' },
  company: { table: 'companies', column: 'name' },
  hiringLink: { table: 'hiringLinks', column: 'email' },
};

const namesOf = async (db: Knex, table: string, column: string, ids: string[]) =>
  new Map(
    ids.length === 0
      ? []
      : (
          (await db(table)
            .whereIn('id', [...new Set(ids)])
            .select('id', column)) as Array<Record<string, string>>
        ).map((r) => [r.id!, r[column]!]),
  );

/**
 * Names instead of ids for people reading the list: the process's machine and subject (the
 * client user's, office user's or company's name), its office, and who caused the event.
 */
async function withNames(db: Knex, rows: Array<Record<string, unknown>>) {
  const instances = (await db('instances')
    .whereIn('id', [...new Set(rows.map((r) => String(r.instanceId)))])
    .select('id', 'machine', 'entityType', 'entityId', 'officeId')) as Array<Record<string, string | null>>;
  const byInstance = new Map(instances.map((i) => [i.id!, i]));
  const subjects = new Map<string, Map<string, string>>();
  for (const [type, where] of Object.entries(subjectNames)) {
    const ids = instances.filter((i) => i.entityType === type).map((i) => i.entityId!);
    subjects.set(type, await namesOf(db, where.table, where.column, ids));
  }
  const offices = await namesOf(db, 'offices', 'name', instances.map((i) => i.officeId).filter((o) => !!o) as string[]);
  const actorIds = (prefix: string) =>
    rows
      .map((r) => String(r.actor))
      .filter((a) => a.startsWith(prefix))
      .map((a) => a.slice(prefix.length));
  const users = await namesOf(db, 'identities', 'email', actorIds('user:'));
  const operators = await namesOf(db, 'operators', 'email', actorIds('operator:'));
  const actorName = (actor: string) =>
    actor.startsWith('user:')
      ? (users.get(actor.slice(5)) ?? actor)
      : actor.startsWith('operator:')
        ? (operators.get(actor.slice(9)) ?? actor)
        : actor;
  return rows.map((r) => {
    const instance = byInstance.get(String(r.instanceId));
    const subject = instance ? subjects.get(instance.entityType ?? '')?.get(instance.entityId ?? '') : undefined;
    return {
      ...r,
      machine: instance?.machine ?? null,
      subjectType: instance?.entityType ?? null,
      subjectName: subject ?? null,
      officeName: (instance?.officeId && offices.get(instance.officeId)) || null,
      actorName: actorName(String(r.actor)),
    };
  });
}

/**
 * Events queued for processes and what became of them: `pending` (the relay keeps trying),
 * `delivered`, or `refused` (the process had ended or its state had moved on; never retried).
 * Read-only; each row carries the names of its process's subject, office and actor.
 */
export function queuedEventsRouter(deps: RouterDeps): Router {
  const { db } = deps;
  const router = Router();
  const readers = requireRole('admin', 'operator', 'auditor');
  router.get('/queuedEvents', readers, async (req, res) => {
    res.json(
      await withNames(db, await listRows(db, queuedEventsSpec, parseListParams(req, queuedEventsSpec), res, view)),
    );
  });
  router.get('/queuedEvents/:id', readers, async (req, res) => {
    const row = await db('queuedEvents')
      .where({ id: String(req.params.id) })
      .first();
    if (!row) throw notFound('Queued event', String(req.params.id));
    res.json((await withNames(db, [view(row)]))[0]);
  });
  return router;
}
