import request from 'supertest';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '../../server/auth/principal.js';
import { loginAs, makeOperator, type LoggedIn } from '../support/operators.js';
import { eventually, useStack, uniqueId } from '../support/stack.js';

type Who = 'anonymous' | Role;
type Method = 'get' | 'post' | 'put' | 'delete';

interface Endpoint {
  name: string;
  method: Method;
  /** A function, so each call can target something fresh (a new operator to delete, a new key to start). */
  path: () => Promise<string> | string;
  body?: () => object;
  /** Status for each role allowed to call it; every other logged-in role gets 403, anonymous 401. */
  allowed: Partial<Record<Role, number>>;
  /** Anonymous gets this instead of 401 (health only). */
  anonymous?: number;
  /** Logs in a fresh session per call (logout ends the one it runs on). */
  freshSession?: boolean;
}

const stack = useStack();
const as: Partial<Record<Role, LoggedIn>> = {};
let instanceId: string;

const timerInput = () => ({ key: uniqueId('roles'), remindAfterMs: 600_000, expireAfterMs: 600_000 });
const all = (status: number) => ({ admin: status, operator: status, auditor: status });
const writers = (status: number) => ({ admin: status, operator: status });

beforeAll(async () => {
  for (const role of ['admin', 'operator', 'auditor'] as const) as[role] = await loginAs(stack.app, stack.db, role);
  const res = await as.admin!.agent.post('/api/instances').send({ machine: 'timerProbe', input: timerInput() });
  expect(res.status).toBe(201);
  instanceId = res.body.id;
  await eventually(async () => expect(await stack.db('instances').where({ id: instanceId }).first()).toBeTruthy());
});

const freshOperator = async () => `/api/operators/${(await makeOperator(stack.db, 'operator')).operator.id}`;

const endpoints: Endpoint[] = [
  { name: 'health', method: 'get', path: () => '/api/health', allowed: all(200), anonymous: 200 },
  { name: 'auth me', method: 'get', path: () => '/api/auth/me', allowed: all(200) },
  {
    name: 'auth logout',
    method: 'post',
    path: () => '/api/auth/logout',
    body: () => ({}),
    allowed: all(200),
    freshSession: true,
  },
  { name: 'machines list', method: 'get', path: () => '/api/machines', allowed: all(200) },
  { name: 'machine', method: 'get', path: () => '/api/machines/timerProbe', allowed: all(200) },
  { name: 'instances list', method: 'get', path: () => '/api/instances', allowed: all(200) },
  { name: 'instance', method: 'get', path: () => `/api/instances/${instanceId}`, allowed: all(200) },
  { name: 'instance snapshot', method: 'get', path: () => `/api/instances/${instanceId}/snapshot`, allowed: all(200) },
  { name: 'instance history', method: 'get', path: () => `/api/instances/${instanceId}/history`, allowed: all(200) },
  {
    name: 'instance export json',
    method: 'get',
    path: () => `/api/instances/${instanceId}/export?format=json`,
    allowed: all(200),
  },
  {
    name: 'instance export csv',
    method: 'get',
    path: () => `/api/instances/${instanceId}/export?format=csv`,
    allowed: all(200),
  },
  {
    name: 'instance create',
    method: 'post',
    path: () => '/api/instances',
    body: () => ({ machine: 'timerProbe', input: timerInput(), reason: 'matrix' }),
    allowed: writers(201),
  },
  {
    name: 'instance event',
    method: 'post',
    path: () => `/api/instances/${instanceId}/events`,
    body: () => ({ type: 'PING', reason: 'matrix' }),
    allowed: writers(200),
  },
  {
    name: 'bulk events',
    method: 'post',
    path: () => '/api/instances/bulk-events',
    body: () => ({ ids: [instanceId], type: 'PING', reason: 'matrix' }),
    allowed: writers(200),
  },
  {
    name: 'transitions',
    method: 'get',
    path: () => `/api/transitions?filter=${encodeURIComponent(JSON.stringify({ instanceId }))}`,
    allowed: all(200),
  },
  { name: 'stats', method: 'get', path: () => '/api/stats', allowed: all(200) },
  { name: 'audit list', method: 'get', path: () => '/api/audit', allowed: all(200) },
  {
    name: 'audit entry',
    method: 'get',
    path: async () => `/api/audit/${(await stack.db('audit').orderBy('id').first('id')).id}`,
    allowed: all(200),
  },
  { name: 'audit verify', method: 'get', path: () => '/api/audit/verify', allowed: all(200) },
  { name: 'audit export', method: 'get', path: () => '/api/audit/export?format=csv', allowed: all(200) },
  { name: 'operators list', method: 'get', path: () => '/api/operators', allowed: { admin: 200 } },
  { name: 'operator get', method: 'get', path: freshOperator, allowed: { admin: 200 } },
  {
    name: 'operator create',
    method: 'post',
    path: () => '/api/operators',
    body: () => ({ email: `${uniqueId('new')}@test.local`, role: 'auditor', password: 'a long enough password' }),
    allowed: { admin: 201 },
  },
  {
    name: 'operator update',
    method: 'put',
    path: freshOperator,
    body: () => ({ role: 'auditor' }),
    allowed: { admin: 200 },
  },
  { name: 'operator delete', method: 'delete', path: freshOperator, allowed: { admin: 200 } },
];

async function call(endpoint: Endpoint, who: Who) {
  const session =
    who === 'anonymous' ? undefined : endpoint.freshSession ? await loginAs(stack.app, stack.db, who) : as[who];
  const client = session ? session.agent : request(stack.app);
  const path = await endpoint.path();
  const req = client[endpoint.method](path);
  return endpoint.body ? req.send(endpoint.body()) : req;
}

const expected = (endpoint: Endpoint, who: Who) =>
  who === 'anonymous' ? (endpoint.anonymous ?? 401) : (endpoint.allowed[who] ?? 403);

describe('who may call what', () => {
  it.each(endpoints.map((e) => [e.name, e] as const))('%s', async (_name, endpoint) => {
    const got: Record<string, number> = {};
    const want: Record<string, number> = {};
    for (const who of ['anonymous', 'auditor', 'operator', 'admin'] as const) {
      const res = await call(endpoint, who);
      got[who] = res.status;
      want[who] = expected(endpoint, who);
      if (res.status === 403) expect(res.body.error, `${who}: ${JSON.stringify(res.body)}`).toBe('forbidden');
      if (res.status === 401) expect(res.body.message).toBe('Log in first.');
    }
    expect(got).toEqual(want);
  });

  it('refuses an auditor any change, even on a route that does not check roles itself', async () => {
    const res = await as.auditor!.agent.post('/api/no-such-resource').send({});
    expect(res.status).toBe(403);
    expect(res.body.message).toBe('Auditors can read and export, not change anything.');
    expect((await as.operator!.agent.post('/api/no-such-resource').send({})).status).toBe(404);
  });

  it('lets auditors change nothing: no transition and no operator came from them', async () => {
    const auditor = `operator:${as.auditor!.operator.id}`;
    expect(await stack.db('transitions').where({ actor: auditor })).toEqual([]);
    const audited = (await stack.db('audit').where({ actor: auditor })).map((r: { action: string }) => r.action);
    expect(
      audited.every((a: string) => ['auth.login', 'auth.logout', 'audit.export', 'instance.export'].includes(a)),
    ).toBe(true);
  });
});
