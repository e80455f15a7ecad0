import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { existingAccount, randomCnpj, randomEmail } from '../support/directoryStack.js';
import { instanceRow } from '../support/projection.js';
import { eventually } from '../support/stack.js';
import { loginWithApi, showUrl } from './support/browser.js';
import { useConsole } from './support/pageHooks.js';
import { seedWaitingClientUsers } from './support/seed.js';

const session = useConsole();

/** An office whose agent answers and an office user waiting for the platform account's credentials. */
async function officeUserAwaitingCredentials(name: string, withAccount = true) {
  const s = session.stack;
  const office = await request(s.app)
    .post('/api/offices')
    .send({ name: `Escritório ${name}`, cnpj: randomCnpj() });
  const officeId = office.body.id as string;
  await request(s.app).post(`/api/offices/${officeId}/agent-heartbeat`).expect(200);
  const email = randomEmail(name.toLowerCase());
  if (withAccount) await existingAccount(s.db, email, `${name} platform password`);
  const created = await request(s.app)
    .post('/api/officeUsers')
    .send({ officeId, name, email, role: 'manager' })
    .expect(201);
  const { id, instanceId } = created.body as { id: string; instanceId: string };
  if (withAccount)
    await eventually(async () =>
      expect(await instanceRow(s.db, instanceId)).toMatchObject({ state: 'awaitingCredentials' }),
    );
  return { id, instanceId, email };
}

const reasonOf = async (action: string, target: string) =>
  (await session.stack.db('audit').where({ action, target }).select('reason')).map((r: { reason: string }) => r.reason);

describe('directory actions from the console pages', () => {
  it('deactivates a client user after a confirmation with a reason, then offers it no more', async () => {
    const { stack: s, context, page } = session;
    const [user] = await seedWaitingClientUsers(s, ['Sônia Prates'], 'Contábil Desliga');
    await loginWithApi(context, await s.operator('operator'));
    await page.goto(showUrl('clientUsers', user!.id));

    await page.getByRole('button', { name: 'Deactivate' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByText('This cannot be undone').waitFor();
    // Too short a reason: the action's schema refuses it before anything is sent.
    await dialog.getByLabel('Reason').fill('no');
    await dialog.getByRole('button', { name: 'Deactivate' }).click();
    await dialog.getByText('Reason must have 3 characters at least').waitFor();
    expect((await s.db('clientUsers').where({ id: user!.id }).first()).status).not.toBe('inactive');

    await dialog.getByLabel('Reason').fill('left the company');
    await dialog.getByRole('button', { name: 'Deactivate' }).click();
    await page.getByText('User deactivated.').waitFor();
    expect((await s.db('clientUsers').where({ id: user!.id }).first()).status).toBe('inactive');
    expect(await reasonOf('clientUsers.update', `clientUsers:${user!.id}`)).toEqual(['left the company']);
    await page.getByRole('button', { name: 'Deactivate' }).waitFor({ state: 'detached' });

    const again = await request(s.app).post(`/api/clientUsers/${user!.id}/deactivate`).send({ reason: 'again' });
    expect(again.status).toBe(409);
    expect(again.body.message).toBe('This client user is already inactive.');
  });

  it('records an office user credentials as verified after a call, and the link goes ahead', async () => {
    const { stack: s, context, page } = session;
    const { id, instanceId } = await officeUserAwaitingCredentials('Vera');
    await loginWithApi(context, await s.operator('operator'));
    await page.goto(showUrl('officeUsers', id));

    await page.getByRole('button', { name: 'Credentials verified' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('Reason').fill('called Vera, she confirmed her account');
    await dialog.getByRole('button', { name: 'Credentials verified' }).click();
    await page.getByText('Credentials recorded as verified.').waitFor();

    await eventually(async () =>
      expect(await instanceRow(s.db, instanceId)).toMatchObject({ state: 'linked.connected' }),
    );
    expect(await reasonOf('officeUsers.credentials.verifiedByOperator', `officeUsers:${id}`)).toEqual([
      'called Vera, she confirmed her account',
    ]);
  });

  it('shows the API refusal when the office user has no platform account, and deactivates once', async () => {
    const { stack: s, context, page } = session;
    const { id, email } = await officeUserAwaitingCredentials('Nuno', false);
    await loginWithApi(context, await s.operator('operator'));
    await page.goto(showUrl('officeUsers', id));

    await page.getByRole('button', { name: 'Credentials verified' }).click();
    let dialog = page.getByRole('dialog');
    await dialog.getByLabel('Reason').fill('called Nuno');
    await dialog.getByRole('button', { name: 'Credentials verified' }).click();
    await page.getByText(`${email} has no platform account yet`).waitFor();
    expect(await reasonOf('officeUsers.credentials.verifiedByOperator', `officeUsers:${id}`)).toEqual([]);
    await dialog.getByRole('button', { name: 'Cancel' }).click();

    await page.getByRole('button', { name: 'Deactivate' }).click();
    dialog = page.getByRole('dialog');
    await dialog.getByLabel('Reason').fill('no longer at the office');
    await dialog.getByRole('button', { name: 'Deactivate' }).click();
    await page.getByText('User deactivated.').waitFor();
    expect(await reasonOf('officeUsers.update', `officeUsers:${id}`)).toEqual(['no longer at the office']);

    const again = await request(s.app).post(`/api/officeUsers/${id}/deactivate`).send({ reason: 'again' });
    expect(again.status).toBe(409);
    expect(again.body.message).toBe('This office user is already inactive.');
    expect(await reasonOf('officeUsers.update', `officeUsers:${id}`)).toHaveLength(1);
  });
});
