import { Router } from 'express';
import { requireRole } from '../../auth/principal.js';
import { notFound } from '../errors.js';
import { listRows, parseListParams, type ListSpec } from '../listQuery.js';
import type { DirectoryDeps } from './deps.js';

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

/**
 * Events queued for processes and what became of them: `pending` (the relay keeps trying),
 * `delivered`, or `refused` (the process had ended; never retried). Read-only.
 */
export function queuedEventsRouter(deps: DirectoryDeps): Router {
  const { db } = deps;
  const router = Router();
  const readers = requireRole('admin', 'operator', 'auditor');
  router.get('/queuedEvents', readers, async (req, res) => {
    res.json(await listRows(db, queuedEventsSpec, parseListParams(req, queuedEventsSpec), res, view));
  });
  router.get('/queuedEvents/:id', readers, async (req, res) => {
    const row = await db('queuedEvents')
      .where({ id: String(req.params.id) })
      .first();
    if (!row) throw notFound('Queued event', String(req.params.id));
    res.json(view(row));
  });
  return router;
}
