import { beforeAll, describe, expect, it } from 'vitest';
import { eventually, useStack, uniqueId } from '../support/stack.js';
import { loginAs, type LoggedIn } from '../support/operators.js';
import { transitionsOf } from '../support/projection.js';

const stack = useStack();
let api: LoggedIn['agent'];
let admin: LoggedIn;
const started: string[] = [];

beforeAll(async () => {
  admin = await loginAs(stack.app, stack.db, 'admin');
  api = admin.agent;
  for (let i = 0; i < 3; i += 1) {
    const res = await api.post('/api/instances').send({
      machine: 'timerProbe',
      input: { key: uniqueId(`http${i}`), remindAfterMs: 60_000, expireAfterMs: 60_000 },
    });
    expect(res.status).toBe(201);
    started.push(res.body.id);
  }
  // PostgreSQL counts as text (bigint), SQLite as a number.
  await eventually(async () => expect(Number((await stack.db('instances').count({ n: '*' }).first())?.n)).toBe(3));
});

describe('GET /api/instances', () => {
  it('lists with sort, range and filter, and says the total in Content-Range', async () => {
    const res = await api
      .get('/api/instances')
      .query({ sort: '["id","ASC"]', range: '[0,1]', filter: '{"machine":"timerProbe","status":"running"}' });
    expect(res.status).toBe(200);
    expect(res.headers['content-range']).toBe('instances 0-1/3');
    expect(res.body.map((r: { id: string }) => r.id)).toEqual([...started].sort().slice(0, 2));
    expect(res.body[0]).toMatchObject({
      machine: 'timerProbe',
      state: 'waiting',
      status: 'running',
      stuck: false,
      entityType: 'probe',
    });
    const one = await api.get('/api/instances').query({ filter: JSON.stringify({ id: [started[1]] }) });
    expect(one.body.map((r: { id: string }) => r.id)).toEqual([started[1]]);
    const stuck = await api.get('/api/instances').query({ filter: '{"stuck":true}' });
    expect(stuck.headers['content-range']).toBe('instances 0-0/0');
  });

  it.each([
    [{ sort: 'not json' }, 'Query parameter "sort" is not valid JSON'],
    [{ sort: '["password","ASC"]' }, 'Cannot sort instances by "password"'],
    [{ sort: '["id","SIDEWAYS"]' }, 'Parameter "sort" must look like'],
    [{ range: '[5,1]' }, 'Parameter "range" must look like'],
    [{ range: '[0,5000]' }, 'A page holds at most'],
    [{ filter: '{"color":"red"}' }, 'Cannot filter instances by "color"'],
    [{ filter: '[1]' }, 'Parameter "filter" must be a JSON object'],
  ])('refuses %o with a 400 that says why', async (query, message) => {
    const res = await api.get('/api/instances').query(query);
    expect(res.status).toBe(400);
    expect(res.body.error).toBe('bad_request');
    expect(res.body.message).toContain(message);
  });
});

describe('one instance', () => {
  it('answers 404 for an unknown instance on every route', async () => {
    for (const [method, path] of [
      ['get', '/api/instances/nope'],
      ['get', '/api/instances/nope/snapshot'],
      ['get', '/api/instances/nope/history'],
    ] as const) {
      const res = await api[method](path);
      expect(res.status, path).toBe(404);
      expect(res.body.message).toContain('"nope"');
    }
    const res = await api.post('/api/instances/nope/events').send({ type: 'PING', reason: 'r' });
    expect(res.status).toBe(404);
  });

  it('answers 404 for an unknown machine, and 400 for input the machine refuses', async () => {
    const unknown = await api.post('/api/instances').send({ machine: 'teleporter', input: {} });
    expect(unknown.status).toBe(404);
    expect(unknown.body).toMatchObject({ error: 'unknown_machine' });
    const bad = await api
      .post('/api/instances')
      .send({ machine: 'timerProbe', input: { key: 'x', remindAfterMs: -1 } });
    expect(bad.status).toBe(400);
    expect(bad.body.message).toContain('remindAfterMs');
    expect((await api.get('/api/machines/teleporter')).status).toBe(404);
  });

  it('refuses a second process for the same entity with 409', async () => {
    const key = uniqueId('dup');
    const input = { key, remindAfterMs: 60_000, expireAfterMs: 60_000 };
    expect((await api.post('/api/instances').send({ machine: 'timerProbe', input })).status).toBe(201);
    const again = await api.post('/api/instances').send({ machine: 'timerProbe', input });
    expect(again.status).toBe(409);
    expect(again.body).toMatchObject({ error: 'already_started', instanceId: `timerProbe-${key}` });
  });

  it('serves the snapshot and the history', async () => {
    const snap = await api.get(`/api/instances/${started[0]}/snapshot`);
    expect(snap.status).toBe(200);
    expect(snap.body).toMatchObject({
      state: 'waiting',
      can: ['ANSWER', 'CONFIRM', 'NOTE', 'PING'],
      timers: [{ event: expect.stringContaining('remindDelay') }],
    });
    const history = await api.get(`/api/instances/${started[0]}/history`);
    expect(history.body[0].events[0].eventType).toBe('EVENT_TYPE_WORKFLOW_EXECUTION_STARTED');
  });
});

