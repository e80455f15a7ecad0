import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type {} from 'vitest';
import type { TestProject } from 'vitest/node';
import { startDevServer, temporalAnswers } from '../../server/temporal/devServer.js';
import { bundleWorkflows } from '../../server/temporal/worker.js';
import { freePort } from '../../server/freePort.js';
import { testWorkflowsPath } from './paths.js';

export { freePort };

declare module 'vitest' {
  export interface ProvidedContext {
    temporalAddress: string;
    workflowBundlePath: string;
  }
}

/**
 * The run's Temporal server: TEST_TEMPORAL_ADDRESS when set (a real cluster, `npm run temporal:cluster`
 * with the namespace and search attributes registered), else a dev server in memory.
 */
async function runTemporal() {
  const external = process.env.TEST_TEMPORAL_ADDRESS;
  if (!external) return freePort().then((port) => startDevServer({ port, log: (l) => console.log(`[temporal] ${l}`) }));
  if (!(await temporalAnswers(external, 5000)))
    throw new Error(`TEST_TEMPORAL_ADDRESS is ${external}, where no Temporal server answers.`);
  return { address: external, stop: async () => {} };
}

/** One Temporal server and one workflow bundle for the whole test run. */
export default async function setup(project: TestProject) {
  const started = Date.now();
  const [server, bundle] = await Promise.all([runTemporal(), bundleWorkflows(testWorkflowsPath)]);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vinculo-bundle-'));
  const bundlePath = path.join(dir, 'workflows.js');
  fs.writeFileSync(bundlePath, bundle.code);
  project.provide('temporalAddress', server.address);
  project.provide('workflowBundlePath', bundlePath);
  console.log(
    `[temporal] ${process.env.TEST_TEMPORAL_ADDRESS ? 'external server' : 'dev server'} at ${server.address}, workflows bundled (${Math.round((Date.now() - started) / 100) / 10} s)`,
  );
  return async () => {
    await server.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  };
}
