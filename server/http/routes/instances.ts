import { Router, type Request } from 'express';
import type { Knex } from 'knex';
import { z } from 'zod';
import { actorOf, requireRole } from '../../auth/principal.js';
import type { InstanceService } from '../../temporal/instances.js';
import { AppError, notFound } from '../errors.js';
import { listRows, parseListParams, type ListSpec } from '../listQuery.js';
import { parseBody } from '../validate.js';
import type { BulkResult, InstanceRecord } from '../../../contracts/api.js';
import { bulkSchema, eventBodySchema } from './eventBody.js';
import { searchInstancesByDirectory, searchInstancesByIdentifier } from './instanceSearch.js';
import type { DomainServices } from '../../../domain/services/index.js';

export const instancesSpec: ListSpec = {
  resource: 'instances',
  table: 'instances',
  sortable: [
    'id',
    'label',
    'machine',
    'state',
    'status',
    'startedAt',
    'updatedAt',
    'nextTimerAt',
    'entityId',
    'officeId',
  ],
  filters: {
    machine: 'exact',
    state: 'prefix',
    status: 'exact',
    entityType: 'exact',
    entityId: 'exact',
    officeId: 'exact',
    stuck: 'boolean',
    machineVersion: 'number',
  },
  // The label holds the entity's name and e-mail; documents (CPF, CNPJ) are found through the directory.
  searchable: ['id', 'entityId', 'state', 'label', 'officeName'],
  defaultSort: ['updatedAt', 'DESC'],
  countedBy: { table: 'instanceCounts', filters: ['machine', 'state', 'status', 'stuck'] },
  keysetSortable: ['updatedAt', 'startedAt', 'id'],
};

/** The instance list as the API runs it: the spec with the directory searches that need the database. */
export const instanceListSpec = (db: Knex): ListSpec => ({
  ...instancesSpec,
  searchAlso: searchInstancesByDirectory(db),
  searchExactly: searchInstancesByIdentifier(db),
});

/** A projection row as the API sends it (SQLite stores `stuck` as 0/1). */
export const toInstance = (row: Record<string, unknown>): InstanceRecord => {
  const { searchText: _searchText, ...rest } = row;
  return { ...rest, stuck: Boolean(row.stuck) } as InstanceRecord;
};

const createSchema = z.object({
  machine: z.string().min(1),
  input: z.unknown(),
  reason: z.string().trim().max(1000).optional(),
  restart: z.boolean().optional(),
});

const resetSchema = z.object({ reason: z.string().trim().min(1).max(1000) }).strict();

const principalOf = (req: Request) => {
  if (!req.principal) throw new AppError(401, 'unauthenticated', 'Log in first.');
  return req.principal;
};

/** Processes: the projection for lists, Temporal for live snapshots, history and events. */
export function instancesRouter(deps: { db: Knex; instances: InstanceService; services: DomainServices }): Router {
  const { db, instances } = deps;
  const router = Router();
  const readers = requireRole('admin', 'operator', 'auditor');
  const nudgers = requireRole('admin', 'operator');
  const listSpec = instanceListSpec(db);
  const { processStarts: starts, nudges, resets } = deps.services;
  /** Who acts, as the process records it and as the audit log names them. */
  const operator = (req: Request) => ({ actor: actorOf(principalOf(req)), auditActor: principalOf(req) });

  router.get('/instances', readers, async (req, res) => {
    res.json(await listRows(db, listSpec, parseListParams(req, listSpec), res, toInstance));
  });

  router.post('/instances', nudgers, async (req, res) => {
    const body = parseBody(createSchema, req);
    if (body.restart && !body.reason)
      throw new AppError(400, 'bad_request', 'Invalid body: reason: is required to start a process again.');
    instances.definition(body.machine); // an unknown machine is a 404 before anything is read
    const started = await starts.start({ ...body, ...operator(req) });
    res.status(201).json({ id: started.instanceId, instanceId: started.instanceId });
  });

  // Registered before '/instances/:id' so the literal path is not read as an id.
  router.post('/instances/bulk-events', nudgers, async (req, res) => {
    const body = parseBody(bulkSchema, req);
    const results: BulkResult[] = await nudges.bulk(body.ids, body, operator(req));
    res.json({ results });
  });

  router.get('/instances/:id', readers, async (req, res) => {
    const row = await db('instances').where({ id: req.params.id }).first();
    if (!row) throw notFound('Instance', String(req.params.id));
    res.json({
      ...toInstance(row),
      temporalUiUrl: instances.temporalUiUrl(String(req.params.id)),
    } satisfies InstanceRecord);
  });

  router.get('/instances/:id/snapshot', readers, async (req, res) => {
    res.json(await instances.snapshot(String(req.params.id)));
  });

  router.get('/instances/:id/history', readers, async (req, res) => {
    res.json(await instances.history(String(req.params.id)));
  });

  router.post('/instances/:id/reset', nudgers, async (req, res) => {
    const body = parseBody(resetSchema, req);
    res.json(await resets.reset(String(req.params.id), body.reason, operator(req)));
  });

  router.post('/instances/:id/events', nudgers, async (req, res) => {
    const body = parseBody(eventBodySchema, req);
    res.json(await nudges.send(String(req.params.id), body, operator(req)));
  });

  return router;
}