describe('POST /api/instances/:id/events', () => {
  it('applies an allowed event and records actor and reason', async () => {
    const id = started[2]!;
    const res = await api.post(`/api/instances/${id}/events`).send({ type: 'PING', reason: 'checking in' });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ state: 'waiting', status: 'running', seq: 1 });
    expect((await transitionsOf(stack.db, id)).at(-1)).toMatchObject({
      event: 'PING',
      actor: `operator:${admin.operator.id}`,
      reason: 'checking in',
    });
  });

  it('answers 409 with the state and the reason for an event the state refuses, changing nothing', async () => {
    const id = started[1]!;
    const before = await transitionsOf(stack.db, id);
    const res = await api
      .post(`/api/instances/${id}/events`)
      .send({ type: 'EXTEND', payload: { extraMs: 5 }, reason: 'more time' });
    expect(res.status).toBe(409);
    expect(res.body).toMatchObject({
      error: 'event_not_allowed',
      state: 'waiting',
      accepted: ['ANSWER', 'CONFIRM', 'NOTE', 'PING'],
    });
    expect(res.body.message).toContain('not accepted in state "waiting"');
    expect(await transitionsOf(stack.db, id)).toEqual(before);
  });

  it.each([
    [{ reason: 'r' }, 'type'],
    [{ type: 'PING' }, 'reason'],
    [{ type: 'PING', reason: '   ' }, 'reason'],
    [{ type: 'PING', reason: 'r', payload: 'text' }, 'payload'],
    [{ type: 'PING', reason: 'r', payload: { type: 'ANSWER' } }, '"type"'],
  ])('refuses the malformed body %o with 400', async (body, field) => {
    const res = await api.post(`/api/instances/${started[1]}/events`).send(body);
    expect(res.status).toBe(400);
    expect(res.body.message).toContain(field);
  });

  it('refuses a body that is not JSON with 400', async () => {
    const res = await api
      .post(`/api/instances/${started[1]}/events`)
      .set('Content-Type', 'application/json')
      .send('{"type":');
    expect(res.status).toBe(400);
    expect(res.body.error).toBe('bad_request');
  });
});

describe('POST /api/instances/bulk-events', () => {
  it('dry-runs without changing anything, then applies with a verdict per instance', async () => {
    const ids = [started[0]!, 'timerProbe-missing'];
    const dry = await api
      .post('/api/instances/bulk-events')
      .send({ ids, type: 'ANSWER', reason: 'bulk close', dryRun: true });
    expect(dry.status).toBe(200);
    expect(dry.body.results).toEqual([
      { id: started[0], ok: true, state: 'waiting' },
      { id: 'timerProbe-missing', ok: false, error: 'not_found', message: expect.stringContaining('does not exist') },
    ]);
    expect((await stack.db('instances').where({ id: started[0] }).first())?.state).toBe('waiting');
    const applied = await api
      .post('/api/instances/bulk-events')
      .send({ ids: [started[0]], type: 'ANSWER', reason: 'bulk close' });
    expect(applied.body.results).toEqual([{ id: started[0], ok: true, state: 'answered' }]);
    const again = await api
      .post('/api/instances/bulk-events')
      .send({ ids: [started[0]], type: 'ANSWER', reason: 'bulk close', dryRun: true });
    expect(again.body.results[0]).toMatchObject({ ok: false, error: 'event_not_allowed' });
  });

  it('refuses more than 1000 ids in one call', async () => {
    const ids = Array.from({ length: 1001 }, (_, i) => `x${i}`);
    const res = await api.post('/api/instances/bulk-events').send({ ids, type: 'PING', reason: 'r' });
    expect(res.status).toBe(400);
    expect(res.body.message).toContain('at most 1000');
  });
});

describe('machines and health', () => {
  it('describes each machine for the console', async () => {
    const res = await api.get('/api/machines');
    expect(res.body.map((m: { id: string }) => m.id)).toEqual(
      expect.arrayContaining(['taskProbe', 'timerProbe', 'parallelProbe']),
    );
  });

  it('reports health', async () => {
    const res = await api.get('/api/health');
    expect(res.body).toEqual({
      status: 'ok',
      temporal: 'ok',
      database: 'ok',
      version: 'test',
      relay: 'ok',
      queuedEvents: { pending: 0, refused: 0, oldestPendingSeconds: 0, lastError: null },
      processes: { taskFailing: 0 },
    });
  });

  it('answers unknown API routes with a JSON 404', async () => {
    const res = await api.get('/api/nothing-here');
    expect(res.status).toBe(404);
    expect(res.body.error).toBe('not_found');
  });
});

describe('events operators may not send', () => {
  it('refuses, with 403 and the list they may send, an event that belongs to the person or the system', async () => {
    const id = started[1]!;
    const before = await transitionsOf(stack.db, id);
    const res = await api
      .post(`/api/instances/${id}/events`)
      .send({ type: 'CONFIRM', reason: 'pretend the user confirmed' });
    expect(res.status).toBe(403);
    expect(res.body).toMatchObject({ error: 'event_not_for_operators', allowed: ['ANSWER', 'PING', 'EXTEND', 'NOTE'] });
    const bulk = await api
      .post('/api/instances/bulk-events')
      .send({ ids: [id], type: 'CONFIRM', reason: 'bulk pretend', dryRun: true });
    expect(bulk.body.results).toEqual([
      {
        id,
        ok: false,
        error: 'event_not_for_operators',
        message: expect.stringContaining('Operators cannot send "CONFIRM"'),
      },
    ]);
    const applied = await api
      .post('/api/instances/bulk-events')
      .send({ ids: [id], type: 'CONFIRM', reason: 'bulk pretend' });
    expect(applied.body.results[0]).toMatchObject({ ok: false, error: 'event_not_for_operators' });
    expect(await transitionsOf(stack.db, id)).toEqual(before);
    // The same event from the person it belongs to is applied.
    await expect(stack.instances.send(id, { event: { type: 'CONFIRM' }, actor: 'user:u1' })).resolves.toMatchObject({
      state: 'answered',
    });
  });
});
