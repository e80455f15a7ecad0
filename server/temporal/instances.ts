import { randomUUID } from 'node:crypto';
import { WorkflowUpdateFailedError, type Client } from '@temporalio/client';
import {
  ApplicationFailure,
  WorkflowExecutionAlreadyStartedError,
  WorkflowIdReusePolicy,
  WorkflowNotFoundError,
  type PayloadCodec,
} from '@temporalio/common';
import { historyToJSON } from '@temporalio/common/lib/proto-utils.js';
import { versionOrFirst, type MachineDefinition, type MachineRegistry } from '../../machines/definition.js';
import {
  acceptsQuery,
  eventUpdate,
  refusalTypes,
  snapshotQuery,
  type AcceptanceView,
  type EventEnvelope,
  type EventResult,
  type MachineWorkflowInput,
  type RefusalDetails,
} from '../../workflows/messages.js';
import { entityKey, machineKey, machineVersionKey } from '../../workflows/searchAttributes.js';
import { DomainError, conflict, eventNotAllowed, invalid, notFound } from '../../domain/errors.js';
import { zodMessage } from '../../domain/zodMessage.js';
import {
  workflowIdFor,
  type ProcessPort,
  type ProcessResets,
  type ResetOutcome,
  type StartRequest,
} from '../../domain/ports.js';
import { resetPointOf } from './resetPoint.js';
import { processReceived } from './receivedEvents.js';
import { decodeHistoryPayloads } from './historyJson.js';
import type { InstanceSnapshot } from '../../contracts/api.js';

export interface InstanceServiceOptions {
  client: Client;
  registry: MachineRegistry;
  taskQueue: string;
  namespace: string;
  uiUrl?: string;
  /** Decrypts payloads of the histories this service hands out. */
  codec: PayloadCodec;
}

export { workflowIdFor };

/** Temporal's answer that there is no such workflow: the SDK's error, or gRPC's NOT_FOUND (5) from a raw call. */
const isNotFound = (err: unknown) => err instanceof WorkflowNotFoundError || (err as { code?: number }).code === 5;

/** Turns Temporal's not-found into the domain's not_found, leaving other errors as they are. */
async function orNotFound<T>(id: string, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (err) {
    if (isNotFound(err)) throw notFound('Instance', id);
    throw err;
  }
}

/** What the HTTP layer asks of Temporal about processes: start, nudge, inspect. */
export class InstanceService implements ProcessPort, ProcessResets {
  constructor(private readonly o: InstanceServiceOptions) {}

  /** The version of a machine that new processes start on. */
  definition(machine: string): MachineDefinition<unknown> {
    const d = this.o.registry.latest(machine);
    if (!d)
      throw new DomainError(
        'not_found',
        'unknown_machine',
        `There is no machine "${machine}". Known machines: ${this.o.registry.ids().join(', ')}.`,
      );
    return d;
  }

  /**
   * The machine version an instance runs, as its search attributes recorded it at start (a process
   * started before machines had versions carries none: it runs version 1). Undefined when there
   * is no such instance or it is not one of a registered machine version.
   */
  async machineOf(id: string): Promise<MachineDefinition<unknown> | undefined> {
    let attributes;
    try {
      attributes = (await this.o.client.workflow.getHandle(id).describe()).typedSearchAttributes;
    } catch (err) {
      if (isNotFound(err)) return undefined;
      throw err;
    }
    const machine = attributes.get(machineKey) ?? this.machineIdOf(id);
    return machine ? this.o.registry.get(machine, versionOrFirst(attributes.get(machineVersionKey))) : undefined;
  }

  /** The machine id an instance id (`<machine>-<entityId>`) starts with, when it is a registered one. */
  private machineIdOf(id: string): string | undefined {
    const candidates = this.o.registry.ids().filter((m) => id.startsWith(`${m}-`));
    return candidates.sort((a, b) => b.length - a.length)[0];
  }

  temporalUiUrl(id: string): string | undefined {
    return this.o.uiUrl
      ? `${this.o.uiUrl}/namespaces/${this.o.namespace}/workflows/${encodeURIComponent(id)}`
      : undefined;
  }

