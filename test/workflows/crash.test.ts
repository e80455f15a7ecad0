import type { ChildProcess } from 'node:child_process';
import { afterEach, describe, expect, it } from 'vitest';
import { pathOf, transitionsOf } from '../support/projection.js';
import { startWorkerProcess as startWorker } from '../support/serverProcess.js';
import { eventually, startStack, uniqueId, type Stack } from '../support/stack.js';

const children: ChildProcess[] = [];
const stacks: Stack[] = [];

afterEach(async () => {
  for (const child of children.splice(0)) child.kill('SIGKILL');
  for (const stack of stacks.splice(0)) await stack.stop();
});

/** A worker in its own process on the stack's database, with the probe activities. */
async function startWorkerProcess(stack: Stack): Promise<ChildProcess> {
  const child = await startWorker({ dbEnv: stack.dbEnv, taskQueue: stack.taskQueue });
  children.push(child);
  return child;
}

type Start = (stack: Stack, tag: string) => Promise<string>;
const workload: Array<[string, Start]> = [
  [
    'timers',
    async (s, tag) =>
      (
        await s.instances.start({
          machine: 'timerProbe',
          input: { key: `${tag}-t`, remindAfterMs: 1500, expireAfterMs: 1000 },
          actor: 'system',
        })
      ).instanceId,
  ],
  [
    'activities',
    async (s, tag) =>
      (
        await s.instances.start({
          machine: 'parallelProbe',
          input: { key: `${tag}-p`, leftMs: 1500, rightMs: 3000 },
          actor: 'system',
        })
      ).instanceId,
  ],
  [
    'failure',
    async (s, tag) =>
      (
        await s.instances.start({
          machine: 'taskProbe',
          input: { key: `${tag}-f`, mode: 'fail', workMs: 2000 },
          actor: 'system',
        })
      ).instanceId,
  ],
];

async function runWorkload(stack: Stack, tag: string, afterStart?: () => Promise<void>) {
  const ids = await Promise.all(workload.map(([, start]) => start(stack, tag)));
  await afterStart?.();
  const paths: Record<string, string[]> = {};
  for (const [i, [name]] of workload.entries()) {
    const id = ids[i]!;
    if (name === 'failure') {
      await eventually(async () => expect((await transitionsOf(stack.db, id)).at(-1)?.to).toBe('failed'), 60_000);
    } else {
      await stack.client.workflow.getHandle(id).result();
    }
    paths[name] = pathOf(await transitionsOf(stack.db, id));
  }
  return paths;
}

describe('a worker killed mid-flight', () => {
  it('lets a new worker finish every workflow with the same transitions as an uninterrupted run', async () => {
    const reference = await startStack();
    stacks.push(reference);
    const expected = await runWorkload(reference, uniqueId('ref'));

    const stack = await startStack({ noWorker: true });
    stacks.push(stack);
    const first = await startWorkerProcess(stack);
    const actual = await runWorkload(stack, uniqueId('crash'), async () => {
      // Kill while timers are pending and the probe activities are running.
      await eventually(async () =>
        expect(Number((await stack.db('transitions').count({ n: '*' }).first())?.n)).toBe(3),
      );
      await new Promise((r) => setTimeout(r, 700));
      const moved = await stack
        .db('instances')
        .where({ machine: 'timerProbe' })
        .andWhere((q) => q.whereNot({ status: 'running' }).orWhereNot({ state: 'waiting' }));
      expect(moved).toEqual([]);
      first.kill('SIGKILL');
      await new Promise((r) => first.once('exit', r));
      await startWorkerProcess(stack);
    });
    expect(actual).toEqual(expected);
    expect(expected.activities).toHaveLength(3);
    expect(expected.timers).toHaveLength(3);
  }, 120_000);
});
