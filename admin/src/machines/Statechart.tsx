import {
  useCallback,
  useEffect,
  useId,
  useMemo,
  useRef,
  useState,
  type PointerEvent as ReactPointerEvent,
} from 'react';
import { Alert, Box, CircularProgress, IconButton, Stack, Tooltip } from '@mui/material';
import AddIcon from '@mui/icons-material/Add';
import RemoveIcon from '@mui/icons-material/Remove';
import FitScreenIcon from '@mui/icons-material/FitScreen';
import MyLocationIcon from '@mui/icons-material/MyLocation';
import { useLocaleState, useTranslate } from 'react-admin';
import { pickLabel } from '../i18n';
import type { MachineDescription, MachineTransition } from '../types';
import { delayInWords, dueInWords } from './delayInWords';
import { EDGE_FONT, FONT, HEADER, layoutMachine, type Box as Rect, type DiagramLayout, type Point } from './elkLayout';
import { activePaths } from './graph';

/** Running and stuck processes in one state, for the live map. */
export interface StateCount {
  running: number;
  stuck: number;
}

interface Props {
  machine: MachineDescription;
  /** The process's state value (`a.b`, `a.b|c.d` for parallel regions); highlighted and centred. */
  state?: string;
  visited?: Set<string>;
  /** The live map: processes per state path, drawn as a badge on each state. */
  counts?: Map<string, StateCount>;
  onStateClick?: (path: string) => void;
  height?: number;
  /** The process's pending timers: their transitions say when they fire. */
  timers?: Array<{ event: string; dueAt: string }>;
}

interface View {
  x: number;
  y: number;
  k: number;
}

const BADGE = 56;
const MIN_ZOOM = 0.2;
const MAX_ZOOM = 3;
const clampZoom = (k: number) => Math.min(MAX_ZOOM, Math.max(MIN_ZOOM, k));

/** A state's DOM id part: `a.b` → `s_a__b` (ids allow no dots in CSS selectors). */
const domId = (path: string) =>
  `s_${path
    .split('.')
    .map((part) => part.replace(/[^A-Za-z0-9]/g, '_'))
    .join('__')}`;

const pathOf = (points: Point[]) => points.map((p, i) => `${i === 0 ? 'M' : 'L'}${p.x},${p.y}`).join(' ');

/** Whether a transition leaves one of the states the process is in (or one of their ancestors). */
const accepted = (active: Set<string>, t: { source: string }) => active.has(t.source);

/**
 * The machine's statechart, laid out by ELK as an interactive SVG: wheel or buttons to zoom, drag
 * to pan, fit to see it whole. The current state is filled and centred, the transitions it accepts
 * drawn bold, timers labelled with their delay in words.
 */
