// The engine against a hand-written Temporal workflow doing the same work (bench/handWorkflows.ts),
// side by side on one dev server, in rotated order over several rounds. Each worker runs in its
// own process (bench/costWorker.ts) so its CPU and memory are measured alone.
import { fork, type ChildProcess } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Client, Connection, type WorkflowHandle } from '@temporalio/client';
import proto from '@temporalio/proto';
import { migrate, openDb } from '../server/db/index.js';
import { startDevServer } from '../server/temporal/devServer.js';
import { EncryptionCodec } from '../server/temporal/payloadCodec.js';
import { bundleWorkflows, sharedWorkflowModules } from '../server/temporal/worker.js';
import { entityKey, machineKey, machineVersionKey } from '../workflows/searchAttributes.js';
import type { CostWorkerMessage, CostWorkerSettings } from './costWorker.js';
import { freePort, median, percentile, type Figure } from './support.js';

export interface CostOptions {
  rounds: number;
  concurrency: number;
  idle: number;
  /** A checkout whose engine is measured (its bench/engineWorkflows.ts); this one by default. */
  engineSource: string;
  reuseV8Context: boolean;
  /** Whether the engine's worker shares its machines and interpreter across workflows, as production does. */
  sharedModules: boolean;
  maxCachedWorkflows?: number;
  workDir: string;
}

type Variant = 'engine' | 'hand';
const here = path.dirname(fileURLToPath(import.meta.url));

interface RoundFigures {
  variant: Variant;
  round: number;
  seconds: number;
  workflowsPerSecond: number;
  updateMs: { p50: number; p95: number; p99: number };
  refusedMs: { p50: number; p99: number };
  workerCpuMsPerWorkflow: number;
  serverCpuMsPerWorkflow: number;
  historyEvents: number;
  historyBytes: number;
}

interface MemoryFigures {
  variant: Variant;
  idle: number;
  rssKiBPerWorkflow: number;
  heapKiBPerWorkflow: number;
}

function serverPid(port: number): number | undefined {
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const args = fs.readFileSync(`/proc/${entry}/cmdline`, 'utf8').split('\0');
      if (args.includes('start-dev') && args[args.indexOf('--port') + 1] === String(port)) return Number(entry);
    } catch {
      // A process that ended while the list was read.
    }
  }
  return undefined;
}

