import request from 'supertest';
import { beforeAll, describe, expect, it } from 'vitest';
import { loginAs, makeOperator, type LoggedIn } from '../support/operators.js';
import { useStack, uniqueId } from '../support/stack.js';

const stack = useStack({ noWorker: true });
let admin: LoggedIn;

beforeAll(async () => {
  admin = await loginAs(stack.app, stack.db, 'admin');
});

const login = (email: string, password: string) => request(stack.app).post('/api/auth/login').send({ email, password });
const noSecrets = (body: unknown) => expect(JSON.stringify(body)).not.toMatch(/password|argon2/i);

describe('operators resource', () => {
  it('creates an operator who can then log in, and never shows the password or its hash', async () => {
    const email = `${uniqueId('ana')}@Test.Local`;
    const password = 'correct horse battery';
    const res = await admin.agent.post('/api/operators').send({ email, role: 'operator', password });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      id: expect.any(String),
      email: email.toLowerCase(),
      role: 'operator',
      active: true,
    });
    noSecrets(res.body);
    const stored = await stack.db('operators').where({ id: res.body.id }).first();
    expect(stored.passwordHash).toMatch(/^\$argon2id\$/);
    expect((await login(email, password)).status).toBe(200);
    const list = await admin.agent
      .get('/api/operators')
      .query({ filter: JSON.stringify({ q: email.toLowerCase().slice(0, 12) }) });
    expect(list.status).toBe(200);
    expect(list.headers['content-range']).toBe('operators 0-0/1');
    noSecrets(list.body);
    noSecrets((await admin.agent.get(`/api/operators/${res.body.id}`)).body);
    const audited = await stack
      .db('audit')
      .where({ action: 'operator.create', target: `operator:${res.body.id}` })
      .first();
    expect(audited.actor).toBe(`operator:${admin.operator.id}`);
    expect(audited.details).not.toContain(password);
  });

  it('refuses a duplicate e-mail, an unknown role and a short password with a clear message', async () => {
    const { operator } = await makeOperator(stack.db, 'auditor');
    const dup = await admin.agent
      .post('/api/operators')
      .send({ email: operator.email, role: 'auditor', password: 'long enough password' });
    expect(dup.status).toBe(409);
    expect(dup.body.message).toContain('already exists');
    const role = await admin.agent.post('/api/operators').send({ email: `${uniqueId('x')}@test.local`, role: 'root' });
    expect(role.status).toBe(400);
    expect(role.body.message).toContain('role');
    const short = await admin.agent
      .post('/api/operators')
      .send({ email: `${uniqueId('x')}@test.local`, role: 'auditor', password: 'short' });
    expect(short.status).toBe(400);
    expect(short.body.message).toContain('at least 12 characters');
  });

  it('changes the role and the password, ending the sessions the old password opened', async () => {
    const target = await loginAs(stack.app, stack.db, 'auditor');
    const res = await admin.agent
      .put(`/api/operators/${target.operator.id}`)
      .send({ ...target.operator, role: 'operator', password: 'a brand new password' });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ role: 'operator', active: true });
    noSecrets(res.body);
    expect((await target.agent.get('/api/auth/me')).status).toBe(401);
    expect((await login(target.operator.email, target.password)).status).toBe(401);
    expect((await login(target.operator.email, 'a brand new password')).body.role).toBe('operator');
    const audited = await stack
      .db('audit')
      .where({ action: 'operator.update', target: `operator:${target.operator.id}` })
      .first();
    expect(JSON.parse(audited.details)).toMatchObject({ changed: { role: 'operator' }, passwordChanged: true });
    // An empty password field (the edit form left blank) keeps the password.
    expect((await admin.agent.put(`/api/operators/${target.operator.id}`).send({ password: '' })).status).toBe(200);
    expect((await login(target.operator.email, 'a brand new password')).status).toBe(200);
  });

  it('deactivates on delete, refuses to delete yourself, and keeps one active admin', async () => {
    const { operator } = await makeOperator(stack.db, 'operator');
    const del = await admin.agent.delete(`/api/operators/${operator.id}`);
    expect(del.status).toBe(200);
    expect(del.body).toMatchObject({ id: operator.id, active: false });
    expect(await stack.db('operators').where({ id: operator.id }).first()).toBeTruthy();
    const self = await admin.agent.delete(`/api/operators/${admin.operator.id}`);
    expect(self.status).toBe(409);
    expect(self.body.error).toBe('cannot_delete_self');
    // Deactivate every other admin, then try to demote the last one.
    await stack.db('operators').where({ role: 'admin' }).whereNot({ id: admin.operator.id }).update({ active: false });
    const demote = await admin.agent.put(`/api/operators/${admin.operator.id}`).send({ role: 'auditor' });
    expect(demote.status).toBe(409);
    expect(demote.body.error).toBe('last_admin');
    expect((await admin.agent.get('/api/operators/does-not-exist')).status).toBe(404);
  });
});
