import { Router } from 'express';
import type { Knex } from 'knex';
import { z } from 'zod';
import { unacknowledgedStuck, type AlertRow } from '../../../domain/alerts/raise.js';
import { conflict, notFound } from '../../../domain/errors.js';
import type { AuditLog } from '../../audit/auditLog.js';
import { actorOf, requireRole } from '../../auth/principal.js';
import { listRows, parseListParams, type ListSpec } from '../listQuery.js';
import { parseBody } from '../validate.js';

export const alertsSpec: ListSpec = {
  resource: 'alerts',
  table: 'alerts',
  sortable: ['raisedAt', 'machine', 'state', 'kind', 'acknowledgedAt', 'clearedAt'],
  filters: { kind: 'exact', machine: 'exact', instanceId: 'exact', webhookStatus: 'exact' },
  searchable: ['instanceId', 'machine', 'state'],
  defaultSort: ['raisedAt', 'DESC'],
};

const ackBody = z.object({ reason: z.string().trim().min(3, 'must say why (3 characters at least)').max(1000) });

/** Alerts of stuck and failing processes (domain/alerts), their count for the badge, and the acknowledgement. */
export function alertsRouter(db: Knex, audit: AuditLog): Router {
  const router = Router();
  const readers = requireRole('admin', 'operator', 'auditor');

  router.get('/alerts/count', readers, async (_req, res) => {
    res.json({ unacknowledgedStuck: await unacknowledgedStuck(db) });
  });
  router.get('/alerts', readers, async (req, res) => {
    res.json(await listRows(db, alertsSpec, parseListParams(req, alertsSpec), res));
  });
  router.get('/alerts/:id', readers, async (req, res) => {
    const row = (await db('alerts')
      .where({ id: String(req.params.id) })
      .first()) as AlertRow | undefined;
    if (!row) throw notFound('Alert', String(req.params.id));
    res.json(row);
  });
  // Acknowledged: left out of the next digests and its webhook, if not sent yet, is not sent.
  router.post('/alerts/:id/ack', requireRole('admin', 'operator'), async (req, res) => {
    const { reason } = parseBody(ackBody, req);
    const id = String(req.params.id);
    const actor = actorOf(req.principal!);
    const row = await db.transaction(async (trx) => {
      const alert = (await trx('alerts').where({ id }).first()) as AlertRow | undefined;
      if (!alert) throw notFound('Alert', id);
      if (alert.acknowledgedAt)
        throw conflict('already_acknowledged', `This alert was already acknowledged at ${alert.acknowledgedAt}.`);
      const at = new Date().toISOString();
      await trx('alerts')
        .where({ id })
        .update({
          acknowledgedAt: at,
          acknowledgedBy: actor,
          ...(alert.webhookStatus === 'pending' ? { webhookStatus: 'skipped', webhookNextAt: null } : {}),
        });
      await audit.recordIn(trx, {
        actor,
        action: 'alerts.acknowledge',
        target: `instances:${alert.instanceId}`,
        reason,
        details: { alertId: id, kind: alert.kind },
      });
      return (await trx('alerts').where({ id }).first()) as AlertRow;
    });
    res.json(row);
  });
  return router;
}
