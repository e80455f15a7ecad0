// The faults: one part at a time, in turn, each restarted by its supervisor; once per run the
// Temporal server is stopped cleanly instead (SIGTERM, waited for) and started on the same file.
import { kill, sleep, stopAndRestart, type Stack } from './stack.js';

export function startFaults(stack: Stack, everyMs: number, limit = Infinity) {
  let on = true;
  const { worker, server, temporal } = stack;
  // The clean stop comes early, so even a short run has it; a worker restart (it bundles its
  // workflows again) is the slowest to recover from.
  const order = [server, temporal, 'clean', worker, server, temporal, worker, server] as const;
  const recovered = async () => {
    // Each fault hits a stack that recovered from the last one: faults faster than recovery would
    // only measure the restarts.
    for (const t = Date.now(); Date.now() - t < 300_000; await sleep(250)) if (await stack.recovered()) return;
  };
  const loop = (async () => {
    for (let k = 0; on && k < limit; k += 1) {
      await recovered();
      await sleep(everyMs);
      if (!on) break;
      const victim = order[k % order.length]!;
      if (victim === 'clean') await stopAndRestart(temporal);
      else kill(victim);
    }
  })();
  return {
    /** Makes sure each part died once and Temporal stopped cleanly once, whatever the run's length; then stops. */
    async stop() {
      on = false;
      await loop;
      for (const p of stack.parts) {
        if (p.kills > 0) continue;
        await recovered();
        kill(p);
      }
      if (temporal.cleanStops === 0) {
        await recovered();
        await stopAndRestart(temporal);
      }
      await recovered();
    },
  };
}
