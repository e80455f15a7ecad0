import {
  ActivityFailure,
  ApplicationFailure,
  CancellationScope,
  isCancellation,
  proxyActivities,
  sleep,
} from '@temporalio/workflow';
import type { ActivityOptions } from '@temporalio/common';
import type { ExecutableActionObject, ExecutableSpawnAction, SpecialExecutableAction } from 'xstate';
import { profileFor } from './activityOptions.js';
import { workflowFailureTypes, type Actor, type MachineEvent, type PendingTimer } from './messages.js';

/** An event waiting in the one queue, with what is needed to drop it if it went stale. */
export interface QueuedEvent {
  event: MachineEvent;
  actor: Actor;
  reason?: string;
  /** Sent from outside (Update or Signal): checked against the machine before it is applied. */
  external?: boolean;
  /** The queued event's id (domain/events/queue.ts), for a Signal the relay delivered. */
  eventId?: string;
  /** For timer firings and invoke outcomes: the generation that produced it. */
  origin?: { kind: 'timer' | 'invoke'; id: string; generation: number };
  /** For Updates: the snapshot the validator accepted the event against (checked once if unchanged). */
  checkedAgainst?: unknown;
  /** Set for Updates: the handler waits for it to be settled. */
  settle?: (outcome: { ok: true } | { ok: false; failure: ApplicationFailure }) => void;
}

interface RunningTimer extends PendingTimer {
  generation: number;
  scope: CancellationScope;
}

interface RunningInvoke {
  name: string;
  since: number;
  generation: number;
  scope: CancellationScope;
}

type ActivityFn = (input: unknown) => Promise<unknown>;

type ExecutableRaiseAction = Extract<SpecialExecutableAction, { type: 'xstate.raise' }>;
/** XState declares no executable types for these two; their params are as XState's own executor reads them. */
type ExecutableCancelAction = ExecutableActionObject & { type: 'xstate.cancel'; params: { sendId: string } };
type ExecutableStopChildAction = ExecutableActionObject & { type: 'xstate.stopChild'; params: { id?: string } };
/** An invoke's start: XState's spawn action, whose params also carry the invoke's evaluated input. */
type ExecutableInvoke = ExecutableSpawnAction & { params: { input?: unknown } };

const isRaise = (a: ExecutableActionObject): a is ExecutableRaiseAction => a.type === 'xstate.raise';
const isCancel = (a: ExecutableActionObject): a is ExecutableCancelAction => a.type === 'xstate.cancel';
const isSpawn = (a: ExecutableActionObject): a is ExecutableInvoke => a.type === 'xstate.spawnChild';
const isStopChild = (a: ExecutableActionObject): a is ExecutableStopChildAction => a.type === 'xstate.stopChild';

/** A failure reduced to what a machine may read and a history may hold. */
export function describeFailure(err: unknown): { message: string; type?: string } {
  const cause = err instanceof ActivityFailure && err.cause ? err.cause : err;
  if (cause instanceof ApplicationFailure) return { message: cause.message, type: cause.type ?? undefined };
  return { message: cause instanceof Error ? cause.message : String(cause) };
}

/**
 * Runs what XState asks for and cannot do itself inside a workflow: durable timers for delayed
 * events and activities for invokes and named actions. Each timer and invoke carries a
 * generation, so an outcome that arrives after its state was left (and maybe re-entered) is
 * recognised and dropped.
 */
export class Effects {
  private generation = 0;
  readonly timers = new Map<string, RunningTimer>();
  readonly invokes = new Map<string, RunningInvoke>();
  private readonly proxies = new Map<string, ActivityFn>();

  constructor(
    private readonly enqueue: (item: QueuedEvent) => void,
    private readonly profiles: Record<string, ActivityOptions>,
  ) {}

  activity(name: string): ActivityFn {
    let fn = this.proxies.get(name);
    if (!fn) {
      const proxy = proxyActivities<Record<string, ActivityFn>>(profileFor(name, this.profiles));
      fn = proxy[name] as ActivityFn;
      this.proxies.set(name, fn);
    }
    return fn;
  }

