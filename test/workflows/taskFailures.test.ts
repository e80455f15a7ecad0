import { fileURLToPath } from 'node:url';
import { NativeConnection, type Worker, type WorkflowBundle } from '@temporalio/worker';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it, inject } from 'vitest';
import { raiseAndClear } from '../../domain/alerts/raise.js';
import { createMetrics } from '../../server/http/metrics.js';
import { TaskFailureRecorder } from '../../server/temporal/taskFailures.js';
import { bundleWorkflows, createWorker } from '../../server/temporal/worker.js';
import { eventSignal } from '../../workflows/messages.js';
import { testCodec } from '../support/codec.js';
import { testWorkerTuning } from '../support/workerTuning.js';
import { loginAs } from '../support/operators.js';
import { createProbeActivities } from '../support/probeActivities.js';
import { eventually, startStack, uniqueId, type Stack } from '../support/stack.js';

/**
 * A process whose workflow task keeps failing cannot move: the worker that fails it marks it stuck
 * with the failure (server/temporal/taskFailures.ts), operators are alerted and see it counted, and
 * an audited reset takes it back to its last good task once code that can run it is deployed.
 * Here the process is started by workflow code with one step more at its start than today's
 * (test/support/driftedWorkflows.ts), then handed to today's code, which cannot replay it.
 */
const driftedEntry = fileURLToPath(new URL('../support/driftedWorkflows.ts', import.meta.url));

let stack: Stack;
let drifted: WorkflowBundle;
let connection: NativeConnection;
let recorder: TaskFailureRecorder;
const workers: Array<{ worker: Worker; running: Promise<void> }> = [];

async function startWorker(bundle: WorkflowBundle | { codePath: string }) {
  const worker = await createWorker({
    connection,
    namespace: 'default',
    taskQueue: stack.taskQueue,
    db: stack.db,
    workflowBundle: bundle,
    payloadCodec: testCodec,
    tuning: testWorkerTuning(),
    activities: createProbeActivities().activities,
  });
  const entry = { worker, running: worker.run() };
  workers.push(entry);
  return async () => {
    worker.shutdown();
    await entry.running;
  };
}

beforeAll(async () => {
  [stack, drifted] = await Promise.all([startStack({ noWorker: true }), bundleWorkflows(driftedEntry)]);
  connection = await NativeConnection.connect({ address: inject('temporalAddress') });
  recorder = new TaskFailureRecorder({ db: stack.db, client: stack.client, rewriteAfterMs: 0 });
  recorder.start();
});

afterAll(async () => {
  await recorder?.close();
  for (const { worker, running } of workers) {
    if (worker.getState() === 'RUNNING') worker.shutdown();
    await running.catch(() => {});
  }
  await connection?.close();
  await stack?.stop();
});

const row = (id: string) => stack.db('instances').where({ id }).first();

describe('a process whose workflow task keeps failing', () => {
  it('is marked stuck with the failure, alerted, counted, and reset to its last good task by an operator', async () => {
    const stopDrifted = await startWorker(drifted);
    const { instanceId } = await stack.instances.start({
      machine: 'timerProbe',
      input: { key: uniqueId('drift'), remindAfterMs: 600_000, expireAfterMs: 600_000 },
      actor: 'system',
    });
    await eventually(async () => expect(await row(instanceId)).toMatchObject({ state: 'waiting' }));
    await stopDrifted();

    // Today's code takes it on: the PING's task cannot replay what the other code recorded.
    await startWorker({ codePath: inject('workflowBundlePath') });
    await stack.client.workflow.getHandle(instanceId).signal(eventSignal, { event: { type: 'PING' }, actor: 'system' });
    const marked = await eventually(async () => {
      const r = await row(instanceId);
      expect(r).toMatchObject({ status: 'running', taskFailureType: 'nondeterminism' });
      return r;
    }, 30_000);
    expect(Boolean(marked.stuck)).toBe(true);
    expect(marked.taskFailureMessage).toMatch(/Nondeterminism error/);
    expect(marked.taskFailures).toBeGreaterThanOrEqual(1);

    const raised = await raiseAndClear(stack.db, { now: new Date(), webhook: false });
    expect(raised.map((a) => [a.instanceId, a.kind])).toContainEqual([instanceId, 'taskFailing']);
    const health = await request(stack.app).get('/api/health');
    expect(health.body.processes).toEqual({ taskFailing: 1 });
    const metrics = await createMetrics(stack.db).registry.metrics();
    expect(metrics).toMatch(/^vinculo_processes_task_failing 1$/m);

    const operator = await loginAs(stack.app, stack.db, 'operator');
    expect((await operator.agent.post(`/api/instances/${instanceId}/reset`).send({})).status).toBe(400);
    const reset = await operator.agent
      .post(`/api/instances/${instanceId}/reset`)
      .send({ reason: 'the code that started it was rolled back' });
    expect(reset.status).toBe(200);
    expect(reset.body.resetTo).toBe(4); // the first task: the one whose commands today's code does not issue

    // The new run replays up to that task, runs it with today's code, and takes the PING again.
    await eventually(async () => {
      const r = await row(instanceId);
      expect(r).toMatchObject({ state: 'waiting', taskFailureType: null, taskFailures: 0 });
      expect(Boolean(r.stuck)).toBe(false);
    }, 30_000);
    expect((await stack.instances.snapshot(instanceId)).context.pings).toBe(1);
    const cleared = await raiseAndClear(stack.db, { now: new Date(), webhook: false });
    expect(cleared).toEqual([]);
    expect(await stack.db('alerts').where({ instanceId, kind: 'taskFailing' }).first()).toMatchObject({
      clearedAt: expect.any(String),
    });
    const audit = await stack.db('audit').where({ action: 'instance.reset' }).first();
    expect(audit).toMatchObject({ reason: 'the code that started it was rolled back' });
  }, 120_000);

  it('is the only kind of process a reset takes: a healthy one is refused with the reason, and nothing changes', async () => {
    const { instanceId } = await stack.instances.start({
      machine: 'timerProbe',
      input: { key: uniqueId('healthy'), remindAfterMs: 600_000, expireAfterMs: 600_000 },
      actor: 'system',
    });
    await eventually(async () => expect(await row(instanceId)).toMatchObject({ state: 'waiting' }));
    const runId = (await stack.client.workflow.getHandle(instanceId).describe()).runId;
    const operator = await loginAs(stack.app, stack.db, 'operator');
    const res = await operator.agent.post(`/api/instances/${instanceId}/reset`).send({ reason: 'just in case' });
    expect(res.status).toBe(409);
    expect(res.body).toMatchObject({ error: 'nothing_to_reset' });
    expect((await stack.client.workflow.getHandle(instanceId).describe()).runId).toBe(runId);
    const auditor = await loginAs(stack.app, stack.db, 'auditor');
    expect((await auditor.agent.post(`/api/instances/${instanceId}/reset`).send({ reason: 'x' })).status).toBe(403);
  });
});
