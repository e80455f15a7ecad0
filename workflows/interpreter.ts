import {
  ApplicationFailure,
  CancellationScope,
  allHandlersFinished,
  condition,
  continueAsNew,
  isCancellation,
  log,
  proxyLocalActivities,
  setHandler,
  upsertSearchAttributes,
  workflowInfo,
} from '@temporalio/workflow';
import type { ActivityOptions } from '@temporalio/common';
import { createActor, initialTransition, transition, type AnyMachineSnapshot } from 'xstate';
import type { createProjectionActivities } from '../activities/projection.js';
import { projectionProfile } from '../activities/profiles.js';
import { stateToString, type EntityKey, type MachineDefinition, type MachineRegistry } from '../machines/definition.js';
import { Effects, describeFailure, type QueuedEvent, type XStateAction } from './effects.js';
import {
  acceptsQuery,
  eventSignal,
  eventUpdate,
  snapshotQuery,
  type InstanceStatus,
  type MachineWorkflowInput,
} from './messages.js';
import { acceptanceOf, refusalOf } from './refusal.js';
import { entityKey, machineKey, machineVersionKey, stateKey } from './searchAttributes.js';
import { snapshotView } from './snapshotView.js';

const { recordTransition } = proxyLocalActivities<ReturnType<typeof createProjectionActivities>>(projectionProfile);

export const DEFAULT_TRANSITIONS_PER_RUN = 500;

function definitionOf(registry: MachineRegistry, id: string): MachineDefinition<unknown> {
  const definition = registry[id];
  if (!definition) throw ApplicationFailure.nonRetryable(`Unknown machine "${id}".`, 'UnknownMachine');
  return definition;
}

/**
 * Builds the one generic workflow that runs any registered XState machine durably: XState
 * computes each transition purely, and this workflow performs what it returns (activities,
 * timers), records it, and feeds outcomes back as events through a single queue.
 */
