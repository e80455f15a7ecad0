// A company's A1 certificate uploaded in the console (a PFX from a small local CA, the company's
// CNPJ in it): one that expires during the run is reminded of once and then expires (invoicing
// blocked); a valid one is renewed with a second upload, or its watch is cancelled by an operator.
import { createTinyCa, type TinyCa } from '../../../test/support/certificates.js';
import { sleep, timers } from '../stack.js';
import { type Scenario, type ScenarioContext, trackerOf } from './context.js';

const machine = 'certificateRenewal';
const year = 365 * 86_400_000;

const ca = (ctx: ScenarioContext) =>
  ctx.once('certificate-ca', async () => {
    const made = createTinyCa();
    ctx.cleanups.push(() => made.cleanup());
    return made;
  });

async function upload(
  ctx: ScenarioContext,
  tiny: TinyCa,
  companyId: string,
  cnpj: string,
  validMs: number,
  name: string,
) {
  const history = async () =>
    ((await ctx.api.ok('GET', `/api/certificates/${companyId}`)).body.history ?? []) as Array<{ status: string }>;
  const accepted = async () => {
    // An upload cut off by a fault may still be validated: its outcome first.
    for (let h = await history(); ; h = await history()) {
      if (!h.some((c) => c.status === 'pending')) return h.filter((c) => c.status !== 'rejected').length;
      await sleep(1000);
    }
  };
  const before = await accepted();
  for (let attempt = 0; ; attempt += 1) {
    // Issued for each attempt: a short-lived certificate must not expire while a fault delays its upload.
    const leaf = tiny.issue({
      name: `${name}-${attempt}`,
      commonName: `CHAOS:${cnpj}`,
      otherNameCnpj: cnpj,
      endDate: new Date(Date.now() + validMs),
    });
    const form = new FormData();
    form.set('companyId', companyId);
    form.set('password', 'chaos-pfx');
    form.set('reason', 'chaos: the company sent its certificate');
    const pfx = tiny.pfx({ key: leaf.key, certs: [leaf.cert], password: 'chaos-pfx' });
    form.set('file', new Blob([new Uint8Array(pfx)]), `${name}.pfx`);
    // Not retried through an outage as it is: the next attempt carries a freshly issued certificate.
    const res = await ctx.api.call('POST', '/api/certificates', form).catch(() => undefined);
    if (res?.status === 201) return;
    ctx.api.retries += 1;
    // An outage, the process busy with a step, an upload (maybe this one, cut off by a fault) being
    // validated, or a short-lived certificate that a slow validation found expired: another one.
    const expired = res?.status === 422 && res.body.error === 'expired';
    if (res && res.status < 500 && ![409, 202].includes(res.status) && !expired)
      throw new Error(`certificate upload: ${res.status} ${JSON.stringify(res.body)}`);
    await sleep(1000);
    if ((await accepted()) > before) return;
  }
}

async function watched(ctx: ScenarioContext, n: number, variant: string, validMs: number) {
  const tiny = await ca(ctx);
  const { companyId, cnpj } = await ctx.officeWithCompany(`certificate-${variant}-${n}`);
  await upload(ctx, tiny, companyId, cnpj, validMs, `${variant}-${n}-first`);
  return { tiny, companyId, cnpj, instanceId: `certificateRenewal-${companyId}` };
}

const tracked = trackerOf(machine);

