import fs from 'node:fs';
import path from 'node:path';
import type { Client } from '@temporalio/client';
import { historyToJSON } from '@temporalio/common/lib/proto-utils.js';
import { fixturesDir } from './paths.js';

/**
 * With RECORD_FIXTURES=1, keeps the test's workflow history under test/fixtures/histories so
 * CI replays it against today's workflow code. Otherwise it does nothing: fixtures are only
 * rewritten on purpose, never by an ordinary run.
 */
export async function recordFixture(name: string, client: Client, workflowId: string): Promise<void> {
  if (process.env.RECORD_FIXTURES !== '1') return;
  const handle = client.workflow.getHandle(workflowId);
  const history = await handle.fetchHistory();
  fs.mkdirSync(fixturesDir, { recursive: true });
  fs.writeFileSync(path.join(fixturesDir, `${name}.json`), historyToJSON(history));
}
