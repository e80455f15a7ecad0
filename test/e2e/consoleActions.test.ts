import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { createOfficeWithCompany } from '../support/directoryStack.js';
import { eventually } from '../support/stack.js';
import { loginWithApi, showUrl } from './support/browser.js';
import { useConsole } from './support/pageHooks.js';
import { seedWaitingClientUsers } from './support/seed.js';

const session = useConsole();

describe('audited actions in the console', () => {
  it('resends an e-mail from the outbox once a reason is given', async () => {
    const { stack: s, context, page } = session;
    const [user] = await seedWaitingClientUsers(s, ['Flávia Nunes'], 'Contábil Épsilon');
    const message = await s.db('outbox').where({ to: user!.email }).first();
    await loginWithApi(context, await s.operator('operator'));
    await page.goto(showUrl('outbox', message.id));

    await page.getByRole('button', { name: 'Resend' }).click();
    const dialog = page.getByRole('dialog');
    const confirm = dialog.getByRole('button', { name: 'Resend' });
    expect(await confirm.isDisabled()).toBe(true);
    await dialog.getByLabel('Reason').fill('the client cannot find it');
    await confirm.click();
    await page.getByText('E-mail queued again.').waitFor();

    await eventually(() => expect(s.smtp.to(user!.email)).toHaveLength(2));
    expect(await s.db('audit').where({ action: 'outbox.resend', target: `outbox:${message.id}` })).toMatchObject([
      { reason: 'the client cannot find it' },
    ]);
  });

  it('issues a token for the office agent, shown once, that the agent can report with', async () => {
    const { stack: s, context, page } = session;
    const { officeId } = await createOfficeWithCompany(s.app, 'Contábil Zeta');
    await loginWithApi(context, await s.operator('operator'));
    await page.goto(showUrl('offices', officeId));

    await page.getByRole('button', { name: 'Agent token' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('Reason').fill('agent installed at the office');
    await dialog.getByRole('button', { name: 'Agent token' }).click();
    const token = await dialog.getByLabel('Token', { exact: true }).inputValue();
    expect(token).toMatch(/^vat_/);
    await dialog.getByRole('button', { name: 'Close' }).click();

    const beat = await request(s.app)
      .post(`/api/offices/${officeId}/agent-heartbeat`)
      .set('Authorization', `Bearer ${token}`);
    expect(beat.status).toBe(200);
    expect((await s.db('offices').where({ id: officeId }).first()).agentOnlineAt).toBe(beat.body.agentOnlineAt);
  });
});