export const certificateRenewal: Scenario = {
  machine,
  variants: [
    {
      name: 'expired',
      story: 'a certificate valid for a minute: one reminder, then expired and invoicing blocked',
      expect: 'expired',
      path: [
        '∅ -xstate.init-> checking',
        'checking -xstate.done.actor.0.certificateRenewal.checking-> missing',
        'missing -UPLOADED-> validating',
        'validating -xstate.done.actor.0.certificateRenewal.validating-> checkingRenewed',
        'checkingRenewed -xstate.done.actor.0.certificateRenewal.checkingRenewed-> valid',
        'valid -xstate.after.planned.certificateRenewal.valid-> reminding',
        'reminding -xstate.done.actor.0.certificateRenewal.reminding-> checking',
        'checking -xstate.done.actor.0.certificateRenewal.checking-> expiringSoon',
        'expiringSoon -xstate.after.planned.certificateRenewal.expiringSoon-> checking',
        'checking -xstate.done.actor.0.certificateRenewal.checking-> blockingInvoices',
        'blockingInvoices -xstate.done.actor.0.certificateRenewal.blockingInvoices-> expired',
      ],
      // A worker down from before the reminder's mark until after the expiry sends the reminder late,
      // once, and the plan then finds the certificate expired: no wait in expiringSoon.
      alternatives: [
        [
          '∅ -xstate.init-> checking',
          'checking -xstate.done.actor.0.certificateRenewal.checking-> missing',
          'missing -UPLOADED-> validating',
          'validating -xstate.done.actor.0.certificateRenewal.validating-> checkingRenewed',
          'checkingRenewed -xstate.done.actor.0.certificateRenewal.checkingRenewed-> valid',
          'valid -xstate.after.planned.certificateRenewal.valid-> reminding',
          'reminding -xstate.done.actor.0.certificateRenewal.reminding-> checking',
          'checking -xstate.done.actor.0.certificateRenewal.checking-> blockingInvoices',
          'blockingInvoices -xstate.done.actor.0.certificateRenewal.blockingInvoices-> expired',
        ],
        // Accepted just before it expired and planned just after (a validation held up past the
        // mark and the worker down then): nothing left to remind of, invoicing blocked at once.
        [
          '∅ -xstate.init-> checking',
          'checking -xstate.done.actor.0.certificateRenewal.checking-> missing',
          'missing -UPLOADED-> validating',
          'validating -xstate.done.actor.0.certificateRenewal.validating-> checkingRenewed',
          'checkingRenewed -xstate.done.actor.0.certificateRenewal.checkingRenewed-> blockingInvoices',
          'blockingInvoices -xstate.done.actor.0.certificateRenewal.blockingInvoices-> expired',
        ],
      ],
      async drive(ctx, n) {
        const { instanceId } = await watched(ctx, n, 'expired', 2 * timers.certificateReminderBeforeMs);
        return [tracked('expired', instanceId, 'expired')];
      },
    },
    {
      name: 'renewed',
      story: 'a valid certificate replaced by a new upload',
      expect: 'valid',
      path: [
        '∅ -xstate.init-> checking',
        'checking -xstate.done.actor.0.certificateRenewal.checking-> missing',
        'missing -UPLOADED-> validating',
        'validating -xstate.done.actor.0.certificateRenewal.validating-> checkingRenewed',
        'checkingRenewed -xstate.done.actor.0.certificateRenewal.checkingRenewed-> valid',
        'valid -UPLOADED-> validating',
        'validating -xstate.done.actor.0.certificateRenewal.validating-> checkingRenewed',
        'checkingRenewed -xstate.done.actor.0.certificateRenewal.checkingRenewed-> valid',
      ],
      async drive(ctx, n) {
        const w = await watched(ctx, n, 'renewed', year);
        await ctx.until(w.instanceId, ['valid']);
        await upload(ctx, w.tiny, w.companyId, w.cnpj, 2 * year, `renewed-${n}-second`);
        return [tracked('renewed', w.instanceId, 'valid')];
      },
    },
    {
      name: 'cancelled',
      story: 'a valid certificate whose watch an operator cancels',
      expect: 'cancelled',
      path: [
        '∅ -xstate.init-> checking',
        'checking -xstate.done.actor.0.certificateRenewal.checking-> missing',
        'missing -UPLOADED-> validating',
        'validating -xstate.done.actor.0.certificateRenewal.validating-> checkingRenewed',
        'checkingRenewed -xstate.done.actor.0.certificateRenewal.checkingRenewed-> valid',
        'valid -CANCEL-> cancelled',
      ],
      async drive(ctx, n) {
        const w = await watched(ctx, n, 'cancelled', year);
        await ctx.until(w.instanceId, ['valid']);
        await ctx.nudge(w.instanceId, 'valid', 'CANCEL');
        return [tracked('cancelled', w.instanceId, 'cancelled')];
      },
    },
  ],
};
