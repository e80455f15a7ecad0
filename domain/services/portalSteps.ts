import type { Knex } from 'knex';
import { officesOfIdentity, verifyPassword, type OfficeMembership } from '../directory/identities.js';
import { enqueueEvent, queuedEvent, queuedEventByToken, type NewQueuedEvent } from '../events/queue.js';
import { DomainError } from '../errors.js';
import type { EventDelivery } from '../ports.js';
import { waitForState } from '../processes.js';
import { waitOrStop } from '../waits.js';
import { consumePortalToken, portalTokenId, type PortalTokenRow } from '../tokens.js';

// A person's step through the portal is durable before it is acknowledged: the token's use, what
// the person did and the event for the process commit in one transaction (record); the relay
// then delivers the event. A retry of the same request finds that step (replay) and gets its
// outcome instead of "link already used".

export interface PortalStepDeps {
  db: Knex;
  delivery: EventDelivery;
  tokenSecret: string;
  /** How long a request waits for the process to take the step before answering "recorded". */
  waitMs: number;
  /** The server is shutting down: a waiting step answers "recorded" at once. */
  stopping?: AbortSignal;
}

/** The step's outcome: taken by the process (its state), or recorded and applied later. */
export type StepOutcome =
  | { state: string; offices: OfficeMembership[] }
  | { state: 'recorded'; recorded: true; message: string; offices: OfficeMembership[] };

/** Where the process goes once it takes the step the link was for. */
export const doneStates: Record<PortalTokenRow['purpose'], string[]> = { register: ['registered'], link: ['linked'] };

const used = () => new DomainError('gone', 'token_gone', 'This link was already used.', { reason: 'used' });
const refused = () =>
  new DomainError(
    'conflict',
    'process_ended',
    'Your step was recorded, but the registration had already ended or moved on. Ask your office to send a new link.',
  );

export function portalStepService(deps: PortalStepDeps) {
  const { db } = deps;

  /**
   * Waits for a recorded step: delivers its event now (the relay would otherwise, within
   * seconds) and waits for the process to take it; `recorded` when Temporal or the worker is
   * away, or the server is shutting down; refused (`process_ended`) when the process had ended or
   * moved on meanwhile.
   */
  async function outcomeOf(step: { eventId: string; identityId: string; token: PortalTokenRow }): Promise<StepOutcome> {
    const started = Date.now();
    const { stopping } = deps;
    // Temporal away can make a Signal hang for a while: the person is not kept waiting past waitMs.
    const delivered = await Promise.race([
      deps.delivery.deliver(step.eventId).catch(() => 'retry' as const),
      waitOrStop(deps.waitMs, 'slow' as const, stopping),
    ]);
    const row = await queuedEvent(db, step.eventId);
    if (delivered === 'refused' || row?.status === 'refused') throw refused();
    const states = doneStates[step.token.purpose];
    const left = deps.waitMs - (Date.now() - started);
    // The process may also refuse the delivered Signal (its state moved on): its row then says so.
    const refusedMeanwhile = async () => (await queuedEvent(db, step.eventId))?.status === 'refused';
    const state =
      left > 0
        ? await waitForState(db, step.token.instanceId, states, left, { giveUp: refusedMeanwhile, stopping })
        : undefined;
    if (!(state && states.includes(state)) && (await refusedMeanwhile())) throw refused();
    const offices = await officesOfIdentity(db, step.identityId);
    if (state && states.includes(state)) return { state, offices };
    return {
      state: 'recorded',
      recorded: true,
      message:
        'Your step was recorded and will be applied as soon as the service catches up. There is nothing more to do; you may close this page.',
      offices,
    };
  }

  return {
    /**
     * Uses the token, runs `change` (what the person did) and queues the event, all or nothing,
     * then waits for the process as `outcomeOf` says. Another request that used the token first
     * makes this one a 410 with nothing changed.
     */
    async take(
      token: PortalTokenRow,
      change: (trx: Knex.Transaction) => Promise<{ identityId: string; event: NewQueuedEvent['event'] }>,
    ): Promise<StepOutcome> {
      const step = await db.transaction(async (trx) => {
        if (!(await consumePortalToken(trx, token.id))) throw used();
        const { identityId, event } = await change(trx);
        const eventId = await enqueueEvent(trx, {
          instanceId: token.instanceId,
          event,
          actor: `user:${identityId}`,
          tokenId: token.id,
        });
        return { eventId, identityId };
      });
      return outcomeOf({ ...step, token });
    },

    /**
     * A used token presented again with the password of the step it made: the same outcome as
     * the first time. Any other password is refused as a used link (`original`), nothing changed.
     */
    async replay(token: string, password: string, original: unknown): Promise<StepOutcome> {
      const id = portalTokenId(deps.tokenSecret, token);
      const step = await queuedEventByToken(db, id);
      const row = (await db('portalTokens').where({ id }).first()) as PortalTokenRow | undefined;
      if (!step || !row || !row.usedAt) throw original;
      const outcome = await verifyPassword(db, row.email, password);
      if (!outcome.ok && outcome.reason === 'throttled')
        throw new DomainError(
          'throttled',
          'too_many_attempts',
          `Too many wrong passwords. Try again in ${outcome.retryAfterSeconds} s.`,
          { retryAfterSeconds: outcome.retryAfterSeconds },
        );
      if (!outcome.ok || step.actor !== `user:${outcome.identityId}`) throw used();
      return outcomeOf({ eventId: step.id, identityId: outcome.identityId, token: row });
    },
  };
}

export type PortalStepService = ReturnType<typeof portalStepService>;
