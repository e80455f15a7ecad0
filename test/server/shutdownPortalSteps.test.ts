import type { ChildProcess } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../server/db/index.js';
import { startDirectoryStack, type DirectoryStack } from '../support/directoryStack.js';
import { expectAllDoneOnce, peopleWithLinks, portalPassword, type PortalPerson } from '../support/portalPeople.js';
import { instanceRow } from '../support/projection.js';
import { exited, freePort, startServerProcess, startWorkerProcess } from '../support/serverProcess.js';
import { createTestDb, eventually } from '../support/stack.js';

// People register through their mailed links while no worker runs, so each step is recorded and
// its request waits for the process; then the server gets SIGTERM. Every request must get its
// answer (202 recorded) from the shutdown itself: the portal step waits longer than the grace
// here, so an answer that came from the wait running out, or a connection cut at the end of the
// grace, fails the test.

const PEOPLE = 5;
const GRACE_SECONDS = 20;
const STEP_WAIT_SECONDS = 60;
let s: DirectoryStack;
let db: Db;
let dataDir: string;
let dbEnv: Record<string, string>;
const children: ChildProcess[] = [];

const startWorker = async () => {
  const worker = await startWorkerProcess({
    dbEnv,
    taskQueue: s.taskQueue,
    tokenSecret: s.tokenSecret,
    smtpUrl: s.smtp.url,
  });
  children.push(worker);
  return worker;
};

type Answer = { status: number; body: Record<string, unknown>; at: number } | { error: string; at: number };

/** One registration, as the portal page sends it: its HTTP answer, or the socket error instead. */
async function register(port: number, p: PortalPerson): Promise<Answer> {
  try {
    const res = await fetch(`http://127.0.0.1:${port}/portal/api/register`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ token: p.token, password: portalPassword }),
    });
    const body = (await res.json()) as Record<string, unknown>;
    return { status: res.status, body, at: Date.now() };
  } catch (err) {
    return { error: String((err as { cause?: unknown }).cause ?? err), at: Date.now() };
  }
}

beforeAll(async () => {
  ({ db, dir: dataDir, env: dbEnv } = await createTestDb());
  s = await startDirectoryStack({ db, dbEnv, noWorker: true });
}, 120_000);

afterAll(async () => {
  for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  await s?.stop();
  await db?.destroy();
});

describe('SIGTERM while portal steps wait for their processes', () => {
  it('answers every waiting step 202 recorded at once, cuts none, and exits within the grace', async () => {
    // The people's processes mail their links and wait for the registration; then the worker stops.
    const worker = await startWorker();
    const people = await peopleWithLinks(s, { register: PEOPLE, link: 0 });
    for (const p of people)
      await eventually(async () => expect((await instanceRow(db, p.instanceId))?.state).toBe('awaitingRegistration'));
    worker.kill('SIGTERM');
    expect(await exited(worker)).toBe(0);

    const port = await freePort();
    const server = await startServerProcess({
      dataDir,
      port,
      taskQueue: s.taskQueue,
      tokenSecret: s.tokenSecret,
      smtpUrl: s.smtp.url,
      env: {
        ...dbEnv,
        PORTAL_STEP_WAIT_SECONDS: String(STEP_WAIT_SECONDS),
        SHUTDOWN_GRACE_SECONDS: String(GRACE_SECONDS),
      },
    });
    children.push(server);
    const answers = people.map((p) => register(port, p));
    // Every step is recorded (its event queued) before its request starts waiting for the process.
    await eventually(async () => {
      const queued = await db('queuedEvents').whereIn(
        'instanceId',
        people.map((p) => p.instanceId),
      );
      expect(queued).toHaveLength(PEOPLE);
    }, 30_000);
    // Still waiting: nobody has an answer yet, since no worker takes the steps.
    await new Promise((r) => setTimeout(r, 500));
    const settled = await Promise.race([Promise.all(answers), new Promise((r) => setTimeout(() => r('waiting'), 0))]);
    expect(settled).toBe('waiting');

    const signalledAt = Date.now();
    server.kill('SIGTERM');
    const code = await exited(server);
    const exitedAfterMs = Date.now() - signalledAt;
    const got = await Promise.all(answers);

    for (const answer of got) {
      expect(answer).not.toHaveProperty('error');
      expect(answer).toMatchObject({ status: 202, body: { state: 'recorded', recorded: true } });
      // Answered by the shutdown, long before the step's own wait or the grace would have ended.
      expect(answer.at - signalledAt).toBeLessThan(5_000);
    }
    expect(code).toBe(0);
    expect(exitedAfterMs).toBeLessThan(GRACE_SECONDS * 1000);

    // Recorded means kept: with a worker again, everyone ends registered, each step taken once.
    await startWorker();
    await expectAllDoneOnce(db, people);
  }, 240_000);
});
