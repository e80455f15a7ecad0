import crypto from 'node:crypto';
import { Router, type Request } from 'express';
import { waitingLinks } from '../../../activities/officeUsers.js';
import { AppError, notFound } from '../errors.js';
import { nowIso, sendIfAccepted, type DirectoryDeps } from './deps.js';

const hashOf = (token: string) => crypto.createHash('sha256').update(token).digest('hex');

/** A new agent token for the office; only its hash is stored, so it is shown once. */
export async function issueAgentToken(deps: DirectoryDeps, officeId: string): Promise<string> {
  const token = `vat_${crypto.randomBytes(32).toString('base64url')}`;
  const updated = await deps
    .db('offices')
    .where({ id: officeId })
    .update({ agentTokenHash: hashOf(token) });
  if (updated === 0) throw notFound('Office', officeId);
  return token;
}

/** Marks the office's agent online and wakes the links waiting for it; answers how many moved on. */
export async function recordHeartbeat(deps: DirectoryDeps, officeId: string) {
  const agentOnlineAt = nowIso();
  const updated = await deps.db('offices').where({ id: officeId }).update({ agentOnlineAt });
  if (updated === 0) throw notFound('Office', officeId);
  let woken = 0;
  for (const instanceId of await waitingLinks(deps.db, officeId, 'awaitingAgent')) {
    if (await sendIfAccepted(deps.instances, instanceId, { type: 'AGENT_ONLINE' }, 'system', 'agent heartbeat'))
      woken += 1;
  }
  return { id: officeId, agentOnlineAt, woken };
}

const bearerOf = (req: Request) => /^Bearer\s+(\S+)$/i.exec(req.get('authorization') ?? '')?.[1];

/**
 * The heartbeat as the office's agent sends it, with `Authorization: Bearer <agent token>`, and
 * no console session (mounted before session authentication). Without that header the request
 * goes on to the operators' route. A token opens only its own office.
 */
export function agentHeartbeatRouter(deps: DirectoryDeps): Router {
  const router = Router();
  router.post('/offices/:id/agent-heartbeat', async (req, res, next) => {
    const token = bearerOf(req);
    if (!token) return next();
    const id = String(req.params.id);
    const office = (await deps.db('offices').where({ id }).first('agentTokenHash')) as
      { agentTokenHash: string | null } | undefined;
    const expected = Buffer.from(office?.agentTokenHash ?? '', 'hex');
    const given = Buffer.from(hashOf(token), 'hex');
    if (expected.length !== given.length || !crypto.timingSafeEqual(expected, given)) {
      throw new AppError(
        401,
        'invalid_agent_token',
        'This agent token is not valid for this office; issue a new one from the console.',
      );
    }
    const beat = await recordHeartbeat(deps, id);
    await deps.audit.record({
      actor: `agent:offices:${id}`,
      action: 'offices.agent-heartbeat',
      target: `offices:${id}`,
    });
    res.json(beat);
  });
  return router;
}
