import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { Worker } from '@temporalio/worker';
import { describe, expect, it, inject } from 'vitest';
import { resetPointOf, type HistoryEventLike } from '../../server/temporal/resetPoint.js';
import { EncryptionCodec } from '../../server/temporal/payloadCodec.js';
import { fixturesDir } from '../support/paths.js';

/**
 * Two processes a chaos run left stuck for good (test/fixtures/evidence). In each, a Query was
 * answered while a local activity's result was pending: the SDK completed the workflow task with
 * that result recorded although the workflow had not seen it, and the workflow took it in the
 * next task, cancelling the reminder timer there. A replay hands the recorded result over within
 * the first task, so the cancellation falls where the timer's start is recorded: no workflow
 * code can replay the task as recorded. Today's code never waits for a local activity (patch
 * `projection-beside-the-run`); processes stuck this way are reset to their last good task.
 */
const evidenceDir = path.join(fixturesDir, '..', 'evidence');
// The chaos run's own throwaway key; the people in these histories are fake.
const codec = new EncryptionCodec([
  { id: 'chaos1', key: Buffer.from('Zf5tnAMrfl8jeVMKzx0ZE2oSHS+/y5XH76rLqzbv6B0=', 'base64') },
]);
const evidence: Array<[string, number]> = [
  ['clientUserOnboarding-66dcf6b1-a835-423e-846f-f1cd0a5640e2.json', 28],
  ['clientUserOnboarding-decfd3d9-f22c-405c-a400-b24ac4ccd08c.json', 26],
];

type History = { events: Array<HistoryEventLike & Record<string, unknown>> };
const read = (file: string): History => JSON.parse(fs.readFileSync(path.join(evidenceDir, file), 'utf8'));
const idOf = (e: HistoryEventLike) => Number(e.eventId);

async function replay(history: History, name: string): Promise<Error | undefined> {
  const bundle = { codePath: inject('workflowBundlePath') };
  const results = Worker.runReplayHistories({ workflowBundle: bundle, dataConverter: { payloadCodecs: [codec] } }, [
    { workflowId: `${name}-${crypto.randomUUID().slice(0, 8)}`, history },
  ]);
  for await (const result of results) return result.error;
  return undefined;
}

describe('the processes a chaos run left stuck', () => {
  it.each(evidence)('%s: its reset point is the task whose recorded commands cannot be replayed', (file, point) => {
    expect(resetPointOf(read(file).events)).toBe(point);
  });

  it.each(evidence)('%s: fails to replay as recorded, for the reason above', async (file) => {
    const history = read(file);
    const failed = history.events.findIndex((e) => e.eventType === 'EVENT_TYPE_WORKFLOW_TASK_FAILED');
    const error = await replay({ ...history, events: history.events.slice(0, failed) }, file);
    expect(error?.message).toMatch(/Nondeterminism error: UpsertWorkflowSearchAttributesMachine .* TimerStarted/);
  });

  it.each(evidence)(
    '%s: replays up to its reset point, where a reset lets today’s code take it on',
    async (file, point) => {
      const history = read(file);
      // What a reset keeps: every event before the reset task's completion (it ends on that task's start).
      const error = await replay({ ...history, events: history.events.filter((e) => idOf(e) < point) }, file);
      expect(error).toBeUndefined();
    },
  );
});
