import { asBool } from './officeUsers.js';
import { conflict, notFound } from '../errors.js';
import { requestWaitsMs } from '../settings.js';
import type { UnitDeps } from '../unitOfWork.js';
import { pollUntil } from '../waits.js';

export interface ReconnectOutcome {
  id: string;
  instanceId: string;
  /** The state once the re-check has answered (or `linked.checkingConnection` if it is still running). */
  state: string;
}

/**
 * "Try the connection again" for a linked office user: RECONNECT to its officeUserLink process,
 * which re-checks the office agent at once. Asked by an operator (the console) or by the office's
 * user from the portal; an office user who is not linked has no connection to re-check.
 */
export function officeLinkHealthService(deps: UnitDeps) {
  const { db, instances } = deps;

  async function linkedUser(officeUserId: string) {
    const user = (await db('officeUsers').where({ id: officeUserId }).first('id', 'active', 'instanceId')) as
      { id: string; active: unknown; instanceId: string } | undefined;
    if (!user) throw notFound('Office user', officeUserId);
    const inst = (await db('instances').where({ id: user.instanceId }).first('state', 'status')) as
      { state: string; status: string } | undefined;
    const state = inst?.state ?? 'starting';
    if (!asBool(user.active) || inst?.status !== 'running' || !state.startsWith('linked.'))
      throw conflict(
        'not_linked',
        `This office user is not linked (state "${state}"), so there is no connection to try again. Nothing was changed.`,
        { state },
      );
    return user;
  }

  /** Waits briefly for the re-check to answer, reading the projection (not once the server is stopping). */
  const settled = (instanceId: string): Promise<string> =>
    pollUntil(
      async () =>
        ((await db('instances').where({ id: instanceId }).first('state')) as { state: string } | undefined)?.state ??
        '',
      (state) => state !== 'linked.checkingConnection',
      requestWaitsMs.connectionRecheck,
      deps.stopping,
    );

  return {
    async reconnect(officeUserId: string, actor: string, reason?: string): Promise<ReconnectOutcome> {
      const user = await linkedUser(officeUserId);
      await instances.send(user.instanceId, { event: { type: 'RECONNECT' }, actor, reason: reason ?? 'try again' });
      await deps.audit.record({
        actor,
        action: 'officeUsers.reconnect',
        target: `officeUsers:${officeUserId}`,
        ...(reason ? { reason } : {}),
      });
      return { id: officeUserId, instanceId: user.instanceId, state: await settled(user.instanceId) };
    },
  };
}
