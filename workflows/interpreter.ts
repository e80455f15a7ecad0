import {
  ApplicationFailure,
  allHandlersFinished,
  condition,
  continueAsNew,
  isCancellation,
  patched,
  setHandler,
} from '@temporalio/workflow';
import type { ActivityOptions } from '@temporalio/common';
import { versionOrFirst, type EngineMachine, type MachineRegistry } from '../machines/definition.js';
import type { QueuedEvent } from './effects.js';
import { MachineRun } from './machineRun.js';
import { patches } from './patches.js';
import {
  acceptsQuery,
  eventSignal,
  eventUpdate,
  snapshotQuery,
  workflowFailureTypes,
  type MachineWorkflowInput,
} from './messages.js';

export const DEFAULT_TRANSITIONS_PER_RUN = 500;

/** The exact version a process runs: the one it started on, never a newer one shipped meanwhile. */
function definitionOf<D extends EngineMachine<never>>(registry: MachineRegistry<D>, args: MachineWorkflowInput): D {
  const version = versionOrFirst(args.version ?? args.carried?.version);
  const definition = registry.get(args.machine, version);
  if (!definition)
    throw ApplicationFailure.nonRetryable(
      `Unknown machine "${args.machine}" version ${version}.`,
      workflowFailureTypes.unknownMachine,
    );
  return definition;
}

/**
 * A queued event delivered again (same id) is taken once. Only envelopes carrying an id reach the
 * patch check, so histories recorded before ids existed replay unchanged.
 */
function isRedelivery(run: MachineRun, eventId: string | undefined): boolean {
  if (!eventId || !patched(patches.queuedEventIds.id)) return false;
  if (run.seenEvent(eventId)) return true;
  run.takeEvent(eventId);
  return false;
}

/** Queries, the Signal and the Update all reach the run; outside events go through its one queue. */
function wireHandlers(run: MachineRun): void {
  setHandler(snapshotQuery, () => run.view());
  setHandler(acceptsQuery, (event) => run.acceptance(event));
  setHandler(eventSignal, (envelope) => {
    if (isRedelivery(run, envelope.eventId)) return;
    run.queue.push({
      event: envelope.event,
      actor: envelope.actor,
      reason: envelope.reason,
      external: true,
      ...(envelope.eventId ? { eventId: envelope.eventId } : {}),
    });
  });
  setHandler(
    eventUpdate,
    async (envelope) => {
      if (isRedelivery(run, envelope.eventId)) return { ...run.result(), duplicate: true };
      let outcome: Parameters<NonNullable<QueuedEvent['settle']>>[0] | undefined;
      run.queue.push({
        event: envelope.event,
        actor: envelope.actor,
        reason: envelope.reason,
        external: true,
        checkedAgainst: run.takePassedCheck(),
        settle: (o) => (outcome = o),
      });
      await condition(() => outcome !== undefined);
      if (outcome && !outcome.ok) throw outcome.failure;
      return run.result();
    },
    {
      validator: (envelope) => {
        // A redelivery is answered (duplicate), not refused because the first one moved the state on.
        if (envelope?.eventId && run.seenEvent(envelope.eventId)) return;
        const failure = run.validateUpdate(envelope?.event);
        if (failure) throw failure;
      },
    },
  );
}

/**
 * Builds the one generic workflow that runs any registered XState machine durably: XState
 * computes each transition purely, and the run (workflows/machineRun.ts) performs what it
 * returns, records it, and feeds outcomes back as events through a single queue.
 */
export function createMachineWorkflow(
  registry: MachineRegistry<EngineMachine<never>>,
  profiles: Record<string, ActivityOptions> = {},
) {
  return async function machineWorkflow(args: MachineWorkflowInput): Promise<unknown> {
    const run = new MachineRun(definitionOf(registry, args), args, profiles);
    const limit = args.transitionsPerRun ?? DEFAULT_TRANSITIONS_PER_RUN;
    wireHandlers(run);
    try {
      await run.begin();
      while (run.status === 'running') {
        await condition(() => run.queue.length > 0 || run.shouldContinueAsNew(limit));
        const item = run.queue.shift();
        if (item) {
          await run.apply(item);
          continue;
        }
        await condition(allHandlersFinished);
        if (run.queue.length > 0) continue;
        await run.settled();
        await continueAsNew<typeof machineWorkflow>({
          ...args,
          version: run.definition.version,
          carried: run.carried(),
        });
      }
      await run.refuseRemaining();
      await condition(allHandlersFinished);
      await run.settled();
      return run.outcome();
    } catch (err) {
      if (isCancellation(err)) await run.recordCancelled();
      throw err;
    }
  };
}
