import { fileURLToPath } from 'node:url';
import type { Client } from '@temporalio/client';
import { NativeConnection, Worker } from '@temporalio/worker';
import { afterEach, describe, expect, it, inject } from 'vitest';
import { createRegistry } from '../../machines/definition.js';
import { InstanceService } from '../../server/temporal/instances.js';
import { bundleWorkflows, createWorker } from '../../server/temporal/worker.js';
import { testCodec } from '../support/codec.js';
import { testWorkerTuning } from '../support/workerTuning.js';
import { recordFixture } from '../support/fixtures.js';
import { loginAs } from '../support/operators.js';
import { versionProbeV1 } from '../support/machines/versionProbe.machine.js';
import { instanceRow, pathOf, transitionsOf } from '../support/projection.js';
import { eventually, startStack, uniqueId, type Stack } from '../support/stack.js';

const beforeV2Path = fileURLToPath(new URL('../support/versioning/beforeV2.ts', import.meta.url));

let stack: Stack;
const workers: Array<{ worker: Worker; running: Promise<void>; connection: NativeConnection }> = [];

async function startWorker(workflowBundle: { code: string } | { codePath: string }) {
  const connection = await NativeConnection.connect({ address: inject('temporalAddress') });
  const worker = await createWorker({
    connection,
    namespace: 'default',
    taskQueue: stack.taskQueue,
    db: stack.db,
    workflowBundle,
    payloadCodec: testCodec,
    tuning: testWorkerTuning(),
  });
  const entry = { worker, running: worker.run(), connection };
  workers.push(entry);
  return entry;
}

async function stopWorker(entry: (typeof workers)[number]) {
  if (entry.worker.getState() === 'RUNNING') entry.worker.shutdown();
  await entry.running;
  await entry.connection.close();
}

afterEach(async () => {
  for (const entry of workers.splice(0)) await stopWorker(entry).catch(() => {});
  await stack?.stop();
});

const operator = { actor: 'operator:tester', reason: 'versioning test' };
const send = (instances: InstanceService, id: string, type: string) =>
  instances.send(id, { event: { type }, ...operator });

/** Every run of a workflow (continue-as-new chains them), replayed against the current test bundle. */
async function replayAllRuns(client: Client, workflowId: string): Promise<number> {
  const description = await client.workflow.getHandle(workflowId).describe();
  const runs = [];
  let runId: string | undefined = description.runId;
  while (runId) {
    const history: Awaited<ReturnType<ReturnType<Client['workflow']['getHandle']>['fetchHistory']>> =
      await client.workflow.getHandle(workflowId, runId).fetchHistory();
    runs.push({ workflowId, history });
    runId = history.events?.[0]?.workflowExecutionStartedEventAttributes?.continuedExecutionRunId || undefined;
  }
  const results = Worker.runReplayHistories(
    { workflowBundle: { codePath: inject('workflowBundlePath') }, dataConverter: { payloadCodecs: [testCodec] } },
    runs,
  );
  for await (const result of results) expect(result.error, result.error?.message).toBeUndefined();
  return runs.length;
}

