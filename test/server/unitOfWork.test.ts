import { createRegistry } from '../../machines/definition.js';
import type { ChildProcess } from 'node:child_process';
import request from 'supertest';
import { afterAll, describe, expect, it } from 'vitest';
import { AuditLog } from '../../server/audit/auditLog.js';
import { openAccess } from '../../server/auth/openAccess.js';
import { composeApp, composeServices } from '../../server/compose.js';
import { InstanceService } from '../../server/temporal/instances.js';
import { testCodec } from '../support/codec.js';
import {
  createOfficeWithCompany,
  randomEmail,
  startDirectoryStack,
  type DirectoryStack,
} from '../support/directoryStack.js';
import { createPostgresTestDb, postgresReachable } from '../support/postgres.js';
import { startDirectoryWorker } from '../support/serverProcess.js';
import { eventually } from '../support/stack.js';

const pgReachable = await postgresReachable();
const cleanups: Array<() => Promise<void> | void> = [];
afterAll(async () => {
  for (const c of cleanups.reverse()) await c();
});

/** The worker in a process of its own, writing the projection into the same database meanwhile. */
async function workerProcess(s: DirectoryStack): Promise<ChildProcess> {
  const child = await startDirectoryWorker(s);
  cleanups.push(() => void child.kill('SIGKILL'));
  return child;
}

const auditCount = async (s: DirectoryStack, action: string, target: string) =>
  Number((await s.db('audit').where({ action, target }).count({ n: '*' }))[0]?.n);

async function concurrentLoad(s: DirectoryStack) {
  const { companyId } = await createOfficeWithCompany(s.app, 'Carga');
  const post = (i: number) =>
    request(s.app)
      .post('/api/clientUsers')
      .send({ companyId, name: `Pessoa ${i}`, email: randomEmail(`load${i}`) });
  const first = await Promise.all(Array.from({ length: 20 }, (_, i) => post(i)));
  expect(first.map((r) => r.status)).toEqual(first.map(() => 201));
  const ids = first.map((r) => String(r.body.instanceId));
  await eventually(
    async () =>
      expect(await s.db('instances').whereIn('id', ids).where({ state: 'awaitingRegistration' })).toHaveLength(20),
    60_000,
  );
  // More creates, nudges and updates at once, while the worker projects each transition.
  const [more, nudges, updates] = await Promise.all([
    Promise.all(Array.from({ length: 20 }, (_, i) => post(100 + i))),
    Promise.all(
      ids.map((id) =>
        request(s.app)
          .post(`/api/instances/${id}/events`)
          .send({ type: 'EXTEND_DEADLINE', payload: { days: 1 }, reason: 'load test' }),
      ),
    ),
    Promise.all(
      first.map((r) =>
        request(s.app)
          .put(`/api/clientUsers/${r.body.id}`)
          .send({ name: `${r.body.name} Jr`, reason: 'renamed' }),
      ),
    ),
  ]);
  for (const r of [...more, ...nudges, ...updates]) expect(r.status, JSON.stringify(r.body)).toBeLessThan(300);
  for (const r of [...first, ...more])
    expect(await auditCount(s, 'clientUsers.create', `clientUsers:${r.body.id}`)).toBe(1);
  for (const r of updates) expect(await auditCount(s, 'clientUsers.update', `clientUsers:${r.body.id}`)).toBe(1);
  for (const id of ids) expect(await auditCount(s, 'instance.event', `instance:${id}`)).toBe(1);
  expect(await new AuditLog(s.db).verify()).toMatchObject({ ok: true });
}

describe('one unit of work per create, under concurrency', () => {
  it('the test database with the worker in another process: no request fails, one audit entry per action', async () => {
    const s = await startDirectoryStack({ noWorker: true });
    cleanups.push(() => s.stop());
    await workerProcess(s);
    await concurrentLoad(s);
  }, 180_000);

  it.runIf(pgReachable)(
    'PostgreSQL: no request fails, one audit entry per action',
    async () => {
      const pg = await createPostgresTestDb();
      const s = await startDirectoryStack({ db: pg.db });
      cleanups.push(() => pg.drop());
      cleanups.push(() => s.stop());
      await concurrentLoad(s);
    },
    180_000,
  );
});