export function Statechart({ machine, state, visited, counts, onStateClick, height = 560, timers }: Props) {
  const [locale] = useLocaleState();
  const translate = useTranslate();
  const diagramId = `statechart-${useId().replace(/[^A-Za-z0-9]/g, '')}`;
  const markerId = `${diagramId}-arrow`;
  const [layout, setLayout] = useState<DiagramLayout>();
  const [error, setError] = useState<string>();
  const [view, setView] = useState<View>();
  const frame = useRef<HTMLDivElement>(null);
  const drag = useRef<{ from: Point; start: View; moved: boolean }>();
  const active = useMemo(() => activePaths(state), [state]);
  const withBadges = counts !== undefined;

  // Snapshots arrive every few seconds as new objects; only a different timer lays the diagram out again.
  const timersKey = JSON.stringify((timers ?? []).map((t) => [t.event, t.dueAt]));
  const transitionText = useCallback(
    (t: MachineTransition) => {
      const pending =
        t.delay !== undefined
          ? (JSON.parse(timersKey) as [string, string][]).find(([event]) => event === t.event)
          : undefined;
      if (pending) return dueInWords(pending[1], locale);
      const delay = delayInWords(t.delay, locale);
      if (delay !== undefined) return translate('vinculo.timeline.delay', { delay });
      if (t.label) return pickLabel(t.label, locale, t.event);
      return pickLabel(machine.events.find((e) => e.type === t.event)?.label, locale, t.event);
    },
    [locale, machine, translate, timersKey],
  );

  useEffect(() => {
    let current = true;
    setError(undefined);
    layoutMachine({
      machine,
      stateText: (node) => pickLabel(node.label, locale, node.key),
      transitionText,
      badgeWidth: withBadges ? BADGE : 0,
    })
      .then((result) => current && setLayout(result))
      .catch((e: unknown) => current && setError(e instanceof Error ? e.message : String(e)));
    return () => {
      current = false;
    };
  }, [machine, locale, transitionText, withBadges]);

  const size = useCallback(() => {
    const el = frame.current;
    return { width: el?.clientWidth || 800, height: el?.clientHeight || height };
  }, [height]);

  const fit = useCallback(() => {
    if (!layout) return;
    const { width, height: h } = size();
    const k = clampZoom(Math.min((width - 24) / layout.width, (h - 24) / layout.height, 1.2));
    setView({ k, x: (width - layout.width * k) / 2, y: (h - layout.height * k) / 2 });
  }, [layout, size]);

  // The current state in the middle of the frame, at a zoom where its label reads.
  const centre = useCallback(() => {
    if (!layout) return;
    const focus = currentBox(layout, active);
    if (!focus) return fit();
    const { width, height: h } = size();
    const whole = Math.min((width - 24) / layout.width, (h - 24) / layout.height, 1.2);
    const k = clampZoom(Math.max(whole, 0.8));
    setView({ k, x: width / 2 - (focus.x + focus.width / 2) * k, y: h / 2 - (focus.y + focus.height / 2) * k });
  }, [layout, active, fit, size]);

  // Another machine or another current state is shown centred on where the process stands; a
  // relabelled diagram (a timer's "in 3 days" ticking) keeps the operator's zoom and pan.
  const shown = useRef<string>();
  useEffect(() => {
    if (!layout) return;
    const key = `${machine.id}/${machine.version}/${state ?? ''}`;
    if (shown.current === key) return;
    shown.current = key;
    if (state) centre();
    else fit();
    // Only when the drawing or the position changes: a resize or a new callback keeps the operator's view.
  }, [layout, state]);

  const zoomBy = useCallback(
    (factor: number, at?: Point) => {
      setView((v) => {
        if (!v) return v;
        const { width, height: h } = size();
        const p = at ?? { x: width / 2, y: h / 2 };
        const k = clampZoom(v.k * factor);
        return { k, x: p.x - ((p.x - v.x) * k) / v.k, y: p.y - ((p.y - v.y) * k) / v.k };
      });
    },
    [size],
  );

  // The wheel zooms the diagram, not the page: a listener that may cancel the page's scroll.
  useEffect(() => {
    const el = frame.current;
    if (!el) return;
    const onWheel = (e: WheelEvent) => {
      e.preventDefault();
      const r = el.getBoundingClientRect();
      zoomBy(e.deltaY < 0 ? 1.15 : 1 / 1.15, { x: e.clientX - r.left, y: e.clientY - r.top });
    };
    el.addEventListener('wheel', onWheel, { passive: false });
    return () => el.removeEventListener('wheel', onWheel);
  }, [zoomBy, layout]);

  const onPointerDown = (e: ReactPointerEvent) => {
    if (!view || e.button !== 0) return;
    drag.current = { from: { x: e.clientX, y: e.clientY }, start: view, moved: false };
  };
  const onPointerMove = (e: ReactPointerEvent) => {
    const d = drag.current;
    if (!d) return;
    const dx = e.clientX - d.from.x;
    const dy = e.clientY - d.from.y;
    if (!d.moved && Math.hypot(dx, dy) < 4) return;
    if (!d.moved) (e.currentTarget as Element).setPointerCapture(e.pointerId);
    d.moved = true;
    setView({ ...d.start, x: d.start.x + dx, y: d.start.y + dy });
  };
  const onPointerUp = () => {
    drag.current = undefined;
  };

  if (error) return <Alert severity="warning">{error}</Alert>;
  if (!layout) return <CircularProgress size={24} />;

  const currentLeaves = new Set((state ?? '').split('|').filter(Boolean));
  const ordered = [...layout.transitions].sort((a, b) => Number(accepted(active, a)) - Number(accepted(active, b)));

  return (
    <Box sx={{ position: 'relative' }}>
      <Stack
        direction="row"
        spacing={0.5}
        sx={{ position: 'absolute', top: 8, right: 8, zIndex: 1, bgcolor: 'background.paper', borderRadius: 1 }}
      >
        <Tooltip title={translate('vinculo.statechart.zoomIn')}>
          <IconButton size="small" onClick={() => zoomBy(1.25)} aria-label={translate('vinculo.statechart.zoomIn')}>
            <AddIcon fontSize="small" />
          </IconButton>
        </Tooltip>
        <Tooltip title={translate('vinculo.statechart.zoomOut')}>
          <IconButton size="small" onClick={() => zoomBy(0.8)} aria-label={translate('vinculo.statechart.zoomOut')}>
            <RemoveIcon fontSize="small" />
          </IconButton>
        </Tooltip>
        <Tooltip title={translate('vinculo.statechart.fit')}>
          <IconButton size="small" onClick={fit} aria-label={translate('vinculo.statechart.fit')}>
            <FitScreenIcon fontSize="small" />
          </IconButton>
        </Tooltip>
        {state && (
          <Tooltip title={translate('vinculo.statechart.centre')}>
            <IconButton size="small" onClick={centre} aria-label={translate('vinculo.statechart.centre')}>
              <MyLocationIcon fontSize="small" />
            </IconButton>
          </Tooltip>
        )}
      </Stack>
      <Box
        ref={frame}
        data-testid="statechart"
        sx={{
          height,
          overflow: 'hidden',
          border: 1,
          borderColor: 'divider',
          borderRadius: 1,
          cursor: drag.current?.moved ? 'grabbing' : 'grab',
          touchAction: 'none',
          bgcolor: '#fafbfc',
        }}
        onPointerDown={onPointerDown}
        onPointerMove={onPointerMove}
        onPointerUp={onPointerUp}
        onPointerLeave={onPointerUp}
      >
        <svg width="100%" height="100%" role="img" aria-label={pickLabel(machine.title, locale, machine.id)}>
          <defs>
            <marker
              id={markerId}
              viewBox="0 0 10 10"
              refX="9"
              refY="5"
              markerWidth="7"
              markerHeight="7"
              orient="auto-start-reverse"
            >
              <path d="M0,0 L10,5 L0,10 z" fill="context-stroke" />
            </marker>
          </defs>
          {view && (
            <g transform={`translate(${view.x},${view.y}) scale(${view.k})`}>
              {layout.states.map((s, i) => (
                <StateShape
                  key={s.path}
                  id={`${diagramId}-state-${domId(s.path)}-${i}`}
                  state={s}
                  current={currentLeaves.has(s.path) || (s.container && active.has(s.path))}
                  leaf={currentLeaves.has(s.path)}
                  visited={visited?.has(s.path) ?? false}
                  count={counts?.get(s.path)}
                  showCount={withBadges && !s.container}
                  onClick={onStateClick}
                  isDragging={() => drag.current?.moved ?? false}
                />
              ))}
              {ordered.map((t) => {
                const emphasised = accepted(active, t);
                return (
                  <g
                    key={t.id}
                    data-testid="transition"
                    data-source={t.source}
                    data-target={t.target}
                    data-accepted={emphasised ? 'true' : undefined}
                    // Arrows and their labels never catch a click meant for the state under them.
                    pointerEvents="none"
                  >
                    <path
                      d={pathOf(t.points)}
                      fill="none"
                      stroke={emphasised ? '#1565c0' : '#9aa4b1'}
                      strokeWidth={emphasised ? 2.4 : 1.2}
                      markerEnd={`url(#${markerId})`}
                    />
                    {t.label && t.text && <EdgeLabel box={t.label} text={t.text} emphasised={emphasised} />}
                  </g>
                );
              })}
            </g>
          )}
        </svg>
      </Box>
    </Box>
  );
}

