import { Router, type Request } from 'express';
import { AppError } from '../errors.js';
import type { RouterDeps } from './deps.js';

const bearerOf = (req: Request) => /^Bearer\s+(\S+)$/i.exec(req.get('authorization') ?? '')?.[1];

/**
 * The heartbeat as the office's agent sends it, with `Authorization: Bearer <agent token>`, and
 * no console session (mounted before session authentication). Without that header the request
 * goes on to the operators' route. A token opens only its own office.
 */
export function agentHeartbeatRouter(deps: RouterDeps): Router {
  const offices = deps.services.offices;
  const router = Router();
  router.post('/offices/:id/agent-heartbeat', async (req, res, next) => {
    const token = bearerOf(req);
    if (!token) return next();
    const id = String(req.params.id);
    if (!(await offices.agentTokenMatches(id, token))) {
      throw new AppError(
        401,
        'invalid_agent_token',
        'This agent token is not valid for this office; issue a new one from the console.',
      );
    }
    res.json(await offices.recordHeartbeat(id, `agent:offices:${id}`));
  });
  return router;
}
