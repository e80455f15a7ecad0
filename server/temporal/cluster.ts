import { execFile, spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { Connection } from '@temporalio/client';
import { SearchAttributeType } from '@temporalio/common';
import proto from '@temporalio/proto';
import { msToTs } from '@temporalio/common/lib/time.js';
import knex from 'knex';
import { vinculoSearchAttributes } from '../../workflows/searchAttributes.js';
import { projectRoot } from '../config.js';
import { goAvailable, goInstall, isExecutable, onPath } from './cli.js';
import { temporalAnswers } from './devServer.js';

// A real Temporal server (not the dev server) on PostgreSQL: its two binaries built from the
// server module at the version the CLI embeds, its databases made by its own SQL tool, and the
// committed loopback configuration in deploy/temporal/postgres.yaml.tmpl.

export const TEMPORAL_SERVER_VERSION = 'v1.29.1';
const SERVER_MODULE = `go.temporal.io/server/cmd/server@${TEMPORAL_SERVER_VERSION}`;
const SQL_TOOL_MODULE = `go.temporal.io/server/cmd/tools/sql@${TEMPORAL_SERVER_VERSION}`;
export const cachedServerDir = path.join(projectRoot, '.cache', 'temporal-server');
export const clusterConfigDir = path.join(projectRoot, 'deploy', 'temporal');

export interface ServerBinaries {
  server: string;
  sqlTool: string;
  source: 'env' | 'path' | 'cache' | 'built';
}

/** TEMPORAL_SERVER_BIN and TEMPORAL_SQL_TOOL, then PATH (temporal-server, temporal-sql-tool), then the cache. */
export function findServerBinaries(env: NodeJS.ProcessEnv = process.env): ServerBinaries | undefined {
  const { TEMPORAL_SERVER_BIN: server, TEMPORAL_SQL_TOOL: sqlTool } = env;
  if (server || sqlTool) {
    for (const [name, file] of [
      ['TEMPORAL_SERVER_BIN', server],
      ['TEMPORAL_SQL_TOOL', sqlTool],
    ] as const) {
      if (!file || !isExecutable(file))
        throw new Error(`${name} must point to an executable file (it is "${file ?? ''}"); set both or neither.`);
    }
    return { server: server!, sqlTool: sqlTool!, source: 'env' };
  }
  const onPathServer = onPath('temporal-server');
  const onPathSql = onPath('temporal-sql-tool');
  if (onPathServer && onPathSql) return { server: onPathServer, sqlTool: onPathSql, source: 'path' };
  const cached = { server: path.join(cachedServerDir, 'server'), sqlTool: path.join(cachedServerDir, 'sql') };
  if (isExecutable(cached.server) && isExecutable(cached.sqlTool)) return { ...cached, source: 'cache' };
  return undefined;
}

export const missingServerMessage = `No Temporal server could be found or built.
Do one of these, then start again:
  - set TEMPORAL_SERVER_BIN and TEMPORAL_SQL_TOOL to the server and temporal-sql-tool executables;
  - or put temporal-server and temporal-sql-tool on PATH;
  - or install Go 1.22+ so Vinculo can build them (go install ${SERVER_MODULE} ${SQL_TOOL_MODULE}).`;

/** Finds the binaries, building both with Go into the project cache when they are not there. */
export async function provisionServerBinaries(log?: (line: string) => void): Promise<ServerBinaries> {
  const found = findServerBinaries();
  if (found) return found;
  if (!goAvailable()) throw new Error(missingServerMessage);
  await goInstall('the Temporal server and its SQL tool', [SERVER_MODULE, SQL_TOOL_MODULE], cachedServerDir, log);
  const built = findServerBinaries();
  if (!built) throw new Error(`Building left no server and sql executables in ${cachedServerDir}.`);
  return { ...built, source: 'built' };
}

/** The schema folders shipped in the server module, when Go's module cache holds it. */
export function moduleSchemaDir(): string | undefined {
  if (process.env.TEMPORAL_SCHEMA_DIR) return process.env.TEMPORAL_SCHEMA_DIR;
  const res = spawnSync('go', ['env', 'GOMODCACHE'], { encoding: 'utf8' });
  if (res.status !== 0) return undefined;
  const dir = path.join(res.stdout.trim(), `go.temporal.io/server@${TEMPORAL_SERVER_VERSION}`, 'schema/postgresql/v12');
  return fs.existsSync(dir) ? dir : undefined;
}

export interface ClusterOptions {
  /** The PostgreSQL server holding both Temporal databases, e.g. postgres://postgres@127.0.0.1:5432. */
  postgresUrl: string;
  database: string;
  visibilityDatabase: string;
  /** The frontend's gRPC port; the other services take the ports after it. */
  port: number;
  namespace: string;
  /** Days closed workflows are kept. */
  retentionDays?: number;
  logFile?: string;
  log?: (line: string) => void;
}

const run = promisify(execFile);

function pgParts(url: string) {
  const u = new URL(url);
  return {
    host: u.hostname || '127.0.0.1',
    port: u.port || '5432',
    user: decodeURIComponent(u.username || 'postgres'),
    password: decodeURIComponent(u.password),
  };
}

/**
 * Creates (when absent) and migrates both databases with the server's SQL tool: `setup-schema -v 0.0`
 * once, then `update-schema` to the version the binaries expect, which is safe to repeat.
 */
export async function setupClusterSchemas(bin: ServerBinaries, o: ClusterOptions): Promise<void> {
  const log = o.log ?? console.log;
  const pg = pgParts(o.postgresUrl);
  const schemaDir = moduleSchemaDir();
  const admin = knex({ client: 'pg', connection: { connectionString: o.postgresUrl, database: 'postgres' } });
  try {
    for (const [db, kind] of [
      [o.database, 'temporal'],
      [o.visibilityDatabase, 'visibility'],
    ] as const) {
      const tool = (...args: string[]) =>
        run(
          bin.sqlTool,
          ['--plugin', 'postgres12', '--ep', pg.host, '-p', pg.port, '-u', pg.user, '--db', db, ...args],
          { env: { ...process.env, SQL_PASSWORD: pg.password } },
        );
      const exists = await admin.raw('select 1 from pg_database where datname = ?', [db]);
      if (exists.rows.length === 0) {
        log(`Creating the database ${db} (Temporal ${kind}).`);
        await tool('create-database');
      }
      const versioned = await tableExists(o.postgresUrl, db, 'schema_version');
      if (!versioned) await tool('setup-schema', '-v', '0.0');
      const source = schemaDir
        ? ['--schema-dir', path.join(schemaDir, kind, 'versioned')]
        : ['--schema-name', `postgresql/v12/${kind}`];
      await tool('update-schema', ...source);
      log(`Database ${db} at the schema of Temporal ${TEMPORAL_SERVER_VERSION}.`);
    }
  } finally {
    await admin.destroy();
  }
}

async function tableExists(postgresUrl: string, database: string, table: string): Promise<boolean> {
  const db = knex({ client: 'pg', connection: { connectionString: postgresUrl, database } });
  try {
    const res = await db.raw('select to_regclass(?) as t', [table]);
    return res.rows[0]?.t !== null;
  } finally {
    await db.destroy();
  }
}

/** Drops both Temporal databases (throw-away clusters in tests and CI). */
export async function dropClusterDatabases(o: Pick<ClusterOptions, 'postgresUrl' | 'database' | 'visibilityDatabase'>) {
  const admin = knex({ client: 'pg', connection: { connectionString: o.postgresUrl, database: 'postgres' } });
  try {
    for (const db of [o.database, o.visibilityDatabase])
      await admin.raw('drop database if exists ?? with (force)', [db]);
  } finally {
    await admin.destroy();
  }
}

/** The variables deploy/temporal/postgres.yaml.tmpl reads. */
export function clusterEnv(o: ClusterOptions): Record<string, string> {
  const pg = pgParts(o.postgresUrl);
  const p = (offset: number) => String(o.port + offset);
  return {
    VINCULO_TEMPORAL_DB: o.database,
    VINCULO_TEMPORAL_VISIBILITY_DB: o.visibilityDatabase,
    VINCULO_TEMPORAL_PG_ADDR: `${pg.host}:${pg.port}`,
    VINCULO_TEMPORAL_PG_USER: pg.user,
    VINCULO_TEMPORAL_PG_PASSWORD: pg.password,
    VINCULO_TEMPORAL_PORT: p(0),
    VINCULO_TEMPORAL_HISTORY_PORT: p(1),
    VINCULO_TEMPORAL_MATCHING_PORT: p(2),
    VINCULO_TEMPORAL_WORKER_PORT: p(6),
    VINCULO_TEMPORAL_HTTP_PORT: p(10),
    VINCULO_TEMPORAL_FRONTEND_MEMBERSHIP_PORT: p(-300),
    VINCULO_TEMPORAL_HISTORY_MEMBERSHIP_PORT: p(-299),
    VINCULO_TEMPORAL_MATCHING_MEMBERSHIP_PORT: p(-298),
    VINCULO_TEMPORAL_WORKER_MEMBERSHIP_PORT: p(-294),
    VINCULO_TEMPORAL_DYNAMIC_CONFIG: path.join(clusterConfigDir, 'dynamicconfig.yaml'),
  };
}

export interface RunningCluster {
  address: string;
  stop(): Promise<void>;
}

/** Starts the server on the committed configuration; resolves once its frontend answers. */
export async function startClusterServer(
  bin: ServerBinaries,
  o: ClusterOptions,
): Promise<RunningCluster & { child: ChildProcess }> {
  const address = `127.0.0.1:${o.port}`;
  if (await temporalAnswers(address))
    throw new Error(`Something already answers at ${address}: choose another port (TEMPORAL_CLUSTER_PORT).`);
  // The server reads <env>.yaml from its config folder: the committed template, copied there as is.
  const configDir = fs.mkdtempSync(path.join(os.tmpdir(), 'vinculo-temporal-config-'));
  fs.copyFileSync(path.join(clusterConfigDir, 'postgres.yaml.tmpl'), path.join(configDir, 'postgres.yaml'));
  const child = spawn(
    bin.server,
    ['--root', configDir, '--config', '.', '--env', 'postgres', '--allow-no-auth', 'start'],
    {
      env: { ...process.env, ...clusterEnv(o) },
      stdio: ['ignore', 'pipe', 'pipe'],
      cwd: projectRoot,
    },
  );
  const logStream = o.logFile ? fs.createWriteStream(o.logFile, { flags: 'a' }) : undefined;
  let tail: string[] = [];
  const keep = (d: Buffer) => {
    logStream?.write(d);
    tail = [
      ...tail,
      ...d
        .toString()
        .split('\n')
        .filter(Boolean)
        .map((l) => l.slice(0, 400)),
    ].slice(-15);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const stop = () =>
    new Promise<void>((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) return resolve();
      const killer = setTimeout(() => child.kill('SIGKILL'), 15_000);
      child.once('exit', () => {
        clearTimeout(killer);
        logStream?.end();
        resolve();
      });
      child.kill('SIGTERM');
    });
  const deadline = Date.now() + 90_000;
  while (!(await temporalAnswers(address))) {
    if (child.exitCode !== null || Date.now() > deadline) {
      await stop();
      throw new Error(`The Temporal server did not start at ${address}:\n${tail.join('\n')}`);
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  return { address, child, stop };
}

/**
 * Registers the namespace and Vinculo's search attributes (in SQL visibility they belong to a
 * namespace), then waits until the frontend serves the namespace: its cache refreshes every few seconds.
 */
export async function prepareNamespace(address: string, namespace: string, retentionDays = 3): Promise<void> {
  const connection = await Connection.connect({ address });
  try {
    const known = await connection.workflowService.describeNamespace({ namespace }).then(
      () => true,
      () => false,
    );
    if (!known) {
      await connection.workflowService.registerNamespace({
        namespace,
        workflowExecutionRetentionPeriod: msToTs(`${retentionDays} days`),
      });
    }
    // The frontend serves a new namespace once its namespace cache refreshes (about ten seconds).
    const { customAttributes } = await retryFor(60_000, () =>
      connection.operatorService.listSearchAttributes({ namespace }),
    );
    const missing = vinculoSearchAttributes.filter((k) => !customAttributes || !(k.name in customAttributes));
    if (missing.length > 0) {
      await connection.operatorService.addSearchAttributes({
        namespace,
        searchAttributes: Object.fromEntries(
          missing.map((k) => [
            k.name,
            k.type === SearchAttributeType.INT
              ? proto.temporal.api.enums.v1.IndexedValueType.INDEXED_VALUE_TYPE_INT
              : proto.temporal.api.enums.v1.IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD,
          ]),
        ),
      });
    }
    await retryFor(60_000, () =>
      connection.workflowService.countWorkflowExecutions({ namespace, query: 'VinculoMachine = "ready"' }),
    );
  } finally {
    await connection.close();
  }
}

async function retryFor<T>(timeoutMs: number, attempt: () => Promise<T>): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await attempt();
    } catch (err) {
      if (Date.now() > deadline) throw err;
      await new Promise((r) => setTimeout(r, 500));
    }
  }
}
