import { describe, expect, it } from 'vitest';
import { clientUserOnboarding } from '../../machines/clientUserOnboarding.js';
import { clientUserOnboardingV1 } from '../../machines/clientUserOnboarding.machine.js';
import { delays, pureMachine, spawned, type Action } from '../support/pureMachine.js';

const input = clientUserOnboarding.inputSchema.parse({
  clientUserId: 'cu1',
  officeId: 'o1',
  companyId: 'c1',
  timing: { resendDelaysMs: [100, 200], expireAfterMs: 300 },
});

const { start, step, finish } = pureMachine(clientUserOnboardingV1.machine, input);

describe('clientUserOnboarding (pure)', () => {
  it('starts by classifying the e-mail, carrying only ids', () => {
    const [s, actions] = start();
    expect(s.value).toBe('checkingEmail');
    expect(spawned(actions)).toEqual([{ src: 'classifyClientUserEmail', input: { clientUserId: 'cu1' } }]);
  });

  it('sends a registration e-mail for a new address and waits with the first resend timer', () => {
    let [s] = start();
    let actions: Action[];
    [s, actions] = finish(s, { existingAccount: false });
    expect(s.value).toBe('sendingRegistration');
    expect(spawned(actions)).toEqual([{ src: 'sendRegistrationEmail', input: { clientUserId: 'cu1', sendNo: 1 } }]);
    [s, actions] = finish(s, { purpose: 'register' });
    expect(s.value).toBe('awaitingRegistration');
    expect(delays(actions)).toEqual([100]);
    [s] = step(s, { type: 'REGISTERED', identityId: 'id1' });
    expect(s.value).toBe('completingRegistration');
    [s] = finish(s);
    expect(s.value).toBe('registered');
    expect(s.status).toBe('done');
  });

  it('follows the placeholder procedure, one state per step, when the account exists', () => {
    let [s] = start();
    const seen: unknown[] = [];
    for (const output of [{ existingAccount: true }, undefined, undefined, { purpose: 'link' }]) {
      [s] = finish(s, output);
      seen.push(s.value);
    }
    expect(seen).toEqual(['registeringWithPlaceholder', 'correctingEmail', 'resendingRegistration', 'awaitingLink']);
    [s] = step(s, { type: 'ACCOUNT_LINK_CONFIRMED', identityId: 'id9' });
    expect(s.value).toBe('linkingAccounts');
    [s] = finish(s);
    expect(s.value).toBe('linked');
    expect(s.output).toMatchObject({ identityId: 'id9', sendCount: 1 });
  });

  it('a password reset at the link step sends a fresh link at once; elsewhere it is refused', () => {
    let [s] = start();
    for (const output of [{ existingAccount: true }, undefined, undefined, { purpose: 'link' }])
      [s] = finish(s, output);
    expect(s.value).toBe('awaitingLink');
    const [woken, actions] = step(s, { type: 'PASSWORD_RESET' });
    s = woken;
    expect(s.value).toBe('resendingRegistration');
    expect(spawned(actions)).toEqual([{ src: 'sendRegistrationEmail', input: { clientUserId: 'cu1', sendNo: 2 } }]);
    [s] = finish(s, { purpose: 'link' });
    expect(s.value).toBe('awaitingLink');
    expect(s.context.resendCount).toBe(0);
    let [registering] = start();
    [registering] = finish(registering, { existingAccount: false });
    [registering] = finish(registering, { purpose: 'register' });
    expect(registering.can({ type: 'PASSWORD_RESET' })).toBe(false);
  });

  it('resends on each timer, numbering the sends, and expires after the last one', () => {
    let [s] = start();
    let actions: Action[];
    [s] = finish(s, { existingAccount: false });
    [s] = finish(s, { purpose: 'register' });
    const after = 'xstate.after.nextReminderDelay.clientUserOnboarding.awaitingRegistration';
    [s, actions] = step(s, { type: after });
    expect(s.value).toBe('resendingRegistration');
    expect(spawned(actions)[0]?.input).toEqual({ clientUserId: 'cu1', sendNo: 2 });
    [s, actions] = finish(s, { purpose: 'register' });
    expect(delays(actions)).toEqual([200]);
    [s] = step(s, { type: after });
    [s, actions] = finish(s, { purpose: 'register' });
    expect(delays(actions)).toEqual([300]);
    [s, actions] = step(s, { type: after });
    expect(s.value).toBe('closing');
    expect(spawned(actions)).toEqual([
      { src: 'closeClientUserOnboarding', input: { clientUserId: 'cu1', outcome: 'expired' } },
    ]);
    [s] = finish(s);
    expect(s.value).toBe('expired');
  });

  it('takes operator nudges while waiting and refuses them while a step runs', () => {
    let [s] = start();
    expect(s.can({ type: 'RESEND_NOW' })).toBe(false);
    [s] = finish(s, { existingAccount: false });
    [s] = finish(s, { purpose: 'register' });
    expect(s.can({ type: 'RESEND_NOW' })).toBe(true);
    const [extended, actions] = step(s, { type: 'EXTEND_DEADLINE', days: 1 });
    s = extended;
    expect(s.value).toBe('awaitingRegistration');
    expect(s.context.extraMs).toBe(86_400_000);
    expect(delays(actions)).toEqual([100]); // the current wait restarts
    [s] = step(s, { type: 'CORRECT_EMAIL' });
    expect(s.value).toBe('correctingEmail');
    expect(s.can({ type: 'CANCEL' })).toBe(false);
    [s] = finish(s);
    [s] = finish(s, { purpose: 'register' });
    [s] = step(s, { type: 'CANCEL' });
    expect(s.value).toBe('closing');
    expect(s.context.outcome).toBe('cancelled');
  });

  it('ends as deactivated from any running state, and a failed send waits for an operator', () => {
    let [s] = start();
    [s] = finish(s, { existingAccount: false });
    [s] = step(s, { type: `xstate.error.actor.${Object.keys(s.children)[0]}`, error: { message: 'smtp down' } });
    expect(s.value).toBe('sendFailed');
    expect(s.hasTag('stuck')).toBe(true);
    [s] = step(s, { type: 'DEACTIVATE' });
    expect(s.value).toBe('closing');
    expect(s.can({ type: 'DEACTIVATE' })).toBe(false);
    [s] = finish(s);
    expect(s.value).toBe('deactivated');
  });
});