  /**
   * Starts a process for an entity; its id is the business id, so starting one twice is refused.
   * With `restart` (an explicit, audited operator action) an entity whose process ended gets a
   * second one under the next free id `<machine>-<entityId>-r<n>`; a running one is a 409.
   */
  async start(p: StartRequest): Promise<{ instanceId: string }> {
    const definition = this.definition(p.machine);
    const parsed = definition.inputSchema.safeParse(p.input);
    if (!parsed.success)
      throw invalid('bad_request', `Invalid input for ${p.machine}: ${zodMessage(parsed.error, 'input')}.`);
    const entity = definition.entity(parsed.data as never);
    const baseId = workflowIdFor(definition.id, entity.entityId);
    const instanceId = p.restart ? await this.nextRunId(baseId) : baseId;
    const args: MachineWorkflowInput = {
      machine: definition.id,
      version: definition.version,
      input: parsed.data,
      actor: p.actor,
      reason: p.reason,
      transitionsPerRun: p.transitionsPerRun,
    };
    try {
      await this.o.client.workflow.start('machineWorkflow', {
        taskQueue: this.o.taskQueue,
        workflowId: instanceId,
        // An ended process is never replaced: its id stays its own, with its history and projection.
        workflowIdReusePolicy: WorkflowIdReusePolicy.REJECT_DUPLICATE,
        args: [args],
        typedSearchAttributes: [
          { key: machineKey, value: definition.id },
          { key: machineVersionKey, value: definition.version },
          { key: entityKey, value: `${entity.entityType}:${entity.entityId}` },
        ],
      });
    } catch (err) {
      if (err instanceof WorkflowExecutionAlreadyStartedError) {
        throw new DomainError(
          'conflict',
          'already_started',
          `A ${definition.id} process for ${entity.entityType} ${entity.entityId} already exists${p.restart ? ' and is running' : '. If it has ended, start another with restart: true and a reason'}.`,
          { instanceId },
        );
      }
      throw err;
    }
    return { instanceId };
  }

  /** The id for a second (third…) process of an entity: the base id must have ended, the first free `-r<n>` after it. */
  private async nextRunId(baseId: string): Promise<string> {
    let previous = baseId;
    for (let n = 2; n < 1000; n += 1) {
      const candidate = `${baseId}-r${n}`;
      const status = await this.runStatus(candidate);
      if (status === undefined) {
        const last = await this.runStatus(previous);
        if (last === undefined)
          throw conflict(
            'nothing_to_restart',
            `There is no process ${baseId} to start again; start one without restart.`,
          );
        if (last === 'RUNNING')
          throw conflict('already_started', `The process ${previous} is still running; it cannot be started again.`, {
            instanceId: previous,
          });
        return candidate;
      }
      previous = candidate;
    }
    throw conflict('too_many_restarts', `The process ${baseId} was started again too many times.`);
  }

  private async runStatus(id: string): Promise<string | undefined> {
    try {
      return (await this.o.client.workflow.getHandle(id).describe()).status.name;
    } catch (err) {
      if (isNotFound(err)) return undefined;
      throw err;
    }
  }

  /** Applies an event and answers once the transition is applied, or with why it was refused. */
  async send(id: string, envelope: EventEnvelope): Promise<EventResult> {
    return orNotFound(id, async () => {
      try {
        return await this.o.client.workflow.getHandle(id).executeUpdate(eventUpdate, { args: [envelope] });
      } catch (err) {
        throw this.refusal(err) ?? (await this.endedBefore(id, err)) ?? err;
      }
    });
  }

  /**
   * An Update that reaches a process just after it closed is answered "not found" by some Temporal
   * servers (the dev server says "already completed"): a process that exists has ended, it is not
   * missing.
   */
  private async endedBefore(id: string, err: unknown): Promise<DomainError | undefined> {
    if (!isNotFound(err)) return undefined;
    const described = await this.o.client.workflow
      .getHandle(id)
      .describe()
      .catch(() => undefined);
    if (!described || described.status.name === 'RUNNING') return undefined;
    return eventNotAllowed('The process has ended; it takes no more events.', { reason: 'ended' });
  }

