import crypto from 'node:crypto';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordFixture, recordFixtureRuns } from '../support/fixtures.js';
import {
  createOfficeWithCompany,
  existingAccount,
  randomCnpj,
  randomEmail,
  startDirectoryStack,
  testOfficeLinkTiming,
  type DirectoryStack,
} from '../support/directoryStack.js';
import { portalPath } from '../support/mailCatcher.js';
import { instanceRow, pathOf, transitionsOf } from '../support/projection.js';
import { eventually } from '../support/stack.js';

/*
 * The production machines driven through every path on the real stack (directory, SMTP on
 * loopback, the portal, operator nudges, continue-as-new). Each history is kept as a replay
 * fixture (RECORD_FIXTURES=1), so a change to a machine or to the interpreter that would alter
 * what a running process does fails test/workflows/replay.test.ts.
 */

let s: DirectoryStack;
let quick: DirectoryStack; // short onboarding timers, to see resends and expiry
beforeAll(async () => {
  s = await startDirectoryStack({ agentOnlineWindowMs: 60_000 });
  quick = await startDirectoryStack({ onboarding: { resendDelaysMs: [300], expireAfterMs: 300 } });
});
afterAll(async () => {
  await s?.stop();
  await quick?.stop();
});

const nudge = (stack: DirectoryStack, instanceId: string, type: string, payload?: Record<string, unknown>) =>
  request(stack.app).post(`/api/instances/${instanceId}/events`).send({ type, payload, reason: 'fixture nudge' });
/** Waits for the projection to show the state; a completed process is also awaited, so its history is whole. */
async function reach(stack: DirectoryStack, instanceId: string, state: string, status = 'running') {
  await eventually(
    async () => expect(await instanceRow(stack.db, instanceId)).toMatchObject({ state, status }),
    30_000,
  );
  if (status === 'completed') await stack.client.workflow.getHandle(instanceId).result();
}
const tokenOf = (path: string) => new URL(`http://x${path}`).searchParams.get('token')!;
const mailTo = (stack: DirectoryStack, email: string, n = 1) =>
  eventually(() => stack.smtp.to(email)[n - 1] ?? Promise.reject(new Error(`no mail ${n} yet`)));

async function clientUser(stack: DirectoryStack, email: string) {
  const { companyId } = await createOfficeWithCompany(stack.app);
  const created = await request(stack.app).post('/api/clientUsers').send({ companyId, name: 'Cli', email }).expect(201);
  return created.body as { id: string; instanceId: string };
}

