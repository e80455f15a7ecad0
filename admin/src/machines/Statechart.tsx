import { useEffect, useId, useMemo, useRef, useState } from 'react';
import { Alert, Box, CircularProgress } from '@mui/material';
import { useLocaleState, useTranslate } from 'react-admin';
import { pickLabel } from '../i18n';
import type { MachineDescription } from '../types';
import { activePaths } from './graph';
import { toMermaid } from './mermaid';

interface Props {
  machine: MachineDescription;
  state?: string;
  visited: Set<string>;
}

// Overlapping mermaid renders (the text changes while the last render still runs, e.g. when the
// transitions arrive after the snapshot) share mermaid's scratch element and came back empty.
let rendering: Promise<unknown> = Promise.resolve();

// mermaid is large; loading it on first use keeps it out of the console's first page load.
function renderSvg(elementId: string, text: string): Promise<string> {
  const next = rendering.then(async () => {
    const { default: mermaid } = await import('mermaid');
    // Drawn at its natural size: shrunk to the page width, a real machine's labels become unreadable.
    mermaid.initialize({
      startOnLoad: false,
      securityLevel: 'strict',
      theme: 'default',
      state: { useMaxWidth: false },
    });
    const { svg } = await mermaid.render(elementId, text);
    return svg;
  });
  rendering = next.catch(() => undefined);
  return next;
}

/** The machine's statechart with the current state filled and the visited ones tinted. */
export function Statechart({ machine, state, visited }: Props) {
  const [locale] = useLocaleState();
  const translate = useTranslate();
  const elementId = `statechart-${useId().replace(/[^A-Za-z0-9]/g, '')}`;
  const [svg, setSvg] = useState<string>();
  const [error, setError] = useState<string>();
  const box = useRef<HTMLDivElement>(null);

  const text = useMemo(() => {
    const eventLabels = new Map(machine.events.map((e) => [e.type, pickLabel(e.label, locale, e.type)]));
    return toMermaid(machine, {
      stateLabel: (node) => pickLabel(node.label, locale, node.key),
      eventLabel: (type) => eventLabels.get(type) ?? type,
      delayLabel: (delay) => translate('vinculo.timeline.delay', { delay }),
      transitionLabel: (label) => pickLabel(label, locale),
      active: activePaths(state),
      visited,
    });
  }, [machine, state, visited, locale, translate]);

  useEffect(() => {
    let current = true;
    setError(undefined);
    renderSvg(elementId, text)
      .then((result) => current && setSvg(result))
      .catch((e: unknown) => current && setError(e instanceof Error ? e.message : String(e)));
    return () => {
      current = false;
    };
  }, [elementId, text]);

  // Readable but not huge, and scrolled so the current state is in view without searching.
  useEffect(() => {
    const container = box.current;
    const diagram = container?.querySelector('svg');
    if (!container || !diagram) return;
    const natural = diagram.viewBox.baseVal?.width || diagram.getBoundingClientRect().width;
    diagram.style.width = `${Math.max(container.clientWidth, natural * 0.75)}px`;
    const current = container.querySelector('.current');
    if (!current) return;
    const at = current.getBoundingClientRect();
    const frame = container.getBoundingClientRect();
    container.scrollLeft += at.left - frame.left - (frame.width - at.width) / 2;
    container.scrollTop += at.top - frame.top - (frame.height - at.height) / 2;
  }, [svg]);

  if (error) return <Alert severity="warning">{error}</Alert>;
  if (!svg) return <CircularProgress size={24} />;
  return (
    <Box
      ref={box}
      data-testid="statechart"
      // width 0 with minWidth 100%: the diagram scrolls inside the card instead of widening the page.
      sx={{
        overflow: 'auto',
        maxHeight: 640,
        width: 0,
        minWidth: '100%',
        '& svg': { maxWidth: 'none', height: 'auto' },
      }}
      // The SVG comes from mermaid with securityLevel 'strict', which sanitises labels.
      dangerouslySetInnerHTML={{ __html: svg }}
    />
  );
}
