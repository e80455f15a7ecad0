import type { Response } from 'express';
import type { Knex } from 'knex';
import { officesOfIdentity, verifyPassword } from '../../domain/directory/identities.js';
import { enqueueEvent, queuedEvent, queuedEventByToken, type NewQueuedEvent } from '../../domain/events/queue.js';
import { consumePortalToken, portalTokenId, TokenError, type PortalTokenRow } from '../../domain/tokens.js';
import type { EventRelay } from '../temporal/relay.js';
import { throttled } from '../http/directory/passwordErrors.js';
import { AppError } from '../http/errors.js';
import { tokenFailure, waitForState } from './tokens.js';

// A person's step through the portal is durable before it is acknowledged: the token's use, what
// the person did and the event for the process commit in one transaction (recordStep); the relay
// then delivers the event. A retry of the same request finds that step (replayStep) and gets its
// outcome instead of "link already used".

export interface StepDeps {
  db: Knex;
  relay: EventRelay;
  tokenSecret: string;
  /** How long a request waits for the process to take the step before answering "recorded". */
  waitMs: number;
}

/** Where the process goes once it takes the step the link was for. */
export const doneStates: Record<PortalTokenRow['purpose'], string[]> = { register: ['registered'], link: ['linked'] };

const used = () => tokenFailure(new TokenError('used', 'This link was already used.'));

/**
 * Uses the token, runs `change` (what the person did) and queues the event, all or nothing.
 * Another request that used the token first makes this one a 410 with nothing changed.
 */
export async function recordStep(
  db: Knex,
  token: PortalTokenRow,
  change: (trx: Knex.Transaction) => Promise<{ identityId: string; event: NewQueuedEvent['event'] }>,
): Promise<{ eventId: string; identityId: string }> {
  return db.transaction(async (trx) => {
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
}

/**
 * Answers a recorded step: delivers its event now (the relay would otherwise, within seconds) and
 * waits for the process to take it. 200 with the state as before when it did; 202 "recorded, will
 * be applied" when Temporal or the worker is away; 409 when the process had ended meanwhile.
 */
export async function answerStep(
  deps: StepDeps,
  res: Response,
  step: { eventId: string; identityId: string; token: PortalTokenRow },
): Promise<void> {
  const started = Date.now();
  // Temporal away can make a Signal hang for a while: the person is not kept waiting past waitMs.
  const outcome = await Promise.race([
    deps.relay.deliver(step.eventId).catch(() => 'retry' as const),
    new Promise<'slow'>((resolve) => setTimeout(() => resolve('slow'), deps.waitMs).unref()),
  ]);
  const refused = () =>
    new AppError(
      409,
      'process_ended',
      'Your step was recorded, but the registration had already ended or moved on. Ask your office to send a new link.',
    );
  const row = await queuedEvent(deps.db, step.eventId);
  if (outcome === 'refused' || row?.status === 'refused') throw refused();
  const states = doneStates[step.token.purpose];
  const left = deps.waitMs - (Date.now() - started);
  // The process may also refuse the delivered Signal (its state moved on): its row then says so.
  const refusedMeanwhile = async () => (await queuedEvent(deps.db, step.eventId))?.status === 'refused';
  const state =
    left > 0 ? await waitForState(deps.db, step.token.instanceId, states, left, refusedMeanwhile) : undefined;
  if (!(state && states.includes(state)) && (await refusedMeanwhile())) throw refused();
  const offices = await officesOfIdentity(deps.db, step.identityId);
  if (state && states.includes(state)) {
    res.json({ state, offices });
    return;
  }
  res.status(202).json({
    state: 'recorded',
    recorded: true,
    message:
      'Your step was recorded and will be applied as soon as the service catches up. There is nothing more to do; you may close this page.',
    offices,
  });
}

/**
 * A used token presented again with the password of the step it made: the same outcome as the
 * first time. Any other password is refused as a used link, and nothing changes.
 */
export async function replayStep(
  deps: StepDeps,
  res: Response,
  token: string,
  password: string,
  original: unknown,
): Promise<void> {
  const id = portalTokenId(deps.tokenSecret, token);
  const step = await queuedEventByToken(deps.db, id);
  const row = (await deps.db('portalTokens').where({ id }).first()) as PortalTokenRow | undefined;
  if (!step || !row || !row.usedAt) throw original;
  const outcome = await verifyPassword(deps.db, row.email, password);
  if (!outcome.ok && outcome.reason === 'throttled') throw throttled(res, outcome.retryAfterSeconds);
  if (!outcome.ok || step.actor !== `user:${outcome.identityId}`) throw used();
  await answerStep(deps, res, { eventId: step.id, identityId: outcome.identityId, token: row });
}
