import { log, patched, proxyLocalActivities, upsertSearchAttributes, workflowInfo } from '@temporalio/workflow';
import type { createProjectionActivities } from '../activities/projection.js';
import type { EngineMachine, EntityKey } from '../machines/definition.js';
import { projectionProfile } from './activityOptions.js';
import { patches } from './patches.js';
import type { Actor, InstanceStatus } from './messages.js';
import { entityKey, machineKey, machineVersionKey, stateKey } from './searchAttributes.js';

const { recordTransition, recordRefusedEvent } =
  proxyLocalActivities<ReturnType<typeof createProjectionActivities>>(projectionProfile);

/** One step as the projection keeps it. */
export interface RecordedStep {
  seq: number;
  from: string | null;
  to: string;
  event: string;
  actor: Actor;
  reason?: string;
  status: InstanceStatus;
  /** Epoch milliseconds of the earliest pending timer. */
  nextTimerAt?: number;
  stuck: boolean;
  lastError?: string;
}

/**
 * Writes each step of a process where lists and dashboards read it: the projection (a local
 * activity) and, when the state changed, the search attributes (ids and state names only).
 */
export class Recorder {
  private publishedState = '';
  /** Writes started beside the run and not yet done. */
  private readonly unfinished = new Set<Promise<void>>();

  constructor(
    private readonly definition: EngineMachine<never>,
    private readonly entity: EntityKey,
    private readonly startedAt: string,
  ) {}

  /**
   * Writes one step. Beside the run (patch `projection-beside-the-run`) the write is started and
   * the search attributes follow at once: what the workflow does next never depends on when a
   * local activity's result reaches it. Older histories waited for the write, and replay so.
   */
  async record(step: RecordedStep): Promise<void> {
    const { definition, entity } = this;
    const written = recordTransition({
      instanceId: workflowInfo().workflowId,
      seq: step.seq,
      from: step.from,
      to: step.to,
      event: step.event,
      actor: step.actor,
      reason: step.reason,
      at: new Date().toISOString(),
      machine: definition.id,
      machineVersion: definition.version,
      status: step.status,
      entityType: entity.entityType,
      entityId: entity.entityId,
      officeId: entity.officeId,
      startedAt: this.startedAt,
      nextTimerAt: step.nextTimerAt === undefined ? null : new Date(step.nextTimerAt).toISOString(),
      stuck: step.stuck,
      lastError: step.lastError ?? null,
    });
    if (this.besideTheRun()) {
      this.publish(step.to);
      this.leave(written, 'recordTransition');
      return;
    }
    await written;
    this.publish(step.to);
  }

  /** A queued event the process refused: its queue row says so, with the reason (no payloads). */
  async refused(eventId: string, reason: string): Promise<void> {
    const written = recordRefusedEvent({ eventId, reason, at: new Date().toISOString() });
    if (this.besideTheRun()) return this.leave(written, 'recordRefusedEvent');
    await written;
  }

  private besideTheRun(): boolean {
    return patched(patches.projectionBesideTheRun.id);
  }

  /**
   * A write nobody waits for. It retries until the database answers (projectionProfile), and the
   * SDK finishes a task's local activities before it completes the task, so it is not lost; a
   * failure left unhandled would fail the workflow task, so it is logged instead.
   */
  private leave(written: Promise<void>, name: string): void {
    const done = written.catch((err: unknown) =>
      log.warn('Projection write not completed', {
        activity: name,
        error: err instanceof Error ? err.message : String(err),
      }),
    );
    this.unfinished.add(done);
    void done.then(() => this.unfinished.delete(done));
  }

  /**
   * Waits for the writes started beside the run. Only a run's last step calls it: the SDK drops a
   * local activity still running when its workflow completes, continues as new or is cancelled.
   */
  async settled(): Promise<void> {
    while (this.unfinished.size > 0) await Promise.all([...this.unfinished]);
  }

  publish(state: string): void {
    if (state === this.publishedState) return;
    const first = this.publishedState === '';
    this.publishedState = state;
    if (!first && patched(patches.searchAttributesStateOnly.id)) {
      upsertSearchAttributes([{ key: stateKey, value: state }]);
      return;
    }
    upsertSearchAttributes([
      { key: machineKey, value: this.definition.id },
      { key: machineVersionKey, value: this.definition.version },
      { key: stateKey, value: state },
      { key: entityKey, value: `${this.entity.entityType}:${this.entity.entityId}` },
    ]);
  }
}
