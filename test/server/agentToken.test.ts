import request from 'supertest';
import { beforeAll, describe, expect, it } from 'vitest';
import { composeApp } from '../../server/compose.js';
import { createOfficeWithCompany, useDirectoryStack } from '../support/directoryStack.js';
import { testRegistry } from '../support/registry.js';

const s = useDirectoryStack();
/** The app as `npm start` builds it: console sessions required, agents through their tokens. */
let sessionApp: ReturnType<typeof composeApp>;

beforeAll(async () => {
  sessionApp = composeApp(s.directoryDeps, { registry: testRegistry, version: 'test', temporalOk: async () => true });
});

const issue = async (officeId: string) =>
  (await request(s.app).post(`/api/offices/${officeId}/agent-token`).send({ reason: 'new agent install' }).expect(201))
    .body.token as string;
const beat = (officeId: string, token?: string) => {
  const call = request(sessionApp).post(`/api/offices/${officeId}/agent-heartbeat`);
  return token ? call.set('Authorization', `Bearer ${token}`) : call;
};

describe('the office agent', () => {
  it('reports with its own token and no console session; the console shows a token exists, never the token', async () => {
    const { officeId } = await createOfficeWithCompany(s.app, 'Escritório Agente');
    expect((await beat(officeId)).status).toBe(401);
    const token = await issue(officeId);
    const ok = await beat(officeId, token);
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({ id: officeId, agentOnlineAt: expect.any(String), woken: 0 });
    const office = (await request(s.app).get(`/api/offices/${officeId}`).expect(200)).body;
    expect(office).toMatchObject({ agentTokenIssued: true, agentOnlineAt: ok.body.agentOnlineAt });
    expect(JSON.stringify(office)).not.toContain('agentTokenHash');
    const audit = await s.db('audit').where({ action: 'offices.agent-token', target: `offices:${officeId}` });
    expect(audit).toHaveLength(1);
    expect(JSON.stringify(audit)).not.toContain(token);
    // The heartbeat the agent sent with its token is recorded too, as the agent's own act.
    const beats = await s.db('audit').where({ action: 'offices.agent-heartbeat', target: `offices:${officeId}` });
    expect(beats).toHaveLength(1);
    expect(beats[0]).toMatchObject({ actor: `agent:offices:${officeId}` });
    expect(JSON.stringify(beats)).not.toContain(token);
  });

  it("is refused with a wrong token, with another office's token, and with a token that was replaced", async () => {
    const a = await createOfficeWithCompany(s.app, 'Escritório A');
    const b = await createOfficeWithCompany(s.app, 'Escritório B');
    const tokenA = await issue(a.officeId);
    const before = (await s.db('offices').where({ id: b.officeId }).first()).agentOnlineAt;
    for (const [office, token] of [
      [a.officeId, 'vat_guess'],
      [b.officeId, tokenA],
    ] as const) {
      const res = await beat(office, token);
      expect(res.status).toBe(401);
      expect(res.body).toMatchObject({ error: 'invalid_agent_token' });
    }
    expect((await s.db('offices').where({ id: b.officeId }).first()).agentOnlineAt).toBe(before);
    const replacement = await issue(a.officeId);
    expect((await beat(a.officeId, tokenA)).status).toBe(401);
    expect((await beat(a.officeId, replacement)).status).toBe(200);
  });
});
