import type { AnyStateMachine, AnyStateNode } from 'xstate';
import { afterAll, describe, expect, it } from 'vitest';
import { createActivities } from '../../activities/index.js';
import { registry } from '../../machines/index.js';
import { taskProbeMachine } from '../support/machines/taskProbe.machine.js';
import { timerProbeMachine } from '../support/machines/timerProbe.machine.js';
import { createTestDb } from '../support/testDb.js';

type ActionRef = string | { type?: string } | ((...args: never[]) => unknown);

/** An action XState performs itself (assign, raise, …) carries its own resolver; the rest are ours to run. */
function isBuiltIn(machine: AnyStateMachine, ref: ActionRef): boolean {
  if (typeof ref === 'function') return 'resolve' in ref;
  const name = typeof ref === 'string' ? ref : ref.type;
  if (!name || name.startsWith('xstate.')) return true;
  const implementation = (machine.implementations.actions as Record<string, unknown>)[name];
  return typeof implementation === 'function' && 'resolve' in implementation;
}

const nameOf = (ref: ActionRef) => (typeof ref === 'string' ? ref : (ref as { type: string }).type);

/** Every activity a machine asks the interpreter to run: invoked actors' `src` and its own named actions. */
function activitiesNamedBy(machine: AnyStateMachine): Set<string> {
  const names = new Set<string>();
  const visit = (node: AnyStateNode) => {
    for (const invoke of node.invoke) if (typeof invoke.src === 'string') names.add(invoke.src);
    const refs: ActionRef[] = [...node.entry, ...node.exit];
    for (const list of node.transitions.values()) for (const t of list) refs.push(...(t.actions as ActionRef[]));
    for (const ref of refs) if (!isBuiltIn(machine, ref)) names.add(nameOf(ref));
    for (const child of Object.values(node.states)) visit(child);
  };
  visit(machine.root);
  return names;
}

describe('every registered machine', () => {
  const opened = createTestDb();
  afterAll(async () => (await opened).db.destroy());

  it.each(registry.all().map((d) => [`${d.id} v${d.version}`, d.machine] as const))(
    '%s has an activity behind each invoke and named action',
    async (_name, machine) => {
      const activities = createActivities({ db: (await opened).db });
      const named = [...activitiesNamedBy(machine)];
      expect(named.length).toBeGreaterThan(0);
      expect(named.filter((name) => typeof activities[name as keyof typeof activities] !== 'function')).toEqual([]);
    },
  );

  it('sees named actions and invokes that no production activity implements', async () => {
    // The probes name an action (writeNote) and an actor (probeWork) only the test worker has.
    const activities = createActivities({ db: (await opened).db });
    const missing = [...activitiesNamedBy(timerProbeMachine), ...activitiesNamedBy(taskProbeMachine)].filter(
      (name) => !(name in activities),
    );
    expect(missing.sort()).toEqual(['probeWork', 'writeNote', 'writeNote']);
  });
});
