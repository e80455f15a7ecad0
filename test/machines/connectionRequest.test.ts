import { describe, expect, it } from 'vitest';
import type { AnyMachineSnapshot } from 'xstate';
import { connectionRequest } from '../../machines/connectionRequest.js';
import { connectionRequestV1 } from '../../machines/connectionRequest.machine.js';
import { delays, pureMachine, spawned, type Action } from '../support/pureMachine.js';

const input = connectionRequest.inputSchema.parse({
  requestId: 'r1',
  companyId: 'c1',
  officeId: 'o1',
  timing: { reminderDelaysMs: [100, 200], expireAfterMs: 300 },
});

const { start, step, finish, fire } = pureMachine(connectionRequestV1.machine, input);
const awaitingApproval = () => {
  const [s0] = start();
  const [s1] = finish(s0, { route: 'approval' });
  return finish(s1);
};

describe('connectionRequest (pure)', () => {
  it('classifies first, carrying only the request id', () => {
    const [s, actions] = start();
    expect(s.value).toBe('classifying');
    expect(spawned(actions)).toEqual([{ src: 'classifyConnectionRequest', input: { requestId: 'r1' } }]);
  });

  it('asks for approval, reminds on the configured timers, then expires', () => {
    let [s, actions] = awaitingApproval();
    expect(s.value).toBe('awaitingApproval');
    expect(s.context.sendCount).toBe(1);
    expect(delays(actions)).toEqual([100]);
    [s, actions] = fire(s, actions);
    expect(s.value).toBe('requestingApproval');
    expect(spawned(actions)).toEqual([{ src: 'sendConnectionApproval', input: { requestId: 'r1', sendNo: 2 } }]);
    [s, actions] = finish(s);
    expect(delays(actions)).toEqual([200]);
    [s, actions] = finish(...(fire(s, actions).slice(0, 1) as [AnyMachineSnapshot]));
    expect(delays(actions)).toEqual([300]);
    [s, actions] = fire(s, actions);
    expect(s.value).toBe('closing');
    expect(spawned(actions)).toEqual([
      { src: 'closeConnectionRequest', input: { requestId: 'r1', outcome: 'expired' } },
    ]);
    [s] = finish(s);
    expect(s.value).toBe('expired');
    expect(s.status).toBe('done');
  });

  it('approved, becomes active; revoked, ends revoked', () => {
    let [s] = awaitingApproval();
    let actions: Action[];
    [s, actions] = step(s, { type: 'APPROVE' });
    expect(spawned(actions)).toEqual([{ src: 'activateConnection', input: { requestId: 'r1' } }]);
    [s] = finish(s);
    expect(s.value).toBe('active');
    expect(connectionRequestV1.machine.resolveState(s).can({ type: 'APPROVE' } as never)).toBe(false);
    [s, actions] = step(s, { type: 'REVOKE' });
    expect(spawned(actions)).toEqual([{ src: 'finishRevocation', input: { requestId: 'r1' } }]);
    [s] = finish(s);
    expect(s.value).toBe('revoked');
    expect(s.status).toBe('done');
  });

  it('rejected or cancelled, closes with that outcome', () => {
    for (const [event, outcome] of [
      ['REJECT', 'rejected'],
      ['CANCEL', 'cancelled'],
    ] as const) {
      let [s, actions] = awaitingApproval();
      [s, actions] = step(s, { type: event });
      expect(spawned(actions)).toEqual([{ src: 'closeConnectionRequest', input: { requestId: 'r1', outcome } }]);
      [s] = finish(s);
      expect(s.value).toBe(outcome);
    }
  });

  it('operators resend now and extend the deadline by whole days', () => {
    let [s, actions] = awaitingApproval();
    [s, actions] = step(s, { type: 'RESEND_NOW' });
    expect(spawned(actions)).toEqual([{ src: 'sendConnectionApproval', input: { requestId: 'r1', sendNo: 2 } }]);
    [s, actions] = finish(s);
    [s, actions] = finish(...(fire(s, actions).slice(0, 1) as [AnyMachineSnapshot]));
    [s, actions] = finish(...(fire(s, actions).slice(0, 1) as [AnyMachineSnapshot]));
    expect(delays(actions)).toEqual([300]);
    [s, actions] = step(s, { type: 'EXTEND_DEADLINE', days: 2 });
    expect(s.value).toBe('awaitingApproval');
    expect(delays(actions)).toEqual([300 + 2 * 86_400_000]);
  });

  it('invites a client without an account, then asks for approval once the account exists', () => {
    let [s, actions] = start();
    [s, actions] = finish(s, { route: 'invite' });
    expect(spawned(actions)).toEqual([{ src: 'sendConnectionInvitation', input: { requestId: 'r1', sendNo: 1 } }]);
    [s, actions] = finish(s);
    expect(s.value).toBe('awaitingAccount');
    expect(connectionRequestV1.machine.resolveState(s).can({ type: 'APPROVE' } as never)).toBe(false);
    [s, actions] = step(s, { type: 'ACCOUNT_CREATED' });
    expect(spawned(actions)).toEqual([{ src: 'sendConnectionApproval', input: { requestId: 'r1', sendNo: 2 } }]);
    [s, actions] = finish(s);
    expect(s.value).toBe('awaitingApproval');
    expect(delays(actions)).toEqual([100]);
  });

  it('an unmatched request waits for an office, is matched, and goes back to waiting when un-matched', () => {
    let [s, actions] = start();
    [s, actions] = finish(s, { route: 'unmatched' });
    expect(s.value).toBe('awaitingOfficeMatch');
    expect(delays(actions)).toEqual([600]);
    [s, actions] = step(s, { type: 'OFFICE_MATCHED' });
    [s, actions] = finish(s);
    expect(s.value).toBe('awaitingApproval');
    [s, actions] = step(s, { type: 'UNMATCHED' });
    expect(s.value).toBe('awaitingOfficeMatch');
    [s, actions] = fire(s, actions);
    expect(spawned(actions)).toEqual([
      { src: 'closeConnectionRequest', input: { requestId: 'r1', outcome: 'expired' } },
    ]);
  });

  it('lets operators send only resend, extend and cancel', () => {
    expect(connectionRequest.operatorEvents).toEqual(['RESEND_NOW', 'EXTEND_DEADLINE', 'CANCEL']);
  });
});
