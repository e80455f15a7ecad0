import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FAILED_LOGINS_PER_WINDOW } from '../../server/auth/failedLoginAudit.js';
import { openDb, type Db } from '../../server/db/index.js';
import { makeOperator } from '../support/operators.js';
import { createPostgresTestDb, postgresReachable, postgresUrl } from '../support/postgres.js';
import { startStack, type Stack } from '../support/stack.js';

// The log-in throttle and the bound on failed-log-in audit rows live in the database, so they hold
// across server processes and restarts: two app instances, each with its own connection pool, share
// one database here (SQLite file, then PostgreSQL), and a third one started later still sees the wait.
const reachable = await postgresReachable();
if (!reachable && process.env.CI) throw new Error(`PostgreSQL is required in CI and did not answer at ${postgresUrl}.`);
if (!reachable) console.warn(`PostgreSQL did not answer at ${postgresUrl}: skipping the PostgreSQL case.`);

interface Shared {
  /** Another connection pool on the same database, as another server process would have. */
  open(): Db;
  first: Db;
  drop(): Promise<void>;
}

const databases: Array<[string, boolean, () => Promise<Shared>]> = [
  [
    'SQLite',
    true,
    async () => {
      const { createTestDb } = await import('../support/stack.js');
      const { db, file } = await createTestDb();
      return { first: db, open: () => openDb({ kind: 'sqlite', filename: file }), drop: () => db.destroy() };
    },
  ],
  [
    'PostgreSQL',
    reachable,
    async () => {
      const pg = await createPostgresTestDb();
      const schema = (pg.db.client.config as { searchPath: string[] }).searchPath[0]!;
      return { first: pg.db, open: () => openDb({ kind: 'postgres', url: postgresUrl, schema }), drop: pg.drop };
    },
  ],
];

describe.each(databases)('two servers on one %s database', (_name, runs, make) => {
  let shared: Shared;
  let a: Stack;
  let b: Stack;
  const pools: Db[] = [];
  let clock = Date.now();
  const server = async () => {
    const db = shared.open();
    pools.push(db);
    return startStack({ db, noWorker: true, now: () => clock, trustProxy: true });
  };
  const login = (s: Stack, email: string, password: string, ip: string) =>
    request(s.app).post('/api/auth/login').set('X-Forwarded-For', ip).send({ email, password });

  beforeAll(async () => {
    if (!runs) return;
    shared = await make();
    [a, b] = [await server(), await server()];
  });
  afterAll(async () => {
    await a?.stop();
    await b?.stop();
    for (const db of pools) await db.destroy();
    await shared?.drop();
  });

  it.runIf(runs)('counts a burst of guesses sent to both servers one by one, and the wait outlives them', async () => {
    const { operator, password } = await makeOperator(shared.first, 'operator');
    const ip = '10.60.0.1';
    const burst = await Promise.all(
      Array.from({ length: 8 }, (_, i) => login(i % 2 ? a : b, operator.email, 'wrong', ip)),
    );
    // Three free failures and the fourth (which sets the first wait) are checked; the other four wait.
    expect(burst.map((r) => r.status).sort()).toEqual([401, 401, 401, 401, 429, 429, 429, 429]);
    const row = (await shared
      .first('loginThrottles')
      .where({ key: `email:${operator.email}` })
      .first()) as {
      failures: number;
    };
    expect(Number(row.failures)).toBe(4);
    // Both servers make the right password wait too, and so does a server started after them.
    expect((await login(a, operator.email, password, ip)).status).toBe(429);
    const later = await server();
    const blocked = await login(later, operator.email, password, ip);
    expect(blocked.status).toBe(429);
    expect(blocked.body.message).toContain('this e-mail address');
    clock += Number(blocked.headers['retry-after']) * 1000;
    expect((await login(later, operator.email, password, ip)).status).toBe(200);
    await later.stop();
  });

  it.runIf(runs)(
    'bounds the audit rows of a failed-log-in flood split between the servers, summed up once',
    async () => {
      clock += 10 * 60_000;
      const failed = () =>
        shared.first('audit').whereIn('action', ['auth.login.failed', 'auth.login.failed.suppressed']).orderBy('id');
      const before = (await failed()).length;
      const flood = FAILED_LOGINS_PER_WINDOW + 6;
      await Promise.all(
        Array.from({ length: flood }, (_, i) =>
          login(i % 2 ? a : b, `nobody${i}@x.test`, 'x', `10.61.0.${i}`).expect(401),
        ),
      );
      expect((await failed()).length - before).toBe(FAILED_LOGINS_PER_WINDOW);
      clock += 2 * 60_000; // a later window: the first failures there write the summary, once
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
  );
});
