import { spawn, type ChildProcess } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import knex from 'knex';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { openDb, type Db } from '../../server/db/index.js';
import { migrationSource } from '../../server/db/migrations/index.js';
import { makeOperator } from '../support/operators.js';
import { postgresReachable, postgresUrl } from '../support/postgres.js';
import { exited, freePort, startServerProcess } from '../support/serverProcess.js';
import { eventually, uniqueId } from '../support/stack.js';
import { randomCnpj, randomEmail } from '../support/directoryStack.js';

// Many processes, one system: HTTP servers and workers started as `npm run server` and
// `npm run worker` start them (server/main.ts), all on one empty PostgreSQL database and one task
// queue. Three servers start at once and migrate it once; two workers share the work, and one is
// SIGKILLed mid-flight; a session and its CSRF token from one server work on another.

const reachable = await postgresReachable();
if (!reachable && process.env.CI) throw new Error(`PostgreSQL is required in CI and did not answer at ${postgresUrl}.`);

const mainScript = fileURLToPath(new URL('../../server/main.ts', import.meta.url));
const database = `vinculo_scale_${crypto.randomUUID().slice(0, 8)}`;
const adminUrl = new URL(postgresUrl);
adminUrl.pathname = '/postgres';
const databaseUrl = Object.assign(new URL(postgresUrl), { pathname: `/${database}` }).toString();
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'vinculo-scale-'));
const shared = {
  DATABASE_URL: databaseUrl,
  TEMPORAL_TASK_QUEUE: uniqueId('scale'),
  PAYLOAD_KEYS: `scale:${crypto.randomBytes(32).toString('base64')}`,
  CERTIFICATE_KEYS: `scale:${crypto.randomBytes(32).toString('base64')}`,
  TOKEN_SECRET: crypto.randomBytes(32).toString('hex'),
};
const children: ChildProcess[] = [];
let db: Db;

const admin = async (sql: string) => {
  const a = knex({ client: 'pg', connection: adminUrl.toString(), pool: { min: 0, max: 1 } });
  await a.raw(sql, [database]).finally(() => a.destroy());
};

async function server() {
  const port = await freePort();
  const child = await startServerProcess({
    dataDir,
    port,
    taskQueue: shared.TEMPORAL_TASK_QUEUE,
    tokenSecret: shared.TOKEN_SECRET,
    smtpUrl: '',
    env: shared,
  });
  children.push(child);
  return `http://127.0.0.1:${port}`;
}

function worker(env: Record<string, string> = {}): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', mainScript, 'worker'], {
    env: {
      ...process.env,
      DATA_DIR: dataDir,
      TEMPORAL_ADDRESS: inject('temporalAddress'),
      LOG_LEVEL: 'warn',
      ...shared,
      ...env,
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  children.push(child);
  return new Promise((resolve, reject) => {
    child.stdout.on('data', (d: Buffer) => d.toString().includes('Worker polling task queue') && resolve(child));
    child.once('exit', (code) => reject(new Error(`worker exited early (${code})`)));
  });
}

beforeAll(async () => {
  if (!reachable) return;
  await admin('create database ??');
  db = openDb({ kind: 'postgres', url: databaseUrl });
});
afterAll(async () => {
  for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  await Promise.all(children.map(exited));
  await db?.destroy();
  if (reachable) await admin('drop database if exists ?? with (force)');
});

describe.runIf(reachable)('many processes on one PostgreSQL database and one task queue', () => {
  let servers: string[] = [];

  it('starts three servers at once on an empty database, which migrate it once', async () => {
    servers = await Promise.all([server(), server(), server()]);
    for (const base of servers) {
      const ready = await fetch(`${base}/api/ready`);
      expect(ready.status).toBe(200);
    }
    const applied = (await db('knex_migrations').select('name')) as Array<{ name: string }>;
    const expected = (await migrationSource.getMigrations([])).map((m) => migrationSource.getMigrationName(m));
    expect(applied.map((m) => m.name).sort()).toEqual([...expected].sort());
    expect(await db('knex_migrations_lock').first()).toMatchObject({ isLocked: 0 });
  });

  it('runs processes started through one server and nudged through the other, across a worker SIGKILLed mid-flight', async () => {
    const healthPort = await freePort();
    const sdkMetricsPort = await freePort();
    const [first] = await Promise.all([
      worker({ WORKER_HEALTH_PORT: String(healthPort) }),
      worker({ TEMPORAL_METRICS_BIND: `127.0.0.1:${sdkMetricsPort}` }),
    ]);
    const [a, b] = servers as [string, string];
    const ready = await fetch(`http://127.0.0.1:${healthPort}/ready`);
    expect(await ready.json()).toMatchObject({ ready: true, worker: 'polling' });

    // The session and CSRF token from server A, used on server B.
    const { operator, password } = await makeOperator(db, 'operator');
    const login = await fetch(`${a}/api/auth/login`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ email: operator.email, password }),
    });
    expect(login.status).toBe(200);
    const cookies = login.headers.getSetCookie().map((c) => c.split(';')[0]!);
    const csrf = decodeURIComponent(cookies.find((c) => c.startsWith('vinculo_csrf='))!.split('=')[1]!);
    const call = async (base: string, method: string, url: string, body?: unknown) => {
      const res = await fetch(`${base}${url}`, {
        method,
        headers: { 'Content-Type': 'application/json', Cookie: cookies.join('; '), 'X-CSRF-Token': csrf },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      return { status: res.status, body: (await res.json()) as Record<string, string> };
    };
    expect((await call(b, 'GET', '/api/auth/me')).status).toBe(200);

    const startOnboarding = async (base: string) => {
      const office = await call(base, 'POST', '/api/offices', { name: 'Escritório', cnpj: randomCnpj() });
      const company = await call(base, 'POST', '/api/companies', {
        officeId: office.body.id,
        name: 'Cliente',
        cnpj: randomCnpj(),
      });
      const user = await call(base, 'POST', '/api/clientUsers', {
        companyId: company.body.id,
        name: 'Cli',
        email: randomEmail('scale'),
      });
      expect(user.status).toBe(201);
      return user.body.instanceId!;
    };
    const reach = (id: string, state: string, status: string) =>
      eventually(
        async () => expect(await db('instances').where({ id }).first()).toMatchObject({ state, status }),
        60_000,
      );

    const throughA = await Promise.all([startOnboarding(a), startOnboarding(a), startOnboarding(a)]);
    first.kill('SIGKILL'); // mid-flight: sends and projections of these processes may be on it
    const throughB = await Promise.all([startOnboarding(b), startOnboarding(b)]);
    for (const id of [...throughA, ...throughB]) await reach(id, 'awaitingRegistration', 'running');
    for (const id of throughA)
      expect(
        (await call(b, 'POST', `/api/instances/${id}/events`, { type: 'CANCEL', reason: 'scale test' })).status,
      ).toBe(200);
    for (const id of throughB)
      expect(
        (await call(a, 'POST', `/api/instances/${id}/events`, { type: 'CANCEL', reason: 'scale test' })).status,
      ).toBe(200);
    for (const id of [...throughA, ...throughB]) await reach(id, 'cancelled', 'completed');

    // The Temporal SDK's runtime metrics (workflow and activity task latencies) from the surviving worker.
    const sdk = await (await fetch(`http://127.0.0.1:${sdkMetricsPort}/metrics`)).text();
    expect(sdk).toMatch(/temporal_workflow_task_execution_latency\w*\{/);
    expect(sdk).toMatch(/temporal_activity_execution_latency\w*\{/);
  }, 300_000);
});
