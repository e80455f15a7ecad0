import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import {
  NativeConnection,
  Worker,
  bundleWorkflowCode,
  type BundleOptions,
  type WorkflowBundle,
  type WorkflowBundleOption,
} from '@temporalio/worker';
import type { PayloadCodec } from '@temporalio/common';
import type { Knex } from 'knex';
import { log } from '../log.js';
import { createActivities, type ActivityDeps } from '../../activities/index.js';

export const productionWorkflowsPath = fileURLToPath(new URL('../../workflows/index.ts', import.meta.url));

/**
 * The SDK bundles in webpack's development mode, which resolves xstate through its "development"
 * export condition: a build with extra checks and warnings on every transition of every workflow.
 * Workflows get the build xstate publishes for production (the one Node itself resolves).
 */
const xstateProductionBuild = createRequire(import.meta.url).resolve('xstate');
type WebpackConfig = Parameters<NonNullable<BundleOptions['webpackConfigHook']>>[0];
const productionXstate = (config: WebpackConfig): WebpackConfig => ({
  ...config,
  resolve: { ...config.resolve, alias: { ...(config.resolve?.alias as object), xstate$: xstateProductionBuild } },
});

/**
 * Modules evaluated once per worker and shared by its workflows; the rest of the bundle is
 * evaluated again for every workflow, and for every replay after a cache eviction. The SDK
 * evaluates these (and what they import: xstate, the SDK's workflow API) before any workflow
 * runs and deep-freezes them. That fits modules without state of their own: the machine
 * definitions, immutable once built (the SDK's freezing builds them all), and the interpreter's
 * modules, whose state lives in what each workflow creates when it runs, never at module level.
 */
export const sharedWorkflowModules = ['../../machines/engine.ts', '../../workflows/interpreter.ts'].map((m) =>
  fileURLToPath(new URL(m, import.meta.url)),
);

/** Bundles workflow code once; the result can feed any number of workers. */
export const bundleWorkflows = (
  workflowsPath = productionWorkflowsPath,
  preloadModules = sharedWorkflowModules,
): Promise<WorkflowBundle> =>
  bundleWorkflowCode({
    workflowsPath,
    logger: quietBundlerLogger,
    webpackConfigHook: productionXstate,
    preloadModules,
  });

const quietBundlerLogger = {
  trace: () => {},
  debug: () => {},
  info: () => {},
  warn: (msg: string) => log.warn(msg),
  error: (msg: string) => log.error(msg),
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
  /** Slots and sticky cache (WORKER_MAX_*); the SDK's defaults for what is unset. */
  tuning?: WorkerTuning;
}

export interface WorkerTuning {
  maxConcurrentWorkflowTaskExecutions?: number;
  maxConcurrentActivityTaskExecutions?: number;
  maxCachedWorkflows?: number;
}

const definedOnly = (tuning: WorkerTuning = {}) =>
  Object.fromEntries(Object.entries(tuning).filter(([, v]) => v !== undefined)) as WorkerTuning;

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
    ...definedOnly(o.tuning),
  });
}
