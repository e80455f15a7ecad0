import { describe, expect, it } from 'vitest';
import { clientContract } from '../../machines/clientContract.js';
import { clientContractV1 } from '../../machines/clientContract.machine.js';
import { contractTiming } from '../../domain/settings.js';
import { delays, pureMachine, spawned } from '../support/pureMachine.js';

const input = clientContract.inputSchema.parse({
  companyId: 'c1',
  officeId: 'o1',
  timing: { reminderDelaysMs: [100, 200], trialEndAfterMs: 300, cancelAfterBlockedMs: 400 },
});

const { start, step, finish, fire } = pureMachine(clientContractV1.machine, input);

/** Starts and records the trial status: the process then waits in `trial` with its first timer. */
function inTrial() {
  const [s0] = start();
  return finish(s0);
}

describe('clientContract (pure)', () => {
  it('records the trial status first, carrying only ids, then waits for the first reminder', () => {
    const [s0, a0] = start();
    expect(s0.value).toBe('recording');
    expect(spawned(a0)).toEqual([{ src: 'recordContractStatus', input: { companyId: 'c1', status: 'Teste' } }]);
    const [s1, a1] = finish(s0);
    expect(s1.value).toBe('trial');
    expect(delays(a1)).toEqual([100]);
  });

  it('reminds the payer on each timer, then blocks the unconfirmed trial when it ends', () => {
    let [s, actions] = inTrial();
    const next = () => fire(s, actions);
    [s, actions] = next();
    expect(s.value).toBe('remindingPayer');
    expect(spawned(actions)).toEqual([{ src: 'sendTrialReminder', input: { companyId: 'c1', reminderNo: 1 } }]);
    [s, actions] = finish(s);
    expect(delays(actions)).toEqual([200]);
    [s, actions] = next();
    [s, actions] = finish(s);
    expect(delays(actions)).toEqual([300]);
    [s, actions] = next();
    expect(s.value).toBe('recording');
    expect(s.context.status).toBe('Bloqueado');
    [s, actions] = finish(s);
    expect(s.value).toBe('blocked');
    expect(delays(actions)).toEqual([400]);
  });

  it('becomes effective when confirmed, and refuses an unblock that is not blocked', () => {
    let [s] = inTrial();
    expect(s.can({ type: 'UNBLOCK' })).toBe(false);
    [s] = step(s, { type: 'CONFIRM' });
    expect(s.context.status).toBe('Efetivado');
    [s] = finish(s);
    expect(s.value).toBe('effective');
    expect(s.can({ type: 'CONFIRM' })).toBe(false);
    expect(s.can({ type: 'BLOCK' })).toBe(true);
  });

  it('is cancelled after the time blocked unless unblocked, and cancelled is final', () => {
    let [s, actions] = inTrial();
    [s] = step(s, { type: 'BLOCK' });
    [s, actions] = finish(s);
    expect(s.value).toBe('blocked');
    const [unblocked] = step(s, { type: 'UNBLOCK' });
    expect(unblocked.context.status).toBe('Efetivado');
    [s] = fire(s, actions);
    expect(s.context.status).toBe('Cancelado');
    [s] = finish(s);
    expect(s.value).toBe('cancelled');
    expect(s.status).toBe('done');
  });

  it('turns days before the end into waits between reminders', () => {
    const day = 86_400_000;
    expect(contractTiming(30, [7, 1], 60)).toEqual({
      reminderDelaysMs: [23 * day, 6 * day],
      trialEndAfterMs: day,
      cancelAfterBlockedMs: 60 * day,
    });
  });
});