export function createMachineWorkflow(registry: MachineRegistry, profiles: Record<string, ActivityOptions> = {}) {
  return async function machineWorkflow(args: MachineWorkflowInput): Promise<unknown> {
    const definition = definitionOf(registry, args.machine);
    const machine = definition.machine;
    const entity: EntityKey = definition.entity(args.input as never);
    const queue: QueuedEvent[] = [];
    const effects = new Effects((item) => queue.push(item), profiles);
    const limit = args.transitionsPerRun ?? DEFAULT_TRANSITIONS_PER_RUN;
    let status: InstanceStatus = 'running';
    let seq = args.carried?.seq ?? 0;
    let lastError = args.carried?.lastError;
    let appliedThisRun = 0;
    let runningAction: { id: string; name: string; since: number } | undefined;
    let needsOperator = args.carried?.needsOperator ?? false;
    // A machine asks for a fresh run by entering a state tagged `continueAsNew` (e.g. after a renewal).
    let continueRequested = false;
    const startedAt = args.carried?.startedAt ?? new Date(workflowInfo().startTime).toISOString();

    let snapshot: AnyMachineSnapshot;
    let initialActions: XStateAction[] = [];
    if (args.carried) {
      // Restoring through an actor that is never started rebuilds the snapshot without running anything.
      snapshot = createActor(machine, {
        snapshot: args.carried.persistedSnapshot as never,
        input: args.input as never,
      }).getSnapshot();
    } else {
      [snapshot, initialActions] = initialTransition(machine, args.input as never) as [
        AnyMachineSnapshot,
        XStateAction[],
      ];
    }
    let publishedState = '';

    const view = () => snapshotView({ definition, entity, snapshot, status, seq, effects, runningAction, lastError });

    setHandler(snapshotQuery, view);
    setHandler(acceptsQuery, (event) => acceptanceOf(definition, snapshot, status, event));
    setHandler(eventSignal, (envelope) => {
      queue.push({ event: envelope.event, actor: envelope.actor, reason: envelope.reason, external: true });
    });
    setHandler(
      eventUpdate,
      async (envelope) => {
        let outcome: Parameters<NonNullable<QueuedEvent['settle']>>[0] | undefined;
        queue.push({
          event: envelope.event,
          actor: envelope.actor,
          reason: envelope.reason,
          external: true,
          settle: (o) => (outcome = o),
        });
        await condition(() => outcome !== undefined);
        if (outcome && !outcome.ok) throw outcome.failure;
        return { state: stateToString(snapshot.value), status, seq };
      },
      {
        validator: (envelope) => {
          const failure = refusalOf(definition, snapshot, status, envelope?.event);
          if (failure) throw failure;
        },
      },
    );

    function publishSearchAttributes(state: string) {
      if (state === publishedState) return;
      publishedState = state;
      upsertSearchAttributes([
        { key: machineKey, value: definition.id },
        { key: machineVersionKey, value: definition.version },
        { key: stateKey, value: state },
        { key: entityKey, value: `${entity.entityType}:${entity.entityId}` },
      ]);
    }

    async function runNamedActions(actions: XStateAction[]) {
      for (const action of actions) {
        runningAction = { id: `${seq}:${action.type}`, name: action.type, since: Date.now() };
        try {
          await effects.activity(action.type)(action.params ?? {});
        } catch (err) {
          if (isCancellation(err)) throw err;
          const error = describeFailure(err);
          lastError = `${action.type}: ${error.message}`;
          queue.unshift({
            event: { type: `ACTION_FAILED.${action.type}`, action: action.type, error },
            actor: 'system',
          });
          // Later actions of the same step usually depend on this one, so they are not attempted.
          break;
        } finally {
          runningAction = undefined;
        }
      }
    }

    async function record(from: string | null, eventType: string, actor: string, reason?: string) {
      const to = stateToString(snapshot.value);
      const nextTimerAt = effects.nextTimerAt();
      await recordTransition({
        instanceId: workflowInfo().workflowId,
        seq,
        from,
        to,
        event: eventType,
        actor,
        reason,
        at: new Date().toISOString(),
        machine: definition.id,
        machineVersion: definition.version,
        status,
        entityType: entity.entityType,
        entityId: entity.entityId,
        officeId: entity.officeId,
        startedAt,
        nextTimerAt: nextTimerAt === undefined ? null : new Date(nextTimerAt).toISOString(),
        stuck: status === 'running' && (snapshot.hasTag('stuck') || needsOperator),
        lastError: lastError ?? null,
      });
      publishSearchAttributes(to);
    }

    function statusAfter(s: AnyMachineSnapshot): InstanceStatus {
      if (s.status === 'done') return 'completed';
      if (s.status === 'error') return 'failed';
      return 'running';
    }

    /** Refuses what the machine cannot take; returns false when the item is not to be applied. */
    async function admit(item: QueuedEvent): Promise<boolean> {
      if (item.origin && !effects.claim(item.origin)) return false; // stale: its state was left meanwhile
      if (item.external) {
        const failure = refusalOf(definition, snapshot, status, item.event);
        if (!failure) return true;
        if (item.settle) item.settle({ ok: false, failure });
        else log.warn('Signal refused', { event: item.event.type, reason: failure.message });
        return false;
      }
      if (snapshot.can(item.event)) return true;
      if (item.event.type.startsWith('ACTION_FAILED.')) {
        // The machine does not handle this failure: the process stays where it is, flagged for an operator.
        needsOperator = true;
        seq += 1;
        await record(stateToString(snapshot.value), item.event.type, item.actor, lastError);
        return false;
      }
      // An invoke failure nobody handles puts XState's snapshot in error: apply it so the process fails visibly.
      return item.event.type.startsWith('xstate.error.actor.');
    }

    async function apply(item: QueuedEvent) {
      if (!(await admit(item))) return;
      const from = stateToString(snapshot.value);
      const [next, actions] = transition(machine, snapshot, item.event) as [AnyMachineSnapshot, XStateAction[]];
      continueRequested ||= next.hasTag('continueAsNew') && !snapshot.hasTag('continueAsNew');
      snapshot = next;
      seq += 1;
      appliedThisRun += 1;
      status = statusAfter(snapshot);
      if (stateToString(snapshot.value) !== from) needsOperator = false;
      if (status !== 'running') effects.stopAll();
      const named = status === 'running' ? effects.start(actions) : [];
      await record(from, item.event.type, item.actor, item.reason);
      item.settle?.({ ok: true });
      await runNamedActions(named);
    }

    const shouldContinueAsNew = () =>
      queue.length === 0 &&
      effects.invokes.size === 0 &&
      (appliedThisRun >= limit || continueRequested || workflowInfo().continueAsNewSuggested);

    try {
      if (args.carried) {
        for (const t of args.carried.timers) effects.armTimer(t.id, t.event, t.fireAt);
        publishSearchAttributes(stateToString(snapshot.value));
      } else {
        status = statusAfter(snapshot);
        const named = effects.start(initialActions);
        await record(null, 'xstate.init', args.actor ?? 'system', args.reason);
        await runNamedActions(named);
      }
      while (status === 'running') {
        await condition(() => queue.length > 0 || shouldContinueAsNew());
        const item = queue.shift();
        if (item) {
          await apply(item);
          continue;
        }
        await condition(allHandlersFinished);
        if (queue.length > 0) continue;
        await continueAsNew<typeof machineWorkflow>({
          ...args,
          carried: {
            persistedSnapshot: machine.getPersistedSnapshot(snapshot),
            timers: effects.pendingTimers(),
            seq,
            startedAt,
            lastError,
            needsOperator,
          },
        });
      }
      // Events queued behind the one that ended the process are refused, so their callers get an answer.
      for (const item of queue.splice(0)) {
        const failure = refusalOf(definition, snapshot, status, item.event);
        if (item.settle && failure) item.settle({ ok: false, failure });
      }
      await condition(allHandlersFinished);
      if (status === 'failed')
        throw ApplicationFailure.nonRetryable(
          `The machine failed: ${describeFailure(snapshot.error).message}`,
          'MachineFailed',
        );
      return snapshot.output;
    } catch (err) {
      if (isCancellation(err)) {
        status = 'cancelled';
        effects.stopAll();
        seq += 1;
        const state = stateToString(snapshot.value);
        await CancellationScope.nonCancellable(() => record(state, 'workflow.cancelled', 'system'));
      }
      throw err;
    }
  };
}
