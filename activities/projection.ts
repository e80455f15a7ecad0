import type { Knex } from 'knex';
import { labelOf } from '../domain/directory/instanceLabels.js';

export interface TransitionRecord {
  instanceId: string;
  seq: number;
  from: string | null;
  to: string;
  event: string;
  actor: string;
  reason?: string;
  at: string;
  machine: string;
  machineVersion: number;
  status: string;
  entityType: string;
  entityId: string;
  officeId?: string;
  startedAt: string;
  nextTimerAt: string | null;
  stuck: boolean;
  lastError: string | null;
}

/**
 * Writes the read model the console lists from. Called as a local activity on every applied
 * transition; a retried or replayed call finds its row already there and changes nothing.
 */
export function createProjectionActivities(deps: { db: Knex }) {
  const { db } = deps;
  return {
    /** Records one applied transition and the instance's new position. */
    async recordTransition(r: TransitionRecord): Promise<void> {
      await db.transaction(async (trx) => {
        await trx('transitions')
          .insert({
            instanceId: r.instanceId,
            seq: r.seq,
            from: r.from,
            to: r.to,
            event: r.event,
            actor: r.actor,
            reason: r.reason ?? null,
            at: r.at,
          })
          .onConflict(['instanceId', 'seq'])
          .ignore();
        // A directory change rewrites the labels of its processes (refreshLabelsOf) under this row's
        // lock; taking it before reading the names keeps a label read just before that change from
        // being written over the new one. SQLite's write transactions already run one at a time.
        if (trx.client.config.client === 'pg')
          await trx('instances').where({ id: r.instanceId }).forUpdate().first('id');
        const row = {
          machine: r.machine,
          machineVersion: r.machineVersion,
          state: r.to,
          status: r.status,
          entityType: r.entityType,
          entityId: r.entityId,
          officeId: r.officeId ?? null,
          updatedAt: r.at,
          nextTimerAt: r.nextTimerAt,
          stuck: r.stuck,
          lastError: r.lastError,
          lastSeq: r.seq,
          // A process that moves again has left any workflow task failure behind (server/temporal/taskFailures.ts).
          taskFailureType: null,
          taskFailureMessage: null,
          taskFailingSince: null,
          taskFailures: 0,
          // Names are read here, never carried by the workflow: no personal data in Temporal's history.
          ...(await labelOf(trx, r)),
        };
        // Only a newer transition may move the instance row: replays and retries arrive late.
        const updated = await trx('instances').where({ id: r.instanceId }).andWhere('lastSeq', '<=', r.seq).update(row);
        if (updated === 0) {
          await trx('instances')
            .insert({ id: r.instanceId, startedAt: r.startedAt, ...row })
            .onConflict('id')
            .ignore();
        }
      });
    },

    /**
     * A queued event its process refused after the relay delivered it (the state had moved on):
     * its row becomes `refused` with the reason, for operators; never retried. Safe to repeat.
     */
    async recordRefusedEvent(r: { eventId: string; reason: string; at: string }): Promise<void> {
      await db('queuedEvents')
        .where({ id: r.eventId })
        .whereIn('status', ['pending', 'delivered'])
        .update({ status: 'refused', lastError: r.reason.slice(0, 500), settledAt: r.at, claimedUntil: null });
    },
  };
}
