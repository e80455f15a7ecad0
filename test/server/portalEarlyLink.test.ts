import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { portalTokenId } from '../../domain/tokens.js';
import { portalPath, type CaughtMail } from '../support/mailCatcher.js';
import { createOfficeWithCompany, existingAccount, randomEmail, useDirectoryStack } from '../support/directoryStack.js';
import { instanceRow, transitionsOf } from '../support/projection.js';
import { eventually } from '../support/stack.js';

// A person can open the link the moment the mail reaches them, before the sender has heard back
// from the SMTP server and the process has moved to waiting for them. That link is good: the
// step is recorded and the process takes it right after the sending step.
const s = useDirectoryStack();

const tokenOf = (mail: CaughtMail) => new URL(`http://x${portalPath(mail)}`).searchParams.get('token')!;

/**
 * Runs `act` on the first mail to `email` after the SMTP server has it and before it tells the
 * sender so; resolves once `act` has run. The mail's acceptance waits for `act` to end.
 */
function whileInFlight(email: string, act: (mail: CaughtMail) => Promise<void>): Promise<void> {
  return new Promise((acted) => {
    s.smtp.beforeAccepting = async (mail) => {
      if (!mail.to.includes(email)) return;
      s.smtp.beforeAccepting = undefined;
      await act(mail);
      acted();
    };
  });
}

/** Lets a request just sent reach the server while the SMTP server has not yet answered the sender. */
const aMoment = () => new Promise((r) => setTimeout(r, 500));

describe('a portal link used while its mail is still being sent', () => {
  it('opens, and the registration is taken once the sending step ends', async () => {
    const email = randomEmail('early');
    const seen: { tokenStatus?: number; stateMeanwhile?: string; register?: Promise<request.Response> } = {};
    const acted = whileInFlight(email, async (mail) => {
      const token = tokenOf(mail);
      const id = portalTokenId(s.tokenSecret, token);
      const { instanceId } = await s.db('portalTokens').where({ id }).first('instanceId');
      seen.stateMeanwhile = (await instanceRow(s.db, instanceId))?.state;
      seen.tokenStatus = (await request(s.app).get(`/portal/api/token/${encodeURIComponent(token)}`)).status;
      seen.register = request(s.app)
        .post('/portal/api/register')
        .send({ token, password: 'a long enough password' })
        .then((res) => res);
      // Held until the step is recorded (the token used), so it is judged while the mail is in flight.
      await eventually(async () => expect((await s.db('portalTokens').where({ id }).first())?.usedAt).toBeTruthy());
    });
    const { companyId } = await createOfficeWithCompany(s.app);
    const created = await request(s.app).post('/api/clientUsers').send({ companyId, name: 'Ágil', email }).expect(201);
    await acted;
    const res = await seen.register!;

    expect(seen.stateMeanwhile).toBe('sendingRegistration');
    expect(seen.tokenStatus).toBe(200);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.state).toBe('registered');
    const path = (await transitionsOf(s.db, created.body.instanceId)).map((t) => `${t.from}->${t.to}`);
    expect(path).toEqual(expect.arrayContaining(['sendingRegistration->awaitingRegistration']));
    expect(path.indexOf('sendingRegistration->awaitingRegistration')).toBeLessThan(
      path.indexOf('awaitingRegistration->completingRegistration'),
    );
    expect(s.smtp.to(email)).toHaveLength(1);
  });

  it('an approval link decides the connection request once the sending step ends', async () => {
    const { officeId, companyId } = await createOfficeWithCompany(s.app, 'Contábil Ligeiro');
    const email = randomEmail('ligeiro');
    await existingAccount(s.db, email, 'a long enough password');
    const seen: { approve?: Promise<request.Response> } = {};
    const acted = whileInFlight(email, async (mail) => {
      const token = decodeURIComponent(/\/portal\/connection\?token=([^&\s]+)&decision=approve/.exec(mail.text)![1]!);
      seen.approve = request(s.app)
        .post('/portal/api/connection/approve')
        .send({ token })
        .then((res) => res);
      await aMoment();
    });
    const created = await request(s.app)
      .post('/api/connectionRequests')
      .send({ direction: 'officeToClient', officeId, companyId, email })
      .expect(201);
    await acted;
    const res = await seen.approve!;
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    await eventually(async () =>
      expect((await s.db('connectionRequests').where({ id: created.body.id }).first()).state).toBe('active'),
    );
  });

  /** An office's invitation to `email`, with `act` run on its link while its mail is in flight. */
  async function invitationInFlight(email: string, act: (token: string) => void) {
    const { officeId, companyId } = await createOfficeWithCompany(s.app, 'Contábil Convite Ágil');
    const acted = whileInFlight(email, async (mail) => {
      act(decodeURIComponent(/\/portal\/connection\/register\?token=([^&\s]+)/.exec(mail.text)![1]!));
      await aMoment();
    });
    await request(s.app)
      .post('/api/connectionRequests')
      .send({ direction: 'officeToClient', officeId, companyId, email })
      .expect(201);
    await acted;
  }

  it('an invitation page opened while its mail is being sent shows the form', async () => {
    let page: Promise<request.Response> | undefined;
    await invitationInFlight(randomEmail('convite.pagina'), (token) => {
      page = request(s.app)
        .get(`/portal/connection/register?token=${encodeURIComponent(token)}`)
        .then((res) => res);
    });
    const res = await page!;
    expect(res.status).toBe(200);
    expect(res.text).toContain('id="password"');
  });

  it('an invitation link creates the account, and the process takes it once the sending step ends', async () => {
    let register: Promise<request.Response> | undefined;
    await invitationInFlight(randomEmail('convite.conta'), (token) => {
      register = request(s.app)
        .post('/portal/api/connection/register')
        .send({ token, name: 'Ágata Cliente', password: 'uma senha bem longa 42' })
        .then((res) => res);
    });
    const res = await register!;
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(['requestingApproval', 'awaitingApproval']).toContain(res.body.state);
  });
});