/** User + system CPU of a process in milliseconds, from /proc (clock ticks of 10 ms). */
function processCpuMs(pid: number | undefined): number {
  if (!pid) return 0;
  const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

/**
 * Waits for every job before failing with the first error: a job still running when the
 * connection closes would otherwise end the process with an unrelated "channel shut down".
 */
async function allOrFirstError<T>(jobs: Array<Promise<T>>): Promise<T[]> {
  const settled = await Promise.allSettled(jobs);
  const failed = settled.find((r): r is PromiseRejectedResult => r.status === 'rejected');
  if (failed) throw failed.reason;
  return settled.map((r) => (r as PromiseFulfilledResult<T>).value);
}

class WorkerProcess {
  private constructor(
    private readonly child: ChildProcess,
    private readonly exited: Promise<void>,
  ) {}

  static async start(settings: CostWorkerSettings): Promise<WorkerProcess> {
    const child = fork(path.join(here, 'costWorker.ts'), [], {
      execArgv: ['--expose-gc', '--import', 'tsx'],
      env: { ...process.env, BENCH_WORKER: JSON.stringify(settings) },
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    await new Promise<void>((resolve, reject) => {
      child.once('message', (m: CostWorkerMessage) => (m.kind === 'ready' ? resolve() : reject(new Error('no ready'))));
      child.once('exit', (code) => reject(new Error(`The bench worker exited (${code}) before it was ready.`)));
    });
    return new WorkerProcess(child, exited);
  }

  stats(kind: 'stats' | 'gc' = 'stats'): Promise<Extract<CostWorkerMessage, { kind: 'stats' }>> {
    return new Promise((resolve) => {
      this.child.once('message', (m: CostWorkerMessage) => resolve(m as Extract<CostWorkerMessage, { kind: 'stats' }>));
      this.child.send({ kind });
    });
  }

  async stop(): Promise<void> {
    this.child.send({ kind: 'stop' });
    const killer = setTimeout(() => this.child.kill('SIGKILL'), 15_000);
    await this.exited;
    clearTimeout(killer);
  }
}

export async function runCost(
  o: CostOptions,
): Promise<{ rounds: RoundFigures[]; memory: MemoryFigures[]; figures: Figure[] }> {
  const bundles = {} as Record<Variant, string>;
  // The engine's bundle shares its machines across workflows as a worker does (and the benchmark's
  // machine with them); the hand-written one has nothing to share.
  const engineShared = o.sharedModules ? [...sharedWorkflowModules, path.join(here, 'costMachine.ts')] : [];
  for (const [variant, entry, shared] of [
    ['engine', path.join(o.engineSource, 'bench/engineWorkflows.ts'), engineShared],
    ['hand', path.join(here, 'handWorkflows.ts'), []],
  ] as const) {
    const { code } = await bundleWorkflows(entry, [...shared]);
    bundles[variant] = path.join(o.workDir, `${variant}.bundle.js`);
    fs.writeFileSync(bundles[variant], code);
    console.log(`${variant} workflow bundle: ${(code.length / 1024).toFixed(0)} KiB (${entry})`);
  }
  const port = await freePort();
  const server = await startDevServer({
    port,
    dbFile: path.join(o.workDir, 'temporal.sqlite'),
    walPragmas: true,
    log: () => {},
  });
  const pid = serverPid(port);
  const key = crypto.randomBytes(32);
  const codec = new EncryptionCodec([{ id: 'bench', key }]);
  const connection = await Connection.connect({ address: server.address });
  const client = new Client({ connection, dataConverter: { payloadCodecs: [codec] } });
  const dbFiles = {} as Record<Variant, string>;
  for (const variant of ['engine', 'hand'] as const) {
    dbFiles[variant] = path.join(o.workDir, `${variant}.sqlite`);
    const db = openDb({ kind: 'sqlite', filename: dbFiles[variant] });
    await migrate(db);
    await db.destroy();
  }
  let serial = 0;
  const settingsFor = (variant: Variant, extra: Partial<CostWorkerSettings> = {}): CostWorkerSettings => ({
    address: server.address,
    taskQueue: `bench-${variant}-${++serial}`,
    bundlePath: bundles[variant],
    dbFile: dbFiles[variant],
    keyHex: key.toString('hex'),
    reuseV8Context: o.reuseV8Context,
    maxCachedWorkflows: o.maxCachedWorkflows,
    ...extra,
  });
  const startOne = (variant: Variant, taskQueue: string, id: string, idleMs?: number) => {
    const input = { key: id, ...(idleMs ? { idleMs } : {}) };
    return client.workflow.start(variant === 'engine' ? 'machineWorkflow' : 'handWorkflow', {
      taskQueue,
      workflowId: id,
      args: variant === 'engine' ? [{ machine: 'benchSteps', version: 1, input }] : [input],
      typedSearchAttributes: [
        { key: machineKey, value: 'benchSteps' },
        { key: machineVersionKey, value: 1 },
        { key: entityKey, value: `bench:${id}` },
      ],
    }) as Promise<WorkflowHandle>;
  };
  const step = (h: WorkflowHandle, type: string) =>
    h.executeUpdate('event', { args: [{ event: { type }, actor: 'system' }] });

  async function round(variant: Variant): Promise<RoundFigures> {
    const settings = settingsFor(variant);
    const worker = await WorkerProcess.start(settings);
    const updates: number[] = [];
    const refused: number[] = [];
    const handles: WorkflowHandle[] = [];
    try {
      // Warm-up: loading and JIT are paid once per worker, not per workflow.
      await allOrFirstError(
        Array.from({ length: 5 }, async (_, i) => {
          const h = await startOne(variant, settings.taskQueue, `warm-${settings.taskQueue}-${i}`);
          for (let s = 0; s < 5; s += 1) await step(h, 'STEP');
          await h.result();
        }),
      );
      const before = await worker.stats();
      const serverBefore = processCpuMs(pid);
      const started = performance.now();
      await allOrFirstError(
        Array.from({ length: o.concurrency }, async (_, i) => {
          const h = await startOne(variant, settings.taskQueue, `${settings.taskQueue}-${i}`);
          handles.push(h);
          for (let s = 0; s < 5; s += 1) {
            const t0 = performance.now();
            await step(h, 'STEP');
            updates.push(performance.now() - t0);
            if (s === 2) {
              const t1 = performance.now();
              await step(h, 'NOPE').then(
                () => {
                  throw new Error('The bench expected NOPE to be refused.');
                },
                () => refused.push(performance.now() - t1),
              );
            }
          }
          await h.result();
        }),
      );
      const seconds = (performance.now() - started) / 1000;
      const after = await worker.stats();
      const serverCpu = processCpuMs(pid) - serverBefore;
      const cpuMs = (after.cpu.user + after.cpu.system - before.cpu.user - before.cpu.system) / 1000;
      const sample = handles.slice(0, 5);
      let events = 0;
      let bytes = 0;
      for (const h of sample) {
        const history = await h.fetchHistory();
        events += history.events?.length ?? 0;
        bytes += proto.temporal.api.history.v1.History.encode(history).finish().length;
      }
      updates.sort((a, b) => a - b);
      refused.sort((a, b) => a - b);
      process.stdout.write('.');
      return {
        variant,
        round: 0,
        seconds,
        workflowsPerSecond: o.concurrency / seconds,
        updateMs: { p50: percentile(updates, 50), p95: percentile(updates, 95), p99: percentile(updates, 99) },
        refusedMs: { p50: percentile(refused, 50), p99: percentile(refused, 99) },
        workerCpuMsPerWorkflow: cpuMs / o.concurrency,
        serverCpuMsPerWorkflow: serverCpu / o.concurrency,
        historyEvents: events / sample.length,
        historyBytes: bytes / sample.length,
      };
    } finally {
      await worker.stop();
    }
  }

  async function memory(variant: Variant): Promise<MemoryFigures> {
    const settings = settingsFor(variant, {
      debugMode: true,
      maxCachedWorkflows: o.maxCachedWorkflows ?? o.idle + 100,
    });
    const worker = await WorkerProcess.start(settings);
    const db = openDb({ kind: 'sqlite', filename: dbFiles[variant] });
    const cached = async (prefix: string, n: number) => {
      for (;;) {
        const row = (await db('instances').where('id', 'like', `${prefix}%`).count({ n: '*' }).first()) as {
          n: number;
        };
        if (Number(row.n) >= n) return;
        await new Promise((r) => setTimeout(r, 250));
      }
    };
    try {
      const warm = `${settings.taskQueue}-warm-`;
      for (let i = 0; i < 20; i += 1) await startOne(variant, settings.taskQueue, `${warm}${i}`, 3_600_000);
      await cached(warm, 20);
      await new Promise((r) => setTimeout(r, 1000));
      const before = await worker.stats('gc');
      const idle = `${settings.taskQueue}-idle-`;
      for (let i = 0; i < o.idle; i += 50)
        await allOrFirstError(
          Array.from({ length: Math.min(50, o.idle - i) }, (_, j) =>
            startOne(variant, settings.taskQueue, `${idle}${i + j}`, 3_600_000),
          ),
        );
      await cached(idle, o.idle);
      await new Promise((r) => setTimeout(r, 1000));
      const after = await worker.stats('gc');
      process.stdout.write('.');
      return {
        variant,
        idle: o.idle,
        rssKiBPerWorkflow: (after.memory.rss - before.memory.rss) / 1024 / o.idle,
        heapKiBPerWorkflow: (after.memory.heapUsed - before.memory.heapUsed) / 1024 / o.idle,
      };
    } finally {
      await db.destroy();
      await worker.stop();
    }
  }

  const rounds: RoundFigures[] = [];
  const memoryFigures: MemoryFigures[] = [];
  try {
    process.stdout.write(`Engine vs hand-written: ${o.rounds} round(s) of ${o.concurrency} workflows, ${o.idle} idle `);
    for (let r = 1; r <= o.rounds; r += 1) {
      // Rotated, so drift on a shared machine does not favour whichever runs first.
      const order: Variant[] = r % 2 === 1 ? ['engine', 'hand'] : ['hand', 'engine'];
      for (const v of order) rounds.push({ ...(await round(v)), round: r });
    }
    for (const v of ['hand', 'engine'] as const) memoryFigures.push(await memory(v));
    console.log();
  } finally {
    await connection.close();
    await server.stop();
  }
  const med = (v: Variant, f: (r: RoundFigures) => number) => median(rounds.filter((r) => r.variant === v).map(f));
  const mem = (v: Variant, f: (m: MemoryFigures) => number) => f(memoryFigures.find((m) => m.variant === v)!);
  const row = (
    name: string,
    unit: string,
    f: (v: Variant) => number,
    target?: { op: '≤' | '≥'; ratio: number },
  ): Figure => ({ name, unit, engine: f('engine'), hand: f('hand'), target });
  const figures: Figure[] = [
    row('completed workflows/s', '/s', (v) => med(v, (r) => r.workflowsPerSecond), { op: '≥', ratio: 0.95 }),
    row('Update p50', 'ms', (v) => med(v, (r) => r.updateMs.p50)),
    row('Update p95', 'ms', (v) => med(v, (r) => r.updateMs.p95)),
    row('Update p99', 'ms', (v) => med(v, (r) => r.updateMs.p99), { op: '≤', ratio: 1.1 }),
    row('refused Update p50', 'ms', (v) => med(v, (r) => r.refusedMs.p50), { op: '≤', ratio: 1.2 }),
    row('worker CPU per workflow', 'ms', (v) => med(v, (r) => r.workerCpuMsPerWorkflow), { op: '≤', ratio: 1.1 }),
    row('server CPU per workflow', 'ms', (v) => med(v, (r) => r.serverCpuMsPerWorkflow)),
    row('history events per workflow', '', (v) => med(v, (r) => r.historyEvents)),
    row('history bytes per workflow', 'B', (v) => med(v, (r) => r.historyBytes)),
    row(`worker RSS per cached workflow (${o.idle} idle)`, 'KiB', (v) => mem(v, (m) => m.rssKiBPerWorkflow), {
      op: '≤',
      ratio: 1.2,
    }),
    row(`heap per cached workflow (${o.idle} idle)`, 'KiB', (v) => mem(v, (m) => m.heapKiBPerWorkflow)),
  ];
  return { rounds, memory: memoryFigures, figures };
}
