import crypto from 'node:crypto';
import type { ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FAILED_LOGINS_PER_WINDOW } from '../../server/auth/failedLoginAudit.js';
import { migrate, openDb, type Db } from '../../server/db/index.js';
import { makeOperator } from '../support/operators.js';
import { createPostgresTestDb, postgresReachable, postgresUrl } from '../support/postgres.js';
import { freePort, postgresUrlWithSchema, startServerProcess, stopProcess } from '../support/serverProcess.js';

// The log-in throttle and the bound on failed-log-in audit rows live in the database, so they hold
// across server processes: two real server processes (server/main.ts, each with its own connection
// pool) share one database here (SQLite file, then PostgreSQL), and a third process that served
// none of the guesses still makes the right password wait. The clock is the real one: the test
// waits out the throttle's short first delays and the audit's one-minute windows.
const reachable = await postgresReachable();
if (!reachable && process.env.CI) throw new Error(`PostgreSQL is required in CI and did not answer at ${postgresUrl}.`);
if (!reachable) console.warn(`PostgreSQL did not answer at ${postgresUrl}: skipping the PostgreSQL case.`);

interface Shared {
  db: Db;
  /** Where the server processes find the database: their DATA_DIR (SQLite) or DATABASE_URL. */
  env: { dataDir: string; env: Record<string, string> };
  drop(): Promise<void>;
}

const databases: Array<[string, boolean, () => Promise<Shared>]> = [
  [
    'SQLite',
    true,
    async () => {
      const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'vinculo-throttle-'));
      const db = openDb({ kind: 'sqlite', filename: path.join(dataDir, 'vinculo.sqlite') });
      await migrate(db);
      return {
        db,
        env: { dataDir, env: {} },
        async drop() {
          await db.destroy();
          fs.rmSync(dataDir, { recursive: true, force: true });
        },
      };
    },
  ],
  [
    'PostgreSQL',
    reachable,
    async () => {
      const pg = await createPostgresTestDb();
      const schema = (pg.db.client.config as { searchPath: string[] }).searchPath[0]!;
      const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'vinculo-throttle-'));
      return {
        db: pg.db,
        env: { dataDir, env: { DATABASE_URL: postgresUrlWithSchema(postgresUrl, schema) } },
        async drop() {
          await pg.drop();
          fs.rmSync(dataDir, { recursive: true, force: true });
        },
      };
    },
  ],
];

// One key for the three processes (each would otherwise make its own in the shared data folder).
const certificateKeys = `test:${crypto.randomBytes(32).toString('base64')}`;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
// The servers' audit windows are 20 s (FAILED_LOGIN_WINDOW_SECONDS) rather than a minute, so waiting one out is short.
const WINDOW_MS = 20_000;
/** Waits for the start of the next failed-log-in audit window. */
const nextWindow = () => sleep(WINDOW_MS - (Date.now() % WINDOW_MS) + 200);

describe.each(databases)('two server processes on one %s database', (_name, runs, make) => {
  let shared: Shared;
  const children: ChildProcess[] = [];
  let [a, b, c] = ['', '', ''];
  const server = async () => {
    const port = await freePort();
    children.push(
      await startServerProcess({
        ...shared.env,
        port,
        taskQueue: 'throttle',
        tokenSecret: crypto.randomBytes(32).toString('hex'),
        smtpUrl: 'smtp://127.0.0.1:1',
        env: {
          ...shared.env.env,
          TRUST_PROXY: 'true',
          CERTIFICATE_KEYS: certificateKeys,
          FAILED_LOGIN_WINDOW_SECONDS: String(WINDOW_MS / 1000),
        },
      }),
    );
    return `http://127.0.0.1:${port}`;
  };
  const login = (url: string, email: string, password: string, ip: string) =>
    request(url).post('/api/auth/login').set('X-Forwarded-For', ip).send({ email, password });

  beforeAll(async () => {
    if (!runs) return;
    shared = await make();
    [a, b, c] = await Promise.all([server(), server(), server()]);
  }, 120_000);
  afterAll(async () => {
    await Promise.all(children.map((child) => stopProcess(child)));
    await shared?.drop();
  });

  it.runIf(runs)(
    'counts a burst of guesses sent to both processes without losing one, and every process makes the right password wait',
    async () => {
      const { operator, password } = await makeOperator(shared.db, 'operator');
      const ip = '10.60.0.1';
      const throttle = async () =>
        (await shared
          .db('loginThrottles')
          .where({ key: `email:${operator.email}` })
          .first()) as {
          failures: number;
          blockedUntil: string | null;
        };
      const burst = await Promise.all(
        Array.from({ length: 8 }, (_, i) => login(i % 2 ? a : b, operator.email, 'wrong', ip)),
      );
      const checked = burst.filter((r) => r.status === 401).length;
      // Three free failures and the fourth (which sets the first wait) are checked; the others wait
      // (a slow machine may check one more once the one-second wait is over). Each one is counted.
      expect(burst.every((r) => r.status === 401 || r.status === 429)).toBe(true);
      expect(checked).toBeGreaterThanOrEqual(4);
      expect(checked).toBeLessThan(8);
      expect(Number((await throttle()).failures)).toBe(checked);

      // Waited out and failed again, alternately on each process, the wait doubles until it is long
      // enough (8 s or more) to ask every process in turn.
      for (let i = 0; ; i += 1) {
        const row = await throttle();
        const until = Date.parse(row.blockedUntil ?? '');
        if (until - Date.now() >= 6_000) break;
        await sleep(Math.max(0, until - Date.now()) + 100);
        expect((await login(i % 2 ? a : b, operator.email, 'wrong', ip)).status).toBe(401);
      }
      for (const url of [a, b, c]) {
        const waits = await login(url, operator.email, password, ip);
        expect(waits.status).toBe(429);
        expect(waits.body.message).toContain('this e-mail address');
      }
      const blocked = await login(c, operator.email, password, ip);
      await sleep(Number(blocked.headers['retry-after']) * 1000 + 100);
      expect((await login(c, operator.email, password, ip)).status).toBe(200);
    },
    60_000,
  );

  it.runIf(runs)(
    'bounds the audit rows of a failed-log-in flood split between the processes, summed up once',
    async () => {
      const failed = () =>
        shared.db('audit').whereIn('action', ['auth.login.failed', 'auth.login.failed.suppressed']).orderBy('id');
      await nextWindow();
      const before = (await failed()).length;
      const flood = FAILED_LOGINS_PER_WINDOW + 6;
      await Promise.all(
        Array.from({ length: flood }, (_, i) =>
          login(i % 2 ? a : b, `nobody${i}@x.test`, 'x', `10.61.0.${i}`).expect(401),
        ),
      );
      expect((await failed()).length - before).toBe(FAILED_LOGINS_PER_WINDOW);
      await nextWindow(); // a later window: the first failures there write the summary, once
      await Promise.all([
        login(a, 'late-a@x.test', 'x', '10.62.0.1').expect(401),
        login(b, 'late-b@x.test', 'x', '10.62.0.2').expect(401),
      ]);
      const rows = ((await failed()) as Array<{ action: string; details: string }>).slice(before);
      const summaries = rows.filter((r) => r.action === 'auth.login.failed.suppressed');
      expect(summaries).toHaveLength(1);
      expect(JSON.parse(summaries[0]!.details)).toMatchObject({ count: flood - FAILED_LOGINS_PER_WINDOW });
      expect(rows).toHaveLength(FAILED_LOGINS_PER_WINDOW + 3);
    },
    150_000,
  );
});
