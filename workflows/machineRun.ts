import {
  ApplicationFailure,
  CancellationScope,
  isCancellation,
  log,
  patched,
  workflowInfo,
} from '@temporalio/workflow';
import type { ActivityOptions } from '@temporalio/common';
import {
  createActor,
  initialTransition,
  transition,
  type AnyMachineSnapshot,
  type ExecutableActionObject,
} from 'xstate';
import { stateToString, type EngineMachine, type EntityKey } from '../machines/definition.js';
import { Effects, describeFailure, type QueuedEvent } from './effects.js';
import {
  refusalTypes,
  workflowFailureTypes,
  type AcceptanceView,
  type CarriedState,
  type InstanceStatus,
  type MachineWorkflowInput,
  type SnapshotView,
} from './messages.js';
import { acceptanceOf, refusalOf } from './refusal.js';
import { patches } from './patches.js';
import { Recorder } from './recorder.js';
import { snapshotView } from './snapshotView.js';

const MAX_EVENT_IDS = 1000;

function statusAfter(s: AnyMachineSnapshot): InstanceStatus {
  if (s.status === 'done') return 'completed';
  if (s.status === 'error') return 'failed';
  return 'running';
}

/**
 * One run of one process: the machine's snapshot and the engine's bookkeeping around it. It
 * takes queued events one at a time, applies what the machine accepts, records every applied
 * transition, and runs the named actions a step returns. The workflow function only wires
 * Temporal's handlers to it and drives its loop.
 */
export class MachineRun {
  readonly queue: QueuedEvent[] = [];
  /** Queued Signals refused mid-step, waiting for that step's outcome (patch `queued-signals-wait-for-step`). */
  private readonly waiting: QueuedEvent[] = [];
  readonly effects: Effects;
  readonly entity: EntityKey;
  status: InstanceStatus = 'running';
  private snapshot: AnyMachineSnapshot;
  private initialActions: ExecutableActionObject[] = [];
  private seq: number;
  private lastError: string | undefined;
  private needsOperator: boolean;
  private appliedThisRun = 0;
  /** A machine asks for a fresh run by entering a state tagged `continueAsNew` (e.g. after a renewal). */
  private continueRequested = false;
  private runningAction: { id: string; name: string; since: number } | undefined;
  private readonly startedAt: string;
  private readonly recorder: Recorder;
  /** Queued-event ids already taken, newest last; bounded so a long-lived process stays small. */
  private readonly eventIds: string[];
  /** The snapshot the last Update validator passed an event against (see validateUpdate). */
  private passedCheck: AnyMachineSnapshot | undefined;

  constructor(
    readonly definition: EngineMachine<never>,
    private readonly args: MachineWorkflowInput,
    profiles: Record<string, ActivityOptions>,
  ) {
    const carried = args.carried;
    this.entity = definition.entity(args.input as never);
    this.effects = new Effects((item) => this.queue.push(item), profiles);
    this.seq = carried?.seq ?? 0;
    this.lastError = carried?.lastError;
    this.needsOperator = carried?.needsOperator ?? false;
    this.eventIds = [...(carried?.eventIds ?? [])];
    this.startedAt = carried?.startedAt ?? new Date(workflowInfo().startTime).toISOString();
    this.recorder = new Recorder(definition, this.entity, this.startedAt);
    if (carried) {
      // Restoring through an actor that is never started rebuilds the snapshot without running anything.
      this.snapshot = createActor(definition.machine, {
        snapshot: carried.persistedSnapshot as never,
        input: args.input as never,
      }).getSnapshot();
    } else {
      [this.snapshot, this.initialActions] = initialTransition(definition.machine, args.input as never);
    }
  }

  get state(): string {
    return stateToString(this.snapshot.value);
  }

  view(): SnapshotView {
    const { definition, entity, snapshot, status, seq, effects, runningAction, lastError } = this;
    return snapshotView({ definition, entity, snapshot, status, seq, effects, runningAction, lastError });
  }

  /** An invoked step has not returned its result yet. */
  private get stepInFlight(): boolean {
    return this.effects.invokes.size > 0;
  }

  acceptance(event: unknown): AcceptanceView {
    const view = acceptanceOf(this.definition, this.snapshot, this.status, event);
    if (view.ok || view.type !== refusalTypes.notAllowed || !this.stepInFlight) return view;
    return { ...view, stepInFlight: true };
  }

