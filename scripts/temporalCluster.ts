// npm run temporal:cluster [-- --throwaway] [-- --run <command...>]
//
// A real Temporal server on PostgreSQL, on this host: finds or builds the server and its SQL tool,
// creates and migrates the two Temporal databases, starts the server on deploy/temporal/postgres.yaml.tmpl,
// registers the namespace and Vinculo's search attributes, and stays in the foreground until Ctrl-C.
//   --throwaway        databases of random names on free ports, dropped when it stops (CI)
//   --run <command…>   runs the command with TEMPORAL_ADDRESS and TEST_TEMPORAL_ADDRESS set, then stops;
//                      its exit code is the script's
// Settings: TEMPORAL_CLUSTER_PG_URL, TEMPORAL_CLUSTER_DB, TEMPORAL_CLUSTER_VISIBILITY_DB,
// TEMPORAL_CLUSTER_PORT, TEMPORAL_NAMESPACE, TEMPORAL_SERVER_BIN, TEMPORAL_SQL_TOOL (see docs/deployment.md).
import { spawn } from 'node:child_process';
import crypto from 'node:crypto';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { defaults } from '../domain/settings.js';
import {
  dropClusterDatabases,
  prepareNamespace,
  provisionServerBinaries,
  setupClusterSchemas,
  startClusterServer,
  type ClusterOptions,
} from '../server/temporal/cluster.js';

const argv = process.argv.slice(2);
const runAt = argv.indexOf('--run');
const command = runAt >= 0 ? argv.slice(runAt + 1) : [];
const flags = runAt >= 0 ? argv.slice(0, runAt) : argv;
const throwaway = flags.includes('--throwaway');
const say = (line: string) => console.log(`[temporal-cluster] ${line}`);

const portFree = (port: number) =>
  new Promise<boolean>((resolve) => {
    const s = net.createServer();
    s.once('error', () => resolve(false));
    s.listen(port, '127.0.0.1', () => s.close(() => resolve(true)));
  });

/** A frontend port whose neighbours (the other services and their membership ports) are free too. */
async function freeBasePort(): Promise<number> {
  for (let attempt = 0; attempt < 50; attempt += 1) {
    // Temporal stores membership ports as smallint: everything stays below 32768.
    const base = 20_000 + crypto.randomInt(12_000);
    const needed = [0, 1, 2, 6, 10, -300, -299, -298, -294].map((d) => base + d);
    if ((await Promise.all(needed.map(portFree))).every(Boolean)) return base;
  }
  throw new Error('No free range of ports for the Temporal server.');
}

async function main() {
  const suffix = crypto.randomUUID().slice(0, 8);
  const env = process.env;
  const options: ClusterOptions = {
    postgresUrl: env.TEMPORAL_CLUSTER_PG_URL ?? 'postgres://postgres@127.0.0.1:5432',
    database: throwaway ? `vinculo_temporal_ci_${suffix}` : (env.TEMPORAL_CLUSTER_DB ?? 'vinculo_temporal'),
    visibilityDatabase: throwaway
      ? `vinculo_temporal_visibility_ci_${suffix}`
      : (env.TEMPORAL_CLUSTER_VISIBILITY_DB ?? 'vinculo_temporal_visibility'),
    port: throwaway ? await freeBasePort() : Number(env.TEMPORAL_CLUSTER_PORT ?? 7233),
    namespace: env.TEMPORAL_NAMESPACE ?? defaults.temporalNamespace,
    logFile: path.join(os.tmpdir(), `vinculo-temporal-cluster-${suffix}.log`),
    log: say,
  };
  const started = Date.now();
  const bin = await provisionServerBinaries(say);
  say(`Temporal server: ${bin.server} (${bin.source}); SQL tool: ${bin.sqlTool}`);
  const dropIfThrowaway = async () => {
    if (throwaway) await dropClusterDatabases(options).catch(() => {});
  };
  const cluster = await setupClusterSchemas(bin, options)
    .then(() => startClusterServer(bin, options))
    .catch(async (err: unknown) => {
      await dropIfThrowaway(); // a failed start leaves no throw-away database behind
      throw err;
    });
  let stopping: Promise<void> | undefined;
  const stop = () =>
    (stopping ??= (async () => {
      await cluster.stop();
      if (throwaway) {
        await dropClusterDatabases(options);
        say(`Dropped ${options.database} and ${options.visibilityDatabase}.`);
      }
    })());
  try {
    await prepareNamespace(cluster.address, options.namespace);
  } catch (err) {
    await stop();
    throw err;
  }
  say(
    `Temporal ready at ${cluster.address}, namespace "${options.namespace}", databases ${options.database} and ` +
      `${options.visibilityDatabase} (${Math.round((Date.now() - started) / 1000)} s; server log ${options.logFile}).`,
  );
  if (command.length === 0) {
    say('Use it with TEMPORAL_ADDRESS=' + cluster.address + '; Ctrl-C stops it.');
    await new Promise<void>((resolve) => {
      process.once('SIGINT', resolve);
      process.once('SIGTERM', resolve);
    });
    await stop();
    return;
  }
  const child = spawn(command[0]!, command.slice(1), {
    stdio: 'inherit',
    env: { ...env, TEMPORAL_ADDRESS: cluster.address, TEST_TEMPORAL_ADDRESS: cluster.address },
  });
  const forward = (signal: NodeJS.Signals) => child.kill(signal);
  process.on('SIGINT', forward).on('SIGTERM', forward);
  const code: number | null = await new Promise((resolve) => child.on('close', resolve));
  await stop();
  process.exitCode = code ?? 1;
}

main().catch((err: Error) => {
  console.error(`[temporal-cluster] ${err.message}`);
  process.exit(1);
});
