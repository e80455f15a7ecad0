import { useEffect, useId, useMemo, useState } from 'react';
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
    mermaid.initialize({ startOnLoad: false, securityLevel: 'strict', theme: 'default' });
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

  if (error) return <Alert severity="warning">{error}</Alert>;
  if (!svg) return <CircularProgress size={24} />;
  return (
    <Box
      data-testid="statechart"
      sx={{ overflowX: 'auto', '& svg': { maxWidth: '100%', height: 'auto' } }}
      // The SVG comes from mermaid with securityLevel 'strict', which sanitises labels.
      dangerouslySetInnerHTML={{ __html: svg }}
    />
  );
}
