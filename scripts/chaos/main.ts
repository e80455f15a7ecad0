// npm run chaos [-- --quick] [-- --processes N] [-- --kill-every S] [-- --settle S] [-- --calm]
//
// The whole stack as separate processes (scripts/chaos/stack.ts) drives processes of every
// machine through the API and the portal as people and operators would (scripts/chaos/scenarios)
// while it SIGKILLs and restarts the worker, the HTTP server and the Temporal dev server, and
// once stops Temporal cleanly (scripts/chaos/faults.ts). Then it checks what must hold after any
// crash (scripts/chaos/checks.ts) and prints the summary (scripts/chaos/report.ts). Exit code 1
// on any violation.
import fs from 'node:fs';
import { Api } from './api.js';
import { check, settle } from './checks.js';
import { startFaults } from './faults.js';
import { options } from './options.js';
import { printPaths, progress, say, summary } from './report.js';
import { ScenarioContext, type Tracked } from './scenarios/context.js';
import { plan, scenarios } from './scenarios/index.js';
import { killAllChildrenOnExit, startStack } from './stack.js';

export async function main() {
  killAllChildrenOnExit();
  const stack = await startStack();
  const planned = plan(options.processes);
  say(`chaos: ${planned.length} scenario runs over ${scenarios.length} machines, data in ${stack.dataDir}`);
  const api = new Api(stack.baseUrl);
  const ctx = new ScenarioContext(api, stack.smtp);
  const tracked: Tracked[] = [];
  let failed = false;
  try {
    await api.login(stack.admin.email, stack.admin.password);
    const faults = options.calm ? undefined : startFaults(stack, options.killEveryMs, options.faults);
    let done = 0;
    const ticker = setInterval(
      () =>
        progress(
          stack.parts,
          () => `${done}/${planned.length}`,
          () => api.retries,
        ),
      3000,
    );
    const queue = [...planned];
    await Promise.all(
      Array.from({ length: options.concurrency }, async () => {
        for (let p = queue.shift(); p; p = queue.shift()) {
          tracked.push(...(await p.variant.drive(ctx, p.n)));
          done += 1;
        }
      }),
    );
    await faults?.stop();
    say('all driven; faults stopped; waiting for the processes to settle');
    await settle(stack.db, tracked, options.settleMs, say);
    clearInterval(ticker);
    const findings = await check(stack.db, stack.smtp, tracked);
    if (options.calm) printPaths(findings.paths);
    summary(findings, stack, api.retries);
    failed = findings.violations.length > 0;
  } finally {
    for (const cleanup of ctx.cleanups) cleanup();
    await stack.shutdown();
  }
  if (!failed) fs.rmSync(stack.dataDir, { recursive: true, force: true });
  else say(`kept ${stack.dataDir} (children.log) for a look`);
  process.exit(failed ? 1 : 0);
}
