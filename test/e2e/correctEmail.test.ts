import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { randomEmail } from '../support/directoryStack.js';
import { eventually } from '../support/stack.js';
import { loginWithApi, showUrl } from './support/browser.js';
import { useConsole } from './support/pageHooks.js';
import { seedWaitingClientUsers } from './support/seed.js';

const session = useConsole();

describe('correcting a client user e-mail from the console', () => {
  it('takes the new address, audits the change with its reason, and the next mail reaches the new address', async () => {
    const { stack: s, context, page } = session;
    const [user, other] = await seedWaitingClientUsers(s, ['Rita Moraes', 'Otávio Lins'], 'Contábil Correção');
    await eventually(() => expect(s.smtp.to(user!.email)).toHaveLength(1));
    await loginWithApi(context, await s.operator('operator'));
    await page.goto(showUrl('clientUsers', user!.id));

    await page.getByRole('button', { name: 'Correct the e-mail' }).click();
    const dialog = page.getByRole('dialog');
    const field = dialog.getByLabel('New e-mail');
    // The form checks the address against the action's schema before anything is sent.
    await field.fill('rita-at-nowhere');
    await dialog.getByLabel('Reason').fill('the client spelled it wrong on the phone');
    await dialog.getByRole('button', { name: 'Correct the e-mail' }).click();
    await dialog.getByText('New e-mail is not a valid e-mail address').waitFor();

    // An address another active user of the company holds: the API refuses, the console says why.
    await field.fill(other!.email);
    await dialog.getByRole('button', { name: 'Correct the e-mail' }).click();
    await page.getByText(`An active user of this company already has the e-mail ${other!.email}.`).waitFor();
    expect((await s.db('clientUsers').where({ id: user!.id }).first()).pendingEmail).toBeNull();

    const corrected = randomEmail('rita.certo');
    await field.fill(corrected);
    await dialog.getByRole('button', { name: 'Correct the e-mail' }).click();
    await page.getByText('E-mail corrected.').waitFor();

    await eventually(() => expect(s.smtp.to(corrected)).toHaveLength(1));
    expect(s.smtp.to(user!.email)).toHaveLength(1);
    expect(
      await s.db('audit').where({ action: 'clientUsers.update', target: `clientUsers:${user!.id}` }),
    ).toMatchObject([{ reason: 'the client spelled it wrong on the phone' }]);
    // The instance timeline (its transitions) shows the event with the same reason.
    await eventually(async () =>
      expect(
        await s.db('transitions').where({ instanceId: user!.instanceId, event: 'CORRECT_EMAIL' }).select('reason'),
      ).toEqual([{ reason: 'the client spelled it wrong on the phone' }]),
    );

    // The process's page shows both: the event in its timeline and the directory change beside it.
    await page.goto(showUrl('instances', user!.instanceId));
    await page
      .locator('[data-testid="timeline"] tr', { hasText: 'the client spelled it wrong on the phone' })
      .getByText('CORRECT_EMAIL')
      .waitFor();
    await page
      .locator('[data-testid="directory-changes"] tr', { hasText: 'the client spelled it wrong on the phone' })
      .getByText('clientUsers.update')
      .waitFor();
  });

  it("speaks the operator's language: the form and its schema check in Portuguese, nothing sent", async () => {
    const { stack: s, context, page } = session;
    const [user] = await seedWaitingClientUsers(s, ['Sara Nunes'], 'Contábil Idioma');
    await loginWithApi(context, await s.operator('operator'));
    await page.goto(showUrl('clientUsers', user!.id));
    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('menuitem', { name: 'Português (Brasil)' }).click();

    await page.getByRole('button', { name: 'Corrigir o e-mail' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByText(`O novo endereço substitui ${user!.email}`, { exact: false }).waitFor();
    await dialog.getByLabel('Novo e-mail').fill('sara-sem-arroba');
    await dialog.getByRole('button', { name: 'Corrigir o e-mail' }).click();
    await dialog.getByText('Novo e-mail não é um endereço de e-mail válido').waitFor();
    await dialog.getByText('Motivo é obrigatório', { exact: false }).waitFor();
    expect((await s.db('clientUsers').where({ id: user!.id }).first()).email).toBe(user!.email);
  });

  it('refuses an invalid address, an address already used and an inactive user with a 4xx, changing nothing', async () => {
    const { stack: s } = session;
    const [user, other, gone] = await seedWaitingClientUsers(
      s,
      ['Bia Lopes', 'Caio Reis', 'Davi Prado'],
      'Contábil Recusa',
    );
    await request(s.app)
      .post(`/api/clientUsers/${gone!.id}/deactivate`)
      .send({ reason: 'left the company' })
      .expect(200);
    const before = await s.db('clientUsers').orderBy('id');
    const audits = await s.db('audit').count({ n: '*' }).first();
    const cases: Array<[string, Record<string, unknown>, number, RegExp]> = [
      [user!.id, { email: 'not-an-email', reason: 'typo' }, 400, /email: is not a valid e-mail address/],
      [user!.id, { email: randomEmail('x') }, 400, /reason/],
      [user!.id, { email: other!.email, reason: 'typo' }, 409, /already has the e-mail/],
      [user!.id, { email: user!.email, reason: 'typo' }, 409, /already/],
      [gone!.id, { email: randomEmail('y'), reason: 'typo' }, 409, /inactive; their e-mail can no longer be corrected/],
      ['no-such-user', { email: randomEmail('z'), reason: 'typo' }, 404, /does not exist/],
    ];
    for (const [id, body, status, message] of cases) {
      const res = await request(s.app).post(`/api/clientUsers/${id}/correct-email`).send(body);
      expect({ status: res.status, message: res.body.message }).toMatchObject({
        status,
        message: expect.stringMatching(message),
      });
    }
    expect(await s.db('clientUsers').orderBy('id')).toEqual(before);
    expect(await s.db('audit').count({ n: '*' }).first()).toEqual(audits);
  });
});
