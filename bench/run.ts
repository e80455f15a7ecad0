// `npm run bench`: the engine against a hand-written Temporal workflow (bench/cost.ts) and e-mail
// rendering (bench/email.ts). Prints each figure with its ratio and target, writes the run's JSON
// under bench/results/ and ends with a markdown table. `--quick` is CI's smoke run (< 2 min).
// Flags: --quick, --rounds N, --concurrency N, --idle N (10000 for the large memory figure),
// --engine-src DIR (measure another checkout's engine, e.g. main's, for a before/after),
// --no-reuse-v8 (reuseV8Context off), --no-shared-modules (each workflow evaluates the machines and
// the interpreter again, as before they were preloaded), --cache N (maxCachedWorkflows), --label NAME.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { runCost } from './cost.js';
import { runEmail } from './email.js';
import { runLists } from './lists.js';
import { figureRow } from './support.js';

const { values: flags } = parseArgs({
  options: {
    quick: { type: 'boolean', default: false },
    rounds: { type: 'string' },
    concurrency: { type: 'string' },
    idle: { type: 'string' },
    'engine-src': { type: 'string' },
    'no-reuse-v8': { type: 'boolean', default: false },
    'no-shared-modules': { type: 'boolean', default: false },
    cache: { type: 'string' },
    label: { type: 'string' },
    lists: { type: 'string' },
    million: { type: 'boolean', default: false },
    pg: { type: 'string' },
    only: { type: 'string' },
  },
});
const here = path.dirname(fileURLToPath(import.meta.url));
const quick = flags.quick;
const num = (s: string | undefined, fallback: number) => (s === undefined ? fallback : Number(s));
const options = {
  rounds: num(flags.rounds, quick ? 1 : 3),
  concurrency: num(flags.concurrency, quick ? 30 : 200),
  idle: num(flags.idle, quick ? 200 : 2000),
  engineSource: path.resolve(flags['engine-src'] ?? path.join(here, '..')),
  reuseV8Context: !flags['no-reuse-v8'],
  sharedModules: !flags['no-shared-modules'],
  maxCachedWorkflows: flags.cache === undefined ? undefined : Number(flags.cache),
};
const workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'vinculo-bench-'));
const machine = {
  cores: os.cpus().length,
  cpu: os.cpus()[0]?.model ?? 'cpu',
  memoryGiB: Math.round(os.totalmem() / 2 ** 30),
  node: process.version,
};
console.log(`Machine: ${machine.cores} × ${machine.cpu}, ${machine.memoryGiB} GiB, Node ${machine.node}`);
const loadBefore = os.loadavg();

const only = new Set((flags.only ?? 'engine,email,lists').split(','));
const label = flags.label ?? (quick ? 'quick' : 'full');
const stamp = new Date().toISOString().replace(/[:.]/g, '-');
const resultsDir = path.join(here, 'results');
const file = path.join(resultsDir, `${stamp}-${label}.json`);
const results: Record<string, unknown> = { label, at: new Date().toISOString(), machine, options, loadBefore };
// Written after each part, so a part that fails leaves the ones before it on disk.
const save = () => {
  fs.mkdirSync(resultsDir, { recursive: true });
  fs.writeFileSync(file, JSON.stringify({ ...results, loadAfter: os.loadavg() }, null, 2));
};
const lines: string[] = [];
const show = (part: string[]) => {
  lines.push(...part, '');
  console.log(`\n${part.join('\n')}\n`);
};

try {
  if (only.has('engine')) {
    const cost = await runCost({ ...options, workDir });
    results.cost = cost;
    save();
    show([
      `Engine vs hand-written (${label}): median of ${options.rounds} round(s) × ${options.concurrency} concurrent workflows; memory with ${options.idle} idle workflows on a timer; reuseV8Context ${options.reuseV8Context}; shared modules ${options.sharedModules}${options.maxCachedWorkflows ? `, cache ${options.maxCachedWorkflows}` : ''}.`,
      '',
      '| figure | engine | hand-written | engine / hand | target | |',
      '|---|---|---|---|---|---|',
      ...cost.figures.map(figureRow),
    ]);
  }
  if (only.has('email')) {
    const email = await runEmail({ messages: quick ? 50 : 500 });
    results.email = email;
    save();
    show([
      '| e-mail template | first render | rendered/s |',
      '|---|---|---|',
      ...email.map((e) => `| ${e.template} | ${e.firstMs.toFixed(0)} ms | ${e.perSecond.toFixed(0)} |`),
    ]);
  }
  if (only.has('lists')) {
    const instances = num(flags.lists, flags.million ? 1_000_000 : quick ? 2_000 : 100_000);
    const lists = await runLists({
      instances,
      runs: quick ? 10 : 50,
      sqliteFile: path.join(workDir, 'lists.sqlite'),
      postgresUrl: flags.pg ?? (quick ? undefined : 'postgres://postgres@127.0.0.1:5432/postgres'),
    });
    results.lists = lists;
    save();
    show([
      `GET /api/instances and the dashboard stats with ${instances} instances × 10 transitions (target p99 < 20 ms):`,
      '',
      '| database | query | rows matched | p50 | p99 |',
      '|---|---|---|---|---|',
      ...lists.map(
        (l) => `| ${l.database} | ${l.query} | ${l.total ?? ''} | ${l.p50.toFixed(1)} ms | ${l.p99.toFixed(1)} ms |`,
      ),
    ]);
  }
  const loadAfter = os.loadavg();
  show([
    `${machine.cores} cores (${machine.cpu}), ${machine.memoryGiB} GiB, Node ${machine.node}; load average ${loadBefore.map((l) => l.toFixed(2)).join(' ')} before, ${loadAfter.map((l) => l.toFixed(2)).join(' ')} after.`,
  ]);
  save();
  console.log(`Results: ${path.relative(process.cwd(), file)}`);
  fs.rmSync(workDir, { recursive: true, force: true });
} catch (err) {
  // The Temporal dev server's SQLite file is there: its histories say what went wrong.
  console.error(`The bench failed; its data (temporal.sqlite and the bundles) is kept in ${workDir}.`);
  throw err;
}
