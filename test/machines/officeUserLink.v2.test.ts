import { describe, expect, it } from 'vitest';
import type { AnyMachineSnapshot } from 'xstate';
import { stateToString } from '../../machines/definition.js';
import { registry } from '../../machines/index.js';
import { officeUserLinkV2 } from '../../machines/officeUserLink.v2.machine.js';
import { officeUserLinkV2InputSchema } from '../../machines/officeUserLink.v2.schema.js';
import { pureMachine, type Action } from '../support/pureMachine.js';

const input = officeUserLinkV2InputSchema.parse({
  officeUserId: 'u1',
  officeId: 'o1',
  timing: {
    recheckAfterMs: 50,
    remindDelaysMs: [100, 200],
    expireAfterMs: 300,
    heartbeatWindowMs: 40,
    disconnectedRemindAfterMs: 60,
  },
});
const { start, step, finish, fail } = pureMachine(officeUserLinkV2.machine, input);
const state = (s: AnyMachineSnapshot) => stateToString(s.value);
const after = (s: AnyMachineSnapshot, delay: string) =>
  step(s, { type: `xstate.after.${delay}.officeUserLink.${state(s)}` });
const spawned = (actions: Action[]) => actions.find((a) => a.type === 'xstate.spawnChild')?.params;
const timers = (actions: Action[]) => actions.filter((a) => a.type === 'xstate.raise').map((a) => a.params?.delay);
const ready = { managerLinked: true, agentOnline: true };

function awaitingCredentials() {
  const [s] = finish(start()[0], ready);
  expect(state(s)).toBe('awaitingCredentials');
  return s;
}

function linked() {
  let [s] = step(awaitingCredentials(), { type: 'CREDENTIALS_VERIFIED', identityId: 'i1' });
  [s] = finish(s, ready);
  [s] = finish(s);
  expect(state(s)).toBe('linked.connected');
  return s;
}

