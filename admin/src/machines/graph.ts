import type { MachineDescription, MachineTransition, StateNode } from '../types';

/** Every state node of a machine by its dotted path. */
export function indexStates(machine: MachineDescription): Map<string, StateNode> {
  const index = new Map<string, StateNode>();
  const visit = (nodes: StateNode[]) => {
    for (const node of nodes) {
      index.set(node.path, node);
      visit(node.children);
    }
  };
  visit(machine.states);
  return index;
}

/** A state value as the API writes it: `a.b` nested, `a.b|c.d` for parallel regions. */
export function activeLeaves(state: string | undefined | null): string[] {
  return state ? state.split('|').filter(Boolean) : [];
}

/** `a.b.c` → [`a.b.c`, `a.b`, `a`]: the order XState looks for a transition in. */
export function selfAndAncestors(path: string): string[] {
  const parts = path.split('.');
  return parts.map((_, i) => parts.slice(0, parts.length - i).join('.'));
}

/** Each active path with its ancestors, for highlighting compound states too. */
export function activePaths(state: string | undefined | null): Set<string> {
  return new Set(activeLeaves(state).flatMap(selfAndAncestors));
}

export interface EventOutcome {
  from: string;
  targets: (string | null)[];
}

/**
 * Where an event would take the process, read from the diagram: for each active region, the
 * deepest state handling the event wins, as in XState. Guards are not known to the console, so
 * several guarded transitions give several possible targets.
 */
export function predictOutcome(machine: MachineDescription, state: string, event: string): EventOutcome[] {
  return activeLeaves(state).map((leaf) => {
    for (const candidate of selfAndAncestors(leaf)) {
      const matches = machine.transitions.filter((t) => t.source === candidate && t.event === event);
      if (matches.length > 0) return { from: leaf, targets: unique(matches.map((t) => t.target)) };
    }
    return { from: leaf, targets: [] };
  });
}

function unique<T>(values: T[]): T[] {
  return [...new Set(values)];
}

/** A readable name for a delayed transition's delay (`30000` → `30s`). */
export function describeDelay(delay: MachineTransition['delay']): string | undefined {
  if (delay === undefined) return undefined;
  if (typeof delay === 'string') return delay;
  const units: [number, string][] = [
    [86_400_000, 'd'],
    [3_600_000, 'h'],
    [60_000, 'min'],
    [1000, 's'],
  ];
  const unit = units.find(([ms]) => delay >= ms && delay % ms === 0);
  return unit ? `${delay / unit[0]}${unit[1]}` : `${delay}ms`;
}

/** The delay of the delayed transition a timer event belongs to, when the diagram has it. */
export function timerDelay(machine: MachineDescription | undefined, event: string): string | undefined {
  const transition = machine?.transitions.find((t) => t.event === event && t.delay !== undefined);
  return transition ? describeDelay(transition.delay) : undefined;
}
