// The stack as separate, supervised processes: a Temporal dev server on its SQLite file, a
// worker, the HTTP server, and an SMTP server on loopback in this process. A supervisor starts a
// child again whenever it exits, so a fault is a plain SIGKILL (or a clean SIGTERM) of the child.
import { spawn, type ChildProcess } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createOperator } from '../../server/auth/operators.js';
import { migrate, openDb, type Db } from '../../server/db/index.js';
import { provisionTemporalCli } from '../../server/temporal/cli.js';
import { devServerArgs, temporalAnswers } from '../../server/temporal/devServer.js';
import { freePort } from '../../server/freePort.js';
import { startMailCatcher, type MailCatcher } from '../../test/support/mailCatcher.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * The short timers of the run, given to the spawned processes as configuration. Each leaves the
 * scenarios that race it a wide window (tens of seconds) so a fault delays a step without
 * changing the path: a certificate's one reminder 30 s before it expires, a rotated key's 30 s
 * grace with its reminder 5 s before the end, a blocked account cancelled after 20 s.
 */
export const timers = {
  certificateReminderBeforeMs: 30_000,
  keyGraceMs: 30_000,
  keyReminderBeforeMs: 5_000,
  cancelAfterBlockedMs: 20_000,
};
const days = (ms: number) => String(ms / 86_400_000);
const hours = (ms: number) => String(ms / 3_600_000);

export interface Supervised {
  name: string;
  child?: ChildProcess;
  kills: number;
  /** Clean stops (SIGTERM, waited for) followed by a start on the same data. */
  cleanStops: number;
  restarts: number;
  stopping: boolean;
  /** Not restarted on exit: a clean stop restarts it itself once the child is gone. */
  held: boolean;
  /** Up and serving again since its last start (a line it prints, or a check by the caller). */
  ready: boolean;
  start(): void;
}

const everyChild = new Set<ChildProcess>();
const alive = (c?: ChildProcess): c is ChildProcess => !!c && c.exitCode === null && c.signalCode === null;

/** Interrupted: take the children down too (they would outlive this script otherwise). */
export function killAllChildrenOnExit() {
  for (const signal of ['SIGINT', 'SIGTERM'] as const)
    process.on(signal, () => {
      for (const child of everyChild) if (alive(child)) child.kill('SIGKILL');
      process.exit(130);
    });
}

function supervise(name: string, spawnIt: () => ChildProcess, log: fs.WriteStream, readyLine?: string): Supervised {
  const s: Supervised = {
    name,
    kills: 0,
    cleanStops: 0,
    restarts: 0,
    stopping: false,
    held: false,
    ready: false,
    start() {
      const child = spawnIt();
      everyChild.add(child);
      s.child = child;
      s.ready = false;
      child.stdout?.on('data', (d: Buffer) => {
        if (readyLine && d.toString().includes(readyLine)) s.ready = true;
        log.write(`[${name}] ${d}`);
      });
      child.stderr?.on('data', (d: Buffer) => log.write(`[${name}] ${d}`));
      child.once('exit', () => {
        everyChild.delete(child);
        s.ready = false;
        if (s.stopping || s.held) return;
        s.restarts += 1;
        // Exits we did not cause, many times over: it cannot start at all (see children.log).
        if (s.restarts - s.kills > 25) {
          console.error(`chaos: ${name} keeps exiting on its own; see ${log.path as string}`);
          process.exit(2);
        }
        setTimeout(() => s.start(), 500);
      });
    },
  };
  s.start();
  return s;
}

export function kill(s: Supervised) {
  if (!alive(s.child)) return;
  s.kills += 1;
  s.child.kill('SIGKILL');
}

async function terminate(child: ChildProcess, graceMs: number) {
  if (!alive(child)) return;
  const gone = new Promise((r) => child.once('exit', r));
  child.kill('SIGTERM');
  await Promise.race([gone, sleep(graceMs)]);
  if (alive(child)) {
    child.kill('SIGKILL');
    await gone;
  }
}

/** SIGTERM, wait until the child has exited (it flushes and closes its data), then start it again. */
export async function stopAndRestart(s: Supervised) {
  const child = s.child;
  if (!alive(child)) return;
  s.held = true;
  await terminate(child, 30_000);
  s.cleanStops += 1;
  s.held = false;
  s.start();
}

