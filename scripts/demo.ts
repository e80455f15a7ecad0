// Fills a running `npm start` with demo data through the HTTP API, the way the console and the
// portal use it: offices, companies, office and client users, and processes in many states.
//   npm run demo            (DEMO_URL, DEMO_EMAIL, DEMO_PASSWORD, DEMO_MAX_WAIT_SECONDS optional)
import { defaults } from '../domain/settings.js';
import { ApiError, DemoApi } from './demo/api.js';
import { demoCredentials } from './demo/credentials.js';
import type { InstanceRow } from './demo/processes.js';
import { runScenario, type Outcome } from './demo/scenario.js';

const log = (line: string) => console.log(line);

async function reachable(api: DemoApi) {
  try {
    await api.get('/api/health');
  } catch (err) {
    const why = err instanceof ApiError ? err.message : (err as Error).message;
    throw new Error(
      `Vínculo does not answer at ${api.baseUrl} (${why}). Start it with \`npm start\` (or set DEMO_URL).`,
    );
  }
}

async function summary(api: DemoApi, outcomes: Outcome[]) {
  log('\nWhere the demo left each process:');
  let off = 0;
  for (const o of outcomes) {
    const row = await api.get<InstanceRow>(`/api/instances/${encodeURIComponent(o.instanceId)}`);
    // A goal may name a compound state: any of its children reaches it (officeUserLink v2's linked.connected is linked).
    const ok = row.state === o.goal || row.state.startsWith(`${o.goal}.`);
    if (!ok) off += 1;
    log(
      `  ${ok ? '✓' : '✗'} ${o.who.padEnd(34)} ${row.machine.padEnd(22)} ${row.state}${row.stuck ? ' (stuck: needs an operator)' : ''}${ok ? '' : `  — expected ${o.goal}`}`,
    );
  }
  const stats = await api.get<{
    byMachineState: Array<{ machine: string; state: string; count: number }>;
    stuck: number;
  }>('/api/stats');
  log('\nAll processes on this server, by machine and state:');
  for (const r of stats.byMachineState) log(`  ${r.machine.padEnd(22)} ${r.state.padEnd(22)} ${r.count}`);
  log(`  stuck: ${stats.stuck}`);
  log(`\nOpen ${api.baseUrl}/admin/ to see them.`);
  if (off > 0) process.exitCode = 1;
}

async function main() {
  const api = new DemoApi(process.env.DEMO_URL ?? defaults.publicUrl);
  await reachable(api);
  const credentials = await demoCredentials(log);
  const me = await api.login(credentials);
  log(`Logged in to ${api.baseUrl} as ${credentials.email} (${me.role}).`);
  const maxExpiryWaitMs = Number(process.env.DEMO_MAX_WAIT_SECONDS ?? 180) * 1000;
  const outcomes = await runScenario({ api, log, maxExpiryWaitMs });
  await summary(api, outcomes);
}

main().catch((err: Error) => {
  console.error(`\nThe demo stopped: ${err.message}`);
  process.exit(1);
});