describe('officeUserLink version 2 (pure)', () => {
  it('is the latest version; version 1 stays registered', () => {
    expect(registry.latest('officeUserLink')?.version).toBe(2);
    expect(registry.get('officeUserLink', 1)?.version).toBe(1);
  });

  it('reminds the office user on the configured timers, tells the manager with the last one, then expires', () => {
    let s = awaitingCredentials();
    let actions: Action[];
    [s, actions] = after(s, 'nextReminderDelay');
    expect(state(s)).toBe('remindingOfficeUser');
    expect(spawned(actions)?.input).toEqual({ officeUserId: 'u1', reminderNo: 1, alsoManager: false });
    [s, actions] = finish(s);
    expect(state(s)).toBe('awaitingCredentials');
    expect(timers(actions)).toEqual([200]);
    [s, actions] = after(s, 'nextReminderDelay');
    expect(spawned(actions)?.input).toEqual({ officeUserId: 'u1', reminderNo: 2, alsoManager: true });
    [s, actions] = finish(s);
    expect(timers(actions)).toEqual([300]);
    expect(s.context.managerNotified).toBe(true);
    [s, actions] = after(s, 'nextReminderDelay');
    expect(state(s)).toBe('unlinking');
    expect(spawned(actions)?.src).toBe('unlinkOfficeUser');
    [s] = finish(s);
    expect(state(s)).toBe('expired');
    expect(s.status).toBe('done');
  });

  it('keeps reminding after rejected credentials, and returns there after a reminder', () => {
    let [s] = step(awaitingCredentials(), { type: 'CREDENTIALS_REJECTED' });
    expect(state(s)).toBe('credentialsRejected');
    [s] = after(s, 'nextReminderDelay');
    [s] = finish(s);
    expect(state(s)).toBe('credentialsRejected');
    expect(s.context.rejections).toBe(1);
  });

  it('takes RESEND_NOW, EXTEND_DEADLINE and CANCEL from operators while credentials are awaited', () => {
    let s = awaitingCredentials();
    let actions: Action[];
    [s, actions] = step(s, { type: 'RESEND_NOW' });
    expect(spawned(actions)?.input).toMatchObject({ reminderNo: 1, alsoManager: false });
    [s] = finish(s);
    expect(s.context.autoReminders).toBe(0);
    [s] = after(s, 'nextReminderDelay');
    [s] = finish(s);
    [s] = after(s, 'nextReminderDelay');
    [s] = finish(s);
    [s, actions] = step(s, { type: 'EXTEND_DEADLINE', days: 2 });
    expect(state(s)).toBe('awaitingCredentials');
    expect(timers(actions)).toEqual([300 + 2 * 86_400_000]);
    [s] = step(s, { type: 'CANCEL' });
    expect(state(s)).toBe('unlinking');
    [s] = finish(s);
    expect(state(s)).toBe('cancelled');
  });

  it('a failed reminder is stuck until an operator resends or cancels', () => {
    let [s] = after(awaitingCredentials(), 'nextReminderDelay');
    [s] = fail(s);
    expect(state(s)).toBe('reminderFailed');
    expect(s.hasTag('stuck')).toBe(true);
    [s] = step(s, { type: 'RESEND_NOW' });
    expect(state(s)).toBe('remindingOfficeUser');
  });

  it('follows the agent: connected, no heartbeat in the window, disconnected, manager told, heartbeat', () => {
    let s = linked();
    let actions: Action[];
    expect(s.can({ type: 'HEARTBEAT' })).toBe(false);
    [s, actions] = after(s, 'heartbeatWindow');
    expect(state(s)).toBe('linked.checkingConnection');
    expect(spawned(actions)).toMatchObject({ src: 'checkAgentConnection', input: { officeUserId: 'u1' } });
    [s] = finish(s, { online: true });
    expect(state(s)).toBe('linked.connected');
    [s] = after(s, 'heartbeatWindow');
    [s, actions] = finish(s, { online: false });
    expect(state(s)).toBe('linked.disconnected.waiting');
    expect(timers(actions)).toEqual([60]);
    [s, actions] = after(s, 'disconnectedRemindDelay');
    expect(spawned(actions)?.input).toEqual({ officeUserId: 'u1', noticeNo: 1 });
    [s] = finish(s);
    expect(state(s)).toBe('linked.disconnected.managerReminded');
    [s] = step(s, { type: 'HEARTBEAT' });
    expect(state(s)).toBe('linked.connected');
  });

  it('RECONNECT re-checks at once when linked and is refused before', () => {
    expect(awaitingCredentials().can({ type: 'RECONNECT' })).toBe(false);
    let [s] = step(linked(), { type: 'RECONNECT' });
    expect(state(s)).toBe('linked.checkingConnection');
    [s] = finish(s, { online: false });
    [s] = step(s, { type: 'RECONNECT' });
    [s] = finish(s, { online: true });
    expect(state(s)).toBe('linked.connected');
  });

  it('a password reset forgets rejected credentials (back to awaiting them) and means nothing elsewhere', () => {
    let [s] = step(awaitingCredentials(), { type: 'CREDENTIALS_REJECTED' });
    expect(state(s)).toBe('credentialsRejected');
    expect(awaitingCredentials().can({ type: 'PASSWORD_RESET' })).toBe(false);
    expect(linked().can({ type: 'PASSWORD_RESET' })).toBe(false);
    const [woken, actions] = step(s, { type: 'PASSWORD_RESET' });
    s = woken;
    expect(state(s)).toBe('awaitingCredentials');
    expect(s.context.rejections).toBe(0);
    expect(timers(actions)).toEqual([100]);
    // Reminders after the reset come back to awaiting credentials, not to the rejection.
    [s] = after(s, 'nextReminderDelay');
    [s] = finish(s);
    expect(state(s)).toBe('awaitingCredentials');
  });

  it('deactivation from any linked state unlinks and ends the process as deactivated', () => {
    let [s] = after(linked(), 'heartbeatWindow');
    [s] = finish(s, { online: false });
    [s] = step(s, { type: 'DEACTIVATE' });
    expect(state(s)).toBe('unlinking');
    [s] = finish(s);
    expect(state(s)).toBe('deactivated');
    expect(s.output).toEqual({ officeUserId: 'u1', identityId: 'i1', outcome: 'deactivated' });
  });
});
