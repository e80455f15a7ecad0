import type { Label, MachineDescription, MachineTransition, StateNode } from '../types';
import { describeDelay } from './graph';

export interface DiagramOptions {
  stateLabel: (node: StateNode) => string;
  eventLabel: (type: string) => string;
  delayLabel: (delay: string) => string;
  /** A transition's own label in the console's language. */
  transitionLabel: (label: Label) => string;
  active: Set<string>;
  visited: Set<string>;
}

/** Mermaid ids allow no dots, so a path `a.b` becomes `s_a__b`. */
export const mermaidId = (path: string) =>
  `s_${path
    .split('.')
    .map((part) => part.replace(/[^A-Za-z0-9]/g, '_'))
    .join('__')}`;

// Mermaid reads quotes, semicolons and '#' as syntax inside labels.
const clean = (text: string) =>
  text
    .replace(/[";#:{}]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();

function declareNodes(nodes: StateNode[], parent: StateNode | null, o: DiagramOptions, indent: string): string[] {
  const lines: string[] = [];
  nodes.forEach((node, index) => {
    if (parent?.type === 'parallel' && index > 0) lines.push(`${indent}--`);
    const id = mermaidId(node.path);
    lines.push(`${indent}state "${clean(o.stateLabel(node)) || node.key}" as ${id}`);
    if (node.children.length > 0) {
      lines.push(`${indent}state ${id} {`);
      if (node.type !== 'parallel' && node.initial) {
        const initialPath = node.initial.includes('.') ? node.initial : `${node.path}.${node.initial}`;
        lines.push(`${indent}  [*] --> ${mermaidId(initialPath)}`);
      }
      lines.push(...declareNodes(node.children, node, o, `${indent}  `));
      lines.push(`${indent}}`);
    }
    if (node.type === 'final') lines.push(`${indent}${id} --> [*]`);
  });
  return lines;
}

function edgeLabel(t: MachineTransition, o: DiagramOptions): string {
  const delay = describeDelay(t.delay);
  if (t.label) return o.transitionLabel(t.label);
  if (delay !== undefined) return o.delayLabel(delay);
  return o.eventLabel(t.event);
}

function classLines(machine: MachineDescription, o: DiagramOptions): string[] {
  // Mermaid cannot style composite states, so only leaves carry the classes.
  const leaves: string[] = [];
  const collect = (nodes: StateNode[]) =>
    nodes.forEach((n) => (n.children.length === 0 ? leaves.push(n.path) : collect(n.children)));
  collect(machine.states);
  const visited = leaves.filter((p) => o.visited.has(p) && !o.active.has(p)).map(mermaidId);
  const active = leaves.filter((p) => o.active.has(p)).map(mermaidId);
  return [
    'classDef visited fill:#e3f2fd,stroke:#64b5f6,color:#0d47a1',
    'classDef current fill:#1565c0,stroke:#0d47a1,stroke-width:3px,color:#ffffff,font-weight:bold',
    ...(visited.length ? [`class ${visited.join(',')} visited`] : []),
    ...(active.length ? [`class ${active.join(',')} current`] : []),
  ];
}

/** The machine as a mermaid stateDiagram-v2, with the current and visited states marked. */
export function toMermaid(machine: MachineDescription, o: DiagramOptions): string {
  const edges = machine.transitions.map((t) => {
    const source = mermaidId(t.source);
    const target = t.target === null ? source : mermaidId(t.target);
    return `  ${source} --> ${target} : ${clean(edgeLabel(t, o))}`;
  });
  const initial = machine.initial.split('.')[0] ?? machine.initial;
  return [
    'stateDiagram-v2',
    `  [*] --> ${mermaidId(initial)}`,
    ...declareNodes(machine.states, null, o, '  '),
    ...edges,
    ...classLines(machine, o).map((l) => `  ${l}`),
  ].join('\n');
}
