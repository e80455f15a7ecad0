// The command line of `npm run chaos`: --quick (the CI size), --processes N, --kill-every S,
// --settle S, --calm (no faults: prints each variant's path, the reference the scenarios hold).

const argv = process.argv.slice(2);
const flag = (name: string) => argv.includes(`--${name}`);
const option = (name: string, env: string, fallback: number) => {
  const i = argv.indexOf(`--${name}`);
  const raw = i >= 0 ? argv[i + 1] : process.env[env];
  const n = Number(raw);
  return raw !== undefined && Number.isFinite(n) && n > 0 ? n : fallback;
};

const quick = flag('quick') || process.env.CHAOS_QUICK === '1';

export const options = {
  quick,
  calm: flag('calm'),
  /** How many processes to drive, spread over every machine's variants (at least one of each). */
  processes: option('processes', 'CHAOS_PROCESSES', quick ? 1 : 240),
  killEveryMs: option('kill-every', 'CHAOS_KILL_EVERY_SECONDS', quick ? 3 : 8) * 1000,
  settleMs: option('settle', 'CHAOS_SETTLE_SECONDS', quick ? 60 : 240) * 1000,
  concurrency: quick ? 6 : 12,
  /** Faults while driving: quick mode has each kind once (each part killed, Temporal stopped cleanly). */
  faults: quick ? 5 : Infinity,
};
