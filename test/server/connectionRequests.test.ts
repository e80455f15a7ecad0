import request from 'supertest';
import { describe, expect, it } from 'vitest';
import type { CaughtMail } from '../support/mailCatcher.js';
import {
  createOfficeWithCompany,
  existingAccount,
  randomCnpj,
  randomEmail,
  useDirectoryStack,
} from '../support/directoryStack.js';
import { recordFixture } from '../support/fixtures.js';
import { eventually } from '../support/stack.js';

const s = useDirectoryStack();

/** The token of the approve or reject link in a received message. */
function tokenIn(mail: CaughtMail, decision: 'approve' | 'reject'): string {
  const match = new RegExp(`/portal/connection\\?token=([^&\\s]+)&decision=${decision}`).exec(mail.text);
  if (!match?.[1]) throw new Error(`No ${decision} link in:\n${mail.text}`);
  return decodeURIComponent(match[1]);
}
const stateOf = async (instanceId: string) => (await request(s.app).get(`/api/instances/${instanceId}`)).body.state;
const waitState = (instanceId: string, state: string) =>
  eventually(async () => expect(await stateOf(instanceId)).toBe(state));

describe('office → client, the client has an account', () => {
  it('says so at once, mails the client, and the link approves it; the same approval again is answered and applied once', async () => {
    const { officeId, companyId } = await createOfficeWithCompany(s.app, 'Contábil Aprova');
    const email = randomEmail('cliente');
    await existingAccount(s.db, email, 'uma senha longa');
    expect((await request(s.app).get('/api/connectionRequests/account').query({ email })).body.exists).toBe(true);

    const created = await request(s.app)
      .post('/api/connectionRequests')
      .send({ direction: 'officeToClient', officeId, companyId, email })
      .expect(201);
    expect(created.body).toMatchObject({ clientHasAccount: true, officeName: 'Contábil Aprova', state: 'open' });
    await waitState(created.body.instanceId, 'awaitingApproval');
    const [mail] = await eventually(() => {
      expect(s.smtp.to(email)).toHaveLength(1);
      return s.smtp.to(email);
    });
    expect(mail!.subject).toContain('Contábil Aprova');

    const duplicate = await request(s.app)
      .post('/api/connectionRequests')
      .send({ direction: 'officeToClient', officeId, companyId, email });
    expect(duplicate.status).toBe(409);
    expect(duplicate.body.message).toContain(created.body.id);

    const token = tokenIn(mail!, 'approve');
    await request(s.app).post('/portal/api/connection/approve').send({ token }).expect(200);
    await waitState(created.body.instanceId, 'active');
    // The same approval sent again (a retry after a broken connection) is answered, not refused, and applied once.
    const again = await request(s.app).post('/portal/api/connection/approve').send({ token });
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({ id: created.body.id, state: 'approved' });
    const otherAnswer = await request(s.app).post('/portal/api/connection/reject').send({ token });
    expect(otherAnswer.status).toBe(410);
    expect((await s.db('transitions').where({ instanceId: created.body.instanceId, event: 'APPROVE' })).length).toBe(1);
    const forged = await request(s.app)
      .post('/portal/api/connection/approve')
      .send({ token: `${token}x` });
    expect(forged.status).toBe(400);

    const shown = (await request(s.app).get(`/api/connectionRequests/${created.body.id}`)).body;
    expect(shown).toMatchObject({ state: 'active', connected: true, decidedBy: `company:${companyId}` });
    // Who approved, and when, is in the transition itself.
    const approval = await s.db('transitions').where({ instanceId: created.body.instanceId, event: 'APPROVE' }).first();
    expect(approval).toMatchObject({ actor: `company:${companyId}`, from: 'awaitingApproval' });
    expect(approval.at).toBeTruthy();

    await request(s.app)
      .post(`/api/connectionRequests/${created.body.id}/revoke`)
      .send({ side: 'company' })
      .expect(200);
    expect((await s.db('connectionRequests').where({ id: created.body.id }).first()).revokedAt).toBeTruthy();
    const twice = await request(s.app)
      .post(`/api/connectionRequests/${created.body.id}/revoke`)
      .send({ side: 'office' });
    expect(twice.status).toBe(409);
    expect(twice.body.error).toBe('already_revoked');
    await waitState(created.body.instanceId, 'revoked');
    expect(await s.db('queuedEvents').where({ instanceId: created.body.instanceId, eventType: 'REVOKE' })).toEqual([
      expect.objectContaining({ status: 'delivered' }),
    ]);
    await request(s.app)
      .post('/api/connectionRequests')
      .send({ direction: 'officeToClient', officeId, companyId, email })
      .expect(201);
  });
});

