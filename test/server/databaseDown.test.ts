import { createRequire } from 'node:module';
import request from 'supertest';
import { afterAll, describe, expect, it } from 'vitest';
import { migrate, openDb, type Db } from '../../server/db/index.js';
import {
  createOfficeWithCompany,
  randomEmail,
  startDirectoryStack,
  type DirectoryStack,
} from '../support/directoryStack.js';
import { privatePostgresMissing, startPrivatePostgres, type PrivatePostgres } from '../support/privatePostgres.js';
import { instanceRow, transitionsOf } from '../support/projection.js';
import { eventually } from '../support/stack.js';

// The back-office database goes away under a running stack (a private PostgreSQL cluster stopped
// at once; a SQLite file another connection holds locked). Meanwhile requests answer 503 with a
// sentence, not 500; health says the database is down; the worker's activities fail and retry. Once
// it is back, every process goes on: each resend timer that fired during the outage delivers its
// mail exactly once (one Message-ID, one transmission), and the projection has every step in order.

const RESEND_MS = 4_000;
const PEOPLE = 3;
const missing = privatePostgresMissing();
if (missing) console.warn(`Skipping the PostgreSQL outage test: ${missing}.`);
// The lock tests hold a SQLite file's write lock; on PostgreSQL the outage test above is theirs.
const onPostgres = process.env.TEST_DATABASE === 'postgres';
if (onPostgres) console.warn('Skipping the SQLite file-lock tests: the test database is PostgreSQL (TEST_DATABASE).');

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function startPeople(s: DirectoryStack) {
  const { companyId } = await createOfficeWithCompany(s.app);
  const people: Array<{ id: string; email: string; instanceId: string }> = [];
  for (let i = 0; i < PEOPLE; i += 1) {
    const email = randomEmail(`outage${i}`);
    const res = await request(s.app)
      .post('/api/clientUsers')
      .send({ companyId, name: `Pessoa ${i}`, email });
    expect(res.status).toBe(201);
    people.push({ id: res.body.id, email, instanceId: res.body.instanceId });
  }
  // The first registration mail of each is out before the database goes away.
  await eventually(() => expect(people.every((p) => s.smtp.to(p.email).length === 1)).toBe(true), 30_000);
  return { companyId, people };
}

/** After the outage: one more mail each (the resend), no repeat, every step projected in order. */
async function expectNothingLost(s: DirectoryStack, people: Array<{ email: string; instanceId: string }>) {
  await eventually(
    async () => {
      for (const p of people) {
        expect(s.smtp.to(p.email)).toHaveLength(2);
        const rows = await transitionsOf(s.db, p.instanceId);
        expect(rows.filter((r) => r.to === 'resendingRegistration')).toHaveLength(1);
        expect(await instanceRow(s.db, p.instanceId)).toMatchObject({ state: 'awaitingRegistration' });
      }
    },
    120_000,
    500,
  );
  for (const p of people) {
    const mails = s.smtp.to(p.email);
    expect(new Set(mails.map((m) => m.messageId)).size).toBe(mails.length);
    const rows = await transitionsOf(s.db, p.instanceId);
    expect(rows.map((r) => Number(r.seq))).toEqual(rows.map((_, i) => i)); // seq counts from 0, no gap
  }
  const unsent = await s.db('outbox').whereNot({ status: 'sent' });
  expect(unsent).toEqual([]);
  const health = await request(s.app).get('/api/health');
  expect(health.body.database).toBe('ok');
}

describe.skipIf(missing)('PostgreSQL stopped mid-run', () => {
  let pg: PrivatePostgres;
  let db: Db;
  let s: DirectoryStack;
  afterAll(async () => {
    await s?.stop();
    await db?.destroy();
    pg?.destroy();
  });

  it('answers 503, says so in health, and loses nothing once the database is back', async () => {
    pg = await startPrivatePostgres();
    db = openDb({ kind: 'postgres', url: pg.url });
    await migrate(db);
    s = await startDirectoryStack({ db, onboarding: { resendDelaysMs: [RESEND_MS], expireAfterMs: 3_600_000 } });
    const { companyId, people } = await startPeople(s);

    pg.stop();
    const stoppedAt = Date.now();
    const list = await request(s.app).get('/api/clientUsers');
    expect(list.status).toBe(503);
    expect(list.headers['retry-after']).toBe('5');
    expect(list.body).toMatchObject({ error: 'database_unavailable' });
    expect(list.body.message).toMatch(/database is not answering/);
    const create = await request(s.app)
      .post('/api/clientUsers')
      .send({ companyId, name: 'Durante', email: randomEmail('during') });
    expect(create.status).toBe(503);
    const health = await request(s.app).get('/api/health');
    expect(health.status).toBe(503);
    expect(health.body).toMatchObject({ status: 'degraded', database: 'unreachable' });
    expect(health.body.message).toMatch(/database is not answering/);

    // The resend timers fire while the database is away: their activities fail and retry.
    await sleep(Math.max(0, stoppedAt + RESEND_MS + 4_000 - Date.now()));
    expect(people.every((p) => s.smtp.to(p.email).length === 1)).toBe(true);
    pg.start();

    await expectNothingLost(s, people);
    expect(Number((await s.db('clientUsers').count({ n: '*' }).first())?.n)).toBe(PEOPLE);
  }, 240_000);
});

