import crypto from 'node:crypto';
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { inject } from 'vitest';
import { freePort } from '../../server/freePort.js';
import type { DirectoryStack } from './directoryStack.js';

export { freePort };

// The real HTTP server (server/main.ts in "server" mode) and a worker, each in its own process,
// so a test can SIGTERM or SIGKILL them while requests are in flight and start them again.

const mainScript = fileURLToPath(new URL('../../server/main.ts', import.meta.url));
const workerScript = fileURLToPath(new URL('./workerProcess.ts', import.meta.url));
const testPayloadKey = crypto.createHash('sha256').update('vinculo test payloads').digest().toString('base64');

function waitForLine(child: ChildProcess, text: string, name: string): Promise<ChildProcess> {
  return new Promise((resolve, reject) => {
    child.stdout?.on('data', (d: Buffer) => d.toString().includes(text) && resolve(child));
    child.once('exit', (code) => reject(new Error(`${name} exited early (${code})`)));
  });
}

export interface ServerProcessOptions {
  /** Holds vinculo.sqlite, the database the server opens. */
  dataDir: string;
  port: number;
  taskQueue: string;
  tokenSecret: string;
  smtpUrl: string;
  env?: Record<string, string>;
}

/** Starts server/main.ts in server mode against the test Temporal server; resolves once it listens. */
export function startServerProcess(o: ServerProcessOptions): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', mainScript, 'server'], {
    env: {
      ...process.env,
      DATA_DIR: o.dataDir,
      HTTP_PORT: String(o.port),
      TEMPORAL_ADDRESS: inject('temporalAddress'),
      TEMPORAL_TASK_QUEUE: o.taskQueue,
      PAYLOAD_KEYS: `test:${testPayloadKey}`,
      TOKEN_SECRET: o.tokenSecret,
      SMTP_URL: o.smtpUrl,
      LOG_LEVEL: 'warn',
      RELAY_POLL_MS: '300',
      ...o.env,
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return waitForLine(child, 'HTTP server on', 'server');
}

export interface WorkerProcessOptions {
  /** How it opens the test's database (Stack.dbEnv). */
  dbEnv: Record<string, string>;
  taskQueue: string;
  /** With both, it runs the directory and mail activities too. */
  tokenSecret?: string;
  smtpUrl?: string;
  /** Another Temporal server than the run's shared one. */
  temporalAddress?: string;
  env?: Record<string, string>;
}

/** Starts test/support/workerProcess.ts; resolves once it polls. */
export function startWorkerProcess(o: WorkerProcessOptions): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', workerScript], {
    env: {
      ...process.env,
      ...o.dbEnv,
      TEMPORAL_ADDRESS: o.temporalAddress ?? inject('temporalAddress'),
      TASK_QUEUE: o.taskQueue,
      BUNDLE_PATH: inject('workflowBundlePath'),
      ...(o.smtpUrl ? { SMTP_URL: o.smtpUrl } : {}),
      ...(o.tokenSecret ? { TOKEN_SECRET: o.tokenSecret } : {}),
      ...o.env,
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return waitForLine(child, 'worker ready', 'worker');
}

/** A worker process on a directory stack's database and task queue, with its mail and portal links. */
export const startDirectoryWorker = (
  s: Pick<DirectoryStack, 'dbEnv' | 'taskQueue' | 'smtp' | 'tokenSecret'>,
  env?: Record<string, string>,
) =>
  startWorkerProcess({ dbEnv: s.dbEnv, taskQueue: s.taskQueue, smtpUrl: s.smtp.url, tokenSecret: s.tokenSecret, env });

/** Resolves when the process has exited, with its exit code (null when killed by a signal). */
export const exited = (child: ChildProcess) =>
  new Promise<number | null>((resolve) =>
    child.exitCode !== null || child.signalCode !== null ? resolve(child.exitCode) : child.once('exit', resolve),
  );

/** A server process that can be stopped: SIGTERM, then SIGKILL if it has not exited after `graceMs`. */
export async function stopProcess(child: ChildProcess, graceMs = 10_000): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const gone = exited(child);
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
  await gone;
  clearTimeout(timer);
}

export { postgresUrlWithSchema } from './postgres.js';
