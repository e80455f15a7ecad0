import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { portalPath } from '../support/mailCatcher.js';
import { createOfficeWithCompany, randomEmail, directoryStackForTest } from '../support/directoryStack.js';
import { instanceRow, transitionsOf } from '../support/projection.js';
import { eventually } from '../support/stack.js';

const event = (type: string, payload?: Record<string, unknown>) => ({ type, payload, reason: 'test nudge' });

describe('clientUserOnboarding timers and nudges', () => {
  it('resends on each timer and expires after the last one', async () => {
    const s = await directoryStackForTest({ onboarding: { resendDelaysMs: [700, 700], expireAfterMs: 700 } });
    const { companyId } = await createOfficeWithCompany(s.app);
    const email = randomEmail('carla');
    const created = await request(s.app).post('/api/clientUsers').send({ companyId, name: 'Carla', email }).expect(201);
    const instanceId = created.body.instanceId as string;
    await eventually(
      async () => expect(await instanceRow(s.db, instanceId)).toMatchObject({ state: 'expired', status: 'completed' }),
      30_000,
    );

    expect(s.smtp.to(email)).toHaveLength(3);
    const links = s.smtp.to(email).map(portalPath);
    expect(new Set(links).size).toBe(3); // each send has its own link
    const timerSteps = (await transitionsOf(s.db, instanceId)).filter((t) => t.actor === 'timer').map((t) => t.to);
    expect(timerSteps).toEqual(['resendingRegistration', 'resendingRegistration', 'closing']);
    expect((await request(s.app).get(`/api/clientUsers/${created.body.id}`)).body).toMatchObject({
      status: 'expired',
      portalAccess: false,
    });
    await request(s.app).get(links[0]!).expect(410); // withdrawn when the process expired
  });

  it('takes correct e-mail, resend now and cancel from operators, and refuses what the state does not take', async () => {
    const s = await directoryStackForTest();
    const { companyId } = await createOfficeWithCompany(s.app);
    const wrongEmail = randomEmail('dora.typo');
    const rightEmail = randomEmail('dora');
    const created = await request(s.app)
      .post('/api/clientUsers')
      .send({ companyId, name: 'Dora', email: wrongEmail })
      .expect(201);
    const { id, instanceId } = created.body as { id: string; instanceId: string };
    await eventually(async () =>
      expect(await instanceRow(s.db, instanceId)).toMatchObject({ state: 'awaitingRegistration' }),
    );
    const firstLink = portalPath(s.smtp.to(wrongEmail)[0]!);

    // The generic events route cannot smuggle an address into the history.
    const smuggled = await request(s.app)
      .post(`/api/instances/${instanceId}/events`)
      .send(event('CORRECT_EMAIL', { email: rightEmail }))
      .expect(400);
    expect(smuggled.body.error).toBe('invalid_event');

    await request(s.app)
      .put(`/api/clientUsers/${id}`)
      .send({ email: rightEmail, reason: 'typo in the address' })
      .expect(200);
    await eventually(() => expect(s.smtp.to(rightEmail)).toHaveLength(1));
    await eventually(async () =>
      expect(await instanceRow(s.db, instanceId)).toMatchObject({ state: 'awaitingRegistration' }),
    );
    expect((await request(s.app).get(`/api/clientUsers/${id}`)).body).toMatchObject({
      email: rightEmail,
      pendingEmail: null,
    });
    await request(s.app).get(firstLink).expect(410); // the old address's link no longer works
    // The correction reached the process through the event queue, queued with the new address.
    expect(await s.db('queuedEvents').where({ instanceId, eventType: 'CORRECT_EMAIL' })).toEqual([
      expect.objectContaining({ status: 'delivered', reason: 'typo in the address' }),
    ]);

    await request(s.app).post(`/api/instances/${instanceId}/events`).send(event('RESEND_NOW')).expect(200);
    await eventually(() => expect(s.smtp.to(rightEmail)).toHaveLength(2));
    await eventually(async () =>
      expect(await instanceRow(s.db, instanceId)).toMatchObject({ state: 'awaitingRegistration' }),
    );
    await request(s.app)
      .post(`/api/instances/${instanceId}/events`)
      .send(event('EXTEND_DEADLINE', { days: 2 }))
      .expect(200);

    await request(s.app).post(`/api/instances/${instanceId}/events`).send(event('CANCEL')).expect(200);
    await eventually(async () =>
      expect(await instanceRow(s.db, instanceId)).toMatchObject({ state: 'cancelled', status: 'completed' }),
    );
    const refused = await request(s.app)
      .post(`/api/instances/${instanceId}/events`)
      .send(event('RESEND_NOW'))
      .expect(409);
    expect(refused.body.error).toBe('event_not_allowed');
    await request(s.app)
      .put(`/api/clientUsers/${id}`)
      .send({ email: randomEmail('late') })
      .expect(409);
    expect(s.smtp.to(wrongEmail)).toHaveLength(1);
    expect(s.smtp.to(rightEmail)).toHaveLength(2);
  });

  it('ends the process when the client user is deactivated, and frees the e-mail', async () => {
    const s = await directoryStackForTest();
    const { companyId } = await createOfficeWithCompany(s.app);
    const email = randomEmail('eva');
    const created = await request(s.app).post('/api/clientUsers').send({ companyId, name: 'Eva', email }).expect(201);
    await eventually(async () =>
      expect(await instanceRow(s.db, created.body.instanceId)).toMatchObject({ state: 'awaitingRegistration' }),
    );
    await request(s.app).post('/api/clientUsers').send({ companyId, name: 'Eva 2', email }).expect(409);

    await request(s.app)
      .put(`/api/clientUsers/${created.body.id}`)
      .send({ status: 'inactive', reason: 'left the company' })
      .expect(200);
    await eventually(async () =>
      expect(await instanceRow(s.db, created.body.instanceId)).toMatchObject({
        state: 'deactivated',
        status: 'completed',
      }),
    );
    await request(s.app)
      .get(portalPath(s.smtp.to(email)[0]!))
      .expect(410);
    await request(s.app).post('/api/clientUsers').send({ companyId, name: 'Eva again', email }).expect(201);
  });
});
