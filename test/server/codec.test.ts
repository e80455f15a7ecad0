import request from 'supertest';
import { beforeAll, describe, expect, it } from 'vitest';
import { composeApp } from '../../server/compose.js';
import { codecRouter } from '../../server/http/routes/codec.js';
import { testCodec } from '../support/codec.js';
import { loginAs, setCookie, type LoggedIn } from '../support/operators.js';
import { testRegistry } from '../support/registry.js';
import { eventually, useStack, uniqueId } from '../support/stack.js';

const uiUrl = 'http://localhost:8233';
const stack = useStack();
let app: ReturnType<typeof composeApp>;
let auditor: LoggedIn;
let cookie: string;
/** The input of a real process as Temporal stores it: ciphertext. */
let recorded: { metadata: Record<string, string>; data: string };
let key: string;

beforeAll(async () => {
  app = composeApp(
    { ...stack.parts, services: stack.services },
    {
      registry: testRegistry,
      version: 'test',
      temporalOk: async () => true,
      codec: codecRouter({ db: stack.db, codec: testCodec, uiUrl, session: { ttlMs: 3_600_000, now: Date.now } }),
    },
  );
  auditor = await loginAs(app, stack.db, 'auditor');
  const login = await request(app)
    .post('/api/auth/login')
    .send({ email: auditor.operator.email, password: auditor.password });
  cookie = `vinculo_session=${setCookie(login, 'vinculo_session')}`;

  key = uniqueId('codec');
  const admin = await loginAs(app, stack.db, 'admin');
  const res = await admin.agent
    .post('/api/instances')
    .send({ machine: 'timerProbe', input: { key, remindAfterMs: 600_000, expireAfterMs: 600_000 } });
  expect(res.status).toBe(201);
  const history = await eventually(async () => {
    const h = await stack.client.workflowService.getWorkflowExecutionHistory({
      namespace: 'default',
      execution: { workflowId: res.body.id },
    });
    const first = h.history?.events?.[0]?.workflowExecutionStartedEventAttributes?.input?.payloads?.[0];
    if (!first) throw new Error('no start event yet');
    return first;
  });
  recorded = {
    metadata: Object.fromEntries(
      Object.entries(history.metadata ?? {}).map(([k, v]) => [k, Buffer.from(v).toString('base64')]),
    ),
    data: Buffer.from(history.data ?? new Uint8Array()).toString('base64'),
  };
});

const decode = () => request(app).post('/api/codec/decode').set('Origin', uiUrl);

describe('the codec endpoint the Temporal UI calls', () => {
  it('decodes a recorded payload for an auditor signed in to the console, with CORS for the UI only', async () => {
    expect(Buffer.from(recorded.data, 'base64').toString('utf8')).not.toContain(key);
    const res = await decode()
      .set('Cookie', cookie)
      .send({ payloads: [recorded] });
    expect(res.status).toBe(200);
    expect(res.headers['access-control-allow-origin']).toBe(uiUrl);
    expect(res.headers['access-control-allow-credentials']).toBe('true');
    const [plain] = res.body.payloads as Array<{ metadata: Record<string, string>; data: string }>;
    expect(Buffer.from(plain!.metadata.encoding!, 'base64').toString()).toBe('json/plain');
    expect(JSON.parse(Buffer.from(plain!.data, 'base64').toString())).toMatchObject({ input: { key } });

    const again = await request(app)
      .post('/api/codec/encode')
      .set('Origin', uiUrl)
      .set('Cookie', cookie)
      .send(res.body);
    expect(again.status).toBe(200);
    const round = await decode().set('Cookie', cookie).send(again.body);
    expect(round.body).toEqual(res.body);
  });

  it('answers the UI preflight without a session, and only for the UI origin', async () => {
    const ok = await request(app)
      .options('/api/codec/decode')
      .set('Origin', uiUrl)
      .set('Access-Control-Request-Method', 'POST')
      .set('Access-Control-Request-Headers', 'content-type,x-namespace');
    expect(ok.status).toBe(204);
    expect(ok.headers['access-control-allow-origin']).toBe(uiUrl);
    expect(ok.headers['access-control-allow-headers']).toMatch(/X-Namespace/);
    const foreign = await request(app).options('/api/codec/decode').set('Origin', 'http://evil.example');
    expect(foreign.status).toBe(403);
    expect(foreign.headers['access-control-allow-origin']).toBeUndefined();
  });

  it('refuses anonymous callers, forged sessions and foreign origins, decoding nothing', async () => {
    const anonymous = await decode().send({ payloads: [recorded] });
    expect(anonymous.status).toBe(401);
    expect(anonymous.body.message).toMatch(/Log in/);
    const forged = await decode()
      .set('Cookie', 'vinculo_session=forged-token')
      .send({ payloads: [recorded] });
    expect(forged.status).toBe(401);
    const foreign = await request(app)
      .post('/api/codec/decode')
      .set('Origin', 'http://evil.example')
      .set('Cookie', cookie)
      .send({ payloads: [recorded] });
    expect(foreign.status).toBe(403);
    expect(foreign.body.message).toMatch(/only the Temporal UI/);
    for (const res of [anonymous, forged, foreign]) expect(JSON.stringify(res.body)).not.toContain(key);
  });

  it('refuses a body that is not payloads with a clear 400', async () => {
    const res = await decode()
      .set('Cookie', cookie)
      .send({ payloads: [{ data: '***' }] });
    expect(res.status).toBe(400);
    expect(res.body.message).toMatch(/base64/);
  });
});
