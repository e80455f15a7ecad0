import request from 'supertest';
import { describe, expect, it } from 'vitest';
import type { CaughtMail } from '../support/mailCatcher.js';
import {
  createOfficeWithCompany,
  existingAccount,
  randomEmail,
  startDirectoryStack,
  useDirectoryStack,
} from '../support/directoryStack.js';
import { recordFixture } from '../support/fixtures.js';
import { eventually } from '../support/stack.js';

// The connection request's portal pages, reached only through the links of the mail the loopback
// SMTP server received; each form is then submitted the way its page's script does.

const s = useDirectoryStack();

/** The path (with its query) of the link in a message that goes to `path`, optionally with a decision. */
function linkIn(mail: CaughtMail, path: string, decision?: 'approve' | 'reject'): string {
  const tail = decision ? `&decision=${decision}` : '';
  const match = new RegExp(`http://vinculo\\.test(${path}\\?token=[^&\\s]+${tail})(?=\\s|$)`).exec(mail.text);
  if (!match?.[1]) throw new Error(`No ${path} link in:\n${mail.text}`);
  return match[1];
}
const tokenOf = (link: string) => new URL(link, 'http://x').searchParams.get('token') ?? '';
const stateOf = async (instanceId: string) => (await request(s.app).get(`/api/instances/${instanceId}`)).body.state;
const waitState = (instanceId: string, state: string) =>
  eventually(async () => expect(await stateOf(instanceId)).toBe(state));
const mailTo = (email: string, n: number) =>
  eventually(() => {
    expect(s.smtp.to(email)).toHaveLength(n);
    return s.smtp.to(email)[n - 1]!;
  });

describe('an office invites a client with no account', () => {
  it('the account is created on the invitation page, then the same process asks for approval, approved on its page', async () => {
    const { officeId, companyId } = await createOfficeWithCompany(s.app, 'Contábil Convite');
    const email = randomEmail('novo.cliente');
    const created = await request(s.app)
      .post('/api/connectionRequests')
      .send({ direction: 'officeToClient', officeId, companyId, email, locale: 'en' })
      .expect(201);
    expect(created.body.clientHasAccount).toBe(false);
    const instanceId = created.body.instanceId as string;
    await waitState(instanceId, 'awaitingAccount');

    const invitation = await mailTo(email, 1);
    const registerLink = linkIn(invitation, '/portal/connection/register');
    const page = await request(s.app).get(registerLink).expect(200);
    expect(page.type).toBe('text/html');
    expect(page.text).toContain('Contábil Convite');
    expect(page.text).toContain('Contábil Convite Cliente');
    expect(page.text).toContain(email);
    expect(page.headers['content-security-policy']).toContain("script-src 'nonce-");

    // A weak password is refused and leaves the link usable.
    const weak = await request(s.app)
      .post('/portal/api/connection/register')
      .send({ token: tokenOf(registerLink), name: 'Ana Cliente', password: 'short' });
    expect(weak.status).toBe(400);
    expect(weak.body.message).toMatch(/password/);
    expect(await s.db('identities').where({ email })).toHaveLength(0);

    const registered = await request(s.app)
      .post('/portal/api/connection/register')
      .send({ token: tokenOf(registerLink), name: 'Ana Cliente', password: 'uma senha bem longa 42' })
      .expect(200);
    expect(['requestingApproval', 'awaitingApproval']).toContain(registered.body.state);
    expect(await s.db('clientUsers').where({ email })).toMatchObject([
      { companyId, name: 'Ana Cliente', status: 'registered', companyRole: 'admin' },
    ]);
    // The invitation's link is spent: its page says so.
    expect((await request(s.app).get(registerLink)).status).toBe(410);
    // The same request again (a retry after a broken connection) is answered, not refused, and
    // makes nothing twice; with another password it is refused.
    const retried = await request(s.app)
      .post('/portal/api/connection/register')
      .send({ token: tokenOf(registerLink), name: 'Ana Cliente', password: 'uma senha bem longa 42' });
    expect(retried.status).toBe(200);
    expect(retried.body.id).toBe(registered.body.id);
    const other = await request(s.app)
      .post('/portal/api/connection/register')
      .send({ token: tokenOf(registerLink), name: 'Ana Cliente', password: 'outra senha bem longa 7' })
      .expect(409);
    expect(other.body.error).toBe('different_password');
    expect(await s.db('clientUsers').where({ email })).toHaveLength(1);
    expect((await s.db('transitions').where({ instanceId, event: 'ACCOUNT_CREATED' })).length).toBe(1);

    await waitState(instanceId, 'awaitingApproval');
    const approval = await mailTo(email, 2);
    const approveLink = linkIn(approval, '/portal/connection', 'approve');
    const decide = await request(s.app).get(approveLink).expect(200);
    expect(decide.text).toContain('Contábil Convite wants to connect its account with Contábil Convite Cliente');
    // Opening the page decides nothing.
    expect(await stateOf(instanceId)).toBe('awaitingApproval');
    await request(s.app)
      .post('/portal/api/connection/approve')
      .send({ token: tokenOf(approveLink) })
      .expect(200);
    await waitState(instanceId, 'active');
    expect((await request(s.app).get(approveLink)).status).toBe(410);
    // Who decided, by the name a person reads.
    expect((await request(s.app).get(`/api/connectionRequests/${created.body.id}`)).body).toMatchObject({
      decidedBy: `company:${companyId}`,
      decidedByName: 'Contábil Convite Cliente',
    });
    await request(s.app).post(`/api/connectionRequests/${created.body.id}/revoke`).send({ side: 'office' }).expect(200);
    await waitState(instanceId, 'revoked');
    await recordFixture('connectionRequest-invited-revoked', s.client, instanceId);

    const events = (await s.db('transitions').where({ instanceId }).orderBy('seq')).map((t) => t.event);
    expect(events.indexOf('ACCOUNT_CREATED')).toBeGreaterThan(-1);
    expect(events.indexOf('APPROVE')).toBeGreaterThan(events.indexOf('ACCOUNT_CREATED'));
  });
});

