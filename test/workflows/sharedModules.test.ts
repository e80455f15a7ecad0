import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { randomCnpj, randomEmail, useDirectoryStack } from '../support/directoryStack.js';
import { instanceRow } from '../support/projection.js';
import { eventually } from '../support/stack.js';

/*
 * A worker evaluates the shared workflow modules (`sharedWorkflowModules`: the engine registry,
 * the interpreter, XState) once and lends them to every workflow it runs. Here three processes of
 * one production machine take turns on a worker whose cache holds two, so each turn finds its
 * workflow evicted and replays it, beside another one still cached. If anything in those modules
 * kept one workflow's state (a counter, a collection, a statechart changed in place), another
 * process would see it, or a replay would issue other commands than its history recorded.
 */
const s = useDirectoryStack({ workerTuning: { maxCachedWorkflows: 2 } });

const day = 86_400_000;

async function sendHiringLink(n: number) {
  const office = await request(s.app)
    .post('/api/offices')
    .send({ name: `Escritório ${n}`, cnpj: randomCnpj() })
    .expect(201);
  const sent = await request(s.app)
    .post('/api/hiringLinks')
    .send({ officeId: office.body.id, planId: 'profissional', payer: 'client', email: randomEmail(`cliente${n}`) })
    .expect(201);
  return {
    officeId: office.body.id as string,
    hiringId: sent.body.id as string,
    instanceId: sent.body.instanceId as string,
  };
}

const nudge = (instanceId: string, type: string, payload?: Record<string, unknown>) =>
  request(s.app).post(`/api/instances/${instanceId}/events`).send({ type, payload, reason: 'shared modules test' });

describe('the shared workflow modules', () => {
  it('keep each process to its own state while processes are evicted, replayed and interleaved', async () => {
    const processes: Array<Awaited<ReturnType<typeof sendHiringLink>>> = [];
    for (const n of [1, 2, 3]) processes.push(await sendHiringLink(n));
    for (const p of processes)
      await eventually(
        async () => expect((await instanceRow(s.db, p.instanceId))?.state).toBe('awaitingSignUp'),
        30_000,
      );
    // Three processes waiting, two cache slots, both taken: one process is always out of the cache.
    expect(s.worker!.getStatus().numCachedWorkflows).toBe(2);

    // Round-robin: the least recently used process is the one evicted, so every turn replays.
    for (let round = 1; round <= 3; round++)
      for (const [i, p] of processes.entries()) {
        const res = await nudge(p.instanceId, 'EXTEND_DEADLINE', { days: i + 1 });
        expect(res.status, JSON.stringify(res.body)).toBe(200);
      }
    // One process sends its link again: only its own send count moves.
    expect((await nudge(processes[1]!.instanceId, 'RESEND_NOW')).status).toBe(200);
    await eventually(async () =>
      expect((await instanceRow(s.db, processes[1]!.instanceId))?.state).toBe('awaitingSignUp'),
    );

    for (const [i, p] of processes.entries()) {
      const view = await s.instances.snapshot(p.instanceId);
      expect(view).toMatchObject({ machine: 'clientHiring', state: 'awaitingSignUp', status: 'running' });
      expect(view.context).toMatchObject({
        hiringId: p.hiringId,
        officeId: p.officeId,
        extraMs: 3 * (i + 1) * day,
        sendCount: i === 1 ? 2 : 1,
        resendCount: 0,
        companyId: null,
        outcome: null,
      });
      // A replay that issued other commands than the history recorded would fail its workflow task.
      const history = await s.client.workflow.getHandle(p.instanceId).fetchHistory();
      expect(history.events?.filter((e) => e.workflowTaskFailedEventAttributes) ?? []).toEqual([]);
    }
    expect(s.worker!.getStatus().numCachedWorkflows).toBe(2);
  });
});
