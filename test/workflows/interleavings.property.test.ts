import { Client, Connection } from '@temporalio/client';
import { WorkflowNotFoundError } from '@temporalio/common';
import { NativeConnection, Worker } from '@temporalio/worker';
import proto from '@temporalio/proto';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it, inject } from 'vitest';
import { createProjectionActivities } from '../../activities/projection.js';
import { acceptsQuery, eventSignal, eventUpdate, snapshotQuery } from '../../workflows/messages.js';
import { testCodec } from '../support/codec.js';
import { createProbeActivities } from '../support/probeActivities.js';
import { createTestDb, uniqueId, type TestDb } from '../support/stack.js';

/**
 * Live execution and replay must issue the same commands whatever lands in one workflow task.
 * Each case starts a process shaped like a person's (a step, a wait whose reminder the answer
 * cancels, a second step) and, while its workflow worker is stopped and started again, lets
 * Signals, Queries, activity results and timer firings pile up so that a new worker takes them
 * in one task, with or without a sticky cache; Updates come while a worker polls. Queries sent while no worker polls
 * reach the next worker inside its workflow task, as they do after a worker crash. The finished
 * history must then replay with the workflow code, command for command.
 */

type Action =
  | { kind: 'signal'; type: 'PING' | 'ANSWER' }
  | { kind: 'update'; type: 'PING' }
  | { kind: 'query'; which: 'accepts' | 'snapshot' }
  | { kind: 'stopWorker' }
  | { kind: 'startWorker' }
  | { kind: 'pause'; ms: number };

const action: fc.Arbitrary<Action> = fc.oneof(
  fc.record({ kind: fc.constant('signal' as const), type: fc.constantFrom('PING' as const, 'ANSWER' as const) }),
  fc.record({ kind: fc.constant('update' as const), type: fc.constant('PING' as const) }),
  fc.record({ kind: fc.constant('query' as const), which: fc.constantFrom('accepts' as const, 'snapshot' as const) }),
  fc.constant({ kind: 'stopWorker' as const }),
  fc.constant({ kind: 'startWorker' as const }),
  fc.record({ kind: fc.constant('pause' as const), ms: fc.constantFrom(0, 50, 300, 800) }),
);

const scenario = fc.record({
  workMs: fc.constantFrom(0, 200, 700),
  remindAfterMs: fc.constantFrom(150, 600, 60_000),
  cached: fc.boolean(),
  actions: fc.array(action, { minLength: 3, maxLength: 12 }),
});

const unhandledCommand =
  proto.temporal.api.enums.v1.WorkflowTaskFailedCause.WORKFLOW_TASK_FAILED_CAUSE_UNHANDLED_COMMAND;
const address = () => inject('temporalAddress');
const bundle = () => ({ codePath: inject('workflowBundlePath') });

let db: TestDb;
let client: Client;
let connection: NativeConnection;
let taskQueue: string;
let activityWorker: Worker;
let activityRun: Promise<void>;

beforeAll(async () => {
  db = await createTestDb();
  client = new Client({
    connection: await Connection.connect({ address: address() }),
    dataConverter: { payloadCodecs: [testCodec] },
  });
  connection = await NativeConnection.connect({ address: address() });
  taskQueue = uniqueId('interleavings');
  // The steps' activities run on a worker of their own, so they finish while no workflow worker polls.
  activityWorker = await Worker.create({
    connection,
    taskQueue,
    activities: createProbeActivities().activities,
    dataConverter: { payloadCodecs: [testCodec] },
  });
  activityRun = activityWorker.run();
});

afterAll(async () => {
  activityWorker?.shutdown();
  await activityRun?.catch(() => {});
  await connection?.close();
  await client?.connection.close();
  await db?.db.destroy();
});

/** The workflow side only: the interpreter and the projection's local activities. */
async function startWorkflowWorker(cached: boolean): Promise<{ stop(): Promise<void> }> {
  const worker = await Worker.create({
    connection,
    taskQueue,
    workflowBundle: bundle(),
    activities: createProjectionActivities({ db: db.db }),
    enableNonLocalActivities: false,
    maxCachedWorkflows: cached ? 100 : 0,
    dataConverter: { payloadCodecs: [testCodec] },
  });
  const running = worker.run();
  return {
    async stop() {
      worker.shutdown();
      await running;
    },
  };
}

describe('live execution and replay', () => {
  it('issue the same commands for any interleaving of messages, results, timers and worker restarts', async () => {
    let cases = 0;
    await fc.assert(
      fc.asyncProperty(scenario, async ({ workMs, remindAfterMs, cached, actions }) => {
        cases += 1;
        let worker: { stop(): Promise<void> } | undefined = await startWorkflowWorker(cached);
        const workflowId = uniqueId('stepProbe');
        const handle = await client.workflow.start('machineWorkflow', {
          taskQueue,
          workflowId,
          args: [
            { machine: 'stepProbe', version: 1, input: { key: workflowId, workMs, remindAfterMs }, actor: 'system' },
          ],
        });
        const inFlight: Promise<unknown>[] = [];
        // Messages sent while no worker polls wait for the next one; their outcome is not what is checked here.
        const leave = (p: Promise<unknown>) => inFlight.push(p.catch(() => undefined));
        let n = 0;
        try {
          for (const a of actions) {
            n += 1;
            if (a.kind === 'signal')
              await handle.signal(eventSignal, {
                event: { type: a.type },
                actor: 'system',
                eventId: `${workflowId}-${n}`,
              });
            else if (a.kind === 'update') {
              // Updates only while a worker polls: see docs/reliability.md, "Updates sent while no worker polls".
              if (worker)
                leave(handle.executeUpdate(eventUpdate, { args: [{ event: { type: a.type }, actor: 'system' }] }));
            } else if (a.kind === 'query')
              leave(
                a.which === 'accepts' ? handle.query(acceptsQuery, { type: 'ANSWER' }) : handle.query(snapshotQuery),
              );
            else if (a.kind === 'stopWorker') {
              await worker?.stop();
              worker = undefined;
            } else if (a.kind === 'startWorker') worker ??= await startWorkflowWorker(cached);
            else await new Promise((r) => setTimeout(r, a.ms));
          }
          worker ??= await startWorkflowWorker(cached);
          // An ANSWER among the actions may have ended the process already.
          await handle
            .signal(eventSignal, { event: { type: 'ANSWER' }, actor: 'system', eventId: `${workflowId}-last` })
            .catch((err: unknown) => {
              if (!(err instanceof WorkflowNotFoundError)) throw err;
            });
          await handle.result();
          await Promise.all(inFlight);
        } finally {
          await worker?.stop();
        }
        const history = await handle.fetchHistory();
        // A task that completes the process while a Signal came in meanwhile is turned down by Temporal
        // (UnhandledCommand) and run again with the Signal: that is Temporal's protocol, not a failure.
        const failedTasks = (history.events ?? []).filter(
          (e) => e.workflowTaskFailedEventAttributes && e.workflowTaskFailedEventAttributes.cause !== unhandledCommand,
        );
        expect(failedTasks, 'no workflow task failed').toEqual([]);
        await Worker.runReplayHistory(
          { workflowBundle: bundle(), dataConverter: { payloadCodecs: [testCodec] } },
          history,
          workflowId,
        );
      }),
      { numRuns: Number(process.env.INTERLEAVING_RUNS ?? 12), endOnFailure: true },
    );
    expect(cases).toBeGreaterThan(0);
  }, 600_000);
});
