import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { Connection } from '@temporalio/client';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { devServerSearchAttributeFlags, vinculoSearchAttributes } from '../../workflows/searchAttributes.js';
import { missingCliMessage, provisionTemporalCli } from './cli.js';

export interface DevServerOptions {
  port: number;
  uiPort?: number;
  /** The codec server the UI calls to show payloads decoded (server/http/routes/codec.ts). */
  uiCodecEndpoint?: string;
  /** Persistent SQLite file; in memory when absent (tests). */
  dbFile?: string;
  /**
   * WAL with synchronous=NORMAL on the SQLite file. Off by default: `npm run bench` measured it
   * slower than SQLite's defaults on the dev server (which are also the more durable choice).
   */
  walPragmas?: boolean;
  namespace?: string;
  cliPath?: string;
  logFile?: string;
  log?: (line: string) => void;
}

export interface RunningDevServer {
  address: string;
  uiUrl?: string;
  source: string;
  stop(): Promise<void>;
  /** SIGKILLs the server, as a crash would (a server this process started; tests). */
  kill?(): Promise<void>;
}

/** True when a Temporal frontend answers at the address. */
export async function temporalAnswers(address: string, timeoutMs = 1000): Promise<boolean> {
  try {
    const connection = await Connection.connect({ address, connectTimeout: timeoutMs });
    try {
      await connection.workflowService.getSystemInfo({});
      return true;
    } finally {
      await connection.close();
    }
  } catch {
    return false;
  }
}

async function waitUntilAnswering(address: string, child: ChildProcess, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null)
      throw new Error(`The Temporal dev server exited with code ${child.exitCode} before it was ready.`);
    if (await temporalAnswers(address)) return;
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`The Temporal dev server did not answer at ${address} within ${timeoutMs / 1000} s.`);
}

export function devServerArgs(o: DevServerOptions): string[] {
  const args = [
    'server',
    'start-dev',
    '--ip',
    '127.0.0.1',
    '--port',
    String(o.port),
    '--namespace',
    o.namespace ?? 'default',
  ];
  args.push('--log-level', 'warn', ...devServerSearchAttributeFlags());
  if (o.uiPort) args.push('--ui-port', String(o.uiPort));
  if (o.uiPort && o.uiCodecEndpoint) args.push('--ui-codec-endpoint', o.uiCodecEndpoint);
  else args.push('--headless');
  if (o.dbFile) {
    fs.mkdirSync(path.dirname(o.dbFile), { recursive: true });
    args.push('--db-filename', o.dbFile);
    if (o.walPragmas === true)
      args.push('--sqlite-pragma', 'journal_mode=wal', '--sqlite-pragma', 'synchronous=normal');
  }
  return args;
}

function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const killer = setTimeout(() => child.kill('SIGKILL'), 10_000);
    child.once('exit', () => {
      clearTimeout(killer);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

/**
 * Starts a Temporal dev server: a CLI found or built by the project when possible, else the
 * SDK's own download. A server already answering on the port is reused rather than fought.
 */
export async function startDevServer(o: DevServerOptions): Promise<RunningDevServer> {
  const log = o.log ?? ((l: string) => console.log(l));
  const address = `127.0.0.1:${o.port}`;
  const uiUrl = o.uiPort ? `http://localhost:${o.uiPort}` : undefined;
  if (await temporalAnswers(address)) {
    log(`A Temporal server already answers at ${address}; using it.`);
    return { address, uiUrl, source: 'already running', stop: async () => {} };
  }
  const cli = await provisionTemporalCli(o.cliPath, log);
  if (!cli) return startWithSdkDownload(o, address, uiUrl, log);
  const child = spawn(cli.path, devServerArgs(o), { stdio: ['ignore', 'pipe', 'pipe'] });
  const logStream = o.logFile ? fs.createWriteStream(o.logFile, { flags: 'a' }) : undefined;
  child.stdout?.on('data', (d: Buffer) => logStream?.write(d));
  child.stderr?.on('data', (d: Buffer) => logStream?.write(d));
  try {
    await waitUntilAnswering(address, child, 60_000);
  } catch (err) {
    await stopChild(child);
    throw err;
  }
  return {
    address,
    uiUrl,
    source: `${cli.path} (${cli.source})`,
    stop: async () => {
      await stopChild(child);
      logStream?.end();
    },
    kill: async () => {
      if (child.exitCode === null && child.signalCode === null) {
        const gone = new Promise((resolve) => child.once('exit', resolve));
        child.kill('SIGKILL');
        await gone;
      }
      logStream?.end();
    },
  };
}

async function startWithSdkDownload(
  o: DevServerOptions,
  address: string,
  uiUrl: string | undefined,
  log: (l: string) => void,
): Promise<RunningDevServer> {
  log('No Temporal CLI here and no Go to build one: trying the Temporal SDK download.');
  try {
    const env = await TestWorkflowEnvironment.createLocal({
      server: {
        executable: { type: 'cached-download' },
        ip: '127.0.0.1',
        port: o.port,
        namespace: o.namespace ?? 'default',
        dbFilename: o.dbFile,
        uiPort: o.uiPort,
        ui: o.uiPort !== undefined,
        searchAttributes: vinculoSearchAttributes,
      },
    });
    return { address, uiUrl, source: 'SDK download', stop: () => env.teardown() };
  } catch (err) {
    throw new Error(`${missingCliMessage}\n(The SDK download failed too: ${(err as Error).message})`);
  }
}
