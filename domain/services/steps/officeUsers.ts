import { StepFailure } from '../../steps.js';
import type { Knex } from 'knex';
import type { Notify } from '../../ports.js';
import { activityFailureTypes } from '../../../machines/failureTypes.js';
import { isAgentOnline, waitingLinks } from '../../directory/officeLinks.js';
import { enqueueEvent } from '../../events/queue.js';

// The directory side of officeUserLink. Each step is safe to repeat.

export type { Notify };

export interface OfficeUserStepDeps {
  db: Knex;
  notify?: Notify;
  /** How recent the office agent's last heartbeat must be for it to count as online. */
  agentOnlineWindowMs: number;
}

interface OfficeUserRow {
  id: string;
  officeId: string;
  role: 'manager' | 'staff';
  active: boolean | number;
  identityId: string | null;
  linkedAt: string | null;
}

async function loadOfficeUser(db: Knex, officeUserId: string): Promise<OfficeUserRow> {
  const row = (await db('officeUsers').where({ id: officeUserId }).first()) as OfficeUserRow | undefined;
  if (!row)
    throw new StepFailure(`Office user ${officeUserId} does not exist.`, activityFailureTypes.officeUserNotFound);
  return row;
}

async function isManagerLinked(db: Knex, user: OfficeUserRow): Promise<boolean> {
  if (user.role === 'manager') return true;
  const manager = await db('officeUsers')
    .where({ officeId: user.officeId, role: 'manager', active: true })
    .whereNotNull('linkedAt')
    .first('id');
  return !!manager;
}

export function officeUserSteps(deps: OfficeUserStepDeps) {
  const { db } = deps;
  return {
    /** What the link still waits for: the office's manager (for staff) and the communication agent. */
    async checkOfficeUserLink({
      officeUserId,
    }: {
      officeUserId: string;
    }): Promise<{ managerLinked: boolean; agentOnline: boolean }> {
      const user = await loadOfficeUser(db, officeUserId);
      return {
        managerLinked: await isManagerLinked(db, user),
        agentOnline: await isAgentOnline(db, user.officeId, deps.agentOnlineWindowMs),
      };
    },

    /** Links the verified account, re-checking the rules; a manager's link wakes the staff waiting for it. */
    async linkOfficeUser({ officeUserId, identityId }: { officeUserId: string; identityId: string }): Promise<void> {
      const user = await loadOfficeUser(db, officeUserId);
      if (!(await isManagerLinked(db, user)))
        throw new StepFailure('The office manager is not linked yet.', activityFailureTypes.managerNotLinked);
      if (!(await isAgentOnline(db, user.officeId, deps.agentOnlineWindowMs))) {
        throw new StepFailure('The office communication agent is offline.', activityFailureTypes.agentOffline);
      }
      const identity = await db('identities').where({ id: identityId }).whereNotNull('passwordHash').first('id');
      const taken = await db('officeUsers')
        .where({ officeId: user.officeId, identityId, active: true })
        .whereNot({ id: officeUserId })
        .first('id');
      if (!identity || taken) {
        throw new StepFailure(
          'This account cannot be linked: it is unknown or already linked to another user of the office.',
          activityFailureTypes.identityUnusable,
        );
      }
      // The link and the wake-up of the staff waiting for this manager commit together; a retry
      // queues nothing twice (each wake-up is keyed by the manager and the staff's process).
      const wake = await db.transaction(async (trx) => {
        if (user.identityId !== identityId || !user.linkedAt) {
          await trx('officeUsers')
            .where({ id: officeUserId })
            .update({ identityId, linkedAt: new Date().toISOString() });
        }
        if (user.role !== 'manager') return [];
        const ids: string[] = [];
        for (const instanceId of await waitingLinks(trx, user.officeId, 'awaitingManager'))
          ids.push(
            await enqueueEvent(trx, {
              instanceId,
              event: { type: 'MANAGER_LINKED' },
              actor: 'system',
              reason: 'office manager linked',
              onceKey: `MANAGER_LINKED:${officeUserId}:${instanceId}`,
            }),
          );
        return ids;
      });
      for (const eventId of wake) await deps.notify?.(eventId).catch(() => {});
    },

    /** Whether the office's agent reported within the window (officeUserLink version 2 watches it while linked). */
    async checkAgentConnection({ officeUserId }: { officeUserId: string }): Promise<{ online: boolean }> {
      const user = await loadOfficeUser(db, officeUserId);
      return { online: await isAgentOnline(db, user.officeId, deps.agentOnlineWindowMs) };
    },

    /** Deactivation: the account is no longer linked and the e-mail is free for another user. */
    async unlinkOfficeUser({ officeUserId }: { officeUserId: string }): Promise<void> {
      await loadOfficeUser(db, officeUserId);
      await db('officeUsers').where({ id: officeUserId }).update({ identityId: null, linkedAt: null, active: false });
    },
  };
}