  /**
   * Starts the timers and invokes a step asks for, at once and in order; returns the named
   * actions, which the interpreter runs one after the other as activities.
   */
  start(actions: readonly ExecutableActionObject[]): ExecutableActionObject[] {
    const named: ExecutableActionObject[] = [];
    for (const action of actions) {
      if (isRaise(action)) {
        // A raise without delay was already applied by XState within the same step.
        const { delay, id, event } = action.params;
        if (typeof delay === 'number') this.armTimer(id ?? event.type, event as MachineEvent, Date.now() + delay);
      } else if (isCancel(action)) this.cancelTimer(String(action.params.sendId));
      else if (isSpawn(action)) this.startInvoke(action);
      else if (isStopChild(action)) this.stopInvoke(String(action.params.id));
      else if (!action.type.startsWith('xstate.')) named.push(action);
    }
    return named;
  }

  armTimer(id: string, event: MachineEvent, fireAt: number): void {
    this.cancelTimer(id);
    const generation = ++this.generation;
    const scope = new CancellationScope();
    this.timers.set(id, { id, event, fireAt, generation, scope });
    scope
      .run(() => sleep(Math.max(0, fireAt - Date.now())))
      .then(
        () => this.enqueue({ event, actor: 'timer', origin: { kind: 'timer', id, generation } }),
        (err) => {
          if (!isCancellation(err)) throw err;
        },
      );
  }

  cancelTimer(id: string): void {
    const timer = this.timers.get(id);
    if (!timer) return;
    this.timers.delete(id);
    timer.scope.cancel();
  }

  private startInvoke(action: ExecutableInvoke): void {
    const { src, input } = action.params;
    if (typeof src !== 'string')
      throw ApplicationFailure.nonRetryable(
        `Invoke "${action.params.id}" must name its actor by a string src.`,
        workflowFailureTypes.invalidMachine,
      );
    this.runInvoke(action.params.actorRef?.id ?? action.params.id, src, input);
  }

  private runInvoke(id: string, name: string, input: unknown): void {
    this.stopInvoke(id);
    const generation = ++this.generation;
    const scope = new CancellationScope();
    this.invokes.set(id, { name, since: Date.now(), generation, scope });
    const origin = { kind: 'invoke' as const, id, generation };
    scope
      .run(() => this.activity(name)(input ?? {}))
      .then(
        (output) =>
          this.enqueue({ event: { type: `xstate.done.actor.${id}`, output, actorId: id }, actor: 'system', origin }),
        (err) => {
          if (isCancellation(err) && this.invokes.get(id)?.generation !== generation) return;
          this.enqueue({
            event: { type: `xstate.error.actor.${id}`, error: describeFailure(err), actorId: id },
            actor: 'system',
            origin,
          });
        },
      );
  }

  stopInvoke(id: string): void {
    const invoke = this.invokes.get(id);
    if (!invoke) return;
    this.invokes.delete(id);
    invoke.scope.cancel();
  }

  /** True when the queued event still belongs to a live timer or invoke; consumes it if so. */
  claim(origin: NonNullable<QueuedEvent['origin']>): boolean {
    const table = origin.kind === 'timer' ? this.timers : this.invokes;
    if (table.get(origin.id)?.generation !== origin.generation) return false;
    table.delete(origin.id);
    return true;
  }

  pendingTimers(): PendingTimer[] {
    return [...this.timers.values()].map(({ id, event, fireAt }) => ({ id, event, fireAt }));
  }

  nextTimerAt(): number | undefined {
    const times = [...this.timers.values()].map((t) => t.fireAt);
    return times.length ? Math.min(...times) : undefined;
  }

  stopAll(): void {
    for (const id of [...this.timers.keys()]) this.cancelTimer(id);
    for (const id of [...this.invokes.keys()]) this.stopInvoke(id);
  }
}
