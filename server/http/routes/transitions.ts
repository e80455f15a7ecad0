import { Router } from 'express';
import type { Knex } from 'knex';
import { requireRole } from '../../auth/principal.js';
import { listRows, parseListParams, type ListSpec } from '../listQuery.js';

export const transitionsSpec: ListSpec = {
  resource: 'transitions',
  table: 'transitions',
  sortable: ['id', 'seq', 'at', 'instanceId', 'event', 'actor'],
  filters: { instanceId: 'exact', event: 'exact', actor: 'exact', to: 'exact', from: 'exact' },
  searchable: ['event', 'actor', 'reason', 'to'],
  defaultSort: ['id', 'ASC'],
};

/** Applied transitions, from the projection (never from Temporal). */
export function transitionsRouter(db: Knex): Router {
  const router = Router();
  router.get('/transitions', requireRole('admin', 'operator', 'auditor'), async (req, res) => {
    res.json(await listRows(db, transitionsSpec, parseListParams(req, transitionsSpec), res));
  });
  return router;
}
