import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import type {} from 'vitest';
import type { TestProject } from 'vitest/node';
import { startDevServer } from '../../server/temporal/devServer.js';
import { bundleWorkflows } from '../../server/temporal/worker.js';
import { testWorkflowsPath } from './paths.js';

declare module 'vitest' {
  export interface ProvidedContext {
    temporalAddress: string;
    workflowBundlePath: string;
  }
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/** One Temporal dev server (in memory) and one workflow bundle for the whole test run. */
export default async function setup(project: TestProject) {
  const started = Date.now();
  const [server, bundle] = await Promise.all([
    freePort().then((port) => startDevServer({ port, log: (l) => console.log(`[temporal] ${l}`) })),
    bundleWorkflows(testWorkflowsPath),
  ]);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vinculo-bundle-'));
  const bundlePath = path.join(dir, 'workflows.js');
  fs.writeFileSync(bundlePath, bundle.code);
  project.provide('temporalAddress', server.address);
  project.provide('workflowBundlePath', bundlePath);
  console.log(
    `[temporal] dev server at ${server.address}, workflows bundled (${Math.round((Date.now() - started) / 100) / 10} s)`,
  );
  return async () => {
    await server.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  };
}
