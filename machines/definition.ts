import type { AnyStateMachine } from 'xstate';
import type { z, ZodType } from 'zod';

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

/** A payload rule for one event type: zod schemas fit it, and so does any validator with the same shape. */
export interface PayloadRule {
  safeParse(
    payload: unknown,
  ):
    | { success: true }
    | { success: false; error: { issues: ReadonlyArray<{ path: ReadonlyArray<PropertyKey>; message: string }> } };
}

/**
 * What the interpreter workflow needs to run one version of a machine: the statechart, how its
 * events are refused, the entity it acts on and which context keys stay inside. Nothing here is
 * for people to read, so the workflow bundle needs no labels.
 */
export interface EngineMachine<TInput = unknown> {
  id: string;
  /** Bumped when running processes could not continue on the new statechart (docs/machines.md). */
  version: number;
  machine: AnyStateMachine;
  /** Payload rules for events sent from outside; an event without one must carry no payload. */
  eventSchemas?: Readonly<Record<string, PayloadRule>>;
  /** Derives the entity key from the start input. */
  entity(input: TInput): EntityKey;
  /** Context keys never shown outside the workflow (tokens, references to secrets). */
  secretContextKeys?: readonly string[];
}

/**
 * One version of a machine as the API and the console see it: the engine's part plus how to
 * name and label it, who may nudge it, and what a new instance must start with.
 */
export interface MachineDefinition<TInput = unknown> extends EngineMachine<TInput> {
  title: Label;
  description?: Label;
  /** Labels by state path (`parent.child`) and by event type; missing ones fall back to the key. */
  stateLabels: Record<string, Label>;
  eventLabels: Record<string, Label>;
  /** Events an operator may send through the API; other events are the system's own. */
  operatorEvents: readonly string[];
  eventSchemas?: Readonly<Record<string, ZodType>>;
  /** Validates the input a new instance starts with. */
  inputSchema: ZodType<TInput>;
}

/** A machine's console wording: its title, description and the labels of its states and events. */
export interface MachineLabels {
  title: Label;
  description: Label;
  stateLabels: Record<string, Label>;
  eventLabels: Record<string, Label>;
}

/** The event union a table of payload schemas describes: `{type}` plus each schema's output. */
export type EventsOf<S extends Record<string, ZodType>> = {
  [K in keyof S & string]: { type: K } & z.output<S[K]>;
}[keyof S & string];

/** An engine machine whose statechart is built on first use (see defineEngineMachine). */
export type LazyEngineMachine<TInput> = Omit<EngineMachine<TInput>, 'machine'> & { build: () => AnyStateMachine };

const lazyMachines = new WeakSet<object>();

/**
 * Keeps the literal input type of an engine machine while storing it in a registry. The
 * statechart is built the first time `machine` is read: the workflow bundle's modules are
 * evaluated again for every workflow, and a workflow runs only one of the registered machines.
 */
export function defineEngineMachine<TInput>(spec: LazyEngineMachine<TInput>): EngineMachine<TInput> {
  const { build, ...rest } = spec;
  let built: AnyStateMachine | undefined;
  const definition = {
    ...rest,
    get machine(): AnyStateMachine {
      if (built) return built;
      built = build();
      if (built.id !== rest.id) throw new Error(`Machine "${rest.id}" wraps a statechart with id "${built.id}"`);
      return built;
    },
  } as EngineMachine<TInput>;
  lazyMachines.add(definition);
  return definition;
}

/** Keeps the literal input type of a definition while storing it in a registry. */
export function defineMachine<TInput>(definition: MachineDefinition<TInput>): MachineDefinition<TInput> {
  return definition;
}

/**
 * Every version of every machine still in use, by id and version. New processes start on a
 * machine's latest version; a running process names its own version and finishes on it.
 */
export class MachineRegistry<D extends EngineMachine<never> = MachineDefinition<unknown>> {
  private readonly byId = new Map<string, Map<number, D>>();

  constructor(definitions: Iterable<D>) {
    for (const d of definitions) {
      if (!Number.isInteger(d.version) || d.version < 1)
        throw new Error(`Machine "${d.id}" has version ${d.version}; versions are integers from 1.`);
      const versions = this.byId.get(d.id) ?? new Map<number, D>();
      if (versions.has(d.version)) throw new Error(`Machine "${d.id}" version ${d.version} is registered twice`);
      // A lazy machine checks its statechart's id when it is first built, not here.
      if (!lazyMachines.has(d) && d.machine.id !== d.id)
        throw new Error(`Machine "${d.id}" wraps a statechart with id "${d.machine.id}"`);
      versions.set(d.version, d);
      this.byId.set(d.id, versions);
    }
  }

  /** The machine ids, in registration order. */
  ids(): string[] {
    return [...this.byId.keys()];
  }

  /** The version new processes of this machine start on. */
  latest(id: string): D | undefined {
    const versions = this.byId.get(id);
    if (!versions) return undefined;
    return versions.get(Math.max(...versions.keys()));
  }

  /** Exactly this version, for a process that started on it. */
  get(id: string, version: number): D | undefined {
    return this.byId.get(id)?.get(version);
  }

  /** The versions registered for a machine, oldest first. */
  versions(id: string): number[] {
    return [...(this.byId.get(id)?.keys() ?? [])].sort((a, b) => a - b);
  }

  /** The latest version of each machine. */
  latestAll(): D[] {
    return this.ids().map((id) => this.latest(id) as D);
  }

  /** Every registered version of every machine, by id then version. */
  all(): D[] {
    return this.ids().flatMap((id) => this.versions(id).map((v) => this.get(id, v) as D));
  }
}

export function createRegistry<D extends EngineMachine<never>>(definitions: Iterable<D>): MachineRegistry<D> {
  return new MachineRegistry(definitions);
}

/**
 * The catalogue of an engine registry: its versions, in its order, each with the catalogue entry
 * (labels, operator events, start schema) that wraps it. Which versions run is decided once, by
 * the engine registry; a version without an entry, or an entry for a version the engine does not
 * run, stops the program where it is loaded.
 */
export function catalogueOf<D extends EngineMachine<never>>(
  engine: MachineRegistry<EngineMachine<never>>,
  entries: Iterable<D>,
): MachineRegistry<D> {
  const byVersion = createRegistry(entries);
  const named = (d: { id: string; version: number }) => `"${d.id}" version ${d.version}`;
  const extra = byVersion.all().filter((d) => !engine.get(d.id, d.version));
  if (extra.length)
    throw new Error(`Catalogue entries for versions the engine does not run: ${extra.map(named).join(', ')}`);
  return createRegistry(
    engine.all().map((e) => {
      const entry = byVersion.get(e.id, e.version);
      if (!entry) throw new Error(`Machine ${named(e)} runs in the engine but has no catalogue entry`);
      if (entry.machine !== e.machine) throw new Error(`The catalogue entry of ${named(e)} wraps another statechart`);
      return entry;
    }),
  );
}

/** Histories recorded before machines had versions carry none: they ran version 1. */
export const versionOrFirst = (version: number | undefined): number => version ?? 1;

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