describe('bad links and closed requests', () => {
  it('a forged link is a 400 page, a cancelled request a 410 page and a 410 from the API, nothing changed', async () => {
    const { officeId, companyId } = await createOfficeWithCompany(s.app, 'Contábil Cancela');
    const email = randomEmail('cancelado');
    await existingAccount(s.db, email, 'uma senha longa');
    const created = await request(s.app)
      .post('/api/connectionRequests')
      .send({ direction: 'officeToClient', officeId, companyId, email, locale: 'en' })
      .expect(201);
    await waitState(created.body.instanceId, 'awaitingApproval');
    const link = linkIn(await mailTo(email, 1), '/portal/connection', 'reject');
    const rejectFirst = await request(s.app).get(link).expect(200);
    expect(rejectFirst.text.indexOf('id="reject"')).toBeLessThan(rejectFirst.text.indexOf('id="approve"'));

    const forged = await request(s.app).get(`${link.replace(/&decision.*/, '')}x`);
    expect(forged.status).toBe(400);
    expect(forged.text).toContain('not valid');

    await request(s.app)
      .post(`/api/instances/${created.body.instanceId}/events`)
      .send({ type: 'CANCEL', reason: 'sent by mistake' })
      .expect(200);
    await waitState(created.body.instanceId, 'cancelled');
    expect((await request(s.app).get(link)).status).toBe(410);
    const approve = await request(s.app)
      .post('/portal/api/connection/approve')
      .send({ token: tokenOf(link) });
    expect(approve.status).toBe(410);
    expect(approve.body.message).toBeTruthy();
    expect(await s.db('connectionRequests').where({ id: created.body.id }).first()).toMatchObject({
      state: 'cancelled',
      decidedBy: null,
    });
  });

  it('an expired request cannot be approved, nor an account created from its invitation', async () => {
    const short = await startDirectoryStack({ connection: { reminderDelaysMs: [], expireAfterMs: 1500 } });
    try {
      const { officeId, companyId } = await createOfficeWithCompany(short.app, 'Contábil Expira');
      const email = randomEmail('expira');
      const created = await request(short.app)
        .post('/api/connectionRequests')
        .send({ direction: 'officeToClient', officeId, companyId, email })
        .expect(201);
      const mail = await eventually(() => {
        expect(short.smtp.to(email)).toHaveLength(1);
        return short.smtp.to(email)[0]!;
      });
      await eventually(
        async () =>
          expect((await request(short.app).get(`/api/instances/${created.body.instanceId}`)).body.state).toBe(
            'expired',
          ),
        15_000,
      );
      const link = linkIn(mail, '/portal/connection/register');
      expect((await request(short.app).get(link)).status).toBe(410);
      const res = await request(short.app)
        .post('/portal/api/connection/register')
        .send({ token: tokenOf(link), name: 'Tarde Demais', password: 'uma senha bem longa 42' });
      expect(res.status).toBe(410);
      expect(await short.db('identities').where({ email })).toHaveLength(0);
    } finally {
      await short.stop();
    }
  });
});