describe('clientUserOnboarding, recorded', () => {
  it('registers a new address through the portal', async () => {
    const email = randomEmail('reg');
    const { instanceId } = await clientUser(s, email);
    const mail = await mailTo(s, email);
    await request(s.app)
      .post('/portal/api/register')
      .send({ token: tokenOf(portalPath(mail)), password: 'a good password 1' })
      .expect(200);
    await reach(s, instanceId, 'registered', 'completed');
    await recordFixture('clientUserOnboarding-registered', s.client, instanceId);
  });

  it('follows the placeholder procedure for an existing account and links it', async () => {
    const email = randomEmail('link');
    const password = 'the existing password';
    await existingAccount(s.db, email, password);
    const { instanceId } = await clientUser(s, email);
    const mail = await mailTo(s, email);
    await reach(s, instanceId, 'awaitingLink');
    await request(s.app)
      .post('/portal/api/link')
      .send({ token: tokenOf(portalPath(mail)), password })
      .expect(200);
    await reach(s, instanceId, 'linked', 'completed');
    expect(pathOf(await transitionsOf(s.db, instanceId)).map((l) => l.split(' -')[0])).toEqual([
      '∅',
      'checkingEmail',
      'registeringWithPlaceholder',
      'correctingEmail',
      'resendingRegistration',
      'awaitingLink',
      'linkingAccounts',
    ]);
    await recordFixture('clientUserOnboarding-linked', s.client, instanceId);
  });

  it('resends on its timer, then expires', async () => {
    const { instanceId } = await clientUser(quick, randomEmail('exp'));
    await reach(quick, instanceId, 'expired', 'completed');
    const events = (await transitionsOf(quick.db, instanceId)).map((t) => t.event);
    expect(events.filter((e) => e.startsWith('xstate.after.'))).toHaveLength(2);
    await recordFixture('clientUserOnboarding-expired', quick.client, instanceId);
  });

  it('takes an e-mail correction, resend now, a longer deadline and cancel from operators', async () => {
    const { id, instanceId } = await clientUser(s, randomEmail('typo'));
    await reach(s, instanceId, 'awaitingRegistration');
    await request(s.app)
      .put(`/api/clientUsers/${id}`)
      .send({ email: randomEmail('fixed'), reason: 'typo' })
      .expect(200);
    await eventually(async () =>
      expect((await transitionsOf(s.db, instanceId)).at(-1)).toMatchObject({ to: 'awaitingRegistration' }),
    );
    await reach(s, instanceId, 'awaitingRegistration');
    expect((await nudge(s, instanceId, 'RESEND_NOW')).status).toBe(200);
    await reach(s, instanceId, 'awaitingRegistration');
    expect((await nudge(s, instanceId, 'EXTEND_DEADLINE', { days: 3 })).status).toBe(200);
    expect((await nudge(s, instanceId, 'CANCEL')).status).toBe(200);
    await reach(s, instanceId, 'cancelled', 'completed');
    const events = (await transitionsOf(s.db, instanceId)).map((t) => t.event);
    expect(events).toEqual(expect.arrayContaining(['CORRECT_EMAIL', 'RESEND_NOW', 'EXTEND_DEADLINE', 'CANCEL']));
    await recordFixture('clientUserOnboarding-nudged', s.client, instanceId);
  });

  it('stops, stuck, when the address cannot receive mail, until an operator cancels', async () => {
    const { instanceId } = await clientUser(s, `nobody.${crypto.randomUUID().slice(0, 8)}@example.invalid`);
    await reach(s, instanceId, 'sendFailed');
    expect(Boolean((await instanceRow(s.db, instanceId))?.stuck)).toBe(true);
    expect((await nudge(s, instanceId, 'CANCEL')).status).toBe(200);
    await reach(s, instanceId, 'cancelled', 'completed');
    await recordFixture('clientUserOnboarding-send-failed', s.client, instanceId);
  });

  it('ends deactivated when the client user is deactivated', async () => {
    const { id, instanceId } = await clientUser(s, randomEmail('gone'));
    await reach(s, instanceId, 'awaitingRegistration');
    await request(s.app).put(`/api/clientUsers/${id}`).send({ status: 'inactive', reason: 'left' }).expect(200);
    await reach(s, instanceId, 'deactivated', 'completed');
    await recordFixture('clientUserOnboarding-deactivated', s.client, instanceId);
  });

  it('carries its wait, timer and counters across continue-as-new', async () => {
    const { companyId, officeId } = await createOfficeWithCompany(s.app);
    const clientUserId = `cu-${crypto.randomUUID().slice(0, 8)}`;
    // The row the API would create; the process is started here to ask for short runs, which the API never does.
    await s.db('clientUsers').insert({
      id: clientUserId,
      companyId,
      officeId,
      name: 'Cli',
      email: randomEmail('can'),
      status: 'pending',
      createdAt: new Date().toISOString(),
    });
    const { instanceId } = await s.instances.start({
      machine: 'clientUserOnboarding',
      input: { clientUserId, officeId, companyId, timing: { resendDelaysMs: [3_600_000], expireAfterMs: 3_600_000 } },
      actor: 'system',
      transitionsPerRun: 2,
    });
    await reach(s, instanceId, 'awaitingRegistration');
    expect((await nudge(s, instanceId, 'EXTEND_DEADLINE', { days: 1 })).status).toBe(200);
    expect((await nudge(s, instanceId, 'RESEND_NOW')).status).toBe(200);
    await reach(s, instanceId, 'awaitingRegistration');
    expect((await s.instances.snapshot(instanceId)).timers).toHaveLength(1);
    expect((await nudge(s, instanceId, 'CANCEL')).status).toBe(200);
    await reach(s, instanceId, 'cancelled', 'completed');
    const last = await s.client.workflow.getHandle(instanceId).fetchHistory();
    expect(last.events?.[0]?.workflowExecutionStartedEventAttributes?.continuedExecutionRunId).toBeTruthy();
    await recordFixtureRuns('clientUserOnboarding-continued', s.client, instanceId);
  });
});

