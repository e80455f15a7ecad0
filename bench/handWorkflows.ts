// The hand-written baseline: the cost benchmark's work as a plain Temporal workflow, with the
// same projection writes, search attributes, Update name and envelope as the engine.
import {
  ApplicationFailure,
  condition,
  proxyActivities,
  proxyLocalActivities,
  setHandler,
  sleep,
  upsertSearchAttributes,
  workflowInfo,
} from '@temporalio/workflow';
import type { createProjectionActivities } from '../activities/projection.js';
import { defaultActivityProfile, projectionProfile } from '../workflows/activityOptions.js';
import { eventUpdate, refusalTypes, type EventResult } from '../workflows/messages.js';
import { entityKey, machineKey, machineVersionKey, stateKey } from '../workflows/searchAttributes.js';
import type { CostInput } from './costMachine.js';

const { recordTransition } = proxyLocalActivities<ReturnType<typeof createProjectionActivities>>(projectionProfile);
const { benchWork } = proxyActivities<{ benchWork(input: { key: string }): Promise<void> }>(defaultActivityProfile);

export async function handWorkflow(input: CostInput): Promise<void> {
  const startedAt = new Date(workflowInfo().startTime).toISOString();
  let state = 'step0';
  let seq = 0;
  let steps = 0;
  // An Update can arrive in the first task, beside the start: its step waits for the first record,
  // or the two local activities race and a replay may resolve them in the other order.
  let started = false;
  const record = async (from: string | null, to: string, event: string) => {
    state = to;
    await recordTransition({
      instanceId: workflowInfo().workflowId,
      seq,
      from,
      to,
      event,
      actor: 'system',
      at: new Date().toISOString(),
      machine: 'benchSteps',
      machineVersion: 1,
      status: to === 'done' ? 'completed' : 'running',
      entityType: 'bench',
      entityId: input.key,
      startedAt,
      nextTimerAt: null,
      stuck: false,
      lastError: null,
    });
    upsertSearchAttributes([{ key: stateKey, value: to }]);
    seq += 1;
  };
  setHandler(
    eventUpdate,
    async (): Promise<EventResult> => {
      await condition(() => started);
      steps += 1;
      await record(state, steps === 5 ? 'working' : `step${steps}`, 'STEP');
      return { state, status: 'running', seq };
    },
    {
      validator: (envelope) => {
        const { type, ...payload } = envelope?.event ?? { type: '' };
        if (type !== 'STEP' || Object.keys(payload).length > 0 || !/^step[0-4]$/.test(state))
          throw ApplicationFailure.create({
            type: refusalTypes.notAllowed,
            message: `Event "${type}" is not accepted in state "${state}".`,
            nonRetryable: true,
          });
      },
    },
  );
  upsertSearchAttributes([
    { key: machineKey, value: 'benchSteps' },
    { key: machineVersionKey, value: 1 },
    { key: entityKey, value: `bench:${input.key}` },
  ]);
  const first = input.idleMs ? 'idle' : 'step0';
  await record(null, first, 'xstate.init');
  if (input.idleMs) {
    await sleep(input.idleMs);
    await record('idle', 'step0', 'xstate.after.idle');
  }
  started = true;
  await condition(() => steps === 5);
  await benchWork({ key: input.key });
  await record('working', 'cooling', 'xstate.done.actor');
  await sleep(50);
  await record('cooling', 'done', 'xstate.after.cooldown');
}