async function stop(s: Supervised) {
  s.stopping = true;
  if (s.child) await terminate(s.child, 10_000);
}

export interface Stack {
  dataDir: string;
  baseUrl: string;
  temporalAddress: string;
  /** The keys the worker and the server encrypt payloads with (PAYLOAD_KEYS): histories read with them. */
  payloadKeys: string;
  db: Db;
  smtp: MailCatcher;
  admin: { email: string; password: string };
  temporal: Supervised;
  worker: Supervised;
  server: Supervised;
  parts: Supervised[];
  /** Every part up again (the Temporal server answering, the worker polling, the server listening). */
  recovered(): Promise<boolean>;
  shutdown(): Promise<void>;
}

export async function startStack(): Promise<Stack> {
  const cli = await provisionTemporalCli(undefined, () => {});
  if (!cli) throw new Error('No Temporal CLI (npm run temporal:provision).');
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'vinculo-chaos-'));
  const log = fs.createWriteStream(path.join(dataDir, 'children.log'));
  const smtp = await startMailCatcher();
  const [temporalPort, httpPort] = [await freePort(), await freePort()];
  const temporalAddress = `127.0.0.1:${temporalPort}`;
  const baseUrl = `http://127.0.0.1:${httpPort}`;
  const db = openDb({ kind: 'sqlite', filename: path.join(dataDir, 'vinculo.sqlite') });
  await migrate(db);
  const admin = { email: 'chaos@vinculo.test', password: crypto.randomBytes(12).toString('base64url') };
  await createOperator(db, { ...admin, role: 'admin' });

  const payloadKeys = `chaos:${crypto.randomBytes(32).toString('base64')}`;
  const env = {
    ...process.env,
    DATA_DIR: dataDir,
    HTTP_PORT: String(httpPort),
    TEMPORAL_ADDRESS: temporalAddress,
    TEMPORAL_TASK_QUEUE: 'chaos',
    SMTP_URL: smtp.url,
    TOKEN_SECRET: crypto.randomBytes(32).toString('hex'),
    PAYLOAD_KEYS: payloadKeys,
    CERTIFICATE_KEYS: `chaos:${crypto.randomBytes(32).toString('base64')}`,
    PUBLIC_URL: baseUrl,
    LOG_LEVEL: 'warn',
    RELAY_POLL_MS: '300',
    PORTAL_STEP_WAIT_SECONDS: '3',
    SHUTDOWN_GRACE_SECONDS: '5',
    CERTIFICATE_REMINDER_DAYS: days(timers.certificateReminderBeforeMs),
    KEY_GRACE_HOURS: hours(timers.keyGraceMs),
    KEY_REMINDER_BEFORE_HOURS: hours(timers.keyReminderBeforeMs),
    CANCEL_AFTER_BLOCKED_DAYS: days(timers.cancelAfterBlockedMs),
  };
  const node = (mode: string) => () =>
    spawn(process.execPath, ['--import', 'tsx', path.join(root, 'server/main.ts'), mode], {
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
  const temporalDb = path.join(dataDir, 'temporal.sqlite');
  const temporal = supervise(
    'temporal',
    () =>
      spawn(cli.path, devServerArgs({ port: temporalPort, dbFile: temporalDb }), { stdio: ['ignore', 'pipe', 'pipe'] }),
    log,
  );
  while (!(await temporalAnswers(temporalAddress))) await sleep(250);
  const worker = supervise('worker', node('worker'), log, 'Worker polling');
  const server = supervise('server', node('server'), log, 'HTTP server on');
  const parts = [temporal, worker, server];
  return {
    dataDir,
    baseUrl,
    temporalAddress,
    payloadKeys,
    db,
    smtp,
    admin,
    temporal,
    worker,
    server,
    parts,
    async recovered() {
      temporal.ready = !temporal.held && (await temporalAnswers(temporalAddress));
      return parts.every((p) => p.ready);
    },
    async shutdown() {
      for (const p of [server, worker, temporal]) await stop(p);
      await smtp.stop();
      await db.destroy();
      log.end();
    },
  };
}
