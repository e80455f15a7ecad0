import { describe, expect, it } from 'vitest';
import type { AnyMachineSnapshot } from 'xstate';
import { activityFailureTypes } from '../../machines/failureTypes.js';
import { officeUserLink } from '../../machines/officeUserLink.js';
import { officeUserLinkV1 } from '../../machines/officeUserLink.machine.js';
import { pureMachine } from '../support/pureMachine.js';

const input = officeUserLink.inputSchema.parse({ officeUserId: 'u1', officeId: 'o1', timing: { recheckAfterMs: 50 } });
const machine = pureMachine(officeUserLinkV1.machine, input);
const { start, step, finish } = machine;
const fail = (s: AnyMachineSnapshot, type: string) => machine.fail(s, { message: type, type });
const ready = { managerLinked: true, agentOnline: true };

describe('officeUserLink (pure)', () => {
  it('waits for the manager, then for the agent, then for credentials', () => {
    let [s] = start();
    [s] = finish(s, { managerLinked: false, agentOnline: true });
    expect(s.value).toBe('awaitingManager');
    expect(s.can({ type: 'CREDENTIALS_VERIFIED', identityId: 'i1' })).toBe(false);
    [s] = step(s, { type: 'MANAGER_LINKED' });
    expect(s.value).toBe('checking');
    [s] = finish(s, { managerLinked: true, agentOnline: false });
    expect(s.value).toBe('awaitingAgent');
    [s] = step(s, { type: 'xstate.after.recheckDelay.officeUserLink.awaitingAgent' });
    [s] = finish(s, ready);
    expect(s.value).toBe('awaitingCredentials');
  });

  it('lets new credentials follow rejected ones, then links', () => {
    let [s] = start();
    [s] = finish(s, ready);
    [s] = step(s, { type: 'CREDENTIALS_REJECTED' });
    [s] = step(s, { type: 'CREDENTIALS_REJECTED' });
    expect(s.value).toBe('credentialsRejected');
    expect(s.context.rejections).toBe(2);
    [s] = step(s, { type: 'CREDENTIALS_VERIFIED', identityId: 'i1' });
    const [linking, actions] = finish(s, ready);
    s = linking;
    expect(s.value).toBe('linking');
    expect(actions.find((a) => a.type === 'xstate.spawnChild')?.params?.input).toEqual({
      officeUserId: 'u1',
      identityId: 'i1',
    });
    [s] = finish(s);
    expect(s.value).toBe('linked');
  });

  it('goes back to wait when the link finds the agent offline, keeping the verified account', () => {
    let [s] = start();
    [s] = finish(s, ready);
    [s] = step(s, { type: 'CREDENTIALS_VERIFIED', identityId: 'i1' });
    [s] = finish(s, ready);
    [s] = fail(s, activityFailureTypes.agentOffline);
    expect(s.value).toBe('awaitingAgent');
    [s] = step(s, { type: 'AGENT_ONLINE' });
    [s] = finish(s, ready);
    expect(s.value).toBe('linking');
  });

  it('unlinks on deactivation and ends', () => {
    let [s] = start();
    [s] = finish(s, ready);
    [s] = step(s, { type: 'DEACTIVATE' });
    expect(s.value).toBe('unlinking');
    expect(s.can({ type: 'DEACTIVATE' })).toBe(false);
    [s] = finish(s);
    expect(s.value).toBe('deactivated');
    expect(s.status).toBe('done');
  });
});