  refusal(event: unknown): ApplicationFailure | undefined {
    return refusalOf(this.definition, this.snapshot, this.status, event);
  }

  /**
   * The Update validator's check. Temporal runs the handler synchronously right after its
   * validator, so the handler can take the snapshot this check passed against and spare the
   * same check at the head of the queue when nothing moved in between.
   */
  validateUpdate(event: unknown): ApplicationFailure | undefined {
    const failure = this.refusal(event);
    this.passedCheck = failure ? undefined : this.snapshot;
    return failure;
  }

  /** The snapshot the validator just passed the Update's event against, once. */
  takePassedCheck(): AnyMachineSnapshot | undefined {
    const passed = this.passedCheck;
    this.passedCheck = undefined;
    return passed;
  }

  result(): { state: string; status: InstanceStatus; seq: number } {
    return { state: this.state, status: this.status, seq: this.seq };
  }

  /** Whether a queued event with this id was already taken (applied or refused once). */
  seenEvent(eventId: string): boolean {
    return this.eventIds.includes(eventId);
  }

  /** Remembers a queued event's id; the oldest are forgotten past a thousand (redeliveries come within minutes). */
  takeEvent(eventId: string): void {
    this.eventIds.push(eventId);
    if (this.eventIds.length > MAX_EVENT_IDS) this.eventIds.splice(0, this.eventIds.length - MAX_EVENT_IDS);
  }

  /** A new process records its first step; a continued one re-arms the timers it carried. */
  async begin(): Promise<void> {
    const carried = this.args.carried;
    if (carried) {
      for (const t of carried.timers) this.effects.armTimer(t.id, t.event, t.fireAt);
      this.recorder.publish(this.state);
      return;
    }
    this.status = statusAfter(this.snapshot);
    const named = this.effects.start(this.initialActions);
    await this.record(null, 'xstate.init', this.args.actor ?? 'system', this.args.reason);
    await this.runNamedActions(named);
  }

  /** Applies one queued event when the machine takes it: transition, record, then its named actions. */
  async apply(item: QueuedEvent): Promise<void> {
    if (!(await this.admitOrFlag(item))) return;
    const from = this.state;
    const [next, actions] = transition(this.definition.machine, this.snapshot, item.event);
    this.continueRequested ||= next.hasTag('continueAsNew') && !this.snapshot.hasTag('continueAsNew');
    this.snapshot = next;
    this.seq += 1;
    this.appliedThisRun += 1;
    this.status = statusAfter(this.snapshot);
    if (this.state !== from) this.needsOperator = false;
    if (this.status !== 'running') this.effects.stopAll();
    const named = this.status === 'running' ? this.effects.start(actions) : [];
    await this.record(from, item.event.type, item.actor, item.reason);
    item.settle?.({ ok: true });
    // Events that waited for a step are offered again, first, now that the state has moved.
    if (this.waiting.length > 0) this.queue.unshift(...this.waiting.splice(0));
    await this.runNamedActions(named);
  }

  /**
   * Decides whether an item is to be applied. Stale outcomes and refused outside events are
   * dropped (an Update hears why); an action failure the machine does not handle is not applied
   * but recorded, and flags the process for an operator.
   */
  private async admitOrFlag(item: QueuedEvent): Promise<boolean> {
    if (item.origin && !this.effects.claim(item.origin)) return false; // stale: its state was left meanwhile
    if (item.external) {
      // Checked by the Update validator against this very snapshot: the verdict stands. Replays
      // skip validators, so they check here and reach the same verdict.
      if (item.checkedAgainst !== undefined && item.checkedAgainst === this.snapshot && this.status === 'running')
        return true;
      const failure = this.refusal(item.event);
      if (!failure) return true;
      if (item.settle) item.settle({ ok: false, failure });
      else if (this.mayWaitForStep(item)) this.waiting.push(item);
      else await this.signalRefused(item, failure);
      return false;
    }
    if (this.snapshot.can(item.event)) return true;
    if (item.event.type.startsWith('ACTION_FAILED.')) {
      this.needsOperator = true;
      this.seq += 1;
      await this.record(this.state, item.event.type, item.actor, this.lastError);
      return false;
    }
    // An invoke failure nobody handles puts XState's snapshot in error: apply it so the process fails visibly.
    return item.event.type.startsWith('xstate.error.actor.');
  }

