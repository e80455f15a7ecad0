import request from 'supertest';
import { beforeAll, describe, expect, it } from 'vitest';
import { createOfficeWithCompany, useDirectoryStack } from '../support/directoryStack.js';
import { routeTable, type RouteEntry } from '../support/routeTable.js';
import { loginAs, makeOperator } from '../support/operators.js';
import { eventually, useStack, uniqueId } from '../support/stack.js';

// Every route of the app, read from express's own route table (a new endpoint is covered without
// editing this file), gets hostile input; each answer must be a 4xx that says why, never a 500,
// and nothing may change in the database or in any process.
const s = useDirectoryStack();
let routes: RouteEntry[];
beforeAll(async () => {
  await createOfficeWithCompany(s.app);
  await request(s.app)
    .post('/api/instances')
    .send({
      machine: 'timerProbe',
      input: { key: uniqueId('hostile'), remindAfterMs: 600_000, expireAfterMs: 600_000 },
    })
    .expect(201);
  // The projection is written by the workflow shortly after the start: wait, so it is in the "before".
  await eventually(async () => expect(Number((await s.db('transitions').count({ n: '*' }).first())?.n)).toBe(1));
  routes = routeTable(s.app);
});

const oddIds = [
  'nope',
  "1' OR '1'='1",
  '../../../etc/passwd',
  '__proto__',
  'constructor',
  '%00',
  'x'.repeat(600),
  '<script>alert(1)</script>',
  '-1',
  '1e309',
];
const fragments = ["'; DROP TABLE offices; --", '<script>alert(1)</script>', '" OR 1=1 --', '${7*7}{{7*7}}', '\u0000'];
const fieldNames = [
  'name',
  'email',
  'cnpj',
  'cpf',
  'password',
  'token',
  'reason',
  'type',
  'machine',
  'role',
  'companyId',
  'officeId',
  'ids',
  'active',
  'status',
  'input',
  'payload',
];

/** Raw JSON texts: malformed, wrong types, too big, too deep, prototype and unknown keys, SQL and script fragments. */
function hostileBodies(): Array<[string, string]> {
  const deep = `${'{"a":'.repeat(5000)}1${'}'.repeat(5000)}`;
  return [
    ['malformed JSON', '{"name": '],
    ['a JSON array', '[1,2,3]'],
    ['a JSON string', '"hello"'],
    ['null', 'null'],
    ['wrong types', JSON.stringify(Object.fromEntries(fieldNames.map((f, i) => [f, i % 2 ? 42 : [true]])))],
    ['oversized', JSON.stringify({ name: 'x'.repeat(300_000) })],
    ['deeply nested', deep],
    ['prototype keys', '{"__proto__":{"role":"admin"},"constructor":{"prototype":{"x":1}},"unknownField":1}'],
    ...fragments.map(
      (f) =>
        [`fragment ${f.slice(0, 12)}`, JSON.stringify(Object.fromEntries(fieldNames.map((n) => [n, f])))] as [
          string,
          string,
        ],
    ),
  ];
}

const listQueries: Array<Record<string, string>> = [
  { range: '[1e20,1e20]' },
  { range: '[-1,5]' },
  { range: '["a","b"]' },
  { range: '{"0":1}' },
  { sort: '["__proto__","ASC"]' },
  { sort: '["id; DROP TABLE audit","ASC"]' },
  { sort: '["id","ASC; --"]' },
  { filter: '{"constructor":"x"}' },
  { filter: '{"toString":"x"}' },
  { filter: '"just a string"' },
  { filter: '{"q":' },
];

/** Routes that read no body at all: for them a hostile body is simply ignored (still never a 5xx). */
const takesNoBody = new Set(['POST /api/auth/logout']);

const concrete = (path: string, id: string) => path.replace(/:[A-Za-z]+/g, encodeURIComponent(id));
const snapshot = async () => {
  const tables = [
    'offices',
    'companies',
    'identities',
    'officeUsers',
    'clientUsers',
    'outbox',
    'portalTokens',
    'instances',
    'transitions',
    'operators',
    'operatorSessions',
  ];
  const counts = await Promise.all(tables.map(async (t) => [t, Number((await s.db(t).count({ n: '*' }).first())?.n)]));
  const states = await s.db('instances').select('id', 'state', 'status', 'lastSeq').orderBy('id');
  return { counts: Object.fromEntries(counts), states };
};

