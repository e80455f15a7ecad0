import { Router } from 'express';
import { z } from 'zod';
import { requireRole } from '../../auth/principal.js';
import { parseBody } from '../validate.js';
import { principalActor, type RouterDeps } from './deps.js';

const reconnectBody = z.object({ reason: z.string().trim().min(1, 'is required').max(1000) }).strict();

/** POST /officeUsers/:id/reconnect: an operator's "try the connection again" for a linked office user. */
export function officeLinkHealthRouter(deps: RouterDeps): Router {
  const health = deps.services.officeLinkHealth;
  const router = Router();
  router.post('/officeUsers/:id/reconnect', requireRole('admin', 'operator'), async (req, res) => {
    const body = parseBody(reconnectBody, req);
    res.json(await health.reconnect(String(req.params.id), principalActor(req), body.reason));
  });
  return router;
}
