// The progress line while the run goes, and the summary table at its end.
import type { Findings } from './checks.js';
import type { Supervised } from './stack.js';

const started = Date.now();
export const elapsed = () => `${Math.round((Date.now() - started) / 1000)}s`;
export const say = (line: string) => process.stdout.write(`[${elapsed()}] ${line}\n`);

export function progress(parts: Supervised[], driven: () => string, retries: () => number) {
  const kills = parts.map((p) => `${p.name} ${p.kills}`).join(', ');
  say(`driven ${driven()} · kills: ${kills} · retried requests ${retries()}`);
}

function table(title: string, rows: Array<[string, ...string[]]>) {
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => (r[i] ?? '').length)));
  const line = (r: string[]) => r.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
  process.stdout.write(`\n${title}\n${'-'.repeat(line(rows[0]!).length)}\n`);
  for (const r of rows) process.stdout.write(`${line(r)}\n`);
}

/** What the hard mode (`--worker-kills`) adds to the summary. */
export interface HardFigures {
  serverKillsMidPortal: number;
  /** Every process final while the worker was still being killed (else after the kills stopped). */
  settledUnderKills: boolean;
}

const oneLine = (text: string, max = 90) => {
  const line = text.replace(/\s+/g, ' ');
  return line.length > max ? `${line.slice(0, max - 1)}…` : line;
};

export function summary(
  f: Findings,
  parts: { worker: Supervised; server: Supervised; temporal: Supervised },
  retries: number,
  hard?: HardFigures,
) {
  table('chaos summary by machine', [
    ['machine', 'processes', 'expected state', 'paths unlike'],
    ...f.byMachine.map((m): [string, ...string[]] => [
      m.machine,
      String(m.processes),
      String(m.reached),
      String(m.pathsUnlike),
    ]),
  ]);
  const { worker, server, temporal } = parts;
  const h = f.histories;
  const otherTaskFailures = [...h.otherTaskFailures].map(([cause, n]) => `${cause} ${n}`).join(', ');
  table('chaos summary', [
    ['processes', String(f.byMachine.reduce((a, m) => a + m.processes, 0))],
    ['SIGKILLs: worker / server / temporal', [worker, server, temporal].map((p) => p.kills).join(' / ')],
    ...(hard
      ? ([
          ['server SIGKILLs with a portal request in flight', String(hard.serverKillsMidPortal)],
          ['every process final while the worker was killed', hard.settledUnderKills ? 'yes' : 'no'],
        ] as Array<[string, string]>)
      : []),
    ['clean stops of temporal (same SQLite file)', String(temporal.cleanStops)],
    ['requests retried after a fault', String(retries)],
    ['mails in the outbox / received', `${f.mails.outbox} / ${f.mails.received}`],
    ['repeats of a Message-ID (known SMTP limit)', String(f.mails.repeats)],
    ['queued events (delivered / all)', `${f.queued.delivered} / ${f.queued.all}`],
    ['orphan rows', String(f.orphans)],
    ['duplicate rows', String(f.duplicates)],
    ['processes stuck by a failing workflow task', String(f.stuckByTaskFailure)],
    ['workflow tasks failed: nondeterminism / other', `${h.nondeterminism.length} / ${otherTaskFailures || '0'}`],
    ['histories read: runs / processes', `${h.runs} / ${h.processes}`],
    ['histories replayed / failed', `${h.replayed} / ${h.replayFailures.length}`],
    ...h.replayFailures
      .slice(0, 3)
      .map((r): [string, string] => [`replay failure: ${r.workflowId}`, oneLine(r.message)]),
    ['violations', String(f.violations.length)],
    ['duration', elapsed()],
  ]);
  for (const v of f.violations.slice(0, 40)) process.stdout.write(`VIOLATION ${v}\n`);
}

/** `--calm`: each variant's path, as the scenarios hold it. */
export function printPaths(paths: Map<string, string[]>) {
  for (const [key, path] of paths) process.stdout.write(`\n${key}\n${JSON.stringify(path, null, 2)}\n`);
}
