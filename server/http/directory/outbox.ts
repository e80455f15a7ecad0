import { Router } from 'express';
import { z } from 'zod';
import { requireRole } from '../../auth/principal.js';
import { notFound } from '../errors.js';
import { parse } from '../validate.js';
import { listRows, parseListParams, type ListSpec } from '../listQuery.js';
import { principalActor, type RouterDeps } from './deps.js';
import { redactLinks, redactMessage } from '../redactLinks.js';

export const outboxSpec: ListSpec = {
  resource: 'outbox',
  table: 'outbox',
  sortable: ['id', 'createdAt', 'sentAt', 'status', 'to', 'template'],
  filters: { status: 'exact', instanceId: 'exact', template: 'exact', to: 'exact', locale: 'exact' },
  searchable: ['to', 'subject'],
  defaultSort: ['createdAt', 'DESC'],
};

// Lists leave the bodies out (they are large); one message shows them, so captured mail is viewable.
const summary = (row: Record<string, unknown>) => {
  const { html: _html, text: _text, idempotencyKey: _key, claimedUntil: _claim, ...rest } = row;
  return rest;
};
// The send claim (outbox.claimedUntil) is the worker's bookkeeping, not part of the message.
const withoutClaim = (row: Record<string, unknown>) => {
  const { claimedUntil: _claim, ...rest } = row;
  return rest;
};

/** The mail outbox: every message the processes sent or captured. */
export function outboxRouter(deps: RouterDeps): Router {
  const { db, services } = deps;
  const router = Router();
  const readers = requireRole('admin', 'operator', 'auditor');
  router.get('/outbox', readers, async (req, res) => {
    res.json(await listRows(db, outboxSpec, parseListParams(req, outboxSpec), res, summary));
  });
  router.get('/outbox/:id', readers, async (req, res) => {
    const row = await db('outbox')
      .where({ id: String(req.params.id) })
      .first();
    if (!row) throw notFound('Message', String(req.params.id));
    res.json(redactMessage(withoutClaim(row)));
  });
  // The HTML as the recipient sees it, for the console's preview.
  router.get('/outbox/:id/html', readers, async (req, res) => {
    const row = await db('outbox')
      .where({ id: String(req.params.id) })
      .first('html');
    if (!row) throw notFound('Message', String(req.params.id));
    res
      .type('html')
      .setHeader('Content-Security-Policy', "default-src 'none'; style-src 'unsafe-inline'; img-src data:")
      .send(redactLinks(row.html));
  });
  // A copy of the message, sent again under a new idempotency key; the original row stays as it was.
  router.post('/outbox/:id/resend', requireRole('admin', 'operator'), async (req, res) => {
    const { reason } = parse(resendSchema, req.body ?? {}, 'body');
    const id = String(req.params.id);
    const copy = await services.outbox.resend(id, reason, principalActor(req));
    res.status(201).json({ ...summary(copy as unknown as Record<string, unknown>), resentFrom: id, reason });
  });
  return router;
}

const resendSchema = z.object({
  reason: z.string().trim().min(1, 'is required: say why the message is sent again').max(1000),
});
