import type { AnyMachineSnapshot } from 'xstate';
import { stateToString, type EntityKey, type EngineMachine } from '../machines/definition.js';
import type { Effects } from './effects.js';
import type { InstanceStatus, SnapshotView } from './messages.js';
import { acceptedEvents } from './refusal.js';

interface ViewInput {
  definition: EngineMachine<never>;
  entity: EntityKey;
  snapshot: AnyMachineSnapshot;
  status: InstanceStatus;
  seq: number;
  effects: Effects;
  runningAction?: { id: string; name: string; since: number };
  lastError?: string;
}

const iso = (ms: number) => new Date(ms).toISOString();

/** What the Query answers: the machine's position and pending work, secrets left out. */
export function snapshotView(v: ViewInput): SnapshotView {
  const secret = new Set(v.definition.secretContextKeys ?? []);
  const context = Object.fromEntries(
    Object.entries((v.snapshot.context ?? {}) as Record<string, unknown>).filter(([key]) => !secret.has(key)),
  );
  const invokes = [...v.effects.invokes.entries()].map(([id, i]) => ({
    id,
    name: i.name,
    kind: 'invoke' as const,
    since: iso(i.since),
  }));
  const action = v.runningAction
    ? [
        {
          id: v.runningAction.id,
          name: v.runningAction.name,
          kind: 'action' as const,
          since: iso(v.runningAction.since),
        },
      ]
    : [];
  return {
    machine: v.definition.id,
    machineVersion: v.definition.version,
    entity: v.entity,
    state: stateToString(v.snapshot.value),
    value: v.snapshot.value,
    status: v.status,
    seq: v.seq,
    context,
    tags: [...v.snapshot.tags].sort(),
    can: v.status === 'running' ? acceptedEvents(v.definition, v.snapshot) : [],
    timers: v.effects.pendingTimers().map((t) => ({ id: t.id, event: t.event.type, dueAt: iso(t.fireAt) })),
    activities: [...invokes, ...action],
    lastError: v.lastError,
  };
}
