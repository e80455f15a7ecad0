// One worker of the cost benchmark, in its own process so its CPU and memory are its own. The
// parent (bench/cost.ts) passes its settings in BENCH_WORKER and asks for figures over IPC.
import { DefaultLogger, NativeConnection, Runtime, Worker, makeTelemetryFilterString } from '@temporalio/worker';
import { createActivities } from '../activities/index.js';
import { openDb } from '../server/db/index.js';
import { EncryptionCodec } from '../server/temporal/payloadCodec.js';

export interface CostWorkerSettings {
  address: string;
  taskQueue: string;
  bundlePath: string;
  dbFile: string;
  keyHex: string;
  reuseV8Context: boolean;
  maxCachedWorkflows?: number;
  /** Runs workflows on the main thread, so heap figures include them (memory phase only). */
  debugMode?: boolean;
}

export type CostWorkerMessage =
  { kind: 'ready' } | { kind: 'stats'; cpu: NodeJS.CpuUsage; memory: NodeJS.MemoryUsage; activities: number };

const settings = JSON.parse(process.env.BENCH_WORKER ?? '{}') as CostWorkerSettings;
// Core's warnings (slow workflow tasks while thousands start at once) are expected here.
Runtime.install({
  logger: new DefaultLogger('ERROR'),
  telemetryOptions: { logging: { filter: makeTelemetryFilterString({ core: 'ERROR', other: 'ERROR' }), forward: {} } },
});
const db = openDb({ kind: 'sqlite', filename: settings.dbFile });
const connection = await NativeConnection.connect({ address: settings.address });
let activities = 0;
const worker = await Worker.create({
  connection,
  namespace: 'default',
  taskQueue: settings.taskQueue,
  workflowBundle: { codePath: settings.bundlePath },
  dataConverter: {
    payloadCodecs: [new EncryptionCodec([{ id: 'bench', key: Buffer.from(settings.keyHex, 'hex') }])],
  },
  activities: {
    ...createActivities({ db }),
    benchWork: async () => {
      activities += 1;
    },
  },
  reuseV8Context: settings.reuseV8Context,
  ...(settings.maxCachedWorkflows !== undefined ? { maxCachedWorkflows: settings.maxCachedWorkflows } : {}),
  ...(settings.debugMode ? { debugMode: true } : {}),
});
const send = (m: CostWorkerMessage) => process.send?.(m);
process.on('message', (m: { kind: string }) => {
  if (m.kind === 'stats' || m.kind === 'gc') {
    if (m.kind === 'gc') (globalThis as { gc?: () => void }).gc?.();
    send({ kind: 'stats', cpu: process.cpuUsage(), memory: process.memoryUsage(), activities });
  } else if (m.kind === 'stop') worker.shutdown();
});
const running = worker.run();
send({ kind: 'ready' });
await running;
await connection.close();
await db.destroy();
process.exit(0);
