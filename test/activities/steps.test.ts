import { ApplicationFailure } from '@temporalio/common';
import { MockActivityEnvironment } from '@temporalio/testing';
import { describe, expect, it } from 'vitest';
import { activityFailureTypes } from '../../machines/failureTypes.js';
import { StepFailure, type StepContext } from '../../domain/steps.js';
import { asActivities } from '../../activities/steps.js';

// The adapter between domain steps and Temporal, run in the SDK's own activity environment.

const steps = {
  async whoAmI(input: { greeting: string }, ctx: StepContext) {
    ctx.heartbeat();
    return `${input.greeting} ${ctx.instanceId()}`;
  },
  async refuse(_input: { id: string }) {
    throw new StepFailure('The office manager is not linked yet.', activityFailureTypes.managerNotLinked);
  },
  async crash(_input: { id: string }) {
    throw new Error('database is locked');
  },
};

describe('domain steps as activities', () => {
  const activities = asActivities(steps);

  it('keeps each step under its own name and gives it the scheduling workflow as the process', async () => {
    expect(Object.keys(activities)).toEqual(['whoAmI', 'refuse', 'crash']);
    const env = new MockActivityEnvironment({
      workflowExecution: { workflowId: 'clientUserOnboarding-u1', runId: 'r1' },
    });
    const heartbeats: unknown[] = [];
    env.on('heartbeat', (d: unknown) => heartbeats.push(d));
    expect(await env.run(activities.whoAmI, { greeting: 'hello' })).toBe('hello clientUserOnboarding-u1');
    expect(heartbeats).toHaveLength(1);
  });

  it('fails a StepFailure for good, with its type and message, and leaves other errors to be retried', async () => {
    const env = new MockActivityEnvironment();
    const refused = await env.run(activities.refuse, { id: 'x' }).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(ApplicationFailure);
    expect(refused).toMatchObject({
      type: 'ManagerNotLinked',
      nonRetryable: true,
      message: 'The office manager is not linked yet.',
    });
    const crashed = await env.run(activities.crash, { id: 'x' }).catch((e: unknown) => e);
    expect(crashed).not.toBeInstanceOf(ApplicationFailure);
    expect((crashed as Error).message).toBe('database is locked');
  });
});