function currentBox(layout: DiagramLayout, active: Set<string>): Rect | undefined {
  const boxes = layout.states.filter((s) => active.has(s.path) && !s.container);
  if (boxes.length === 0) return undefined;
  const x = Math.min(...boxes.map((b) => b.x));
  const y = Math.min(...boxes.map((b) => b.y));
  const right = Math.max(...boxes.map((b) => b.x + b.width));
  const bottom = Math.max(...boxes.map((b) => b.y + b.height));
  return { x, y, width: right - x, height: bottom - y };
}

function EdgeLabel({ box, text, emphasised }: { box: Rect; text: string; emphasised: boolean }) {
  return (
    <g>
      <rect x={box.x} y={box.y} width={box.width} height={box.height} rx={3} fill="#fafbfc" opacity={0.9} />
      <text
        x={box.x + box.width / 2}
        y={box.y + box.height / 2}
        textAnchor="middle"
        dominantBaseline="central"
        style={{ font: EDGE_FONT, fontWeight: emphasised ? 700 : 400 }}
        fill={emphasised ? '#0d47a1' : '#4a5561'}
      >
        {text}
      </text>
    </g>
  );
}

interface ShapeProps {
  id: string;
  state: DiagramLayout['states'][number];
  current: boolean;
  leaf: boolean;
  visited: boolean;
  count?: StateCount;
  showCount: boolean;
  onClick?: (path: string) => void;
  isDragging: () => boolean;
}

