import { beforeAll, describe, expect, it } from 'vitest';
import { loginAs, type LoggedIn } from '../support/operators.js';
import { eventually, useStack, uniqueId } from '../support/stack.js';

const stack = useStack();
let op: LoggedIn;
let auditor: LoggedIn;
let id: string;

beforeAll(async () => {
  op = await loginAs(stack.app, stack.db, 'operator');
  auditor = await loginAs(stack.app, stack.db, 'auditor');
  const res = await op.agent.post('/api/instances').send({
    machine: 'timerProbe',
    input: { key: uniqueId('export'), remindAfterMs: 600_000, expireAfterMs: 600_000 },
    reason: 'export test',
  });
  id = res.body.id;
  await eventually(async () => expect(await stack.db('instances').where({ id }).first()).toBeTruthy());
  expect(
    (await op.agent.post(`/api/instances/${id}/events`).send({ type: 'PING', reason: 'see, "quoted", reason' })).status,
  ).toBe(200);
  expect((await op.agent.post(`/api/instances/${id}/events`).send({ type: 'ANSWER', reason: 'closing' })).status).toBe(
    200,
  );
});

describe('GET /api/instances/:id/export', () => {
  it('gives an auditor the whole story as JSON: instance, transitions, audit entries and the Temporal history', async () => {
    const res = await auditor.agent.get(`/api/instances/${id}/export?format=json`);
    expect(res.status).toBe(200);
    expect(res.headers['content-disposition']).toMatch(
      new RegExp(`^attachment; filename="${id}-\\d{4}-\\d\\d-\\d\\d\\.json"$`),
    );
    const body = JSON.parse(res.text);
    expect(body.instance).toMatchObject({ id, machine: 'timerProbe', state: 'answered', status: 'completed' });
    expect(body.transitions.map((t: { event: string }) => t.event)).toEqual(['xstate.init', 'PING', 'ANSWER']);
    expect(body.audit.map((a: { action: string }) => a.action)).toEqual([
      'instance.create',
      'instance.event',
      'instance.event',
      'instance.export',
    ]);
    expect(body.audit[1]).toMatchObject({
      actor: `operator:${op.operator.id}`,
      reason: 'see, "quoted", reason',
      details: { event: 'PING', outcome: 'applied' },
    });
    expect(body.temporalHistory.runs[0].events[0].eventType).toBe('EVENT_TYPE_WORKFLOW_EXECUTION_STARTED');
  });

  it('gives transitions and audit rows as CSV, saying the raw history is only in JSON', async () => {
    const res = await auditor.agent.get(`/api/instances/${id}/export?format=csv`);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toContain('text/csv');
    expect(res.headers['content-disposition']).toContain('.csv"');
    const lines = res.text.trim().split('\r\n');
    expect(lines[1]).toContain('raw Temporal history is only in the JSON export');
    expect(lines[2]).toBe('kind,at,seq,from,to,event,actor,action,reason,details,auditId,hash');
    const kinds = lines.slice(3).map((l) => l.split(',')[0]);
    expect(kinds.filter((k) => k === 'transition')).toHaveLength(3);
    expect(kinds.filter((k) => k === 'audit').length).toBeGreaterThanOrEqual(4);
    expect(res.text).toContain('"see, ""quoted"", reason"');
    expect(res.text).not.toContain('EVENT_TYPE_WORKFLOW_EXECUTION_STARTED');
  });

  it('answers 404 for an unknown instance and 400 for an unknown format', async () => {
    expect((await auditor.agent.get('/api/instances/nope/export')).status).toBe(404);
    const bad = await auditor.agent.get(`/api/instances/${id}/export?format=pdf`);
    expect(bad.status).toBe(400);
    expect(bad.body.message).toContain('format');
  });
});
