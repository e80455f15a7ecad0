import fs from 'node:fs';
import path from 'node:path';
import type { Client } from '@temporalio/client';
import { historyToJSON } from '@temporalio/common/lib/proto-utils.js';
import { fixturesDir } from './paths.js';

const recording = () => process.env.RECORD_FIXTURES === '1';

/**
 * With RECORD_FIXTURES=1, keeps the test's workflow history under test/fixtures/histories so
 * CI replays it against today's workflow code. Otherwise it does nothing: fixtures are only
 * rewritten on purpose, never by an ordinary run. Only the latest run is kept; see recordFixtureRuns.
 */
export async function recordFixture(name: string, client: Client, workflowId: string): Promise<void> {
  if (!recording()) return;
  const history = await client.workflow.getHandle(workflowId).fetchHistory();
  fs.mkdirSync(fixturesDir, { recursive: true });
  fs.writeFileSync(path.join(fixturesDir, `${name}.json`), historyToJSON(history));
}

/** Like recordFixture, for a process that continued as new: every run, as `<name>.run<n>.json`, oldest first. */
export async function recordFixtureRuns(name: string, client: Client, workflowId: string): Promise<void> {
  if (!recording()) return;
  const histories = [];
  let runId: string | undefined = undefined;
  for (;;) {
    const history: Awaited<ReturnType<ReturnType<Client['workflow']['getHandle']>['fetchHistory']>> =
      await client.workflow.getHandle(workflowId, runId).fetchHistory();
    histories.unshift(history);
    runId = history.events?.[0]?.workflowExecutionStartedEventAttributes?.continuedExecutionRunId || undefined;
    if (!runId) break;
  }
  fs.mkdirSync(fixturesDir, { recursive: true });
  histories.forEach((history, i) =>
    fs.writeFileSync(path.join(fixturesDir, `${name}.run${i + 1}.json`), historyToJSON(history)),
  );
}
