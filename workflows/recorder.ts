import { patched, proxyLocalActivities, upsertSearchAttributes, workflowInfo } from '@temporalio/workflow';
import type { createProjectionActivities } from '../activities/projection.js';
import type { EngineMachine, EntityKey } from '../machines/definition.js';
import { projectionProfile } from './activityOptions.js';
import type { Actor, InstanceStatus } from './messages.js';
import { entityKey, machineKey, machineVersionKey, stateKey } from './searchAttributes.js';

const { recordTransition, recordRefusedEvent } =
  proxyLocalActivities<ReturnType<typeof createProjectionActivities>>(projectionProfile);

/**
 * Versioning marker: after a run's first upsert, only the state is upserted again (the machine,
 * its version and the entity never change within a run). Older histories upserted all four.
 */
export const STATE_ONLY_UPSERT_PATCH = 'search-attributes-state-only';

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

  constructor(
    private readonly definition: EngineMachine<never>,
    private readonly entity: EntityKey,
    private readonly startedAt: string,
  ) {}

  async record(step: RecordedStep): Promise<void> {
    const { definition, entity } = this;
    await recordTransition({
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
    this.publish(step.to);
  }

  /** A queued event the process refused: its queue row says so, with the reason (no payloads). */
  async refused(eventId: string, reason: string): Promise<void> {
    await recordRefusedEvent({ eventId, reason, at: new Date().toISOString() });
  }

  publish(state: string): void {
    if (state === this.publishedState) return;
    const first = this.publishedState === '';
    this.publishedState = state;
    if (!first && patched(STATE_ONLY_UPSERT_PATCH)) {
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
