import request from 'supertest';
import { beforeAll, describe, expect, it } from 'vitest';
import { portalPath } from '../support/mailCatcher.js';
import { createOfficeWithCompany, randomEmail, useDirectoryStack } from '../support/directoryStack.js';
import { eventually } from '../support/stack.js';

// Defect 3 of the hostile probe: POST /api/instances restarted a registered user's finished
// process with 1 ms timers. A start must name an existing entity in a state that allows it,
// timing comes from configuration, and a second process after one ended is explicit and audited.
const s = useDirectoryStack();
let ids: { officeId: string; companyId: string };
beforeAll(async () => {
  ids = await createOfficeWithCompany(s.app);
});

async function clientUser() {
  const email = randomEmail('start');
  const res = await request(s.app)
    .post('/api/clientUsers')
    .send({ companyId: ids.companyId, name: 'Rita', email })
    .expect(201);
  return { id: res.body.id as string, instanceId: res.body.instanceId as string, email };
}
const input = (clientUserId: string, extra: Record<string, unknown> = {}) => ({
  clientUserId,
  officeId: ids.officeId,
  companyId: ids.companyId,
  ...extra,
});
const start = (body: Record<string, unknown>) =>
  request(s.app)
    .post('/api/instances')
    .send({ machine: 'clientUserOnboarding', ...body });
const ended = async (instanceId: string) =>
  eventually(async () => {
    const row = await s.db('instances').where({ id: instanceId }).first();
    if (row?.status === 'running') throw new Error('still running');
    return row;
  });

describe('starting a process through POST /api/instances', () => {
  it('refuses an entity that does not exist', async () => {
    const res = await start({ input: input('no-such-user'), reason: 'try' });
    expect(res.status).toBe(404);
    expect(res.body.message).toMatch(/no client user "no-such-user"/);
  });

  it('refuses timing from the caller, and a registered user whatever is asked', async () => {
    const user = await clientUser();
    const mail = await eventually(() => s.smtp.to(user.email)[0] ?? Promise.reject(new Error('no mail')));
    const token = new URL(`http://x${portalPath(mail)}`).searchParams.get('token')!;
    await request(s.app)
      .post('/portal/api/register')
      .send({ token, password: 'a long unusual passphrase' })
      .expect(200);
    await ended(user.instanceId);
    const sentBefore = s.smtp.to(user.email).length;
    const timing = { resendDelaysMs: Array(10).fill(1), expireAfterMs: 1 };
    const withTiming = await start({ input: input(user.id, { timing }), reason: 'again', restart: true });
    expect(withTiming.status).toBe(400);
    expect(withTiming.body.message).toMatch(/timing/);
    for (const restart of [false, true]) {
      const res = await start({ input: input(user.id), reason: 'again', restart });
      expect(res.status).toBe(409);
      expect(res.body.message).toMatch(/registered/);
    }
    await new Promise((r) => setTimeout(r, 500));
    expect(s.smtp.to(user.email)).toHaveLength(sentBefore);
    expect(await s.db('clientUsers').where({ id: user.id }).first()).toMatchObject({ status: 'registered' });
  });

  it('starts a second process after one ended only when asked to, with a reason, and audits it', async () => {
    const user = await clientUser();
    await eventually(async () => {
      const r = await s.db('instances').where({ id: user.instanceId }).first();
      if (r?.state !== 'awaitingRegistration') throw new Error('not waiting yet');
    });
    await request(s.app)
      .post(`/api/instances/${user.instanceId}/events`)
      .send({ type: 'CANCEL', reason: 'wrong company' })
      .expect(200);
    await ended(user.instanceId);
    await s.client.workflow.getHandle(user.instanceId).result(); // Temporal closes the run just after the projection
    const plain = await start({ input: input(user.id), reason: 'again' });
    expect(plain.status).toBe(409);
    expect(plain.body.message).toMatch(/restart/);
    const noReason = await start({ input: input(user.id), restart: true });
    expect(noReason.status).toBe(400);
    const restarted = await start({ input: input(user.id), reason: 'the user asked for a new link', restart: true });
    expect(restarted.status).toBe(201);
    const second = restarted.body.id as string;
    expect(second).toBe(`${user.instanceId}-r2`);
    expect(await s.db('clientUsers').where({ id: user.id }).first()).toMatchObject({ instanceId: second });
    const row = await eventually(async () => {
      const r = await s.db('instances').where({ id: second }).first();
      if (r?.status !== 'running' || !r.nextTimerAt) throw new Error(`not running yet: ${JSON.stringify(r)}`);
      return r;
    });
    // The configured timing (an hour here), not anything shorter.
    expect(Date.parse(row.nextTimerAt) - Date.now()).toBeGreaterThan(30 * 60_000);
    const audit = await s.db('audit').where({ action: 'instance.restart', target: `instance:${second}` });
    expect(audit).toHaveLength(1);
    expect(audit[0].reason).toBe('the user asked for a new link');
    // The first process keeps its id, history and end; a restart while the second runs is refused.
    expect(await s.db('instances').where({ id: user.instanceId }).first()).toMatchObject({ state: 'cancelled' });
    const again = await start({ input: input(user.id), reason: 'once more', restart: true });
    expect(again.status).toBe(409);
    expect(again.body.message).toMatch(/still running/);
  });
});
