import { describe, expect, it } from 'vitest';
import type { AnyMachineSnapshot } from 'xstate';
import { planRenewal } from '../../domain/certificates/plan.js';
import { certificateRenewal } from '../../machines/certificateRenewal.js';
import { certificateRenewalV1, type CertificatePlan } from '../../machines/certificateRenewal.machine.js';
import { pureMachine, spawned, type Action } from '../support/pureMachine.js';

const day = 86_400_000;
const marks = [30 * day, 15 * day, 7 * day, day];
const input = certificateRenewal.inputSchema.parse({
  companyId: 'c1',
  officeId: 'o1',
  timing: { remindBeforeMs: marks },
});
const { start, step, finish } = pureMachine(certificateRenewalV1.machine, input);
const timer = (s: AnyMachineSnapshot) =>
  step(s, { type: `xstate.after.planned.certificateRenewal.${String(s.value)}` });
const invokeInput = (actions: Action[]) => spawned(actions)[0]?.input;

const now = Date.parse('2026-01-01T00:00:00Z');
const cert = (daysLeft: number) => ({ id: 'cert-1', validUntil: new Date(now + daysLeft * day).toISOString() });

describe('planRenewal', () => {
  it('arms the next reminder still ahead, then the expiry', () => {
    expect(planRenewal(undefined, marks, now).phase).toBe('missing');
    expect(planRenewal(cert(100), marks, now)).toMatchObject({
      phase: 'valid',
      waitMs: 70 * day,
      next: { kind: 'remind', beforeMs: 30 * day },
    });
    // A mark already behind and never sent (worker down, late upload) is sent at once, once.
    expect(planRenewal(cert(20), marks, now)).toMatchObject({
      phase: 'expiringSoon',
      waitMs: 0,
      next: { kind: 'remind', beforeMs: 30 * day },
    });
    expect(planRenewal(cert(20), marks, now, { certificateId: 'cert-1', beforeMs: 30 * day })).toMatchObject({
      waitMs: 5 * day,
      next: { kind: 'remind', beforeMs: 15 * day },
    });
    expect(planRenewal(cert(3), marks, now, { certificateId: 'old', beforeMs: day })).toMatchObject({
      waitMs: 0,
      next: { kind: 'remind', beforeMs: 7 * day },
    });
    expect(planRenewal(cert(0.5), marks, now, { certificateId: 'cert-1', beforeMs: day })).toMatchObject({
      phase: 'expiringSoon',
      waitMs: 0.5 * day,
      next: { kind: 'expire' },
    });
    expect(planRenewal(cert(-1), marks, now).phase).toBe('expired');
  });
});

describe('certificateRenewal (pure)', () => {
  const plan = (daysLeft: number, sentDays?: number): CertificatePlan =>
    planRenewal(cert(daysLeft), marks, now, sentDays ? { certificateId: 'cert-1', beforeMs: sentDays * day } : null);

  it('goes valid → reminding (keyed by certificate and mark) → expiring soon → expired and blocked', () => {
    let [s] = start();
    expect(s.value).toBe('checking');
    [s] = finish(s, plan(40));
    expect(s.value).toBe('valid');
    let actions: Action[];
    [s, actions] = timer(s);
    expect(s.value).toBe('reminding');
    expect(invokeInput(actions)).toEqual({ companyId: 'c1', reminderKey: `cert-1:${30 * day}` });
    [s] = finish(s);
    expect(s.value).toBe('checking');
    expect(s.context.lastReminder).toEqual({ certificateId: 'cert-1', beforeMs: 30 * day });
    [s] = finish(s, plan(0.5, 1));
    expect(s.value).toBe('expiringSoon');
    [s] = timer(s);
    expect(s.value).toBe('checking'); // the expiry timer re-reads rather than trusting the plan
    [s, actions] = finish(s, plan(-0.01));
    expect(s.value).toBe('blockingInvoices');
    expect(actions.some((a) => (a.params as { src?: string })?.src === 'blockCompanyInvoicing')).toBe(true);
    [s] = finish(s);
    expect(s.value).toBe('expired');
  });

  it('takes an upload anywhere; a rejection re-reads and lands back where it was, with the reason', () => {
    let [s] = start();
    [s] = finish(s, plan(20));
    expect(s.value).toBe('expiringSoon');
    [s] = step(s, { type: 'UPLOADED', certificateId: 'up-1' });
    expect(s.value).toBe('validating');
    expect(s.can({ type: 'UPLOADED', certificateId: 'up-2' })).toBe(false);
    [s] = finish(s, { ok: false, code: 'cnpj_mismatch' });
    expect(s.value).toBe('checking');
    expect(s.context.lastRejection).toBe('cnpj_mismatch');
    [s] = finish(s, plan(20));
    expect(s.value).toBe('expiringSoon');
  });

  it('a good upload goes through the renewal check, which asks for a fresh run, then is valid', () => {
    let [s] = start();
    [s] = finish(s, { phase: 'missing', certificateId: null, validUntil: null, waitMs: 0, next: null });
    expect(s.value).toBe('missing');
    expect(s.can({ type: 'RESEND_NOW' })).toBe(false);
    [s] = step(s, { type: 'UPLOADED', certificateId: 'up-1' });
    [s] = finish(s, { ok: true, validUntil: cert(365).validUntil });
    expect(s.value).toBe('checkingRenewed');
    expect(s.hasTag('continueAsNew')).toBe(true);
    expect(s.context.renewals).toBe(1);
    [s] = finish(s, plan(365));
    expect(s.value).toBe('valid');
    expect(s.hasTag('continueAsNew')).toBe(false);
  });

  it('operators resend now (numbered) and cancel', () => {
    let [s] = start();
    [s] = finish(s, plan(10));
    const [resending, actions] = step(s, { type: 'RESEND_NOW' });
    s = resending;
    expect(invokeInput(actions)).toEqual({ companyId: 'c1', reminderKey: 'manual:1' });
    [s] = finish(s);
    [s] = finish(s, plan(10));
    [s] = step(s, { type: 'CANCEL' });
    expect(s.status).toBe('done');
    expect(certificateRenewal.operatorEvents).toEqual(['RESEND_NOW', 'CANCEL']);
  });
});
