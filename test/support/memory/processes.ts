import { initialTransition, transition, type AnyMachineSnapshot } from 'xstate';
import { conflict, DomainError, eventNotAllowed, invalid } from '../../../domain/errors.js';
import { workflowIdFor, type ProcessPort, type StartRequest } from '../../../domain/ports.js';
import { zodMessage } from '../../../domain/zodMessage.js';
import { stateToString, type MachineDefinition, type MachineRegistry } from '../../../machines/definition.js';
import { registry as catalogue } from '../../../machines/index.js';
import {
  refusalTypes,
  type AcceptanceView,
  type EventEnvelope,
  type EventResult,
  type InstanceStatus,
  type RefusalDetails,
} from '../../../workflows/messages.js';
import { acceptanceOf, refusalOf } from '../../../workflows/refusal.js';

interface MemoryProcess {
  definition: MachineDefinition<unknown>;
  request: StartRequest;
  snapshot: AnyMachineSnapshot;
  seq: number;
  /** Every event sent through the port and applied, in order. */
  events: EventEnvelope[];
  eventIds: Set<string>;
}

/**
 * The processes port in memory: each process is its machine's latest version, stepped by XState's
 * pure functions as the interpreter steps it, refusing events with the interpreter's own verdicts
 * (workflows/refusal.ts) and the domain errors server/temporal/instances.ts turns them into.
 * Nothing runs its invokes, timers or named actions: a process stays where a step would take over
 * until the test finishes that step (`finishSteps`), and no projection row is written.
 */
export class MemoryProcesses implements ProcessPort {
  private readonly processes = new Map<string, MemoryProcess>();

  constructor(private readonly registry: MachineRegistry<MachineDefinition<unknown>> = catalogue) {}

  async start(request: StartRequest): Promise<{ instanceId: string }> {
    const definition = this.registry.latest(request.machine);
    if (!definition) throw invalid('unknown_machine', `There is no machine "${request.machine}".`);
    const parsed = definition.inputSchema.safeParse(request.input);
    if (!parsed.success)
      throw invalid('bad_request', `Invalid input for ${request.machine}: ${zodMessage(parsed.error, 'input')}.`);
    const { entityType, entityId } = definition.entity(parsed.data);
    const base = workflowIdFor(definition.id, entityId);
    const instanceId = request.restart ? this.nextRunId(base) : base;
    if (this.processes.has(instanceId))
      throw conflict('already_started', `A ${definition.id} process for ${entityType} ${entityId} already exists.`, {
        instanceId,
      });
    const [snapshot] = initialTransition(definition.machine, parsed.data);
    this.processes.set(instanceId, { definition, request, snapshot, seq: 0, events: [], eventIds: new Set() });
    return { instanceId };
  }

  async send(id: string, envelope: EventEnvelope): Promise<EventResult> {
    const p = this.process(id);
    if (envelope.eventId && p.eventIds.has(envelope.eventId)) return { ...this.result(p), duplicate: true };
    const failure = refusalOf(p.definition, p.snapshot, this.status(p), envelope.event);
    if (failure) {
      if (failure.type === refusalTypes.ended)
        throw eventNotAllowed('The process has ended; it takes no more events.', { reason: 'ended' });
      const { state, status, accepted } = (failure.details?.[0] ?? {}) as Partial<RefusalDetails>;
      if (failure.type === refusalTypes.malformed)
        throw invalid('invalid_event', failure.message, { state, status, accepted });
      throw eventNotAllowed(failure.message, { state, status, accepted, reason: failure.type });
    }
    this.apply(p, envelope.event);
    p.events.push(envelope);
    if (envelope.eventId) p.eventIds.add(envelope.eventId);
    return this.result(p);
  }

  async accepts(id: string, event: EventEnvelope['event']): Promise<AcceptanceView> {
    const p = this.process(id);
    return acceptanceOf(p.definition, p.snapshot, this.status(p), event);
  }

  async received(id: string, eventId: string): Promise<boolean> {
    return this.process(id).eventIds.has(eventId);
  }

  /** The ids of the processes started, in order. */
  ids(): string[] {
    return [...this.processes.keys()];
  }

  /** What the process was started with (the input as its machine parsed it is in `context`). */
  startOf(id: string): StartRequest {
    return this.process(id).request;
  }

  state(id: string): string {
    return stateToString(this.process(id).snapshot.value);
  }

  context(id: string): Record<string, unknown> {
    return this.process(id).snapshot.context as Record<string, unknown>;
  }

  /** The events the process took through the port, by type. */
  eventsOf(id: string): string[] {
    return this.process(id).events.map((e) => e.event.type);
  }

  /** Ends the steps in flight as their activities would when they succeed, with `output`. */
  finishSteps(id: string, output?: unknown): void {
    const p = this.process(id);
    for (const child of Object.keys(p.snapshot.children)) this.apply(p, { type: `xstate.done.actor.${child}`, output });
  }

  private apply(p: MemoryProcess, event: EventEnvelope['event']): void {
    [p.snapshot] = transition(p.definition.machine, p.snapshot, event);
    p.seq += 1;
  }

  private nextRunId(base: string): string {
    if (!this.processes.has(base))
      throw conflict('nothing_to_restart', `There is no process ${base} to start again; start one without restart.`);
    let previous = base;
    for (let n = 2; ; n += 1) {
      const candidate = `${base}-r${n}`;
      if (!this.processes.has(candidate)) {
        if (this.status(this.process(previous)) === 'running')
          throw conflict('already_started', `The process ${previous} is still running; it cannot be started again.`, {
            instanceId: previous,
          });
        return candidate;
      }
      previous = candidate;
    }
  }

  private process(id: string): MemoryProcess {
    const p = this.processes.get(id);
    if (!p) throw new DomainError('not_found', 'not_found', `Instance "${id}" does not exist.`);
    return p;
  }

  private status(p: MemoryProcess): InstanceStatus {
    return p.snapshot.status === 'active' ? 'running' : 'completed';
  }

  private result(p: MemoryProcess): EventResult {
    return { state: stateToString(p.snapshot.value), status: this.status(p), seq: p.seq };
  }
}
