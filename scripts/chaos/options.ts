// The command line of `npm run chaos`: --quick (the CI size), --processes N, --kill-every S,
// --settle S, --calm (no faults: prints each variant's path, the reference the scenarios hold),
// --worker-kills [N] (the hard mode: the worker SIGKILLed again and again until every process is
// final, at least N times, 80 unless given).

const argv = process.argv.slice(2);
const flag = (name: string, env?: string) => argv.includes(`--${name}`) || (!!env && process.env[env] === '1');
const option = (name: string, env: string, fallback: number) => {
  const i = argv.indexOf(`--${name}`);
  const raw = i >= 0 ? argv[i + 1] : process.env[env];
  const n = Number(raw);
  return raw !== undefined && Number.isFinite(n) && n > 0 ? n : fallback;
};

const quick = flag('quick', 'CHAOS_QUICK');
const workerKills = option('worker-kills', 'CHAOS_WORKER_KILLS', 0) || (flag('worker-kills') ? 80 : 0);

export const options = {
  quick,
  calm: flag('calm'),
  /**
   * The hard mode (0: off): beside the faults in turn, the worker is SIGKILLed 2–8 s after each
   * time it is ready until every process is final, the scenario runs started a share per worker
   * life over this many lives (so there are at least this many kills), and each server SIGKILL
   * waits for a portal request in flight.
   */
  workerKills,
  /** How many processes to drive, spread over every machine's variants (at least one of each). */
  processes: option('processes', 'CHAOS_PROCESSES', quick ? 1 : 240),
  killEveryMs: option('kill-every', 'CHAOS_KILL_EVERY_SECONDS', quick ? 3 : 8) * 1000,
  /** With the worker killed until every process is final, settling takes longer. */
  settleMs: option('settle', 'CHAOS_SETTLE_SECONDS', quick ? 60 : workerKills ? 900 : 240) * 1000,
  concurrency: quick ? 6 : 12,
  /** Faults while driving: quick mode has each kind once (each part killed, Temporal stopped cleanly). */
  faults: quick ? 5 : Infinity,
};