describe('bad input: one outcome each, stated clearly', () => {
  let s: DirectoryStack;
  let companyId: string;
  it('a create retried with the same body after a 5xx gets the same user, its process, and no second entry', async () => {
    s = await startDirectoryStack();
    cleanups.push(() => s.stop());
    ({ companyId } = await createOfficeWithCompany(s.app, 'Falhas'));
    // A server whose processes cannot start (its registry lacks the machine): the row commits, the start fails.
    const broken = new InstanceService({
      client: s.client,
      registry: createRegistry([]),
      taskQueue: s.taskQueue,
      namespace: 'default',
      codec: testCodec,
    });
    const brokenParts = { ...s.parts, instances: broken };
    const brokenApp = composeApp(
      { ...brokenParts, services: composeServices(brokenParts) },
      { registry: createRegistry([]), version: 'test', temporalOk: async () => true, authenticate: openAccess },
    );
    const body = { companyId, name: 'Retentada', email: randomEmail('retry') };
    const failed = await request(brokenApp).post('/api/clientUsers').send(body).expect(503);
    expect(failed.body).toMatchObject({ error: 'process_not_started' });
    expect(failed.body.message).toMatch(/send the same request again/i);
    const retried = await request(s.app).post('/api/clientUsers').send(body).expect(201);
    expect(retried.body.id).toBe(failed.body.id);
    expect(retried.headers['idempotent-replayed']).toBe('true');
    await eventually(async () =>
      expect(await s.db('instances').where({ id: retried.body.instanceId })).toHaveLength(1),
    );
    expect(await s.db('clientUsers').where({ email: body.email })).toHaveLength(1);
    expect(await auditCount(s, 'clientUsers.create', `clientUsers:${retried.body.id}`)).toBe(1);
  }, 60_000);

  it('an Idempotency-Key answers its first result again, and refuses a different body', async () => {
    const body = { companyId, name: 'Chave', email: randomEmail('key') };
    const a = await request(s.app).post('/api/clientUsers').set('Idempotency-Key', 'k-1').send(body).expect(201);
    const b = await request(s.app).post('/api/clientUsers').set('Idempotency-Key', 'k-1').send(body).expect(201);
    expect(b.body.id).toBe(a.body.id);
    const other = await request(s.app)
      .post('/api/clientUsers')
      .set('Idempotency-Key', 'k-1')
      .send({ ...body, email: randomEmail('other') })
      .expect(409);
    expect(other.body.error).toBe('idempotency_key_reused');
    expect(await auditCount(s, 'clientUsers.create', `clientUsers:${a.body.id}`)).toBe(1);
  });

  it('two creates of one e-mail at once: the same body is one user; different bodies are one user and a 409', async () => {
    const email = randomEmail('twice');
    const same = await Promise.all(
      [1, 2].map(() => request(s.app).post('/api/clientUsers').send({ companyId, name: 'Dupla', email })),
    );
    expect(same.map((r) => r.status)).toEqual([201, 201]);
    expect(same[0]!.body.id).toBe(same[1]!.body.id);
    const other = randomEmail('race');
    const diff = await Promise.all(
      ['Uma', 'Outra'].map((name) => request(s.app).post('/api/clientUsers').send({ companyId, name, email: other })),
    );
    expect(diff.map((r) => r.status).sort()).toEqual([201, 409]);
    expect(diff.find((r) => r.status === 409)!.body.error).toBe('duplicate_email');
    expect(await s.db('clientUsers').whereIn('email', [email, other])).toHaveLength(2);
    for (const r of [same[0]!, ...diff.filter((d) => d.status === 201)])
      expect(await auditCount(s, 'clientUsers.create', `clientUsers:${r.body.id}`)).toBe(1);
  });

  it('a create racing a deactivation of the same user: created, then deactivated, its process ended', async () => {
    const body = { companyId, name: 'Corrida', email: randomEmail('racing') };
    const creating = request(s.app).post('/api/clientUsers').send(body);
    const deactivating = (async () => {
      const row = await eventually(
        async () =>
          (await s.db('clientUsers').where({ email: body.email }).first()) ?? Promise.reject(new Error('not yet')),
        10_000,
        5,
      );
      return request(s.app).put(`/api/clientUsers/${row.id}`).send({ status: 'inactive', reason: 'left' });
    })();
    const [created, deactivated] = await Promise.all([creating, deactivating]);
    expect(created.status).toBe(201);
    expect(deactivated.status).toBe(200);
    await eventually(async () =>
      expect(await s.db('instances').where({ id: created.body.instanceId }).first()).toMatchObject({
        state: 'deactivated',
      }),
    );
    expect(await s.db('clientUsers').where({ id: created.body.id }).first()).toMatchObject({ status: 'inactive' });
    expect(await auditCount(s, 'clientUsers.create', `clientUsers:${created.body.id}`)).toBe(1);
    expect(await auditCount(s, 'clientUsers.update', `clientUsers:${created.body.id}`)).toBe(1);
  }, 60_000);
});
