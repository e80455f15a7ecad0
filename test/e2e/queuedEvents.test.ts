import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { enqueueEvent } from '../../domain/events/queue.js';
import { portalPath } from '../support/mailCatcher.js';
import { createOfficeWithCompany, randomEmail } from '../support/directoryStack.js';
import { instanceRow } from '../support/projection.js';
import { eventually } from '../support/stack.js';
import { loginWithApi } from './support/browser.js';
import { useConsole } from './support/pageHooks.js';

const session = useConsole();

describe('the queued events screen', () => {
  it('lists events with the names of whom they are for and by, filters by state, and shows why one was refused', async () => {
    const { stack: s, page, context } = session;
    const { companyId } = await createOfficeWithCompany(s.app, 'Escritório Fila');
    const person = async (name: string) => {
      const email = randomEmail('fila');
      const created = await request(s.app).post('/api/clientUsers').send({ companyId, name, email }).expect(201);
      await eventually(async () =>
        expect(await instanceRow(s.db, created.body.instanceId as string)).toMatchObject({
          state: 'awaitingRegistration',
        }),
      );
      return { email, instanceId: created.body.instanceId as string };
    };
    // Quitéria registers through the portal: her REGISTERED is delivered.
    const quiteria = await person('Quitéria Fila');
    const mail = await eventually(() => s.smtp.to(quiteria.email)[0] ?? Promise.reject(new Error('no mail')));
    const token = new URL(`http://x${portalPath(mail)}`).searchParams.get('token')!;
    await request(s.app).post('/portal/api/register').send({ token, password: 'quiteria long password' }).expect(200);
    // Rosalvo's process is sent a link confirmation it does not await: delivered, then refused.
    const rosalvo = await person('Rosalvo Fila');
    const refusedId = await s.db.transaction((trx) =>
      enqueueEvent(trx, {
        instanceId: rosalvo.instanceId,
        event: { type: 'ACCOUNT_LINK_CONFIRMED', identityId: 'someone' },
        actor: 'system',
      }),
    );
    await eventually(async () =>
      expect((await s.db('queuedEvents').where({ id: refusedId }).first()).status).toBe('refused'),
    );

    await loginWithApi(context, await s.operator('auditor'));
    await page.goto('/admin/#/queuedEvents');
    const grid = page.locator('.RaDatagrid-table');
    await grid.getByText('Quitéria Fila').waitFor();
    await grid.getByText('Rosalvo Fila').waitFor();
    const quiteriaRow = grid.locator('tr', { hasText: 'Quitéria Fila' });
    expect(await quiteriaRow.innerText()).toContain('REGISTERED');
    expect(await quiteriaRow.innerText()).toContain('Escritório Fila');
    expect(await quiteriaRow.innerText()).toContain(quiteria.email); // who took the step, by name
    expect(await quiteriaRow.locator('[data-status="delivered"]').count()).toBe(1);
    // Names, not ids: no process id is shown in the list.
    expect(await grid.innerText()).not.toContain(quiteria.instanceId);

    // Filter by state: only the refused one.
    await page.getByRole('combobox', { name: 'Status' }).click();
    await page.getByRole('option', { name: 'Refused' }).click();
    await eventually(async () => expect(await grid.getByText('Quitéria Fila').count()).toBe(0), 10_000);
    await grid.getByText('Rosalvo Fila').waitFor();
    expect(await grid.locator('[data-status="refused"]').count()).toBeGreaterThanOrEqual(1);
    expect(await grid.locator('[data-status="delivered"]').count()).toBe(0);

    // Its page says why it was refused.
    await grid.locator('tr', { hasText: 'Rosalvo Fila' }).first().click();
    await page.waitForURL(/queuedEvents\/.+\/show/);
    const show = page.locator('.RaShow-main');
    await show.getByText('ACCOUNT_LINK_CONFIRMED').first().waitFor();
    expect(await show.innerText()).toContain('Rosalvo Fila');
    expect(await show.innerText()).toMatch(/"ACCOUNT_LINK_CONFIRMED" is not accepted in state "awaitingRegistration"/);
    expect(await show.locator('[data-status="refused"]').count()).toBe(1);
  });
});