async function officeUser(officeId: string, role: 'manager' | 'staff', who: string) {
  const email = randomEmail(who);
  const password = `${who} platform password`;
  await existingAccount(s.db, email, password);
  const created = await request(s.app).post('/api/officeUsers').send({ officeId, name: who, email, role }).expect(201);
  return { id: created.body.id as string, instanceId: created.body.instanceId as string, email, password };
}

const newOffice = async () =>
  (await request(s.app).post('/api/offices').send({ name: 'Escritório', cnpj: randomCnpj() }).expect(201)).body
    .id as string;

// New processes run officeUserLink version 2; version 1's fixtures (officeUserLink-*.json) were
// recorded before it and keep replaying as they are.
describe('officeUserLink, recorded', () => {
  it('holds staff for the manager and the agent, rejects wrong credentials, links, then unlinks', async () => {
    const officeId = await newOffice();
    const staff = await officeUser(officeId, 'staff', 'staff');
    await reach(s, staff.instanceId, 'awaitingManager');
    const manager = await officeUser(officeId, 'manager', 'manager');
    await reach(s, manager.instanceId, 'awaitingAgent');
    await request(s.app).post(`/api/offices/${officeId}/agent-heartbeat`).expect(200);
    await reach(s, manager.instanceId, 'awaitingCredentials');
    await request(s.app).post(`/api/officeUsers/${manager.id}/credentials`).send({ password: 'wrong one' }).expect(401);
    await request(s.app)
      .post(`/api/officeUsers/${manager.id}/credentials`)
      .send({ password: 'wrong again' })
      .expect(401);
    await request(s.app)
      .post(`/api/officeUsers/${manager.id}/credentials`)
      .send({ password: manager.password })
      .expect(200);
    await reach(s, manager.instanceId, 'linked.connected');
    await reach(s, staff.instanceId, 'awaitingCredentials'); // woken by the manager's link
    await request(s.app)
      .post(`/api/officeUsers/${staff.id}/credentials`)
      .send({ password: staff.password })
      .expect(200);
    await reach(s, staff.instanceId, 'linked.connected');
    await request(s.app).put(`/api/officeUsers/${staff.id}`).send({ active: false, reason: 'left' }).expect(200);
    await reach(s, staff.instanceId, 'deactivated', 'completed');
    await recordFixture('officeUserLink-v2-manager', s.client, manager.instanceId);
    await recordFixture('officeUserLink-v2-staff', s.client, staff.instanceId);
  });

  it('rechecks on an operator nudge and across continue-as-new, then is deactivated while waiting', async () => {
    const officeId = await newOffice();
    const officeUserId = `ou-${crypto.randomUUID().slice(0, 8)}`;
    // The row the API would create; the process is started here to ask for short runs, which the API never does.
    await s.db('officeUsers').insert({
      id: officeUserId,
      officeId,
      name: 'Staff',
      email: randomEmail('can'),
      role: 'manager',
      createdAt: new Date().toISOString(),
    });
    const { instanceId } = await s.instances.start({
      machine: 'officeUserLink',
      input: { officeUserId, officeId, timing: testOfficeLinkTiming({}) },
      actor: 'system',
      transitionsPerRun: 3,
    });
    await reach(s, instanceId, 'awaitingAgent');
    for (let i = 0; i < 3; i += 1) {
      expect((await nudge(s, instanceId, 'RECHECK')).status).toBe(200);
      await reach(s, instanceId, 'awaitingAgent');
    }
    await s.instances.send(instanceId, { event: { type: 'DEACTIVATE' }, actor: 'system' });
    await reach(s, instanceId, 'deactivated', 'completed');
    const last = await s.client.workflow.getHandle(instanceId).fetchHistory();
    expect(last.events?.[0]?.workflowExecutionStartedEventAttributes?.continuedExecutionRunId).toBeTruthy();
    await recordFixtureRuns('officeUserLink-v2-continued', s.client, instanceId);
  });
});
