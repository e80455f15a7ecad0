import { Router } from 'express';
import { z } from 'zod';
import { withServices, type DirectoryDeps } from '../http/directory/deps.js';
import { parseBody } from '../http/validate.js';
import { portalRouter, type PortalDeps } from './router.js';

const token = z.string().min(1, 'is required').max(500, 'is too long');

/** The portal's JSON API for deciding a connection request from an e-mail's link. */
export function connectionPortalRouter(plain: DirectoryDeps): Router {
  const service = withServices(plain).services.connectionRequests;
  const router = Router();
  router.post('/api/connection/approve', async (req, res) => {
    const body = parseBody(z.object({ token }), req);
    const row = await service.decide(body.token, 'approve');
    res.json({ id: row.id, state: 'approved', message: 'The connection is approved.' });
  });
  router.post('/api/connection/reject', async (req, res) => {
    const body = parseBody(z.object({ token, reason: z.string().trim().max(1000).optional() }), req);
    const row = await service.decide(body.token, 'reject', body.reason);
    res.json({ id: row.id, state: 'rejected', message: 'The request is rejected.' });
  });
  return router;
}

/** The whole portal: the registration pages and the connection decisions. */
export const portalWithConnections = (deps: DirectoryDeps & Pick<PortalDeps, 'relay' | 'stepWaitMs'>): Router =>
  Router().use(portalRouter(deps)).use(connectionPortalRouter(deps));
