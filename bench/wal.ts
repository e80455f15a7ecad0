// Engine benchmark: Update round trips through the interpreter on two dev servers started in
// the same run, one with the SQLite pragmas `npm start` uses (WAL, synchronous=NORMAL) and one
// with SQLite's defaults. Prints throughput, latency and the ratio between the two.
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Client, Connection } from '@temporalio/client';
import { DefaultLogger, NativeConnection, Runtime } from '@temporalio/worker';
import { migrate, openDb } from '../server/db/index.js';
import { startDevServer } from '../server/temporal/devServer.js';
import { InstanceService } from '../server/temporal/instances.js';
import { bundleWorkflows, createWorker } from '../server/temporal/worker.js';
import { fileURLToPath } from 'node:url';
import { EncryptionCodec } from '../server/temporal/payloadCodec.js';
import { benchRegistry } from './machine.js';
import { freePort } from './support.js';

const benchWorkflowsPath = fileURLToPath(new URL('./walWorkflows.ts', import.meta.url));
// Payloads are encrypted as in production; the key lives only as long as the run.
const codec = new EncryptionCodec([{ id: 'bench', key: crypto.randomBytes(32) }]);

const INSTANCES = Number(process.env.BENCH_INSTANCES ?? 16);
const EVENTS_PER_INSTANCE = Number(process.env.BENCH_EVENTS ?? 12);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 8);

Runtime.install({ logger: new DefaultLogger('ERROR') });

interface Result {
  label: string;
  updates: number;
  seconds: number;
  p50: number;
  p95: number;
}

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;

async function measure(
  label: string,
  walPragmas: boolean,
  bundle: Awaited<ReturnType<typeof bundleWorkflows>>,
): Promise<Result> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vinculo-bench-'));
  process.stdout.write(`\n${label}: starting a dev server on a SQLite file… `);
  const server = await startDevServer({
    port: await freePort(),
    dbFile: path.join(dir, 'temporal.sqlite'),
    walPragmas,
    log: () => {},
  });
  const db = openDb({ kind: 'sqlite', filename: path.join(dir, 'vinculo.sqlite') });
  await migrate(db);
  const native = await NativeConnection.connect({ address: server.address });
  const taskQueue = `bench-${walPragmas ? 'wal' : 'default'}`;
  const worker = await createWorker({
    connection: native,
    namespace: 'default',
    taskQueue,
    db,
    workflowBundle: bundle,
    payloadCodec: codec,
  });
  const running = worker.run();
  const client = new Client({
    connection: await Connection.connect({ address: server.address }),
    dataConverter: { payloadCodecs: [codec] },
  });
  const instances = new InstanceService({
    client,
    registry: benchRegistry,
    taskQueue,
    namespace: 'default',
    codec,
  });
  try {
    const ids: string[] = [];
    for (let i = 0; i < INSTANCES; i += 1) {
      ids.push(
        (
          await instances.start({
            machine: 'benchPing',
            input: { key: `bench-${i}`, expireAfterMs: 3_600_000 },
            actor: 'system',
          })
        ).instanceId,
      );
    }
    // Warm-up: the worker's first workflow tasks pay for loading and JIT, which is not what is measured.
    for (const id of ids) await instances.send(id, { event: { type: 'PING' }, actor: 'system' });
    const jobs = ids.flatMap((id) => Array.from({ length: EVENTS_PER_INSTANCE }, () => id));
    const latencies: number[] = [];
    let next = 0;
    const started = performance.now();
    const lane = async () => {
      while (next < jobs.length) {
        const id = jobs[next++]!;
        const t0 = performance.now();
        await instances.send(id, { event: { type: 'PING' }, actor: 'system' });
        latencies.push(performance.now() - t0);
        if (latencies.length % 40 === 0) process.stdout.write('.');
      }
    };
    await Promise.all(Array.from({ length: CONCURRENCY }, lane));
    const seconds = (performance.now() - started) / 1000;
    latencies.sort((a, b) => a - b);
    return { label, updates: jobs.length, seconds, p50: percentile(latencies, 50), p95: percentile(latencies, 95) };
  } finally {
    worker.shutdown();
    await running;
    await native.close();
    await client.connection.close();
    await db.destroy();
    await server.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

const bundle = await bundleWorkflows(benchWorkflowsPath);
console.log(
  `Machine: ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}`,
);
console.log(`Workload: ${INSTANCES} instances × ${EVENTS_PER_INSTANCE} Update events, ${CONCURRENCY} in flight`);
// Alternating rounds, so drift on a shared machine does not favour whichever setup runs first.
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 2);
const results: Result[] = [];
for (let round = 1; round <= ROUNDS; round += 1) {
  results.push(await measure(`WAL + synchronous=NORMAL #${round}`, true, bundle));
  results.push(await measure(`SQLite defaults #${round}`, false, bundle));
}
const rate = (r: Result) => r.updates / r.seconds;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;
console.log('\n');
console.table(
  results.map((r) => ({
    setup: r.label,
    updates: r.updates,
    'updates/s': rate(r).toFixed(1),
    'p50 ms': r.p50.toFixed(1),
    'p95 ms': r.p95.toFixed(1),
  })),
);
const walRate = median(results.filter((r) => r.label.startsWith('WAL')).map(rate));
const plainRate = median(results.filter((r) => r.label.startsWith('SQLite')).map(rate));
console.log(`Throughput ratio, WAL / defaults (median of ${ROUNDS} rounds each): ${(walRate / plainRate).toFixed(2)}×`);
