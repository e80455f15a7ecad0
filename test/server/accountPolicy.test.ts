import crypto from 'node:crypto';
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import type { AccountAction } from '../../domain/access/policy.js';
import { registerIdentity } from '../../domain/directory/identities.js';
import { createOfficeWithCompany, randomEmail, useDirectoryStack } from '../support/directoryStack.js';
import { portalSignIn, type PortalAuth } from '../support/portalPeople.js';
import { eventually } from '../support/stack.js';

// Who may do what with a client account: the office's manager, its other users, the company's
// admin, an operator (the console) and nobody signed in, × each action, through the real routes.

const s = useDirectoryStack({ billingDelayMs: 3_600_000 });

const password = 'uma senha bem longa 42';
const now = () => new Date().toISOString();

async function officePerson(officeId: string, role: 'manager' | 'staff') {
  const email = randomEmail(role);
  const identity = await registerIdentity(s.db, email, password);
  await s.db('officeUsers').insert({
    id: crypto.randomUUID(),
    officeId,
    name: role,
    email,
    role,
    active: true,
    identityId: identity.id,
    linkedAt: now(),
    createdAt: now(),
  });
  return portalSignIn(s.app, email, password);
}

async function companyAdmin(companyId: string, officeId: string) {
  const email = randomEmail('admin');
  const identity = await registerIdentity(s.db, email, password);
  await s.db('clientUsers').insert({
    id: crypto.randomUUID(),
    companyId,
    officeId,
    name: 'Admin',
    email,
    identityId: identity.id,
    status: 'registered',
    portalAccess: true,
    companyRole: 'admin',
    createdAt: now(),
  });
  return portalSignIn(s.app, email, password);
}

type Who = 'manager' | 'staff' | 'clientAdmin' | 'operator' | 'anonymous';
const bodies: Record<AccountAction, object | undefined> = {
  view: undefined,
  openSettings: undefined,
  changeStatus: { status: 'Efetivado', reason: 'payment received' },
  rotateKey: { reason: 'a new application' },
  changePlan: { planId: 'empresarial', reason: 'more users' },
};
const portalPath: Record<AccountAction, string> = {
  view: '',
  openSettings: '/settings',
  changeStatus: '/status',
  rotateKey: '/keys',
  changePlan: '/plan',
};
// The console's routes for the same actions (operators act there, under the console's roles).
const consolePath: Record<AccountAction, string> = { ...portalPath, openSettings: '' };

/** The matrix the issue states: 2xx allowed, 403 refused with why, 401 for nobody. */
const expected: Record<Who, Record<AccountAction, 'allow' | 'deny' | 'unauthenticated'>> = {
  manager: { view: 'allow', openSettings: 'allow', changeStatus: 'allow', rotateKey: 'allow', changePlan: 'allow' },
  staff: { view: 'allow', openSettings: 'deny', changeStatus: 'deny', rotateKey: 'deny', changePlan: 'deny' },
  clientAdmin: { view: 'allow', openSettings: 'allow', changeStatus: 'deny', rotateKey: 'allow', changePlan: 'deny' },
  operator: { view: 'allow', openSettings: 'allow', changeStatus: 'allow', rotateKey: 'allow', changePlan: 'allow' },
  anonymous: {
    view: 'unauthenticated',
    openSettings: 'unauthenticated',
    changeStatus: 'unauthenticated',
    rotateKey: 'unauthenticated',
    changePlan: 'unauthenticated',
  },
};

describe('the access policy of client accounts', () => {
  it('answers each person × action as the matrix says, each refusal saying why', async () => {
    const auth: Partial<Record<Who, PortalAuth>> = {};
    const results: Record<string, string> = {};
    const wanted: Record<string, string> = {};
    for (const who of Object.keys(expected) as Who[]) {
      // A fresh account per person, so one person's change does not decide the next one's answer.
      const { officeId, companyId } = await createOfficeWithCompany(s.app, `Contábil ${who}`);
      await request(s.app).post('/api/accounts').send({ companyId, planId: 'essencial', payer: 'office' }).expect(201);
      await eventually(async () =>
        expect(
          await s
            .db('instances')
            .where({ id: `clientContract-${companyId}` })
            .first('state'),
        ).toEqual({
          state: 'trial',
        }),
      );
      if (who === 'manager') auth.manager = await officePerson(officeId, 'manager');
      if (who === 'staff') auth.staff = await officePerson(officeId, 'staff');
      if (who === 'clientAdmin') auth.clientAdmin = await companyAdmin(companyId, officeId);
      for (const action of Object.keys(bodies) as AccountAction[]) {
        const body = bodies[action];
        const path =
          who === 'operator'
            ? `/api/accounts/${companyId}${consolePath[action]}`
            : `/portal/api/accounts/${companyId}${portalPath[action]}`;
        let r = body ? request(s.app).post(path).send(body) : request(s.app).get(path);
        if (who !== 'operator' && who !== 'anonymous') r = r.set(auth[who]!);
        const res = await r;
        const outcome =
          res.status < 300
            ? 'allow'
            : res.status === 403
              ? 'deny'
              : res.status === 401
                ? 'unauthenticated'
                : String(res.status);
        results[`${who} ${action}`] = outcome;
        wanted[`${who} ${action}`] = expected[who][action];
        if (outcome === 'deny') {
          expect(res.body.error).toBe('access_denied');
          expect(res.body.why, `${who} ${action}`).toMatch(/^You are /);
        }
      }
    }
    expect(results).toEqual(wanted);
  });

  it('lists the accounts of the chosen office for its users only, and refuses the staff’s key rotation changing nothing', async () => {
    const { officeId, companyId } = await createOfficeWithCompany(s.app, 'Contábil Lista');
    await request(s.app).post('/api/accounts').send({ companyId, planId: 'essencial', payer: 'office' }).expect(201);
    const staff = await officePerson(officeId, 'staff');
    const list = await request(s.app).get('/portal/api/office/accounts').set(staff).expect(200);
    expect(list.body.map((a: { companyName: string }) => a.companyName)).toEqual(['Contábil Lista Cliente']);
    const refused = await request(s.app)
      .post(`/portal/api/accounts/${companyId}/keys`)
      .set(staff)
      .send({ reason: 'try' })
      .expect(403);
    expect(refused.body.why).toMatch(/not its manager.*Only the office’s manager \(Gestor\)/);
    expect(await s.db('integrationKeys').where({ companyId })).toHaveLength(0);
    const { companyId: other } = await createOfficeWithCompany(s.app, 'Contábil Outro');
    const admin = await companyAdmin(other, (await s.db('companies').where({ id: other }).first('officeId')).officeId);
    expect((await request(s.app).get('/portal/api/office/accounts').set(admin).expect(403)).body.error).toBe(
      'access_denied',
    );
  });
});