  private async runNamedActions(actions: ExecutableActionObject[]): Promise<void> {
    for (const action of actions) {
      this.runningAction = { id: `${this.seq}:${action.type}`, name: action.type, since: Date.now() };
      try {
        await this.effects.activity(action.type)(action.params ?? {});
      } catch (err) {
        if (isCancellation(err)) throw err;
        const error = describeFailure(err);
        this.lastError = `${action.type}: ${error.message}`;
        this.queue.unshift({
          event: { type: `ACTION_FAILED.${action.type}`, action: action.type, error },
          actor: 'system',
        });
        // Later actions of the same step usually depend on this one, so they are not attempted.
        break;
      } finally {
        this.runningAction = undefined;
      }
    }
  }

  private record(from: string | null, event: string, actor: string, reason?: string): Promise<void> {
    return this.recorder.record({
      seq: this.seq,
      from,
      to: this.state,
      event,
      actor,
      reason,
      status: this.status,
      nextTimerAt: this.effects.nextTimerAt(),
      stuck: this.status === 'running' && (this.snapshot.hasTag('stuck') || this.needsOperator),
      lastError: this.lastError,
    });
  }

  /** Time to continue as new: nothing waiting or in flight, and enough applied (or Temporal asks). */
  shouldContinueAsNew(limit: number): boolean {
    return (
      this.queue.length === 0 &&
      this.waiting.length === 0 &&
      !this.stepInFlight &&
      (this.appliedThisRun >= limit || this.continueRequested || workflowInfo().continueAsNewSuggested)
    );
  }

  /** What the next run starts from: the persisted snapshot, the timers' due times, the counters. */
  carried(): CarriedState {
    return {
      version: this.definition.version,
      persistedSnapshot: this.definition.machine.getPersistedSnapshot(this.snapshot),
      timers: this.effects.pendingTimers(),
      seq: this.seq,
      startedAt: this.startedAt,
      lastError: this.lastError,
      needsOperator: this.needsOperator,
      ...(this.eventIds.length > 0 ? { eventIds: [...this.eventIds] } : {}),
    };
  }

  /** Whether a refused queued Signal should wait for the step in flight (patch `queued-signals-wait-for-step`). */
  private mayWaitForStep(item: QueuedEvent): boolean {
    return Boolean(item.eventId) && this.stepInFlight && patched(patches.queuedSignalsWaitForStep.id);
  }

  /** Events queued behind the one that ended the process are refused, so their callers get an answer. */
  async refuseRemaining(): Promise<void> {
    for (const item of [...this.waiting.splice(0), ...this.queue.splice(0)]) {
      const failure = this.refusal(item.event);
      if (!failure) continue;
      if (item.settle) item.settle({ ok: false, failure });
      else if (item.external) await this.signalRefused(item, failure);
    }
  }

  /**
   * A Signal nobody waits for was refused. A queued event's row is marked refused with the reason
   * (patch `queued-event-refusals`: older histories only logged it); anything else is logged.
   */
  private async signalRefused(item: QueuedEvent, failure: ApplicationFailure): Promise<void> {
    log.warn('Signal refused', { event: item.event.type, reason: failure.message });
    if (item.eventId && patched(patches.queuedEventRefusals.id))
      await this.recorder.refused(item.eventId, failure.message);
  }

  /** The projection's writes of this run are done (before the run ends: see Recorder.settled). */
  settled(): Promise<void> {
    return this.recorder.settled();
  }

  /** The completed machine's output, or the failure of a machine left in error. */
  outcome(): unknown {
    if (this.status === 'failed')
      throw ApplicationFailure.nonRetryable(
        `The machine failed: ${describeFailure(this.snapshot.error).message}`,
        workflowFailureTypes.machineFailed,
      );
    return this.snapshot.output;
  }

  /** A workflow cancelled through Temporal: stop the work and record it. */
  async recordCancelled(): Promise<void> {
    this.status = 'cancelled';
    this.effects.stopAll();
    this.seq += 1;
    const state = this.state;
    await CancellationScope.nonCancellable(async () => {
      await this.record(state, 'workflow.cancelled', 'system');
      await this.recorder.settled();
    });
  }
}