describe.skipIf(onPostgres)('a SQLite file another connection holds locked', () => {
  let s: DirectoryStack;
  afterAll(async () => s?.stop());

  it('answers 503 to writes, says so in health, and loses nothing once the lock is released', async () => {
    s = await startDirectoryStack({ onboarding: { resendDelaysMs: [RESEND_MS], expireAfterMs: 3_600_000 } });
    const { companyId, people } = await startPeople(s);

    // Another process's connection takes the write lock and keeps it (in WAL mode BEGIN EXCLUSIVE
    // is the write lock: readers go on, every writer waits out busy_timeout and fails).
    const sqlite3 = createRequire(import.meta.url)('sqlite3') as typeof import('sqlite3');
    const holder = new sqlite3.Database(s.dbFile);
    const exec = (sql: string) => new Promise<void>((ok, fail) => holder.exec(sql, (e) => (e ? fail(e) : ok())));
    await exec('BEGIN EXCLUSIVE');
    const lockedAt = Date.now();
    try {
      const health = await request(s.app).get('/api/health');
      expect(health.status).toBe(503);
      expect(health.body).toMatchObject({ status: 'degraded', database: 'unreachable' });
      const create = await request(s.app)
        .post('/api/clientUsers')
        .send({ companyId, name: 'Durante', email: randomEmail('during') });
      expect(create.status).toBe(503);
      expect(create.body).toMatchObject({ error: 'database_unavailable' });
      expect(create.body.message).toMatch(/Try again in 5 seconds/);
      await sleep(Math.max(0, lockedAt + RESEND_MS + 4_000 - Date.now()));
      expect(people.every((p) => s.smtp.to(p.email).length === 1)).toBe(true);
    } finally {
      await exec('ROLLBACK');
      await new Promise<void>((ok) => holder.close(() => ok()));
    }

    await expectNothingLost(s, people);
    expect(Number((await s.db('clientUsers').count({ n: '*' }).first())?.n)).toBe(PEOPLE);
  }, 240_000);
});

describe.skipIf(onPostgres)('the database locked between the SMTP acceptance and the outbox bookkeeping', () => {
  let s: DirectoryStack;
  afterAll(async () => s?.stop());

  it('records the send once the lock goes instead of sending the message again', async () => {
    s = await startDirectoryStack({ onboarding: { resendDelaysMs: [3_600_000], expireAfterMs: 7_200_000 } });
    const { companyId } = await createOfficeWithCompany(s.app);
    const sqlite3 = createRequire(import.meta.url)('sqlite3') as typeof import('sqlite3');
    const holder = new sqlite3.Database(s.dbFile);
    const exec = (sql: string) => new Promise<void>((ok, fail) => holder.exec(sql, (e) => (e ? fail(e) : ok())));
    // Longer than busy_timeout (10 s), so the sender's first try to mark the row sent fails.
    const LOCK_MS = 14_000;
    let released: Promise<void> | undefined;
    s.smtp.beforeAccepting = async () => {
      s.smtp.beforeAccepting = undefined;
      await exec('BEGIN EXCLUSIVE');
      released = sleep(LOCK_MS).then(() => exec('ROLLBACK'));
    };
    const email = randomEmail('locked');
    const res = await request(s.app).post('/api/clientUsers').send({ companyId, name: 'Trancada', email });
    expect(res.status).toBe(201);
    try {
      await eventually(() => expect(released).toBeDefined(), 30_000);
      await released;
      await eventually(
        async () => expect(await s.db('outbox').where({ to: email }).select('status')).toEqual([{ status: 'sent' }]),
        90_000,
        250,
      );
      await eventually(
        async () =>
          expect(await instanceRow(s.db, res.body.instanceId)).toMatchObject({ state: 'awaitingRegistration' }),
        30_000,
      );
      expect(s.smtp.to(email)).toHaveLength(1);
    } finally {
      await new Promise<void>((ok) => holder.close(() => ok()));
    }
  }, 180_000);
});
