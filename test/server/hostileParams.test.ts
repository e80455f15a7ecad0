import { Client, Connection } from '@temporalio/client';
import request from 'supertest';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { nudgeService } from '../../domain/services/nudges.js';
import { InstanceService } from '../../server/temporal/instances.js';
import { testCodec } from '../support/codec.js';
import { testRegistry } from '../support/registry.js';
import { safeForLog } from '../../server/http/errors.js';
import { createOfficeWithCompany, randomEmail, useDirectoryStack } from '../support/directoryStack.js';
import { uniqueId } from '../support/stack.js';

// Defect 4 of the hostile probe: list parameters and keys a request names must never reach SQL or
// a prototype, and payloads Temporal cannot carry must be refused before they get there.
const s = useDirectoryStack();
let instanceId: string;
beforeAll(async () => {
  const res = await request(s.app)
    .post('/api/instances')
    .send({ machine: 'timerProbe', input: { key: uniqueId('hostile'), remindAfterMs: 60_000, expireAfterMs: 60_000 } })
    .expect(201);
  instanceId = res.body.id;
});

const lists = ['/api/instances', '/api/transitions', '/api/audit', '/api/outbox', '/api/clientUsers', '/api/offices'];

describe('list parameters and prototype keys', () => {
  it.each(lists)('%s refuses huge ranges and prototype filter keys with a 400', async (url) => {
    for (const range of ['[1e20,1e20]', '[0,1e300]', '[9007199254740993,9007199254740994]']) {
      const res = await request(s.app).get(url).query({ range });
      expect(res.status, `${url} range=${range}`).toBe(400);
      expect(res.body.message).toMatch(/range/);
    }
    for (const key of ['__proto__', 'constructor', 'toString', 'hasOwnProperty', 'valueOf']) {
      const res = await request(s.app)
        .get(url)
        .query({ filter: `{"${key}":"someone@example.com"}` });
      expect(res.status, `${url} filter key ${key}`).toBe(400);
      expect(res.body.message).toMatch(/Cannot filter/);
      const sorted = await request(s.app)
        .get(url)
        .query({ sort: `["${key}","ASC"]` });
      expect(sorted.status, `${url} sort ${key}`).toBe(400);
    }
  });

  it('refuses a machine named after a prototype key', async () => {
    for (const machine of ['__proto__', 'constructor', 'toString', 'hasOwnProperty']) {
      const res = await request(s.app).post('/api/instances').send({ machine, input: {} });
      expect(res.status, machine).toBe(404);
      expect(res.body.error).toBe('unknown_machine');
    }
  });

  it('refuses event payloads nested too deep or carrying a __proto__ key, before Temporal sees them', async () => {
    const deep = `${'{"a":'.repeat(20_000)}"x"${'}'.repeat(20_000)}`;
    const body = `{"type":"PING","reason":"r","payload":${deep}}`;
    const res = await request(s.app)
      .post(`/api/instances/${instanceId}/events`)
      .set('Content-Type', 'application/json')
      .send(body);
    expect(res.status).toBe(400);
    expect(res.body.message).toMatch(/nested/);
    const proto = await request(s.app)
      .post(`/api/instances/${instanceId}/events`)
      .set('Content-Type', 'application/json')
      .send('{"type":"PING","reason":"r","payload":{"__proto__":{"admin":true}}}');
    expect(proto.status).toBe(400);
    expect(proto.body.message).toMatch(/__proto__/);
  });

  it('bulk-events never echoes raw exception text', async () => {
    // A real client whose connection is closed: every call fails with the SDK's own error text.
    const connection = await Connection.connect({ address: inject('temporalAddress') });
    const closed = new InstanceService({
      client: new Client({ connection }),
      registry: testRegistry,
      taskQueue: 'none',
      namespace: 'default',
      codec: testCodec,
    });
    await connection.close();
    const nudges = nudgeService({ instances: closed, audit: s.directoryDeps.audit });
    const results = await nudges.bulk(
      [instanceId],
      { type: 'PING', reason: 'r', dryRun: false },
      { actor: 'test', auditActor: 'test' },
    );
    expect(results[0]).toMatchObject({ ok: false, error: 'internal' });
    expect(results[0]!.message).toBe('This process could not be reached; try again later.');
  });
});

describe('logging a failed query', () => {
  it('keeps bound values (e-mails) out of what is logged', async () => {
    const email = randomEmail('secret');
    const { officeId } = await createOfficeWithCompany(s.app);
    const err = await s
      .db('offices')
      .where({ id: officeId, noSuchColumn: email })
      .first()
      .then(
        () => undefined,
        (e: unknown) => e,
      );
    // On SQLite knex interpolates the bindings into the message; PostgreSQL's shows placeholders.
    if (s.db.client.config.client !== 'pg') expect(String((err as Error).message)).toContain(email);
    const logged = JSON.stringify(safeForLog(err)) + String((safeForLog(err) as Error).message);
    expect(logged).not.toContain(email);
    expect(logged).toMatch(/no such column|does not exist/); // SQLite's words, PostgreSQL's
  });
});

describe('search text', () => {
  it('treats % and _ in q as themselves, not as wildcards', async () => {
    const { officeId } = await createOfficeWithCompany(s.app, 'Escritório Curinga');
    for (const q of ['%', '_', 'Escrit_rio', '%Curinga']) {
      const res = await request(s.app)
        .get('/api/offices')
        .query({ filter: JSON.stringify({ q }) });
      expect(res.status).toBe(200);
      expect(
        res.body.map((o: { id: string }) => o.id),
        q,
      ).not.toContain(officeId);
    }
    const plain = await request(s.app)
      .get('/api/offices')
      .query({ filter: JSON.stringify({ q: 'curinga' }) });
    expect(plain.body.map((o: { id: string }) => o.id)).toContain(officeId);
  });
});