describe('client → office ("my accountant")', () => {
  it('waits unmatched, is matched by a secondary linked e-mail, un-matched on removal, matched again, and rejected', async () => {
    const office = (
      await request(s.app)
        .post('/api/offices')
        .send({ name: 'Contábil Secundário', cnpj: randomCnpj(), linkedEmails: [randomEmail('principal')] })
        .expect(201)
    ).body;
    const { companyId } = await createOfficeWithCompany(s.app, 'Outra Origem');
    const accountantEmail = randomEmail('secundario');
    const created = await request(s.app)
      .post('/api/connectionRequests')
      .send({
        direction: 'clientToOffice',
        companyId,
        accountantEmail,
        officeName: 'Meu Contador',
        officePhone: '11 5555-0000',
      })
      .expect(201);
    expect(created.body.matched).toBe(false);
    const id = created.body.instanceId as string;
    await waitState(id, 'awaitingOfficeMatch');

    await request(s.app).post(`/api/offices/${office.id}/linkedEmails`).send({ email: accountantEmail }).expect(201);
    await waitState(id, 'awaitingApproval');
    await eventually(() => expect(s.smtp.to(accountantEmail)).toHaveLength(1));
    await request(s.app)
      .delete(`/api/offices/${office.id}/linkedEmails/${encodeURIComponent(accountantEmail)}`)
      .expect(200);
    await waitState(id, 'awaitingOfficeMatch');
    const stale = await request(s.app)
      .post('/portal/api/connection/approve')
      .send({ token: tokenIn(s.smtp.to(accountantEmail)[0]!, 'approve') });
    expect(stale.status).toBe(409);

    await request(s.app).post(`/api/offices/${office.id}/linkedEmails`).send({ email: accountantEmail }).expect(201);
    await waitState(id, 'awaitingApproval');
    const mail = await eventually(() => {
      expect(s.smtp.to(accountantEmail)).toHaveLength(2);
      return s.smtp.to(accountantEmail)[1]!;
    });
    await request(s.app)
      .post('/portal/api/connection/reject')
      .send({ token: tokenIn(mail, 'reject'), reason: 'not our client' })
      .expect(200);
    await waitState(id, 'rejected');
    await recordFixture('connectionRequest-matched-rejected', s.client, id);
    expect((await s.db('connectionRequests').where({ id: created.body.id }).first()).decidedBy).toBe(
      `office:${office.id}`,
    );
  });
});

describe('bad input', () => {
  it('refuses malformed e-mails, unknown offices and an office asking itself, changing nothing', async () => {
    const linked = randomEmail('proprio');
    const office = (
      await request(s.app)
        .post('/api/offices')
        .send({ name: 'Contábil Si', cnpj: randomCnpj(), linkedEmails: [linked] })
    ).body;
    const { companyId } = await createOfficeWithCompany(s.app, 'Empresa Si');
    const before = await s.db('connectionRequests').count({ n: '*' }).first();
    const cases = [
      [{ direction: 'officeToClient', officeId: office.id, companyId, email: 'nope' }, 400, 'bad_request'],
      [{ direction: 'officeToClient', officeId: 'none', companyId, email: randomEmail('a') }, 400, 'unknown_office'],
      [{ direction: 'officeToClient', officeId: office.id, companyId, email: linked }, 400, 'self_request'],
      [{ direction: 'sideways', companyId }, 400, 'bad_request'],
    ] as const;
    for (const [body, status, error] of cases) {
      const res = await request(s.app).post('/api/connectionRequests').send(body);
      expect([res.status, res.body.error]).toEqual([status, error]);
      expect(res.body.message).toBeTruthy();
    }
    expect(await s.db('connectionRequests').count({ n: '*' }).first()).toEqual(before);
  });
});
