import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOfficeWithCompany, startDirectoryStack, type DirectoryStack } from '../support/directoryStack.js';
import { routeTable, type RouteEntry } from '../support/routeTable.js';
import { eventually, uniqueId } from '../support/stack.js';

// Every route of the app, read from express's own route table (a new endpoint is covered without
// editing this file), gets hostile input; each answer must be a 4xx that says why, never a 500,
// and nothing may change in the database or in any process.
let s: DirectoryStack;
let routes: RouteEntry[];
beforeAll(async () => {
  s = await startDirectoryStack();
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
afterAll(async () => s?.stop());

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
