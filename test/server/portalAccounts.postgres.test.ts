import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDirectoryStack, type DirectoryStack } from '../support/directoryStack.js';
import { portalPath } from '../support/mailCatcher.js';
import { personInTwoOffices, portalCsrf } from '../support/portalPeople.js';
import { createPostgresTestDb, postgresReachable, postgresUrl } from '../support/postgres.js';
import { eventually } from '../support/stack.js';

// The portal's accounts side on PostgreSQL: sessions and the switcher, a reset request throttled,
// a reset link used once. CI has PostgreSQL and must fail without it; elsewhere it runs when it answers.
const reachable = await postgresReachable();
if (!reachable && process.env.CI) throw new Error(`PostgreSQL is required in CI and did not answer at ${postgresUrl}.`);

describe.runIf(reachable)('portal accounts on PostgreSQL', () => {
  let s: DirectoryStack;
  let drop: () => Promise<void>;
  beforeAll(async () => {
    const pg = await createPostgresTestDb();
    drop = pg.drop;
    s = await startDirectoryStack({ db: pg.db });
  });
  afterAll(async () => {
    await s?.stop();
    await drop?.();
  });

  it('signs in, switches offices, resets the password once', async () => {
    const person = await personInTwoOffices(s);
    const agent = request.agent(s.app);
    const signIn = await agent
      .post('/portal/api/session')
      .send({ email: person.email, password: person.password })
      .expect(200);
    const switched = await agent
      .put('/portal/api/session/office')
      .set('X-CSRF-Token', portalCsrf(signIn))
      .send({ officeId: person.second.officeId })
      .expect(200);
    expect(switched.body.selected.companies).toEqual([
      { id: person.second.companyId, name: 'Escritório Beta Cliente' },
    ]);

    // Two first requests at once are two requests, not an error.
    const [a, b] = await Promise.all([
      request(s.app).post('/portal/api/password-reset').send({ email: person.email }),
      request(s.app).post('/portal/api/password-reset').send({ email: person.email }),
    ]);
    expect([a.status, b.status]).toEqual([202, 202]);
    const mails = await eventually(() => {
      const found = s.smtp.to(person.email).filter((m) => m.subject.includes('senha da sua conta'));
      return found.length === 2 ? found : Promise.reject(new Error('waiting for both reset e-mails'));
    });
    const rows = await s.db('passwordResets').whereNull('revokedAt');
    expect(rows).toHaveLength(1);
    const token = mails
      .map((m) => new URL(`http://x${portalPath(m)}`).searchParams.get('token')!)
      .find((t) => t.startsWith(`${rows[0].id}.`))!;
    const complete = () =>
      request(s.app).post('/portal/api/password-reset/complete').send({ token, password: 'a postgres-proof password' });
    expect((await complete()).status).toBe(200);
    expect((await complete()).body).toMatchObject({ error: 'token_gone', reason: 'used' });
    // The reset ended the session.
    expect((await agent.get('/portal/api/session')).status).toBe(401);
  });
});
