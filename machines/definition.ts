import type { AnyStateMachine } from 'xstate';
import type { ZodType } from 'zod';

export { locales, type Locale } from '../domain/settings.js';
import type { Locale } from '../domain/settings.js';

/** A text shown to people, in each language the console speaks (English is the fallback). */
export type Label = { en: string } & Partial<Record<Locale, string>>;

/** What a process acts on: kept in search attributes and the projection, so ids only, never e-mails or names. */
export interface EntityKey {
  entityType: string;
  entityId: string;
  officeId?: string;
}

/**
 * Everything the engine, the API and the console need to know about one machine besides its
 * statechart: how to name and label it, who may nudge it, and what its events must carry.
 */
export interface MachineDefinition<TInput = unknown> {
  id: string;
  version: number;
  machine: AnyStateMachine;
  title: Label;
  description?: Label;
  /** Labels by state path (`parent.child`) and by event type; missing ones fall back to the key. */
  stateLabels: Record<string, Label>;
  eventLabels: Record<string, Label>;
  /** Events an operator may send through the API; other events are the system's own. */
  operatorEvents: readonly string[];
  /** Payload schemas for events sent from outside; an event without one must carry no payload. */
  eventSchemas?: Record<string, ZodType>;
  /** Validates the input a new instance starts with. */
  inputSchema: ZodType<TInput>;
  /** Derives the entity key from the start input. */
  entity(input: TInput): EntityKey;
  /** Context keys never shown outside the workflow (tokens, references to secrets). */
  secretContextKeys?: readonly string[];
}

export type MachineRegistry = Readonly<Record<string, MachineDefinition<unknown>>>;

/** Keeps the literal input type of a definition while storing it in a registry. */
export function defineMachine<TInput>(definition: MachineDefinition<TInput>): MachineDefinition<TInput> {
  return definition;
}

export function createRegistry(definitions: ReadonlyArray<MachineDefinition<unknown>>): MachineRegistry {
  const registry: Record<string, MachineDefinition<unknown>> = {};
  for (const d of definitions) {
    if (registry[d.id]) throw new Error(`Machine id "${d.id}" is registered twice`);
    registry[d.id] = d;
  }
  return Object.freeze(registry);
}

/** The state value as one string: `a.b` for nested states, `a.b|c.d` for parallel regions. */
export function stateToString(value: unknown): string {
  if (typeof value === 'string') return value;
  if (value === null || typeof value !== 'object') return String(value);
  return Object.entries(value as Record<string, unknown>)
    .map(([key, child]) => {
      const inner = stateToString(child);
      return inner.includes('|')
        ? inner
            .split('|')
            .map((p) => `${key}.${p}`)
            .join('|')
        : `${key}.${inner}`;
    })
    .join('|');
}
