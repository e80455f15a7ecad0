import fs from 'node:fs';
import path from 'node:path';
import { Worker } from '@temporalio/worker';
import { describe, expect, it, inject } from 'vitest';
import { testCodec } from '../support/codec.js';
import { fixturesDir } from '../support/paths.js';

const fixtures = fs.existsSync(fixturesDir)
  ? fs
      .readdirSync(fixturesDir)
      .filter((f) => f.endsWith('.json'))
      .sort()
  : [];

/**
 * Recorded histories replay against today's workflow code: a change that would make a running
 * workflow take a different path fails here, and needs versioning (patched), not a new fixture.
 */
describe('recorded histories', () => {
  it('are present', () => {
    expect(fixtures.length).toBeGreaterThanOrEqual(5);
  });

  it.each(fixtures)('%s replays without non-determinism', async (file) => {
    const history = JSON.parse(fs.readFileSync(path.join(fixturesDir, file), 'utf8'));
    const results = Worker.runReplayHistories(
      { workflowBundle: { codePath: inject('workflowBundlePath') }, dataConverter: { payloadCodecs: [testCodec] } },
      [{ workflowId: file, history }],
    );
    for await (const result of results) {
      expect(result.error, `${file}: ${result.error?.message}`).toBeUndefined();
    }
  });
});