describe('machine versions', () => {
  it('lets version 1 processes finish on version 1 while new processes start on version 2', async () => {
    stack = await startStack({ noWorker: true });
    // The deployment before version 2: its API and its worker know version 1 only.
    const before = new InstanceService({
      client: stack.client,
      registry: createRegistry([versionProbeV1]),
      taskQueue: stack.taskQueue,
      namespace: 'default',
      codec: testCodec,
    });
    const oldWorker = await startWorker({ code: (await bundleWorkflows(beforeV2Path)).code });
    const { instanceId: plain } = await before.start({
      machine: 'versionProbe',
      input: { key: uniqueId('v1') },
      ...operator,
    });
    // This one continues as new after each applied event, so its version rides in the carried state too.
    const { instanceId: continued } = await before.start({
      machine: 'versionProbe',
      input: { key: uniqueId('v1can') },
      transitionsPerRun: 1,
      ...operator,
    });
    for (const id of [plain, continued]) expect((await send(before, id, 'SUBMIT')).state).toBe('inReview');
    await stopWorker(oldWorker);

    // Version 2 ships: the test bundle and the stack's registry hold versionProbe 1 and 2.
    await startWorker({ codePath: inject('workflowBundlePath') });
    const { instanceId: fresh } = await stack.instances.start({
      machine: 'versionProbe',
      input: { key: uniqueId('v2') },
      ...operator,
    });
    expect((await stack.instances.snapshot(fresh)).machineVersion).toBe(2);
    expect((await send(stack.instances, fresh, 'SUBMIT')).state).toBe('underReview');
    expect((await send(stack.instances, fresh, 'RETURN')).state).toBe('drafting');
    await eventually(async () => expect((await instanceRow(stack.db, fresh))?.machineVersion).toBe(2));

    for (const id of [plain, continued]) {
      const view = await stack.instances.snapshot(id);
      expect(view).toMatchObject({ machineVersion: 1, state: 'inReview', can: ['APPROVE', 'REJECT'] });
      await expect(send(stack.instances, id, 'RETURN')).rejects.toThrow(/no event "RETURN"/);
    }
    expect((await send(stack.instances, plain, 'APPROVE')).state).toBe('approved');
    expect((await send(stack.instances, continued, 'REJECT')).state).toBe('rejected');
    await stack.client.workflow.getHandle(plain).result();
    await stack.client.workflow.getHandle(continued).result();
    expect(pathOf(await transitionsOf(stack.db, plain))).toEqual([
      '∅ -xstate.init-> drafting',
      'drafting -SUBMIT-> inReview',
      'inReview -APPROVE-> approved',
    ]);
    expect((await instanceRow(stack.db, continued))?.machineVersion).toBe(1);

    // The histories recorded before version 2 still replay on the code that has it.
    expect(await replayAllRuns(stack.client, plain)).toBe(1);
    expect(await replayAllRuns(stack.client, continued)).toBeGreaterThan(1);
    expect(await replayAllRuns(stack.client, fresh)).toBe(1);
    await recordFixture('version-1-finishing', stack.client, plain);
    await recordFixture('version-1-continued', stack.client, continued);
  }, 120_000);

  it("lets operators send only the operator events of the version a process runs, not the latest's", async () => {
    stack = await startStack();
    const before = new InstanceService({
      client: stack.client,
      registry: createRegistry([versionProbeV1]),
      taskQueue: stack.taskQueue,
      namespace: 'default',
      codec: testCodec,
    });
    const { instanceId: old } = await before.start({
      machine: 'versionProbe',
      input: { key: uniqueId('op1') },
      ...operator,
    });
    const { instanceId: fresh } = await stack.instances.start({
      machine: 'versionProbe',
      input: { key: uniqueId('op2') },
      ...operator,
    });
    const api = (await loginAs(stack.app, stack.db, 'operator')).agent;
    const nudge = (id: string, type: string) =>
      api.post(`/api/instances/${id}/events`).send({ type, reason: 'operator events per version' });
    for (const id of [old, fresh]) expect((await nudge(id, 'SUBMIT')).status).toBe(200);

    // Version 1 reserves REJECT and lets operators APPROVE; version 2 the other way round.
    const rejectOld = await nudge(old, 'REJECT');
    expect(rejectOld.status).toBe(403);
    expect(rejectOld.body).toMatchObject({ error: 'event_not_for_operators', allowed: ['SUBMIT', 'APPROVE'] });
    const approveFresh = await nudge(fresh, 'APPROVE');
    expect(approveFresh.status).toBe(403);
    expect(approveFresh.body).toMatchObject({
      error: 'event_not_for_operators',
      allowed: ['SUBMIT', 'REJECT', 'RETURN'],
    });
    const dryRun = await api
      .post('/api/instances/bulk-events')
      .send({ ids: [old, fresh], type: 'APPROVE', reason: 'operator events per version', dryRun: true });
    expect(dryRun.body.results).toMatchObject([
      { id: old, ok: true, state: 'inReview' },
      { id: fresh, ok: false, error: 'event_not_for_operators' },
    ]);

    const approveOld = await nudge(old, 'APPROVE');
    expect(approveOld.status, JSON.stringify(approveOld.body)).toBe(200);
    expect(approveOld.body.state).toBe('approved');
    const returned = await nudge(fresh, 'RETURN');
    expect(returned.status, JSON.stringify(returned.body)).toBe(200);
    expect(returned.body.state).toBe('drafting');
    expect((await instanceRow(stack.db, old))?.machineVersion).toBe(1);
  }, 120_000);

  it('lists every registered version through the API, and describes each', async () => {
    stack = await startStack({ noWorker: true });
    const api = (await loginAs(stack.app, stack.db, 'auditor')).agent;
    const list = (await api.get('/api/machines')).body as Array<{ id: string; version: number; latest: boolean }>;
    expect(list.filter((m) => m.id === 'versionProbe').map(({ version, latest }) => ({ version, latest }))).toEqual([
      { version: 1, latest: false },
      { version: 2, latest: true },
    ]);
    const latest = await api.get('/api/machines/versionProbe');
    expect(latest.body).toMatchObject({ version: 2, latest: true });
    const v1 = await api.get('/api/machines/versionProbe/versions/1');
    expect(v1.body.states.map((s: { path: string }) => s.path)).toEqual([
      'drafting',
      'inReview',
      'approved',
      'rejected',
    ]);
    const missing = await api.get('/api/machines/versionProbe/versions/7');
    expect(missing.status).toBe(404);
    expect(missing.body.message).toBe('Machine "versionProbe" has no version "7". Registered versions: 1, 2.');
  });

  it('fails a process whose version this worker does not have, saying which', async () => {
    stack = await startStack();
    const handle = await stack.client.workflow.start('machineWorkflow', {
      taskQueue: stack.taskQueue,
      workflowId: uniqueId('versionProbe-unknown'),
      args: [{ machine: 'versionProbe', version: 9, input: { key: 'k' } }],
    });
    await expect(handle.result()).rejects.toMatchObject({
      cause: { message: 'Unknown machine "versionProbe" version 9.', type: 'UnknownMachine' },
    });
  });
});
