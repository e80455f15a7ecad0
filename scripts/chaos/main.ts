// npm run chaos [-- --quick] [-- --processes N] [-- --kill-every S] [-- --settle S] [-- --calm]
//                [-- --worker-kills [N]]
//
// The whole stack as separate processes (scripts/chaos/stack.ts) drives processes of every
// machine through the API and the portal as people and operators would (scripts/chaos/scenarios)
// while it SIGKILLs and restarts the worker, the HTTP server and the Temporal dev server, and
// once stops Temporal cleanly (scripts/chaos/faults.ts); `--worker-kills` also kills the worker
// 2–8 s after each time it is ready until every process is final, at least N times (80). Then it checks what must hold
// after any crash, every history replayed included (scripts/chaos/checks.ts), and prints the
// summary (scripts/chaos/report.ts). Exit code 1 on any violation.
import fs from 'node:fs';
import { Api } from './api.js';
import { check, settle } from './checks.js';
import { startFaults, startWorkerKills } from './faults.js';
import { options } from './options.js';
import { printPaths, progress, say, summary } from './report.js';
import { ScenarioContext, type Tracked } from './scenarios/context.js';
import { plan, scenarios } from './scenarios/index.js';
import { killAllChildrenOnExit, sleep, startStack } from './stack.js';

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
    const hard = options.workerKills > 0 && !options.calm;
    const faults = options.calm
      ? undefined
      : startFaults(stack, options.killEveryMs, options.faults, hard ? (ms) => api.portalInFlight(ms) : undefined);
    const workerKills = hard ? startWorkerKills(stack) : undefined;
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
    // The hard mode spreads the scenario runs over `workerKills` lives of the worker, a share started
    // in each (the last one after kill N-1), so the faults strike throughout the driving and the
    // worker dies at least N times: the last share's processes need a worker too.
    const lives = Math.max(1, options.workerKills);
    const mayStart = () =>
      !workerKills || planned.length - queue.length < Math.ceil((planned.length * (stack.worker.kills + 1)) / lives);
    await Promise.all(
      Array.from({ length: options.concurrency }, async () => {
        for (;;) {
          while (!mayStart()) await sleep(250);
          const p = queue.shift();
          if (!p) break;
          tracked.push(...(await p.variant.drive(ctx, p.n)));
          done += 1;
        }
      }),
    );
    await faults?.stop();
    say(`all driven; faults stopped${workerKills ? ' but the worker kills' : ''}; waiting for the processes to settle`);
    const settled = await settle(stack.db, tracked, options.settleMs, say);
    if (workerKills) {
      await workerKills.stop();
      // Not all final under the kills: how the rest end once the worker stays up.
      if (!settled) {
        say('worker kills stopped before every process was final; settling without them');
        await settle(stack.db, tracked, options.settleMs, say);
      }
    }
    clearInterval(ticker);
    say('checking; every history read back from Temporal and replayed');
    const findings = await check(stack, tracked);
    if (options.calm) printPaths(findings.paths);
    summary(
      findings,
      stack,
      api.retries,
      faults && workerKills
        ? { serverKillsMidPortal: faults.serverKillsMidPortal, settledUnderKills: settled }
        : undefined,
    );
    failed = findings.violations.length > 0;
  } finally {
    for (const cleanup of ctx.cleanups) cleanup();
    await stack.shutdown();
  }
  if (!failed) fs.rmSync(stack.dataDir, { recursive: true, force: true });
  else say(`kept ${stack.dataDir} (children.log) for a look`);
  process.exit(failed ? 1 : 0);
}
