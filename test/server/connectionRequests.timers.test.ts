import request from 'supertest';
import { describe, expect, it } from 'vitest';
import type { CaughtMail } from '../support/mailCatcher.js';
import {
  createOfficeWithCompany,
  existingAccount,
  randomEmail,
  useDirectoryStack,
  type DirectoryStack,
} from '../support/directoryStack.js';
import { pathOf, transitionsOf } from '../support/projection.js';
import { recordFixture } from '../support/fixtures.js';
import { eventually } from '../support/stack.js';

// Reminders, expiry and the operators' nudges of connectionRequest on the real stack; short
// timers where the test waits for them, an hour where it must not.

const approveToken = (mail: CaughtMail) =>
  decodeURIComponent(/\/portal\/connection\?token=([^&\s]+)&decision=approve/.exec(mail.text)![1]!);

async function requestTo(s: DirectoryStack, officeName: string) {
  const { officeId, companyId } = await createOfficeWithCompany(s.app, officeName);
  const email = randomEmail('cliente');
  await existingAccount(s.db, email, 'uma senha longa');
  const created = await request(s.app)
    .post('/api/connectionRequests')
    .send({ direction: 'officeToClient', officeId, companyId, email })
    .expect(201);
  return { email, id: created.body.id as string, instanceId: created.body.instanceId as string };
}
const stateIn = async (s: DirectoryStack, instanceId: string) =>
  (await s.db('instances').where({ id: instanceId }).first())?.state as string | undefined;

describe('on short timers', () => {
  const s = useDirectoryStack({ connection: { reminderDelaysMs: [700, 700], expireAfterMs: 900 } });

  it('reminds twice, then expires; the expired request cannot be approved and nothing changes', async () => {
    const r = await requestTo(s, 'Contábil Lembra');
    await eventually(async () => expect(await stateIn(s, r.instanceId)).toBe('expired'), 20_000);
    await recordFixture('connectionRequest-reminded-expired', s.client, r.instanceId);
    const mails = s.smtp.to(r.email);
    expect(mails).toHaveLength(3); // the request and two reminders
    expect(pathOf(await transitionsOf(s.db, r.instanceId))).toEqual([
      '∅ -xstate.init-> classifying',
      'classifying -xstate.done.actor.0.connectionRequest.classifying-> requestingApproval',
      'requestingApproval -xstate.done.actor.0.connectionRequest.requestingApproval-> awaitingApproval',
      'awaitingApproval -xstate.after.nextReminderDelay.connectionRequest.awaitingApproval-> requestingApproval',
      'requestingApproval -xstate.done.actor.0.connectionRequest.requestingApproval-> awaitingApproval',
      'awaitingApproval -xstate.after.nextReminderDelay.connectionRequest.awaitingApproval-> requestingApproval',
      'requestingApproval -xstate.done.actor.0.connectionRequest.requestingApproval-> awaitingApproval',
      'awaitingApproval -xstate.after.nextReminderDelay.connectionRequest.awaitingApproval-> closing',
      'closing -xstate.done.actor.0.connectionRequest.closing-> expired',
    ]);

    const before = await s.db('connectionRequests').where({ id: r.id }).first();
    expect(before.state).toBe('expired');
    for (const mail of mails) {
      const res = await request(s.app)
        .post('/portal/api/connection/approve')
        .send({ token: approveToken(mail) });
      expect(res.status).toBe(410);
      expect(res.body.message).toBeTruthy();
    }
    expect(await s.db('connectionRequests').where({ id: r.id }).first()).toEqual(before);
    const revoke = await request(s.app).post(`/api/connectionRequests/${r.id}/revoke`).send({ side: 'office' });
    expect([revoke.status, revoke.body.error]).toEqual([409, 'not_active']);
  });

  it("a client's request that no office's linked e-mail matches expires after the whole wait, unreminded", async () => {
    const { companyId } = await createOfficeWithCompany(s.app, 'Empresa Sem Contador');
    const accountantEmail = randomEmail('ninguem');
    const created = await request(s.app)
      .post('/api/connectionRequests')
      .send({ direction: 'clientToOffice', companyId, accountantEmail, officeName: 'Contador Sumido' })
      .expect(201);
    await eventually(async () => expect(await stateIn(s, created.body.instanceId)).toBe('expired'), 20_000);
    expect(s.smtp.to(accountantEmail)).toHaveLength(0);
    expect((await s.db('connectionRequests').where({ id: created.body.id }).first()).state).toBe('expired');
  });
});

describe("operators' nudges", () => {
  const s = useDirectoryStack(); // timers of an hour: only the operators move these processes
  const nudge = (instanceId: string, type: string, payload?: Record<string, unknown>) =>
    request(s.app)
      .post(`/api/instances/${instanceId}/events`)
      .send({ type, reason: `operator ${type}`, ...(payload ? { payload } : {}) });

  it('resend now sends again, extend moves the deadline, cancel closes it and its links', async () => {
    const r = await requestTo(s, 'Contábil Nudge');
    await eventually(async () => expect(await stateIn(s, r.instanceId)).toBe('awaitingApproval'));
    await eventually(() => expect(s.smtp.to(r.email)).toHaveLength(1));

    await nudge(r.instanceId, 'RESEND_NOW').expect(200);
    await eventually(() => expect(s.smtp.to(r.email)).toHaveLength(2));
    await eventually(async () => expect(await stateIn(s, r.instanceId)).toBe('awaitingApproval'));

    // The extension is added to the last wait, the one that ends in expiry; the reminders still come.
    await nudge(r.instanceId, 'EXTEND_DEADLINE', { days: 2 }).expect(200);
    const snapshot = (await request(s.app).get(`/api/instances/${r.instanceId}/snapshot`).expect(200)).body;
    expect(snapshot.context).toMatchObject({ extraMs: 2 * 86_400_000, reminderCount: 0 });
    expect(snapshot.state).toBe('awaitingApproval');
    const tooLong = await nudge(r.instanceId, 'EXTEND_DEADLINE', { days: 365 });
    expect(tooLong.status).toBe(400);

    await nudge(r.instanceId, 'CANCEL').expect(200);
    await eventually(async () => expect(await stateIn(s, r.instanceId)).toBe('cancelled'));
    await recordFixture('connectionRequest-nudged-cancelled', s.client, r.instanceId);
    const approve = await request(s.app)
      .post('/portal/api/connection/approve')
      .send({ token: approveToken(s.smtp.to(r.email)[1]!) });
    expect(approve.status).toBe(410);
    expect(await s.db('connectionRequests').where({ id: r.id }).first()).toMatchObject({
      state: 'cancelled',
      decidedBy: null,
    });
    const again = await nudge(r.instanceId, 'RESEND_NOW');
    expect(again.status).toBeGreaterThanOrEqual(400);
    expect(again.status).toBeLessThan(500);
  });
});
