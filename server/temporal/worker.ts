import { fileURLToPath } from 'node:url';
import {
  NativeConnection,
  Worker,
  bundleWorkflowCode,
  type WorkflowBundle,
  type WorkflowBundleOption,
} from '@temporalio/worker';
import type { PayloadCodec } from '@temporalio/common';
import type { Knex } from 'knex';
import { createActivities, type ActivityDeps } from '../../activities/index.js';

export const productionWorkflowsPath = fileURLToPath(new URL('../../workflows/index.ts', import.meta.url));

/** Bundles workflow code once; the result can feed any number of workers. */
export const bundleWorkflows = (workflowsPath = productionWorkflowsPath): Promise<WorkflowBundle> =>
  bundleWorkflowCode({ workflowsPath, logger: quietBundlerLogger });

const quietBundlerLogger = {
  trace: () => {},
  debug: () => {},
  info: () => {},
  warn: (msg: string) => console.warn(msg),
  error: (msg: string) => console.error(msg),
  log: () => {},
};

export interface WorkerOptions {
  connection: NativeConnection;
  namespace: string;
  taskQueue: string;
  db: Knex;
  workflowBundle?: WorkflowBundleOption;
  /** Encrypts payloads; the same codec as the clients'. */
  payloadCodec: PayloadCodec;
  /** Extra activities (other processes' areas, or test fixtures) beside the standard ones. */
  activities?: Record<string, (...args: never[]) => Promise<unknown>>;
  /** Mail, token and timing settings and the notifier the standard activities use. */
  activityDeps?: Omit<ActivityDeps, 'db'>;
  /** How long a shutdown waits for running activities before cancelling them (SHUTDOWN_GRACE_SECONDS). */
  shutdownGraceMs?: number;
}

/** A worker that runs the interpreter workflow and every activity the machines use. */
export async function createWorker(o: WorkerOptions): Promise<Worker> {
  return Worker.create({
    connection: o.connection,
    namespace: o.namespace,
    taskQueue: o.taskQueue,
    workflowBundle: o.workflowBundle ?? (await bundleWorkflows()),
    dataConverter: { payloadCodecs: [o.payloadCodec] },
    activities: { ...createActivities({ ...o.activityDeps, db: o.db }), ...(o.activities ?? {}) },
    ...(o.shutdownGraceMs !== undefined ? { shutdownGraceTime: o.shutdownGraceMs } : {}),
  });
}
