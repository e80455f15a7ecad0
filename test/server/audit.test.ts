import { beforeAll, describe, expect, it } from 'vitest';
import { loginAs, type LoggedIn } from '../support/operators.js';
import { eventually, useStack, uniqueId } from '../support/stack.js';

const stack = useStack();
let op: LoggedIn;
let auditor: LoggedIn;

interface Row {
  id: number;
  actor: string;
  action: string;
  target: string | null;
  reason: string | null;
  details: Record<string, unknown> | null;
}

const auditRows = async (where: Record<string, unknown>): Promise<Row[]> =>
  (await stack.db('audit').where(where).orderBy('id')).map((r: Row & { details: string | null }) => ({
    ...r,
    details: r.details ? JSON.parse(r.details) : null,
  }));

async function startProbe(): Promise<string> {
  const res = await op.agent.post('/api/instances').send({
    machine: 'timerProbe',
    input: { key: uniqueId('audit'), remindAfterMs: 600_000, expireAfterMs: 600_000 },
    reason: 'audit test',
  });
  expect(res.status).toBe(201);
  await eventually(async () => expect(await stack.db('instances').where({ id: res.body.id }).first()).toBeTruthy());
  return res.body.id;
}

beforeAll(async () => {
  op = await loginAs(stack.app, stack.db, 'operator');
  auditor = await loginAs(stack.app, stack.db, 'auditor');
});

describe('what the audit log records', () => {
  it('records a create and an applied nudge with who, target, event, reason and outcome', async () => {
    const id = await startProbe();
    const actor = `operator:${op.operator.id}`;
    expect(await auditRows({ action: 'instance.create', target: `instance:${id}` })).toEqual([
      expect.objectContaining({ actor, reason: 'audit test', details: { machine: 'timerProbe' } }),
    ]);
    const res = await op.agent.post(`/api/instances/${id}/events`).send({ type: 'PING', reason: 'customer called' });
    expect(res.status).toBe(200);
    expect(await auditRows({ action: 'instance.event', target: `instance:${id}` })).toEqual([
      expect.objectContaining({
        actor,
        reason: 'customer called',
        details: { event: 'PING', payloadFields: [], outcome: 'applied', state: 'waiting' },
      }),
    ]);
  });

  it('records a refused nudge as refused, with the machine reason', async () => {
    const id = await startProbe();
    const res = await op.agent
      .post(`/api/instances/${id}/events`)
      .send({ type: 'EXTEND', payload: { extraMs: 5 }, reason: 'more time' });
    expect(res.status).toBe(409);
    const [row] = await auditRows({ action: 'instance.event', target: `instance:${id}` });
    expect(row?.details).toMatchObject({
      event: 'EXTEND',
      payloadFields: ['extraMs'],
      outcome: 'refused',
      error: 'event_not_allowed',
      state: 'waiting',
    });
  });

  it('answers 400 to a nudge without a reason and records nothing', async () => {
    const id = await startProbe();
    const before = await stack.db('audit').count({ n: '*' }).first();
    for (const body of [{ type: 'PING' }, { type: 'PING', reason: '  ' }]) {
      const res = await op.agent.post(`/api/instances/${id}/events`).send(body);
      expect(res.status).toBe(400);
      expect(res.body.message).toContain('reason');
    }
    expect(await stack.db('audit').count({ n: '*' }).first()).toEqual(before);
    expect(await auditRows({ action: 'instance.event', target: `instance:${id}` })).toEqual([]);
    expect((await stack.db('transitions').where({ instanceId: id, event: 'PING' })).length).toBe(0);
  });

  it('records a bulk nudge once per call and once per instance; a dry run records nothing', async () => {
    const ids = [await startProbe(), await startProbe()];
    const count = async () => Number((await stack.db('audit').count({ n: '*' }).first())?.n);
    const before = await count();
    expect(
      (
        await op.agent
          .post('/api/instances/bulk-events')
          .send({ ids, type: 'PING', reason: 'bulk check', dryRun: true })
      ).status,
    ).toBe(200);
    expect(await count()).toBe(before);
    const res = await op.agent
      .post('/api/instances/bulk-events')
      .send({ ids: [...ids, 'timerProbe-missing'], type: 'PING', reason: 'bulk check' });
    expect(res.status).toBe(200);
    const [call] = await auditRows({ action: 'instance.bulkEvent', reason: 'bulk check' });
    expect(call?.details).toMatchObject({
      event: 'PING',
      requested: 3,
      applied: 2,
      refused: 1,
      ids: [...ids, 'timerProbe-missing'],
    });
    for (const id of ids) {
      expect((await auditRows({ action: 'instance.event', target: `instance:${id}` }))[0]?.details).toMatchObject({
        outcome: 'applied',
        bulkAuditId: call?.id,
      });
    }
    expect((await auditRows({ target: 'instance:timerProbe-missing' }))[0]?.details).toMatchObject({
      outcome: 'refused',
      error: 'not_found',
    });
  });

  it('records log-in and log-out', async () => {
    const someone = await loginAs(stack.app, stack.db, 'auditor');
    expect((await someone.agent.post('/api/auth/logout').send({})).status).toBe(200);
    const actions = (await auditRows({ actor: `operator:${someone.operator.id}` })).map((r) => r.action);
    expect(actions).toEqual(['auth.login', 'auth.logout']);
  });
});

describe('reading the audit log', () => {
  it('lists with react-admin conventions and filters by actor, action and target', async () => {
    const actor = `operator:${op.operator.id}`;
    const res = await auditor.agent
      .get('/api/audit')
      .query({ filter: JSON.stringify({ actor, action: 'instance.create' }), sort: '["id","ASC"]', range: '[0,1]' });
    expect(res.status).toBe(200);
    const total = (await auditRows({ actor, action: 'instance.create' })).length;
    expect(res.headers['content-range']).toBe(`audit 0-1/${total}`);
    expect(res.body).toHaveLength(2);
    expect(res.body[0]).toMatchObject({
      actor,
      action: 'instance.create',
      hash: expect.stringMatching(/^[0-9a-f]{64}$/),
      prevHash: expect.stringMatching(/^[0-9a-f]{64}$/),
    });
    const byTarget = await auditor.agent
      .get('/api/audit')
      .query({ filter: JSON.stringify({ target: 'instance:timerProbe-missing' }) });
    expect(byTarget.body.map((r: Row) => r.action)).toEqual(['instance.event']);
    expect((await auditor.agent.get('/api/audit').query({ filter: '{"hash":"x"}' })).status).toBe(400);
  });

  it('exports the whole log as a CSV attachment, one line per entry', async () => {
    const res = await auditor.agent.get('/api/audit/export?format=csv');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toContain('text/csv');
    expect(res.headers['content-disposition']).toMatch(/^attachment; filename="vinculo-audit-\d{4}-\d\d-\d\d\.csv"$/);
    const lines = res.text.trim().split('\r\n');
    expect(lines[0]).toBe('id,at,actor,action,target,reason,details,prevHash,hash');
    const total = Number((await stack.db('audit').count({ n: '*' }).first())?.n);
    expect(lines).toHaveLength(total + 1);
    expect(lines.at(-1)).toContain('audit.export');
    expect((await auditor.agent.get('/api/audit/export?format=xml')).status).toBe(400);
  });

  it('verifies an intact chain', async () => {
    const res = await auditor.agent.get('/api/audit/verify');
    expect(res.status).toBe(200);
    const total = Number((await stack.db('audit').count({ n: '*' }).first())?.n);
    expect(res.body).toMatchObject({ ok: true, checked: total });
    expect(res.body.firstBrokenId).toBeUndefined();
  });
});
