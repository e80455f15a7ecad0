import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { existingAccount, randomCnpj, randomEmail } from '../support/directoryStack.js';
import { instanceRow } from '../support/projection.js';
import { eventually } from '../support/stack.js';
import { loginWithApi, showUrl } from './support/browser.js';
import { useConsole } from './support/pageHooks.js';

const session = useConsole();

describe('an office user page', () => {
  it('shows the link as a coloured chip, not as the raw state', async () => {
    const { stack: s, page, context } = session;
    const office = await request(s.app).post('/api/offices').send({ name: 'Escritório Chip', cnpj: randomCnpj() });
    const officeId = office.body.id as string;
    await request(s.app).post(`/api/offices/${officeId}/agent-heartbeat`).expect(200);
    const email = randomEmail('chip');
    await existingAccount(s.db, email, 'chip platform password');
    const created = await request(s.app)
      .post('/api/officeUsers')
      .send({ officeId, name: 'Chip Manager', email, role: 'manager' })
      .expect(201);
    const { id, instanceId } = created.body as { id: string; instanceId: string };
    await eventually(async () =>
      expect(await instanceRow(s.db, instanceId)).toMatchObject({ state: 'awaitingCredentials' }),
    );
    await loginWithApi(context, await s.operator('auditor'));

    await page.goto(showUrl('officeUsers', id));
    const chip = page.locator('[data-link-health]');
    await chip.waitFor();
    expect(await chip.getAttribute('data-link-health')).toBe('pending');
    expect(await chip.getAttribute('class')).toContain('MuiChip-colorPrimary');

    await request(s.app).post(`/api/officeUsers/${id}/credentials`).send({ password: 'chip platform password' });
    await eventually(async () =>
      expect(await instanceRow(s.db, instanceId)).toMatchObject({ state: 'linked.connected' }),
    );
    await page.reload();
    await page.locator('[data-link-health="connected"]').waitFor();
    const connected = page.locator('[data-link-health="connected"]');
    expect(await connected.getAttribute('class')).toContain('MuiChip-colorSuccess');
    expect(await connected.innerText()).not.toContain('linked');
  });
});
