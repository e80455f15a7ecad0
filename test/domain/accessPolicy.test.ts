import { describe, expect, it } from 'vitest';
import {
  accountActions,
  accountRoleOf,
  actions,
  areaActions,
  areas,
  authorize,
  authorizeAccount,
  decide,
  policyMatrix,
  ruleFor,
} from '../../domain/access/policy.js';
import { registerIdentity } from '../../domain/directory/identities.js';
import { contractService } from '../../domain/services/contracts.js';
import { hiringService } from '../../domain/services/hiring.js';
import { officeWithCompany, testMail, testTimings } from '../support/memory/directory.js';
import { useMemoryDeps } from '../support/memory/deps.js';
import { randomEmail } from '../support/randomIds.js';
import { signUpForm } from '../support/signUpForm.js';

// The access policy as the domain answers it; test/server/accessPolicy.test.ts asks it through
// the company-data endpoints, with every kind of person.

describe('the access policy matrix', () => {
  it('answers every role, area and action, allowing exactly what the matrix allows and saying why not', () => {
    for (const role of ['companyAdmin', 'companyUser', 'accountant'] as const)
      for (const area of areas)
        for (const action of actions) {
          const rule = policyMatrix[role][area][action];
          const answer = ruleFor(role, area, action);
          expect(answer.allow, `${role} ${action} ${area}`).toBe(rule === true);
          expect(answer.reason.length).toBeGreaterThan(10);
          if (!areaActions[area].includes(action)) expect(answer.allow).toBe(false);
        }
    for (const area of areas) for (const action of actions) expect(ruleFor('none', area, action).allow).toBe(false);
  });

  it('gives the accountant the data and none of the settings, and simple users no XML export', () => {
    expect(ruleFor('accountant', 'issuedXmls', 'export').allow).toBe(true);
    expect(ruleFor('accountant', 'settings', 'read')).toMatchObject({
      allow: false,
      reason: expect.stringContaining('settings'),
    });
    expect(ruleFor('companyUser', 'supplierXmls', 'export').allow).toBe(false);
    expect(ruleFor('companyUser', 'reports', 'export').allow).toBe(true);
  });
});

describe('decisions for people', () => {
  const d = useMemoryDeps();

  /** A company whose admin signed it up through a hiring link, as the portal does. */
  async function companyWithAdmin() {
    const { officeId } = await officeWithCompany(d);
    const hiring = hiringService({
      ...d,
      timing: testTimings.hiring,
      tokenSecret: 'secret',
      mail: testMail,
      contracts: contractService({ ...d, timing: testTimings.contract }),
    });
    const { link } = await hiring.send(
      { officeId, planId: 'profissional', payer: 'client', email: randomEmail('f'), locale: 'pt-BR' },
      'operator:o1',
    );
    const form = signUpForm(new URL(link).searchParams.get('token')!);
    const { companyId } = await hiring.signUp(form);
    const admin = await d.db('identities').where({ email: form.adminEmail }).first('id');
    return { companyId, adminId: String(admin.id) };
  }

  it("lets the company's admin change its settings and rotate its key, not its plan", async () => {
    const { companyId, adminId } = await companyWithAdmin();
    expect(await decide(d.db, adminId, companyId, 'settings', 'write')).toMatchObject({
      role: 'companyAdmin',
      allow: true,
    });
    expect(await accountRoleOf(d.db, adminId, companyId)).toMatchObject({ role: 'companyAdmin' });
    expect(await authorizeAccount(d.db, adminId, companyId, 'rotateKey')).toMatchObject({ role: 'companyAdmin' });
    await expect(authorizeAccount(d.db, adminId, companyId, 'changePlan')).rejects.toMatchObject({
      kind: 'forbidden',
      details: { role: 'companyAdmin', action: 'changePlan' },
    });
  });

  it('refuses a person with no tie to the company everything, saying why, and a company that does not exist', async () => {
    const { companyId } = await companyWithAdmin();
    const stranger = await registerIdentity(d.db, randomEmail('stranger'), 'a long password 12');
    for (const area of areas)
      await expect(authorize(d.db, stranger.id, companyId, area, 'read')).rejects.toMatchObject({
        kind: 'forbidden',
        code: 'access_denied',
        details: { role: 'none', area, why: expect.stringContaining('not a user of') },
      });
    for (const action of accountActions)
      await expect(authorizeAccount(d.db, stranger.id, companyId, action)).rejects.toMatchObject({ kind: 'forbidden' });
    await expect(decide(d.db, stranger.id, 'no-company', 'reports', 'read')).rejects.toMatchObject({
      kind: 'not_found',
    });
  });
});
