// The faults: one part at a time, in turn, each restarted by its supervisor; once per run the
// Temporal server is stopped cleanly instead (SIGTERM, waited for) and started on the same file.
// The hard mode adds the worker SIGKILLed again and again (startWorkerKills), and has each server
// SIGKILL wait for a portal request in flight.
import { kill, sleep, stopAndRestart, type Stack } from './stack.js';

/** Polls (up to five minutes) until every part is up again. */
async function recovered(stack: Stack) {
  for (const t = Date.now(); Date.now() - t < 300_000; await sleep(250)) if (await stack.recovered()) return;
}

/** How long a server SIGKILL waits for a portal request in flight before it strikes anyway. */
const portalWaitMs = 60_000;
/** A portal request this long in flight has reached the server (on loopback, in a few milliseconds). */
const portalInFlightMs = 200;

/**
 * `portalInFlight`, given, has each server SIGKILL of the turn wait (up to a minute) until a
 * portal request has been in flight a moment: a person's request cut off mid-way.
 */
export function startFaults(stack: Stack, everyMs: number, limit = Infinity, portalInFlight?: (ms: number) => boolean) {
  let on = true;
  const { worker, server, temporal } = stack;
  /** Server SIGKILLs that cut off a portal request. */
  let serverKillsMidPortal = 0;
  // The clean stop comes early, so even a short run has it; a worker restart (it bundles its
  // workflows again) is the slowest to recover from.
  const order = [server, temporal, 'clean', worker, server, temporal, worker, server] as const;
  const killServer = async () => {
    if (portalInFlight) {
      for (const t = Date.now(); on && Date.now() - t < portalWaitMs; await sleep(20))
        if (portalInFlight(portalInFlightMs)) {
          serverKillsMidPortal += 1;
          break;
        }
    }
    kill(server);
  };
  const loop = (async () => {
    for (let k = 0; on && k < limit; k += 1) {
      // Each fault hits a stack that recovered from the last one: faults faster than recovery would
      // only measure the restarts.
      await recovered(stack);
      await sleep(everyMs);
      if (!on) break;
      const victim = order[k % order.length]!;
      if (victim === 'clean') await stopAndRestart(temporal);
      else if (victim === server) await killServer();
      else kill(victim);
    }
  })();
  return {
    get serverKillsMidPortal() {
      return serverKillsMidPortal;
    },
    /** Makes sure each part died once and Temporal stopped cleanly once, whatever the run's length; then stops. */
    async stop() {
      on = false;
      await loop;
      for (const p of stack.parts) {
        if (p.kills > 0) continue;
        await recovered(stack);
        kill(p);
      }
      if (temporal.cleanStops === 0) {
        await recovered(stack);
        await stopAndRestart(temporal);
      }
      await recovered(stack);
    },
  };
}

/**
 * The worker SIGKILLed 2–8 s (at random) after each time it is ready, again and again until
 * stopped: every process's workflow task is cut off at any point of its run, and each start
 * replays on a fresh worker what the killed one had cached.
 */
export function startWorkerKills(stack: Stack) {
  let on = true;
  const { worker } = stack;
  const loop = (async () => {
    while (on) {
      if (!worker.ready) {
        await sleep(250);
        continue;
      }
      const child = worker.child;
      await sleep(2000 + Math.random() * 6000);
      // Not a worker started since (another fault killed this one): its own 2–8 s first.
      if (on && worker.child === child) kill(worker);
    }
  })();
  return {
    async stop() {
      on = false;
      await loop;
      await recovered(stack);
    },
  };
}
