import type { Client } from '@temporalio/client';
import { makeTelemetryFilterString, type LogLevel, type LogMetadata, type Logger } from '@temporalio/worker';
import type { Knex } from 'knex';

/** Why a workflow task failed: the code no longer replays the history, or it threw. */
export type TaskFailureType = 'nondeterminism' | 'workflowTaskFailed';

/** A workflow task the worker failed, as the SDK's core reports it (it names the run, not the process). */
export interface TaskFailure {
  runId: string;
  type: TaskFailureType;
  message: string;
}

const FAILING_TASK = 'Failing workflow task';

/**
 * Reads the SDK core's "Failing workflow task" log entry: the run's id and the failure, whose
 * message the core writes as `message: "…"` inside its description. Other entries give undefined.
 */
export function taskFailureOf(message: string, meta: LogMetadata | undefined): TaskFailure | undefined {
  if (message !== FAILING_TASK) return undefined;
  // The SDK hands core's fields over in camelCase (run_id becomes runId).
  const runId = meta?.runId ?? meta?.run_id;
  // A run id is a UUID; anything else is not looked up (it ends up in a visibility query).
  if (typeof runId !== 'string' || !/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(runId))
    return undefined;
  const failure = String(meta?.failure ?? '');
  const quoted = /message: "((?:[^"\\]|\\.)*)"/.exec(failure)?.[1];
  const text = (quoted ?? failure).replace(/\\"/g, '"').slice(0, 2000);
  const type: TaskFailureType = /nondetermin/i.test(failure) ? 'nondeterminism' : 'workflowTaskFailed';
  return { runId, type, message: text || 'The workflow task failed.' };
}

type Listener = (failure: TaskFailure) => void;
const listeners = new Set<Listener>();

/**
 * Hands every SDK log entry to the listeners of this process before the configured level filters
 * it: the Runtime's logger (installed once per process) calls it for each entry it receives.
 */
export function observeSdkLog(_level: LogLevel, message: string, meta: LogMetadata | undefined): void {
  if (listeners.size === 0) return;
  const failure = taskFailureOf(message, meta);
  if (failure) for (const listener of listeners) listener(failure);
}

/** Listens to the task failures this process's workers report; returns what stops listening. */
export function onTaskFailure(listener: Listener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export interface TaskFailureRecorderDeps {
  db: Knex;
  client: Client;
  log?: (msg: string, err?: unknown) => void;
  /** How long one run's repeated failures are counted before it is written again (default 5 s). */
  rewriteAfterMs?: number;
  now?: () => Date;
}

/**
 * Marks the processes whose workflow task keeps failing: stuck, with the failure's type and
 * message, when it began and how often it was seen. Alerts, the metrics and health read these
 * columns; the process's next recorded transition clears them (activities/projection.ts). The
 * SDK retries a failing task every few seconds: a run is written again at most every few seconds.
 */
export class TaskFailureRecorder {
  private readonly workflowOfRun = new Map<string, string>();
  private readonly lastWritten = new Map<string, number>();
  private readonly pending = new Set<Promise<void>>();
  private stop: (() => void) | undefined;

  constructor(private readonly deps: TaskFailureRecorderDeps) {}

  start(): void {
    this.stop = onTaskFailure((failure) => {
      const work = this.record(failure).catch((err: unknown) =>
        (this.deps.log ?? console.error)('Could not record a failing workflow task.', err),
      );
      this.pending.add(work);
      void work.finally(() => this.pending.delete(work));
    });
  }

  async close(): Promise<void> {
    this.stop?.();
    await Promise.all([...this.pending]);
  }

  /** Writes one failure (public for the process that observes it). */
  async record(failure: TaskFailure): Promise<void> {
    const now = (this.deps.now ?? (() => new Date()))();
    const last = this.lastWritten.get(failure.runId);
    if (last !== undefined && now.getTime() - last < (this.deps.rewriteAfterMs ?? 5_000)) return;
    // Visibility may not list a run started a moment ago: the next failure looks again.
    const workflowId = await this.workflowOf(failure.runId);
    if (!workflowId) return;
    this.lastWritten.set(failure.runId, now.getTime());
    const at = now.toISOString();
    await this.deps
      .db('instances')
      .where({ id: workflowId, status: 'running' })
      .update({
        stuck: true,
        taskFailureType: failure.type,
        taskFailureMessage: failure.message,
        taskFailingSince: this.deps.db.raw('coalesce(??, ?)', ['taskFailingSince', at]),
        taskFailures: this.deps.db.raw('?? + 1', ['taskFailures']),
        lastError: `Workflow task failed (${failure.type}): ${failure.message}`.slice(0, 2000),
      });
  }

  /** The process a run belongs to: run ids are unique, and visibility finds one by its id. */
  private async workflowOf(runId: string): Promise<string | undefined> {
    const known = this.workflowOfRun.get(runId);
    if (known) return known;
    for await (const execution of this.deps.client.workflow.list({ query: `RunId = "${runId}"` })) {
      this.workflowOfRun.set(runId, execution.workflowId);
      return execution.workflowId;
    }
    return undefined;
  }
}

/**
 * The Runtime's logger: every SDK entry is observed (task failures above all), then written by the
 * logger the process configured, at its level.
 */
export class ObservedSdkLogger implements Logger {
  constructor(private readonly inner: Logger) {}

  log(level: LogLevel, message: string, meta?: LogMetadata): void {
    observeSdkLog(level, message, meta);
    this.inner.log(level, message, meta);
  }
  trace(message: string, meta?: LogMetadata): void {
    this.log('TRACE', message, meta);
  }
  debug(message: string, meta?: LogMetadata): void {
    this.log('DEBUG', message, meta);
  }
  info(message: string, meta?: LogMetadata): void {
    this.log('INFO', message, meta);
  }
  warn(message: string, meta?: LogMetadata): void {
    this.log('WARN', message, meta);
  }
  error(message: string, meta?: LogMetadata): void {
    this.log('ERROR', message, meta);
  }
}

/**
 * Core's own entries reach that logger (instead of the console) from WARN up, where its failing
 * workflow tasks are reported, or from the configured level when it is lower.
 */
export const sdkLogging = (level: LogLevel) => ({
  forward: {},
  filter: makeTelemetryFilterString({
    core: ['TRACE', 'DEBUG', 'INFO'].includes(level) ? level : 'WARN',
    other: ['TRACE', 'DEBUG', 'INFO', 'WARN'].includes(level) ? level : 'ERROR',
  }),
});
