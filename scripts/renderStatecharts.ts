/**
 * Draws every registered machine version's statechart into docs/processes/ as SVG, laid out by the
 * console's own ELK layout (admin/src/machines/elkLayout.ts) from the catalogue's descriptions, so
 * the pictures in the docs are the diagrams the console shows. The latest version of a machine is
 * `<machine>.svg`, an older one still registered `<machine>.v<n>.svg`.
 *
 *   npm run docs:statecharts
 */
import fs from 'node:fs';
import path from 'node:path';
import { EDGE_FONT, FONT, HEADER, layoutMachine, type DiagramLayout } from '../admin/src/machines/elkLayout.js';
import { delayInWords } from '../admin/src/machines/delayInWords.js';
import { describeMachine, type MachineDescription } from '../machines/describe.js';
import { registry } from '../machines/index.js';
import { projectRoot } from '../server/config.js';

const outDir = path.join(projectRoot, 'docs', 'processes');
const MARGIN = 16;

/** The file a machine version's picture goes to. */
const statechartFile = (id: string, version: number, latest: boolean) =>
  latest ? `${id}.svg` : `${id}.v${version}.svg`;

const escapeXml = (text: string) =>
  text.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c] as string);

// The labels as the console shows them in English: a delay in words, else the transition's or event's label.
function transitionText(machine: MachineDescription, t: MachineDescription['transitions'][number]): string {
  const delay = delayInWords(t.delay, 'en');
  if (delay !== undefined) return `after ${delay}`;
  return t.label.en || (machine.events.find((e) => e.type === t.event)?.label.en ?? t.event);
}

/** The laid-out diagram as a standalone SVG document, in the console's colours. */
function toSvg(machine: MachineDescription, layout: DiagramLayout): string {
  const width = Math.ceil(layout.width + 2 * MARGIN);
  const height = Math.ceil(layout.height + 2 * MARGIN);
  const states = layout.states.map((s) => {
    const final = s.node.type === 'final';
    const dashed = s.node.type === 'parallel' ? ' stroke-dasharray="6 4"' : '';
    const inner = final
      ? `<rect x="${s.x + 3}" y="${s.y + 3}" width="${s.width - 6}" height="${s.height - 6}" rx="6" fill="none" stroke="#8c97a4"/>`
      : '';
    const text = s.container
      ? `<text x="${s.x + 12}" y="${s.y + HEADER / 2 + 4}" class="state container">${escapeXml(s.text)}</text>`
      : `<text x="${s.x + s.width / 2}" y="${s.y + s.height / 2}" class="state" text-anchor="middle">${escapeXml(s.text)}</text>`;
    return `<g><title>${escapeXml(s.path)}</title><rect x="${s.x}" y="${s.y}" width="${s.width}" height="${s.height}" rx="${s.container ? 10 : 8}" fill="#ffffff" stroke="#8c97a4"${dashed}/>${inner}${text}</g>`;
  });
  const transitions = layout.transitions.map((t) => {
    const d = t.points.map((p, i) => `${i === 0 ? 'M' : 'L'}${p.x},${p.y}`).join(' ');
    const label =
      t.label && t.text
        ? `<rect x="${t.label.x}" y="${t.label.y}" width="${t.label.width}" height="${t.label.height}" rx="3" fill="#fafbfc" opacity="0.9"/>` +
          `<text x="${t.label.x + t.label.width / 2}" y="${t.label.y + t.label.height / 2}" class="edge" text-anchor="middle">${escapeXml(t.text)}</text>`
        : '';
    return `<g><path d="${d}" fill="none" stroke="#9aa4b1" stroke-width="1.2" marker-end="url(#arrow)"/>${label}</g>`;
  });
  const title = `${machine.title.en} (${machine.id}, version ${machine.version})`;
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" role="img" aria-label="${escapeXml(title)}">`,
    `<title>${escapeXml(title)}</title>`,
    `<style>.state{font:${FONT};fill:#1f2933;dominant-baseline:central}.container{font-weight:600}.edge{font:${EDGE_FONT};fill:#4a5561;dominant-baseline:central}</style>`,
    '<defs><marker id="arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" fill="#9aa4b1"/></marker></defs>',
    `<rect width="${width}" height="${height}" fill="#fafbfc"/>`,
    `<g transform="translate(${MARGIN},${MARGIN})">`,
    ...states,
    ...transitions,
    '</g>',
    '</svg>',
    '',
  ].join('\n');
}

async function main() {
  fs.mkdirSync(outDir, { recursive: true });
  for (const definition of registry.all()) {
    const latest = registry.latest(definition.id)?.version === definition.version;
    const machine = describeMachine(definition, latest);
    const layout = await layoutMachine({
      machine,
      stateText: (node) => node.label.en || node.key,
      transitionText: (t) => transitionText(machine, t),
    });
    const file = path.join(outDir, statechartFile(machine.id, machine.version, latest));
    fs.writeFileSync(file, toSvg(machine, layout));
    console.log(
      `${path.relative(projectRoot, file)}: ${layout.states.length} states, ${layout.transitions.length} transitions`,
    );
  }
}

await main();