  private refusal(err: unknown): DomainError | undefined {
    if (!(err instanceof WorkflowUpdateFailedError) || !(err.cause instanceof ApplicationFailure)) {
      if (err instanceof Error && /already completed|workflow execution already/i.test(err.message)) {
        return eventNotAllowed('The process has ended; it takes no more events.', { reason: 'ended' });
      }
      return undefined;
    }
    const failure = err.cause;
    const details = (failure.details?.[0] ?? {}) as Partial<RefusalDetails>;
    const extra = { state: details.state, status: details.status, accepted: details.accepted };
    if (failure.type === refusalTypes.malformed) return invalid('invalid_event', failure.message, extra);
    return eventNotAllowed(failure.message, { ...extra, reason: failure.type });
  }

  received(id: string, eventId: string): Promise<boolean> {
    return processReceived(this.o.client, id, eventId);
  }

  /** Whether the event would be accepted now, without applying it. */
  accepts(id: string, event: EventEnvelope['event']): Promise<AcceptanceView> {
    return orNotFound(id, () => this.o.client.workflow.getHandle(id).query(acceptsQuery, event));
  }

  /** The machine's live position, with attempts and failures of the activities Temporal has pending. */
  async snapshot(id: string): Promise<InstanceSnapshot> {
    return orNotFound(id, async () => {
      const handle = this.o.client.workflow.getHandle(id);
      const [view, description] = await Promise.all([handle.query(snapshotQuery), handle.describe()]);
      const pending = description.raw.pendingActivities ?? [];
      const activities = view.activities.map((a) => {
        const match = pending.find((p) => p.activityType?.name === a.name);
        return { ...a, attempt: match?.attempt ?? 1, lastFailure: match?.lastFailure?.message ?? null };
      });
      return { ...view, activities, runStatus: description.status.name, temporalUiUrl: this.temporalUiUrl(id) };
    });
  }

  /** The full event history of every run, oldest first, as Temporal's JSON with payloads decrypted. */
  async history(id: string): Promise<unknown[]> {
    return orNotFound(id, async () => {
      const runs: unknown[] = [];
      let runId: string | undefined;
      const seen = new Set<string>();
      // Continue-as-new chains runs; walk back from the latest through each first event's link.
      for (;;) {
        const handle = this.o.client.workflow.getHandle(id, runId);
        const history = await handle.fetchHistory();
        const json = (await decodeHistoryPayloads(JSON.parse(historyToJSON(history)), this.o.codec)) as {
          events?: Array<Record<string, unknown>>;
        };
        runs.unshift(json);
        const first = json.events?.[0]?.workflowExecutionStartedEventAttributes as
          { continuedExecutionRunId?: string } | undefined;
        const previous = first?.continuedExecutionRunId;
        if (!previous || seen.has(previous)) break;
        seen.add(previous);
        runId = previous;
      }
      return runs;
    });
  }

  /**
   * Temporal's reset to the task resetPointOf finds in the current run. The reason Temporal keeps is
   * a fixed sentence (its histories hold no personal data in clear); the operator's is in the audit log.
   */
  async resetToLastGoodTask(id: string): Promise<ResetOutcome> {
    return orNotFound(id, async () => {
      const handle = this.o.client.workflow.getHandle(id);
      const description = await handle.describe();
      if (description.status.name !== 'RUNNING')
        throw conflict('not_running', 'The process has ended; there is nothing to reset.');
      const history = await this.o.client.workflow.getHandle(id, description.runId).fetchHistory();
      const events = history.events ?? [];
      const resetTo = resetPointOf(events);
      // Temporal takes the event id in its own 64-bit form: the event's own.
      const finishEventId = events.find((e) => Number(e.eventId) === resetTo)?.eventId;
      if (resetTo === undefined || !finishEventId)
        throw conflict(
          'nothing_to_reset',
          'No workflow task of this process has failed: there is nothing to reset. Nudge it instead.',
        );
      const response = await this.o.client.workflowService.resetWorkflowExecution({
        namespace: this.o.namespace,
        workflowExecution: { workflowId: id, runId: description.runId },
        reason: 'Reset by an operator to its last good workflow task (see the audit log).',
        workflowTaskFinishEventId: finishEventId,
        requestId: randomUUID(),
      });
      return { resetTo, runId: response.runId ?? '' };
    });
  }

  async cancel(id: string): Promise<void> {
    await orNotFound(id, () => this.o.client.workflow.getHandle(id).cancel());
  }
}
