import type { ChildProcess } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../server/db/index.js';
import { startDirectoryStack, type DirectoryStack } from '../support/directoryStack.js';
import {
  expectAllDoneOnce,
  isAccepted,
  peopleWithLinks,
  stepUntilAccepted,
  takeStep,
} from '../support/portalPeople.js';
import { exited, freePort, startServerProcess, startWorkerProcess } from '../support/serverProcess.js';
import { createTestDb, eventually } from '../support/stack.js';

// Issue 16: people register or link their existing account while the HTTP server is stopped
// (SIGTERM) or killed (SIGKILL) under them, and while the worker is killed. Whoever got a 2xx, or
// retried until one, ends registered or linked; nobody ends expired; each step appears once in the
// transitions. (Temporal killed under them: durableSteps.temporal.test.ts.)

const PEOPLE = { register: 4, link: 3 };
let s: DirectoryStack;
let db: Db;
let dataDir: string;
/** How the worker and server processes open the test's database (SQLite in dataDir, or PostgreSQL). */
let dbEnv: Record<string, string>;
let port: number;
let worker: ChildProcess | undefined;
const children: ChildProcess[] = [];
const servers: ChildProcess[] = [];

const workerOptions = () => ({
  dbEnv,
  taskQueue: s.taskQueue,
  tokenSecret: s.tokenSecret,
  smtpUrl: s.smtp.url,
});
const startServer = async () => {
  const child = await startServerProcess({
    dataDir,
    port,
    taskQueue: s.taskQueue,
    tokenSecret: s.tokenSecret,
    smtpUrl: s.smtp.url,
    env: { ...dbEnv, PORTAL_STEP_WAIT_SECONDS: '4', SHUTDOWN_GRACE_SECONDS: '20' },
  });
  children.push(child);
  servers.push(child);
  return child;
};
const startWorker = async () => {
  worker = await startWorkerProcess(workerOptions());
  children.push(worker);
};

beforeAll(async () => {
  ({ db, dir: dataDir, env: dbEnv } = await createTestDb());
  s = await startDirectoryStack({ db, dbEnv, noWorker: true });
  port = await freePort();
  await startWorker();
}, 120_000);

afterAll(async () => {
  for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  await s?.stop();
  await db?.destroy();
});

describe('a person registering or linking while the server stops', () => {
  it('SIGTERM with requests in flight: the server drains and exits 0; everyone ends registered or linked once', async () => {
    const people = await peopleWithLinks(s, PEOPLE);
    const server = await startServer();
    const first = people.map((p) => takeStep(port, p));
    await new Promise((r) => setTimeout(r, 150));
    server.kill('SIGTERM');
    expect(await exited(server)).toBe(0);
    const statuses = await Promise.all(first);
    await startServer();
    for (const [i, p] of people.entries()) if (!isAccepted(statuses[i]!)) await stepUntilAccepted(port, p);
    // A repeat with the same password gets the outcome, for a registration and for a link.
    expect(await takeStep(port, people[0]!)).toBe(200);
    expect(await takeStep(port, people.at(-1)!)).toBe(200);
    await expectAllDoneOnce(db, people);
  }, 240_000);

  it('SIGKILL of the server and the worker with requests in flight: retries until a 2xx, everyone registered or linked once', async () => {
    const people = await peopleWithLinks(s, PEOPLE);
    for (const child of servers) if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
    await Promise.all(servers.map(exited));
    const server = await startServer();
    const first = people.map((p) => takeStep(port, p));
    await new Promise((r) => setTimeout(r, 200));
    worker!.kill('SIGKILL');
    server.kill('SIGKILL');
    const statuses = await Promise.all(first);
    await exited(server);
    // The server comes back before the worker: the steps are recorded and answered 202.
    await startServer();
    const retried = await Promise.all(
      people.map((p, i) => (isAccepted(statuses[i]!) ? statuses[i]! : stepUntilAccepted(port, p))),
    );
    expect(retried.every((st) => st === 200 || st === 202)).toBe(true);
    await startWorker();
    await expectAllDoneOnce(db, people);
    expect(await takeStep(port, people[0]!, 'another long password')).toBe(410);
    // A row whose delivering server was killed mid-way is taken again once its 30 s lease has run out.
    await eventually(async () => {
      const pending = await db('queuedEvents').where({ status: 'pending' }).count({ n: '*' }).first();
      expect(Number(pending?.n)).toBe(0);
    }, 60_000);
  }, 240_000);
});
