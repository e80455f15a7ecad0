import type { ELK, ElkExtendedEdge, ElkNode } from 'elkjs/lib/elk-api';
import type { MachineDescription, StateNode } from '../types';

export interface Point {
  x: number;
  y: number;
}

export interface Box extends Point {
  width: number;
  height: number;
}

/** A state placed on the canvas; all coordinates are the diagram's own (ELK's root). */
export interface PlacedState extends Box {
  path: string;
  parent: string | null;
  node: StateNode;
  text: string;
  container: boolean;
}

export interface PlacedTransition {
  id: string;
  source: string;
  target: string;
  event: string;
  text: string;
  points: Point[];
  label?: Box;
}

export interface DiagramLayout {
  width: number;
  height: number;
  states: PlacedState[];
  transitions: PlacedTransition[];
}

export interface LayoutInput {
  machine: MachineDescription;
  stateText: (node: StateNode) => string;
  transitionText: (t: MachineDescription['transitions'][number]) => string;
  /** Room kept at a state's right for a badge (the live map's counts). */
  badgeWidth?: number;
}

export const FONT = '13px Roboto, Helvetica, Arial, sans-serif';
export const EDGE_FONT = '11px Roboto, Helvetica, Arial, sans-serif';
export const STATE_HEIGHT = 40;
export const HEADER = 30;

let measureContext: CanvasRenderingContext2D | null | undefined;

/** A label's width as the browser will draw it (an estimate where no canvas is available). */
export function textWidth(text: string, font = FONT): number {
  if (measureContext === undefined)
    measureContext = typeof document === 'undefined' ? null : document.createElement('canvas').getContext('2d');
  if (!measureContext) return text.length * 7.5;
  measureContext.font = font;
  return measureContext.measureText(text).width;
}

// The bundled build runs ELK on the page itself: no worker script to serve, nothing inline for the
// CSP. It is large, so it loads with the first diagram rather than with the console.
let elk: Promise<ELK> | undefined;
const loadElk = () => (elk ??= import('elkjs/lib/elk.bundled.js').then(({ default: Elk }) => new Elk()));

const layoutOptions = {
  'elk.algorithm': 'layered',
  'elk.direction': 'DOWN',
  // Edges between states of different containers are laid out with the containers, not over them.
  'elk.hierarchyHandling': 'INCLUDE_CHILDREN',
  'elk.edgeRouting': 'ORTHOGONAL',
  'elk.layered.spacing.nodeNodeBetweenLayers': '56',
  'elk.spacing.nodeNode': '36',
  'elk.spacing.edgeLabel': '4',
  'elk.layered.spacing.edgeNodeBetweenLayers': '24',
  'elk.layered.nodePlacement.strategy': 'NETWORK_SIMPLEX',
  'elk.layered.crossingMinimization.strategy': 'LAYER_SWEEP',
  'elk.edgeLabels.placement': 'CENTER',
  // Every coordinate relative to the diagram, so drawing needs no sums over the nesting.
  'elk.json.shapeCoords': 'ROOT',
  'elk.json.edgeCoords': 'ROOT',
};

const containerOptions = { 'elk.padding': `[top=${HEADER + 12},left=16,bottom=16,right=16]` };

/** The machine laid out by ELK: compound states as containers of their children, edges orthogonal. */
export async function layoutMachine(input: LayoutInput): Promise<DiagramLayout> {
  const { machine, stateText, transitionText } = input;
  const badge = input.badgeWidth ?? 0;
  const nodes = new Map<string, { node: StateNode; parent: string | null; text: string }>();

  const toElk = (node: StateNode, parent: string | null): ElkNode => {
    const text = stateText(node);
    nodes.set(node.path, { node, parent, text });
    const labelWidth = textWidth(text) + 28;
    if (node.children.length === 0)
      return { id: node.path, width: Math.max(96, labelWidth + badge), height: STATE_HEIGHT };
    return {
      id: node.path,
      layoutOptions: {
        ...containerOptions,
        // A container is at least as wide as its own title.
        'elk.nodeSize.constraints': 'MINIMUM_SIZE',
        'elk.nodeSize.minimum': `(${labelWidth + badge + 16}, ${HEADER + 40})`,
      },
      children: node.children.map((child) => toElk(child, node.path)),
    };
  };

  const children = machine.states.map((s) => toElk(s, null));
  const drawable = machine.transitions.filter((t) => nodes.has(t.source) && (t.target === null || nodes.has(t.target)));
  const edges: ElkExtendedEdge[] = drawable.map((t, i) => {
    const text = transitionText(t);
    return {
      id: `t${i}`,
      sources: [t.source],
      // A transition without a target stays in its state: drawn as a loop.
      targets: [t.target ?? t.source],
      labels: [{ id: `t${i}.label`, text, width: textWidth(text, EDGE_FONT) + 8, height: 16 }],
    };
  });

  const graph: ElkNode = { id: 'root', layoutOptions, children, edges };
  const laid = await (await loadElk()).layout(graph);

  const states: PlacedState[] = [];
  const collect = (list: ElkNode[] | undefined) => {
    for (const n of list ?? []) {
      const known = nodes.get(n.id);
      if (known)
        states.push({
          path: n.id,
          parent: known.parent,
          node: known.node,
          text: known.text,
          container: known.node.children.length > 0,
          x: n.x ?? 0,
          y: n.y ?? 0,
          width: n.width ?? 0,
          height: n.height ?? 0,
        });
      collect(n.children);
    }
  };
  collect(laid.children);

  const byId = new Map(edges.map((e) => [e.id, e]));
  const placedEdges = collectEdges(laid).map((e): PlacedTransition => {
    const index = Number(e.id.slice(1));
    const t = drawable[index]!;
    const section = e.sections?.[0];
    const points = section ? [section.startPoint, ...(section.bendPoints ?? []), section.endPoint] : [];
    const label = e.labels?.[0];
    return {
      id: e.id,
      source: t.source,
      target: t.target ?? t.source,
      event: t.event,
      text: byId.get(e.id)?.labels?.[0]?.text ?? '',
      points,
      label:
        label && label.x !== undefined && label.y !== undefined
          ? { x: label.x, y: label.y, width: label.width ?? 0, height: label.height ?? 0 }
          : undefined,
    };
  });
  return { width: laid.width ?? 0, height: laid.height ?? 0, states, transitions: placedEdges };
}

// ELK may move an edge into the container it runs in; they are gathered from every level.
function collectEdges(node: ElkNode): ElkExtendedEdge[] {
  return [...(node.edges ?? []), ...(node.children ?? []).flatMap(collectEdges)];
}
