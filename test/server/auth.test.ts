import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { composeApp } from '../../server/compose.js';
import { loginAs, makeOperator, setCookie } from '../support/operators.js';
import { testRegistry } from '../support/registry.js';
import { useStack } from '../support/stack.js';

let clock = Date.now();
const TTL = 3_600_000;
const stack = useStack({ now: () => clock, sessionTtlMs: TTL });

const cookieHeader = (res: request.Response, name: string) =>
  ((res.headers['set-cookie'] as unknown as string[]) ?? []).find((c) => c.startsWith(`${name}=`)) ?? '';

describe('log-in, identity and log-out', () => {
  it('logs in with e-mail and password, sets the session and CSRF cookies, and says who you are', async () => {
    const { operator, password } = await makeOperator(stack.db, 'auditor');
    const agent = request.agent(stack.app);
    const res = await agent.post('/api/auth/login').send({ email: operator.email.toUpperCase(), password });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ id: operator.id, email: operator.email, role: 'auditor' });
    const session = cookieHeader(res, 'vinculo_session');
    expect(session).toMatch(/HttpOnly/i);
    expect(session).toMatch(/SameSite=Strict/i);
    expect(session).not.toMatch(/Secure/i);
    const csrf = cookieHeader(res, 'vinculo_csrf');
    expect(csrf).toMatch(/SameSite=Strict/i);
    expect(csrf).not.toMatch(/HttpOnly/i);
    // Only a hash of the token is stored.
    const stored = await stack.db('operatorSessions').where({ operatorId: operator.id });
    expect(stored).toHaveLength(1);
    expect(session).not.toContain(stored[0].tokenHash);
    expect((await agent.get('/api/auth/me')).body).toEqual({ id: operator.id, email: operator.email, role: 'auditor' });
  });

  it('marks the cookies Secure when a trusted proxy says the request came over https', async () => {
    const { operator, password } = await makeOperator(stack.db, 'operator');
    const { config } = stack.parts;
    const behindProxy = { ...config, http: { ...config.http, trustProxy: true } };
    const app = composeApp(
      { ...stack.parts, config: behindProxy, services: stack.services },
      { registry: testRegistry, version: 'test', temporalOk: async () => true },
    );
    const res = await request(app)
      .post('/api/auth/login')
      .set('X-Forwarded-Proto', 'https')
      .send({ email: operator.email, password });
    expect(res.status).toBe(200);
    expect(cookieHeader(res, 'vinculo_session')).toMatch(/Secure/);
    expect(cookieHeader(res, 'vinculo_csrf')).toMatch(/Secure/);
  });

  it('answers 401 for a wrong password, an unknown e-mail and a deactivated account, with the same message', async () => {
    const { operator, password } = await makeOperator(stack.db, 'operator');
    const inactive = await makeOperator(stack.db, 'operator', { active: false });
    for (const body of [
      { email: operator.email, password: `${password}x` },
      { email: 'nobody@test.local', password },
      { email: inactive.operator.email, password: inactive.password },
    ]) {
      const res = await request(stack.app).post('/api/auth/login').send(body);
      expect(res.status).toBe(401);
      expect(res.body).toEqual({ error: 'invalid_credentials', message: 'The e-mail or the password is wrong.' });
      expect(setCookie(res, 'vinculo_session')).toBeUndefined();
    }
  });

  it('answers 401 to /auth/me without a session, and ends the session on logout', async () => {
    expect((await request(stack.app).get('/api/auth/me')).status).toBe(401);
    const { agent } = await loginAs(stack.app, stack.db, 'operator');
    expect((await agent.post('/api/auth/logout').send({})).status).toBe(200);
    const after = await agent.get('/api/auth/me');
    expect(after.status).toBe(401);
  });

  it('ends the previous session of the browser when it logs in again', async () => {
    const first = await loginAs(stack.app, stack.db, 'operator');
    const other = await makeOperator(stack.db, 'auditor');
    const res = await first.agent
      .post('/api/auth/login')
      .send({ email: other.operator.email, password: other.password });
    expect(res.status).toBe(200);
    expect(await stack.db('operatorSessions').where({ operatorId: first.operator.id })).toEqual([]);
    expect((await first.agent.get('/api/auth/me')).body.role).toBe('auditor');
  });

  it('refuses 400 for a log-in body without a password', async () => {
    const res = await request(stack.app).post('/api/auth/login').send({ email: 'a@b.c' });
    expect(res.status).toBe(400);
    expect(res.body.message).toContain('password');
  });
});

describe('CSRF', () => {
  it('refuses a state-changing call without the X-CSRF-Token header, or with a wrong one, with 403', async () => {
    const { agent, csrf } = await loginAs(stack.app, stack.db, 'admin');
    const body = { email: 'csrf-victim@test.local', role: 'admin', password: 'a long enough password' };
    const missing = await agent.post('/api/operators').set('X-CSRF-Token', '').send(body);
    expect(missing.status).toBe(403);
    expect(missing.body.error).toBe('csrf_failed');
    expect(missing.body.message).toContain('X-CSRF-Token');
    const wrong = await agent.post('/api/operators').set('X-CSRF-Token', `${csrf}x`).send(body);
    expect(wrong.status).toBe(403);
    expect(await stack.db('operators').where({ email: body.email })).toEqual([]);
    const logout = await agent.post('/api/auth/logout').set('X-CSRF-Token', '').send({});
    expect(logout.status).toBe(403);
    // Reads need no token, and the right token lets the change through.
    expect((await agent.get('/api/operators').set('X-CSRF-Token', '')).status).toBe(200);
    expect((await agent.post('/api/operators').send(body)).status).toBe(201);
  });

  it('refuses a token from another session', async () => {
    const a = await loginAs(stack.app, stack.db, 'admin');
    const b = await loginAs(stack.app, stack.db, 'admin');
    const res = await a.agent
      .put(`/api/operators/${b.operator.id}`)
      .set('X-CSRF-Token', b.csrf)
      .send({ role: 'admin' });
    expect(res.status).toBe(403);
  });
});

describe('session expiry', () => {
  it('slides with use and, once idle past its lifetime, answers 401 "Your session has expired; log in again."', async () => {
    const { agent } = await loginAs(stack.app, stack.db, 'auditor');
    clock += TTL - 60_000;
    expect((await agent.get('/api/auth/me')).status).toBe(200); // used: expiry moves forward
    clock += TTL - 60_000;
    expect((await agent.get('/api/auth/me')).status).toBe(200);
    clock += TTL + 1;
    const res = await agent.get('/api/auth/me');
    expect(res.status).toBe(401);
    expect(res.body).toEqual({ error: 'session_expired', message: 'Your session has expired; log in again.' });
    // The expired session is gone: the next call is just "not logged in".
    expect((await agent.get('/api/auth/me')).body.error).toBe('unauthenticated');
  });

  it('ends the sessions of an operator an admin deactivates', async () => {
    const admin = await loginAs(stack.app, stack.db, 'admin');
    const victim = await loginAs(stack.app, stack.db, 'operator');
    expect((await admin.agent.delete(`/api/operators/${victim.operator.id}`)).status).toBe(200);
    expect((await victim.agent.get('/api/auth/me')).status).toBe(401);
  });
});
