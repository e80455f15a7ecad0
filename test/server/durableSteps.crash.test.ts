import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { ChildProcess } from 'node:child_process';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrate, openDb, type Db } from '../../server/db/index.js';
import { portalPath } from '../support/mailCatcher.js';
import {
  createOfficeWithCompany,
  randomEmail,
  startDirectoryStack,
  type DirectoryStack,
} from '../support/directoryStack.js';
import { exited, freePort, startServerProcess, startWorkerProcess } from '../support/serverProcess.js';
import { instanceRow, transitionsOf } from '../support/projection.js';
import { eventually } from '../support/stack.js';

// Issue 16: people register while the HTTP server is stopped (SIGTERM) or killed (SIGKILL) under
// them, and while the worker is killed. Whoever got a 2xx, or retried until one, ends registered;
// nobody ends expired; each registration appears once in the transitions.

const PEOPLE = 6;
const password = 'correct horse battery staple';
let s: DirectoryStack;
let db: Db;
let dataDir: string;
let port: number;
let worker: ChildProcess | undefined;
const children: ChildProcess[] = [];
const servers: ChildProcess[] = [];

const workerOptions = () => ({
  dbFile: path.join(dataDir, 'vinculo.sqlite'),
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
    env: { PORTAL_STEP_WAIT_SECONDS: '4', SHUTDOWN_GRACE_SECONDS: '20' },
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
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'vinculo-durable-'));
  db = openDb({ kind: 'sqlite', filename: path.join(dataDir, 'vinculo.sqlite') });
  await migrate(db);
  s = await startDirectoryStack({ db, noWorker: true });
  port = await freePort();
  await startWorker();
}, 120_000);

afterAll(async () => {
  for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  await s?.stop();
  await db?.destroy();
});

interface Person {
  email: string;
  token: string;
  instanceId: string;
}

async function peopleWithLinks(n: number): Promise<Person[]> {
  const { companyId } = await createOfficeWithCompany(s.app);
  const people: Person[] = [];
  for (let i = 0; i < n; i += 1) {
    const email = randomEmail(`p${i}`);
    const created = await request(s.app)
      .post('/api/clientUsers')
      .send({ companyId, name: `P ${i}`, email })
      .expect(201);
    people.push({ email, token: '', instanceId: created.body.instanceId as string });
  }
  for (const p of people) {
    const mail = await eventually(() => s.smtp.to(p.email)[0] ?? Promise.reject(new Error('no mail yet')), 60_000);
    p.token = new URL(`http://x${portalPath(mail)}`).searchParams.get('token')!;
  }
  return people;
}

/** One attempt: the status, or 0 when the connection broke. */
async function register(p: Person): Promise<number> {
  try {
    const res = await fetch(`http://127.0.0.1:${port}/portal/api/register`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ token: p.token, password }),
    });
    await res.text();
    return res.status;
  } catch {
    return 0;
  }
}

/** Retries as a person would, until a 2xx (the server may be down for a while). */
async function registerUntilAccepted(p: Person): Promise<number> {
  for (let i = 0; i < 120; i += 1) {
    const status = await register(p);
    if (status >= 200 && status < 300) return status;
    expect([0, 502, 503]).toContain(status); // never 410: a retry is answered, not refused
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error('never accepted');
}

async function expectAllRegisteredOnce(people: Person[]) {
  for (const p of people) {
    await eventually(
      async () => expect(await instanceRow(db, p.instanceId)).toMatchObject({ state: 'registered' }),
      60_000,
    );
    const registered = (await transitionsOf(db, p.instanceId)).filter((t) => t.event === 'REGISTERED');
    expect(registered).toHaveLength(1);
  }
  const statuses = await db('clientUsers')
    .whereIn(
      'instanceId',
      people.map((p) => p.instanceId),
    )
    .pluck('status');
  expect(statuses).toEqual(people.map(() => 'registered'));
}

describe('a person registering while the server stops', () => {
  it('SIGTERM with requests in flight: the server drains and exits 0; everyone ends registered once', async () => {
    const people = await peopleWithLinks(PEOPLE);
    const server = await startServer();
    const first = people.map((p) => register(p));
    await new Promise((r) => setTimeout(r, 150));
    server.kill('SIGTERM');
    expect(await exited(server)).toBe(0);
    const statuses = await Promise.all(first);
    await startServer();
    for (const [i, p] of people.entries())
      if (!(statuses[i]! >= 200 && statuses[i]! < 300)) await registerUntilAccepted(p);
    // A repeat with the same password gets the outcome; another password is refused.
    expect(await register(people[0]!)).toBe(200);
    await expectAllRegisteredOnce(people);
  }, 240_000);

  it('SIGKILL of the server and the worker with requests in flight: retries until a 2xx, everyone registered once', async () => {
    const people = await peopleWithLinks(PEOPLE);
    for (const child of servers) if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
    await Promise.all(servers.map(exited));
    const server = await startServer();
    const first = people.map((p) => register(p));
    await new Promise((r) => setTimeout(r, 200));
    worker!.kill('SIGKILL');
    server.kill('SIGKILL');
    const statuses = await Promise.all(first);
    await exited(server);
    // The server comes back before the worker: the steps are recorded and answered 202.
    await startServer();
    const retried = await Promise.all(
      people.map((p, i) => (statuses[i]! >= 200 && statuses[i]! < 300 ? statuses[i]! : registerUntilAccepted(p))),
    );
    expect(retried.every((st) => st === 200 || st === 202)).toBe(true);
    await startWorker();
    await expectAllRegisteredOnce(people);
    const wrong = await fetch(`http://127.0.0.1:${port}/portal/api/register`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ token: people[0]!.token, password: 'another long password' }),
    });
    expect(wrong.status).toBe(410);
    const pending = await db('queuedEvents').where({ status: 'pending' }).count({ n: '*' }).first();
    expect(Number(pending?.n)).toBe(0);
  }, 240_000);
});
