import fs from 'node:fs';
import path from 'node:path';
import type { ChildProcess } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../server/db/index.js';
import { startDevServer, type RunningDevServer } from '../../server/temporal/devServer.js';
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

// Issue 16: the Temporal server itself is killed (SIGKILL) while people register and link, and
// stays away while others take their step. The steps are recorded and answered 202; the relay keeps
// them pending and health shows the backlog; once Temporal is back on the same database file they
// drain: everyone ends registered or linked, each step once, nothing left pending.

let temporal: RunningDevServer;
let temporalPort: number;
let temporalDbFile: string;
let s: DirectoryStack;
let db: Db;
let dataDir: string;
/** How the worker and server processes open the test's database (SQLite in dataDir, or PostgreSQL). */
let dbEnv: Record<string, string>;
let port: number;
let worker: ChildProcess;
const children: ChildProcess[] = [];

const startTemporal = () =>
  startDevServer({ port: temporalPort, dbFile: temporalDbFile, log: () => {} }).then((t) => (temporal = t));
const startWorker = async () => {
  worker = await startWorkerProcess({
    dbEnv,
    taskQueue: s.taskQueue,
    tokenSecret: s.tokenSecret,
    smtpUrl: s.smtp.url,
    temporalAddress: temporal.address,
  });
  children.push(worker);
};
const health = async () => {
  const res = await fetch(`http://127.0.0.1:${port}/api/health`);
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
};

beforeAll(async () => {
  ({ db, dir: dataDir, env: dbEnv } = await createTestDb());
  temporalDbFile = path.join(dataDir, 'temporal.sqlite');
  temporalPort = await freePort();
  await startTemporal();
  s = await startDirectoryStack({ db, dbEnv, noWorker: true, temporalAddress: temporal.address });
  port = await freePort();
  await startWorker();
  children.push(
    await startServerProcess({
      dataDir,
      port,
      taskQueue: s.taskQueue,
      tokenSecret: s.tokenSecret,
      smtpUrl: s.smtp.url,
      env: { ...dbEnv, TEMPORAL_ADDRESS: temporal.address, PORTAL_STEP_WAIT_SECONDS: '4' },
    }),
  );
}, 180_000);

afterAll(async () => {
  for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  await Promise.all(children.map(exited));
  await s?.stop();
  await temporal?.stop();
  await db?.destroy();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

describe('portal steps while the Temporal server is killed', () => {
  it('records them, shows the backlog in health, and applies each once when Temporal is back', async () => {
    const people = await peopleWithLinks(s, { register: 4, link: 3 });
    const early = people.filter((_, i) => i % 2 === 0);
    const late = people.filter((_, i) => i % 2 === 1);

    // Some steps are in flight when Temporal dies; the others are taken while it is away.
    const inFlight = early.map((p) => takeStep(port, p));
    await new Promise((r) => setTimeout(r, 150));
    await temporal.kill!();
    const whileDown = await Promise.all(late.map((p) => stepUntilAccepted(port, p)));
    expect(whileDown.every((st) => st === 202)).toBe(true);
    const earlyStatuses = await Promise.all(inFlight);
    for (const [i, p] of early.entries()) if (!isAccepted(earlyStatuses[i]!)) await stepUntilAccepted(port, p);

    // The relay keeps them, counting its failed tries; health names Temporal and the backlog.
    const lateIds = late.map((p) => p.instanceId);
    await eventually(async () => {
      const rows = await db('queuedEvents').whereIn('instanceId', lateIds);
      expect(rows.map((r: { status: string }) => r.status)).toEqual(late.map(() => 'pending'));
      expect(rows.every((r: { attempts: number; lastError: string | null }) => r.attempts > 0 && r.lastError)).toBe(
        true,
      );
    }, 30_000);
    const down = await health();
    expect(down.status).toBe(503);
    expect(down.body).toMatchObject({ status: 'degraded', temporal: 'unreachable' });
    expect((down.body.queuedEvents as { pending: number }).pending).toBeGreaterThanOrEqual(late.length);
    // An hour later (the rows aged as an hour would age them) health says the relay is behind.
    const anHourAgo = new Date(Date.now() - 3_600_000).toISOString();
    await db('queuedEvents').whereIn('instanceId', lateIds).update({ createdAt: anHourAgo });
    const behind = await health();
    expect(behind.body).toMatchObject({ relay: 'behind' });
    expect((behind.body.queuedEvents as { oldestPendingSeconds: number }).oldestPendingSeconds).toBeGreaterThanOrEqual(
      3600,
    );
    // A person retrying meanwhile is answered "recorded", not refused.
    expect(await takeStep(port, late[0]!)).toBe(202);

    // Temporal comes back on the same database file: nothing was lost, nothing is applied twice.
    await startTemporal();
    if (worker.exitCode !== null || worker.signalCode !== null) await startWorker();
    await expectAllDoneOnce(db, people, 120_000);
    await eventually(async () => {
      const pending = await db('queuedEvents').where({ status: 'pending' }).count({ n: '*' }).first();
      expect(Number(pending?.n)).toBe(0);
    }, 60_000);
    const refused = await db('queuedEvents').where({ status: 'refused' }).count({ n: '*' }).first();
    expect(Number(refused?.n)).toBe(0);
    await eventually(async () => expect(await health()).toMatchObject({ status: 200, body: { relay: 'ok' } }), 30_000);
  }, 300_000);
});