function StateShape({ id, state: s, current, leaf, visited, count, showCount, onClick, isDragging }: ShapeProps) {
  const translate = useTranslate();
  const final = s.node.type === 'final';
  const fill = s.container ? (current ? '#e8f0fe' : '#ffffff') : leaf ? '#1565c0' : visited ? '#e3f2fd' : '#ffffff';
  const stroke = current || leaf ? '#0d47a1' : '#8c97a4';
  const running = count?.running ?? 0;
  const stuck = count?.stuck ?? 0;
  return (
    <g
      data-testid="state"
      data-state={s.path}
      data-parent={s.parent ?? undefined}
      data-current={leaf ? 'true' : undefined}
      data-running={showCount ? running : undefined}
      data-stuck={showCount ? stuck : undefined}
      id={id}
      className={`node${leaf ? ' current' : visited && !s.container ? ' visited' : ''}`}
      style={{ cursor: onClick ? 'pointer' : undefined }}
      onClick={(e) => {
        if (!onClick || isDragging()) return;
        // A click inside a container belongs to the innermost state.
        e.stopPropagation();
        onClick(s.path);
      }}
    >
      <title>{s.path}</title>
      <rect
        x={s.x}
        y={s.y}
        width={s.width}
        height={s.height}
        rx={s.container ? 10 : 8}
        fill={fill}
        stroke={stroke}
        strokeWidth={leaf ? 3 : final ? 1 : 1.2}
        strokeDasharray={s.node.type === 'parallel' ? '6 4' : undefined}
      />
      {final && (
        <rect
          x={s.x + 3}
          y={s.y + 3}
          width={s.width - 6}
          height={s.height - 6}
          rx={6}
          fill="none"
          stroke={stroke}
          strokeWidth={1}
        />
      )}
      <text
        x={s.container ? s.x + 12 : s.x + (s.width - (showCount ? BADGE : 0)) / 2}
        y={s.container ? s.y + HEADER / 2 + 4 : s.y + s.height / 2}
        textAnchor={s.container ? 'start' : 'middle'}
        dominantBaseline="central"
        style={{ font: FONT, fontWeight: s.container || leaf ? 600 : 400 }}
        fill={leaf ? '#ffffff' : '#1f2933'}
      >
        {s.text}
      </text>
      {showCount && (
        <g data-testid="state-count">
          <title>{translate('vinculo.machines.stateCount', { running, stuck })}</title>
          <rect
            x={s.x + s.width - BADGE + 4}
            y={s.y + 8}
            width={BADGE - 12}
            height={s.height - 16}
            rx={(s.height - 16) / 2}
            fill={stuck > 0 ? '#c62828' : running > 0 ? '#2e7d32' : '#cfd6de'}
          />
          <text
            x={s.x + s.width - BADGE / 2 - 2}
            y={s.y + s.height / 2}
            textAnchor="middle"
            dominantBaseline="central"
            style={{ font: FONT, fontWeight: 700 }}
            fill={running > 0 ? '#ffffff' : '#4a5561'}
          >
            {running}
          </text>
        </g>
      )}
    </g>
  );
}
