import { describe, expect, it } from 'vitest';
import { initialTransition, transition, type AnyMachineSnapshot } from 'xstate';
import { clientContract } from '../../machines/clientContract.js';
import { clientContractV1 } from '../../machines/clientContract.machine.js';
import { contractTiming } from '../../domain/settings.js';

const { machine } = clientContractV1;

type Action = { type: string; params?: Record<string, unknown> };
const input = clientContract.inputSchema.parse({
  companyId: 'c1',
  officeId: 'o1',
  timing: { reminderDelaysMs: [100, 200], trialEndAfterMs: 300, cancelAfterBlockedMs: 400 },
});

const start = () => initialTransition(machine, input) as unknown as [AnyMachineSnapshot, Action[]];
const step = (s: AnyMachineSnapshot, event: Record<string, unknown>) =>
  transition(machine, s, event as never) as unknown as [AnyMachineSnapshot, Action[]];
const spawned = (actions: Action[]) =>
  actions.filter((a) => a.type === 'xstate.spawnChild').map((a) => ({ src: a.params?.src, input: a.params?.input }));
const delays = (actions: Action[]) =>
  actions.filter((a) => a.type === 'xstate.raise' && typeof a.params?.delay === 'number').map((a) => a.params?.delay);
const delayed = (actions: Action[]) =>
  (actions.find((a) => a.type === 'xstate.raise' && typeof a.params?.delay === 'number')?.params?.event ?? {}) as {
    type: string;
  };

function finish(s: AnyMachineSnapshot) {
  const child = Object.keys(s.children)[0];
  if (!child) throw new Error(`no invoke running in ${JSON.stringify(s.value)}`);
  return step(s, { type: `xstate.done.actor.${child}` });
}

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
    const fire = () => step(s, delayed(actions));
    [s, actions] = fire();
    expect(s.value).toBe('remindingPayer');
    expect(spawned(actions)).toEqual([{ src: 'sendTrialReminder', input: { companyId: 'c1', reminderNo: 1 } }]);
    [s, actions] = finish(s);
    expect(delays(actions)).toEqual([200]);
    [s, actions] = fire();
    [s, actions] = finish(s);
    expect(delays(actions)).toEqual([300]);
    [s, actions] = fire();
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
    [s] = step(s, delayed(actions));
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
