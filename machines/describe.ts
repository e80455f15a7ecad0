import { z } from 'zod';
import type { AnyStateNode } from 'xstate';
import type { Label, MachineDefinition } from './definition.js';

export interface StateDescription {
  path: string;
  key: string;
  label: Label;
  type: 'atomic' | 'compound' | 'parallel' | 'final' | 'history';
  initial?: string;
  tags: string[];
  children: StateDescription[];
}

export interface TransitionDescription {
  source: string;
  target: string | null;
  event: string;
  delay?: number | string;
  label: Label;
}

/** A JSON-schema object, as far as the console reads an event's payload schema. */
export interface JsonSchema {
  type?: string | string[];
  title?: string;
  description?: string;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  enum?: unknown[];
  format?: string;
}

/** An event a machine version takes, and whether operators may send it. */
export interface MachineEventDescription {
  type: string;
  label: Label;
  operator: boolean;
  payloadSchema?: JsonSchema;
}

export interface MachineDescription {
  id: string;
  version: number;
  /** The version new processes start on; older ones are kept while processes still run them. */
  latest: boolean;
  title: Label;
  description?: Label;
  initial: string;
  states: StateDescription[];
  events: MachineEventDescription[];
  transitions: TransitionDescription[];
}

const pathOf = (node: AnyStateNode) => node.path.join('.');

function describeState(definition: MachineDefinition<unknown>, node: AnyStateNode): StateDescription {
  const path = pathOf(node);
  const initialTarget = node.initial?.target?.[0];
  return {
    path,
    key: node.key,
    label: definition.stateLabels[path] ?? { en: node.key },
    type: node.type,
    initial: initialTarget ? pathOf(initialTarget) : undefined,
    tags: [...node.tags],
    children: Object.values(node.states).map((child) => describeState(definition, child)),
  };
}

function eventLabel(definition: MachineDefinition<unknown>, event: string, delay?: number | string): Label {
  if (delay !== undefined)
    return {
      en: `after ${typeof delay === 'number' ? `${delay} ms` : delay}`,
      'pt-BR': `após ${delay}`,
      fr: `après ${delay}`,
    };
  // An invoke's outcome leaves the state that ran it, so "done"/"failed" says enough on the arrow.
  if (event.startsWith('xstate.done.actor.')) return { en: '✓ done', 'pt-BR': '✓ concluído', fr: '✓ terminé' };
  if (event.startsWith('xstate.error.actor.')) return { en: '✗ failed', 'pt-BR': '✗ falhou', fr: '✗ échec' };
  return definition.eventLabels[event] ?? { en: event };
}

function collectTransitions(definition: MachineDefinition<unknown>, node: AnyStateNode, out: TransitionDescription[]) {
  const delays = new Map(node.after.map((t) => [t.eventType, typeof t.delay === 'function' ? 'computed' : t.delay]));
  for (const [event, list] of node.transitions) {
    for (const t of list) {
      const delay = delays.get(event);
      const targets = t.target?.length ? t.target.map(pathOf) : [null];
      for (const target of targets) {
        out.push({ source: pathOf(node), target, event, delay, label: eventLabel(definition, event, delay) });
      }
    }
  }
  for (const child of Object.values(node.states)) collectTransitions(definition, child, out);
}

/** A machine as plain JSON for the console's diagrams and forms: states, transitions, labels. */
export function describeMachine(definition: MachineDefinition<unknown>, latest = true): MachineDescription {
  const root = definition.machine.root;
  const transitions: TransitionDescription[] = [];
  collectTransitions(definition, root, transitions);
  const operator = new Set(definition.operatorEvents);
  const types = [...new Set(transitions.map((t) => t.event))].filter((e) => !e.startsWith('xstate.'));
  return {
    id: definition.id,
    version: definition.version,
    latest,
    title: definition.title,
    description: definition.description,
    initial: root.initial?.target?.[0] ? pathOf(root.initial.target[0]) : '',
    states: Object.values(root.states).map((s) => describeState(definition, s)),
    events: types.sort().map((type) => {
      const schema = definition.eventSchemas?.[type];
      return {
        type,
        label: eventLabel(definition, type),
        operator: operator.has(type),
        payloadSchema: schema ? (z.toJSONSchema(schema) as JsonSchema) : undefined,
      };
    }),
    transitions: transitions.filter((t) => t.source !== ''),
  };
}