describe('hostile input to every route', () => {
  it('answers each hostile request with a 4xx that says why, and changes nothing', async () => {
    expect(routes.length).toBeGreaterThan(40);
    const before = await snapshot();
    const failures: string[] = [];
    let sent = 0;
    const check = async (label: string, call: () => request.Test, apiJson: boolean, okAllowed = false) => {
      const res = await call();
      sent += 1;
      if (okAllowed && res.status < 400) return;
      const bad = res.status < 400 || res.status >= 500;
      const unclear =
        apiJson && (typeof res.body?.error !== 'string' || typeof res.body?.message !== 'string' || !res.body.message);
      if (bad || unclear) failures.push(`${label} → ${res.status} ${JSON.stringify(res.body).slice(0, 160)}`);
    };
    for (const route of routes) {
      const apiJson = route.path.startsWith('/api') || route.path.startsWith('/portal/api');
      const hasParams = route.path.includes(':');
      const paths = hasParams ? oddIds.map((id) => concrete(route.path, id)) : [route.path];
      const m = route.method.toLowerCase() as 'get' | 'post' | 'put' | 'delete';
      if (route.method === 'GET') {
        if (hasParams)
          for (const p of paths) await check(`GET ${p.slice(0, 80)}`, () => request(s.app).get(p), apiJson);
        else
          for (const query of listQueries) {
            const probe = await request(s.app).get(route.path).query(query);
            // Routes that read no list parameters may ignore them; a list route must refuse them.
            if (probe.status === 200 && !probe.headers['content-range']) continue;
            await check(
              `GET ${route.path} ${JSON.stringify(query)}`,
              () => request(s.app).get(route.path).query(query),
              apiJson,
            );
          }
        continue;
      }
      for (const p of paths.slice(0, hasParams ? 3 : 1))
        for (const [kind, body] of hostileBodies())
          await check(
            `${route.method} ${p.slice(0, 60)} ${kind}`,
            () => request(s.app)[m](p).set('Content-Type', 'application/json').send(body),
            apiJson,
            takesNoBody.has(`${route.method} ${route.path}`),
          );
    }
    process.stdout.write(
      `hostile input: ${sent} requests over ${routes.length} routes, ${failures.length} not answered with a clear 4xx\n`,
    );
    expect(failures).toEqual([]);
    expect(await snapshot()).toEqual(before);
  }, 600_000);
});

// The directory stack above opens /api without a session, so it has no log-in route, and its health
// check reads no input: the routes anyone can reach are probed here, on a stack with the console's real
// session authentication. Every route of its table is called without a session (each must refuse with
// a 4xx); the public ones get the hostile bodies and queries, plus log-in specific ones.
describe('hostile input to the routes reachable without a session', () => {
  const c = useStack({ trustProxy: true });

  const loginBodies: Array<[string, string]> = [
    ['lone surrogate e-mail', '{"email":"\\ud800","password":"x"}'],
    ['NUL in the e-mail', '{"email":"a\\u0000@test.local","password":"x"}'],
    ['operator object', '{"email":{"$gt":""},"password":{"$ne":null}}'],
    ['e-mail too long', JSON.stringify({ email: `${'a'.repeat(300)}@test.local`, password: 'x' })],
    ['password too long', JSON.stringify({ email: 'a@test.local', password: 'x'.repeat(5000) })],
    ['missing password', '{"email":"a@test.local"}'],
    ['empty strings', '{"email":"","password":""}'],
    ['numbers', '{"email":1,"password":2}'],
    ['prototype e-mail', '{"email":"__proto__","password":"constructor"}'],
  ];
  const healthQueries = [...listQueries, { q: "' OR 1=1 --" }, { __proto__: 'x' }, { verbose: '<script>' }];

  const snapshot = async () => {
    const tables = ['operators', 'operatorSessions', 'instances', 'transitions', 'outbox', 'queuedEvents'];
    const counts = await Promise.all(
      tables.map(async (t) => [t, Number((await c.db(t).count({ n: '*' }).first())?.n)]),
    );
    const operators = await c.db('operators').select('id', 'email', 'role', 'active', 'lastLoginAt').orderBy('id');
    const actions = (await c.db('audit').distinct('action').orderBy('action')).map((r: { action: string }) => r.action);
    return { counts: Object.fromEntries(counts), operators, actions };
  };

  it('answers every request without a session, and every hostile log-in or health probe, with a clear 4xx', async () => {
    const { operator } = await makeOperator(c.db, 'admin');
    const before = await snapshot();
    const table = routeTable(c.app);
    expect(table.map((r) => `${r.method} ${r.path}`)).toEqual(
      expect.arrayContaining(['POST /api/auth/login', 'GET /api/health']),
    );
    const failures: string[] = [];
    let sent = 0;
    let ipSeq = 0;
    // Each request from its own address, so the per-address throttle does not answer for the handler.
    const from = (t: request.Test) => t.set('X-Forwarded-For', `10.77.${(ipSeq >> 8) & 255}.${ipSeq++ & 255}`);
    const clear4xx = (label: string, res: request.Response) => {
      sent += 1;
      const ok =
        res.status >= 400 &&
        res.status < 500 &&
        typeof res.body?.error === 'string' &&
        typeof res.body?.message === 'string' &&
        res.body.message.length > 0;
      if (!ok) failures.push(`${label} → ${res.status} ${JSON.stringify(res.body).slice(0, 160)}`);
    };
    for (const route of table) {
      if (route.path === '/api/auth/login' || route.path === '/api/health') continue;
      if (!route.path.startsWith('/api')) continue;
      const m = route.method.toLowerCase() as 'get' | 'post' | 'put' | 'delete';
      const p = concrete(route.path, '1');
      clear4xx(`${route.method} ${p} without a session`, await from(request(c.app)[m](p)).send({}));
    }
    for (const [kind, body] of [...hostileBodies(), ...loginBodies]) {
      const res = await from(request(c.app).post('/api/auth/login')).set('Content-Type', 'application/json').send(body);
      clear4xx(`POST /api/auth/login ${kind}`, res);
      if (res.headers['set-cookie']) failures.push(`POST /api/auth/login ${kind} set a cookie`);
    }
    // Hostile bodies for the right e-mail: refused too, and they open no session.
    for (const [kind, body] of hostileBodies().slice(4)) {
      const withEmail = kind.startsWith('fragment') ? { ...JSON.parse(body), email: operator.email } : undefined;
      if (!withEmail) continue;
      clear4xx(
        `POST /api/auth/login ${kind} for a real e-mail`,
        await from(request(c.app).post('/api/auth/login')).send(withEmail),
      );
    }
    // Health reads no input: whatever the query, it answers its report (200 here) and never a 5xx.
    for (const query of healthQueries) {
      const res = await from(request(c.app).get('/api/health')).query(query);
      sent += 1;
      if (res.status !== 200 || res.body.database !== 'ok')
        failures.push(`GET /api/health ${JSON.stringify(query)} → ${res.status} ${JSON.stringify(res.body)}`);
    }
    for (const method of ['post', 'put', 'delete'] as const)
      for (const [kind, body] of hostileBodies())
        clear4xx(
          `${method.toUpperCase()} /api/health ${kind}`,
          await from(request(c.app)[method]('/api/health')).set('Content-Type', 'application/json').send(body),
        );
    process.stdout.write(
      `hostile input (no session): ${sent} requests over ${table.length} routes, ${failures.length} not answered as expected\n`,
    );
    expect(failures).toEqual([]);
    // The only trace of all this is the failed log-ins' audit rows and throttle counters.
    const after = await snapshot();
    expect(after.counts).toEqual(before.counts);
    expect(after.operators).toEqual(before.operators);
    expect(after.actions.filter((a) => !before.actions.includes(a))).toEqual(
      expect.arrayContaining(['auth.login.failed']),
    );
    expect(after.actions.filter((a) => !before.actions.includes(a) && !a.startsWith('auth.login.failed'))).toEqual([]);
    // And the audit chain those rows extend still verifies.
    const admin = await loginAs(c.app, c.db, 'admin');
    const verify = await admin.agent.get('/api/audit/verify');
    expect(verify.status).toBe(200);
    expect(verify.body.ok).toBe(true);
  }, 300_000);
});
