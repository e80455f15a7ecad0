// npm run chaos [-- --quick] [-- --processes N] [-- --seconds S]
//
// The whole stack as separate processes (a Temporal dev server with its SQLite file, a worker, the
// HTTP server) and an SMTP server on loopback. It drives N client-user onboardings through the API
// and the portal (two in three register, one in three is cancelled by an operator) while it
// SIGKILLs and restarts the worker, the HTTP server and the Temporal dev server in turn. Then it
// checks what must hold after any crash: every process in its expected final state, its transitions
// complete and in the order of an uninterrupted run, every outbox message delivered by its
// Message-ID (a repeat of the same Message-ID is counted: the known SMTP limit in the README),
// no orphan rows, every queued event delivered. Exit code 1 on any violation.
import { spawn, type ChildProcess } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createOperator } from '../server/auth/operators.js';
import { migrate, openDb } from '../server/db/index.js';
import { provisionTemporalCli } from '../server/temporal/cli.js';
import { devServerArgs, temporalAnswers } from '../server/temporal/devServer.js';
import { startMailCatcher } from '../test/support/mailCatcher.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const argv = process.argv.slice(2);
const flag = (name: string) => argv.includes(`--${name}`);
const option = (name: string, env: string, fallback: number) => {
  const i = argv.indexOf(`--${name}`);
  const raw = i >= 0 ? argv[i + 1] : process.env[env];
  const n = Number(raw);
  return raw !== undefined && Number.isFinite(n) && n > 0 ? n : fallback;
};
const quick = flag('quick') || process.env.CHAOS_QUICK === '1';
const N = option('processes', 'CHAOS_PROCESSES', quick ? 30 : 200);
const KILL_EVERY_MS = option('kill-every', 'CHAOS_KILL_EVERY_SECONDS', quick ? 3 : 8) * 1000;
const SETTLE_MS = option('settle', 'CHAOS_SETTLE_SECONDS', quick ? 60 : 240) * 1000;
const CONCURRENCY = quick ? 4 : 12;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const started = Date.now();
const elapsed = () => `${Math.round((Date.now() - started) / 1000)}s`;

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => resolve(port));
    });
    s.once('error', reject);
  });
}

// ---------------------------------------------------------------- the stack, as supervised children

interface Supervised {
  name: string;
  child?: ChildProcess;
  kills: number;
  restarts: number;
  stopping: boolean;
  /** Up and serving again since its last start (a line it prints, or the check in `isReady`). */
  ready: boolean;
}

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'vinculo-chaos-'));
const logFile = fs.createWriteStream(path.join(dataDir, 'children.log'));

/** Runs `start` and starts it again whenever it exits (killed by us or crashed), until stopped. */
const everyChild = new Set<ChildProcess>();
function supervise(name: string, start: () => ChildProcess, readyLine?: string): Supervised {
  const s: Supervised = { name, kills: 0, restarts: 0, stopping: false, ready: false };
  const run = () => {
    const child = start();
    everyChild.add(child);
    s.child = child;
    s.ready = false;
    child.stdout?.on('data', (d: Buffer) => {
      if (readyLine && d.toString().includes(readyLine)) s.ready = true;
      logFile.write(`[${name}] ${d}`);
    });
    child.stderr?.on('data', (d: Buffer) => logFile.write(`[${name}] ${d}`));
    child.once('exit', () => {
      if (s.stopping) return;
      s.restarts += 1;
      // Exits we did not cause, many times over: it cannot start at all (see children.log).
      if (s.restarts - s.kills > 25) {
        console.error(`chaos: ${name} keeps exiting on its own; see ${path.join(dataDir, 'children.log')}`);
        process.exit(2);
      }
      setTimeout(run, 500);
    });
  };
  run();
  return s;
}

function kill(s: Supervised) {
  if (s.child && s.child.exitCode === null && s.child.signalCode === null) {
    s.kills += 1;
    s.child.kill('SIGKILL');
  }
}

async function stop(s: Supervised) {
  s.stopping = true;
  const child = s.child;
  if (!child || child.exitCode !== null || child.signalCode !== null) return;
  const gone = new Promise((r) => child.once('exit', r));
  child.kill('SIGTERM');
  await Promise.race([gone, sleep(10_000)]);
  if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
}

// ---------------------------------------------------------------- HTTP with a console session

let baseUrl = '';
let cookies = '';
let csrf = '';

interface Answer {
  status: number;
  body: Record<string, unknown>;
  headers: Headers;
}

async function call(method: string, url: string, body?: unknown, headers: Record<string, string> = {}) {
  const res = await fetch(baseUrl + url, {
    method,
    headers: {
      ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
      ...(cookies ? { Cookie: cookies, 'X-CSRF-Token': csrf } : {}),
      ...headers,
    },
    body: body === undefined ? undefined : JSON.stringify(body),
    signal: AbortSignal.timeout(30_000),
  });
  const text = await res.text();
  let parsed: Record<string, unknown> = {};
  try {
    parsed = text ? (JSON.parse(text) as Record<string, unknown>) : {};
  } catch {
    parsed = { text };
  }
  return { status: res.status, body: parsed, headers: res.headers } satisfies Answer;
}

let retries = 0;
/** Calls until the answer is not an outage (connection refused, 502-504, 500 while a part restarts). */
async function persist(method: string, url: string, body?: unknown, headers?: Record<string, string>) {
  for (let attempt = 0; ; attempt += 1) {
    try {
      const res = await call(method, url, body, headers);
      if (res.status < 500) return res;
    } catch {
      // the server is down or was killed mid-request: the same request again
    }
    retries += 1;
    if (attempt > 200) throw new Error(`${method} ${url} kept failing`);
    await sleep(Math.min(250 * 2 ** Math.min(attempt, 4), 3000));
  }
}

async function login(email: string, password: string) {
  const res = await persist('POST', '/api/auth/login', { email, password });
  if (res.status !== 200) throw new Error(`log-in failed: ${res.status} ${JSON.stringify(res.body)}`);
  const set = res.headers.getSetCookie();
  cookies = set.map((c) => c.split(';')[0]).join('; ');
  csrf = decodeURIComponent(
    set
      .find((c) => c.startsWith('vinculo_csrf='))
      ?.split(';')[0]
      ?.split('=')[1] ?? '',
  );
}

// ---------------------------------------------------------------- main

const violations: string[] = [];
const violation = (what: string) => violations.push(what);

async function main() {
  const cli = await provisionTemporalCli(undefined, () => {});
  if (!cli) throw new Error('No Temporal CLI (npm run temporal:provision).');
  const smtp = await startMailCatcher();
  const [temporalPort, httpPort] = [await freePort(), await freePort()];
  const temporalAddress = `127.0.0.1:${temporalPort}`;
  baseUrl = `http://127.0.0.1:${httpPort}`;
  const dbFile = path.join(dataDir, 'vinculo.sqlite');
  const db = openDb({ kind: 'sqlite', filename: dbFile });
  await migrate(db);
  const adminPassword = crypto.randomBytes(12).toString('base64url');
  await createOperator(db, { email: 'chaos@vinculo.test', role: 'admin', password: adminPassword });

  const env = {
    ...process.env,
    DATA_DIR: dataDir,
    HTTP_PORT: String(httpPort),
    TEMPORAL_ADDRESS: temporalAddress,
    TEMPORAL_TASK_QUEUE: 'chaos',
    SMTP_URL: smtp.url,
    TOKEN_SECRET: crypto.randomBytes(32).toString('hex'),
    PAYLOAD_KEYS: `chaos:${crypto.randomBytes(32).toString('base64')}`,
    PUBLIC_URL: baseUrl,
    LOG_LEVEL: 'warn',
    RELAY_POLL_MS: '300',
    PORTAL_STEP_WAIT_SECONDS: '3',
    SHUTDOWN_GRACE_SECONDS: '5',
  };
  const node = (mode: string) => () =>
    spawn(process.execPath, ['--import', 'tsx', path.join(root, 'server/main.ts'), mode], {
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
  const temporalDb = path.join(dataDir, 'temporal.sqlite');
  const temporal = supervise('temporal', () =>
    spawn(cli.path, devServerArgs({ port: temporalPort, dbFile: temporalDb }), { stdio: ['ignore', 'pipe', 'pipe'] }),
  );
  process.stdout.write(`chaos: ${N} processes, data in ${dataDir}\n`);
  while (!(await temporalAnswers(temporalAddress))) await sleep(250);
  const worker = supervise('worker', node('worker'), 'Worker polling');
  const server = supervise('server', node('server'), 'HTTP server on');
  const parts = [temporal, worker, server];
  const shutdown = async () => {
    for (const p of [server, worker, temporal]) await stop(p);
    await smtp.stop();
    await db.destroy();
  };

  try {
    await login('chaos@vinculo.test', adminPassword);
    const key = (what: string) => ({ 'Idempotency-Key': `chaos-${what}` });
    const digits = (n: number) => Array.from({ length: n }, () => crypto.randomInt(10)).join('');
    const { completeCnpj } = await import('../domain/directory/validation.js');
    const office = await persist(
      'POST',
      '/api/offices',
      { name: 'Caos', cnpj: completeCnpj(`${digits(8)}0001`) },
      key('office'),
    );
    const company = await persist(
      'POST',
      '/api/companies',
      { officeId: office.body.id, name: 'Caos Cliente', cnpj: completeCnpj(`${digits(8)}0001`) },
      key('company'),
    );
    if (company.status >= 300) throw new Error(`company: ${company.status} ${JSON.stringify(company.body)}`);
    const companyId = company.body.id as string;

    type Outcome = 'registered' | 'cancelled';
    interface Run {
      i: number;
      email: string;
      expect: Outcome;
      instanceId?: string;
      done: boolean;
    }
    const runs: Run[] = Array.from({ length: N }, (_, i) => ({
      i,
      email: `person${i}.${crypto.randomUUID().slice(0, 6)}@chaos.test`,
      expect: i % 3 === 2 ? 'cancelled' : 'registered',
      done: false,
    }));

    async function drive(r: Run) {
      const created = await persist(
        'POST',
        '/api/clientUsers',
        { companyId, name: `Pessoa ${r.i}`, email: r.email },
        key(`user-${r.i}`),
      );
      if (created.status >= 300) throw new Error(`create ${r.i}: ${created.status} ${JSON.stringify(created.body)}`);
      r.instanceId = created.body.instanceId as string;
      // Both paths start once the registration mail is out (the process then awaits the registration).
      let token: string | undefined;
      while (!token) {
        const mail = smtp.to(r.email)[0];
        const link = mail && /https?:\/\/[^\s]+\/portal\/[^\s]*token=([^\s&]+)/.exec(mail.text);
        token = link ? decodeURIComponent(link[1]!) : undefined;
        if (!token) await sleep(300);
      }
      // The portal takes the link once the process is projected as awaiting it.
      for (;;) {
        const res = await persist('GET', `/api/instances/${encodeURIComponent(r.instanceId)}`);
        if (res.body.state === 'awaitingRegistration') break;
        await sleep(300);
      }
      if (r.expect === 'cancelled') {
        // Cancel once the process waits for the registration (a retried CANCEL may meet it ended).
        for (;;) {
          const res = await persist('POST', `/api/instances/${encodeURIComponent(r.instanceId)}/events`, {
            type: 'CANCEL',
            reason: 'chaos: cancelled by an operator',
          });
          if (res.status < 300) break;
          const state = (await persist('GET', `/api/instances/${encodeURIComponent(r.instanceId)}`)).body.state;
          if (state === 'cancelled') break;
          await sleep(500);
        }
      } else {
        const password = `chaos-${crypto.randomBytes(9).toString('base64url')}`;
        for (;;) {
          const res = await persist('POST', '/portal/api/register', { token, password });
          if (res.status === 200 || res.status === 202) break;
          throw new Error(`register ${r.i}: ${res.status} ${JSON.stringify(res.body)}`);
        }
      }
      r.done = true;
    }

    // One of each, before any fault: the paths every other process must follow.
    const reference = new Map<Outcome, string[]>();
    const pathOf = async (instanceId: string) =>
      (
        (await db('transitions').where({ instanceId }).orderBy('seq')) as Array<{
          seq: number;
          from: string | null;
          event: string;
          to: string;
        }>
      ).map((t) => `${t.from ?? '∅'} -${t.event}-> ${t.to}`);
    const finalOf = async (r: Run) =>
      (await db('instances').where({ id: r.instanceId }).first()) as { state: string; status: string } | undefined;
    for (const r of [runs[0]!, runs[2]!]) {
      await drive(r);
      while ((await finalOf(r))?.state !== r.expect) await sleep(300);
      reference.set(r.expect, await pathOf(r.instanceId!));
    }

    // The faults: one part at a time, in turn, each restarted by its supervisor.
    let faulting = true;
    const order = [worker, server, temporal, worker, server];
    const faults = (async () => {
      for (let k = 0; faulting; k += 1) {
        // Each fault hits a stack that recovered from the last one (a worker bundles its workflows
        // on start): faults faster than recovery would only measure the restarts.
        for (const t = Date.now(); faulting && Date.now() - t < 180_000; await sleep(250)) {
          temporal.ready = await temporalAnswers(temporalAddress);
          if (parts.every((p) => p.ready)) break;
        }
        await sleep(KILL_EVERY_MS);
        if (!faulting) break;
        const victim = order[k % order.length]!;
        kill(victim);
      }
    })();
    const progress = setInterval(() => {
      const done = runs.filter((r) => r.done).length;
      const killed = parts.map((p) => `${p.name} ${p.kills}`).join(', ');
      process.stdout.write(`[${elapsed()}] driven ${done}/${N} · kills: ${killed} · retried requests ${retries}\n`);
    }, 3000);

    const queue = runs.slice(3).concat(runs[1]!);
    await Promise.all(
      Array.from({ length: CONCURRENCY }, async () => {
        for (let r = queue.shift(); r; r = queue.shift()) await drive(r);
      }),
    );
    // Make sure each part died at least once, whatever the run's length.
    for (const p of parts) if (p.kills === 0) kill(p);
    faulting = false;
    await faults;
    process.stdout.write(`[${elapsed()}] all driven; faults stopped; waiting for the processes to settle\n`);

    // ---------------------------------------------------------------- the checks
    const deadline = Date.now() + SETTLE_MS;
    let unsettled: Run[] = runs;
    while (Date.now() < deadline) {
      const rows = (await db('instances').whereIn(
        'id',
        runs.map((r) => r.instanceId!),
      )) as Array<{ id: string; state: string; status: string }>;
      const byId = new Map(rows.map((row) => [row.id, row]));
      const pending = Number((await db('queuedEvents').whereNot({ status: 'delivered' }).count({ n: '*' }).first())?.n);
      unsettled = runs.filter((r) => byId.get(r.instanceId!)?.state !== r.expect);
      if (unsettled.length === 0 && pending === 0) break;
      process.stdout.write(`[${elapsed()}] settling: ${unsettled.length} processes, ${pending} queued events\n`);
      await sleep(2000);
    }
    clearInterval(progress);
    await sleep(1500); // a last projection or mail in flight

    for (const r of unsettled) {
      const row = await finalOf(r);
      violation(`${r.instanceId}: expected ${r.expect}, is ${row?.state ?? 'missing'} (${row?.status ?? '-'})`);
    }
    let pathMismatches = 0;
    for (const r of runs) {
      const rows = (await db('transitions').where({ instanceId: r.instanceId }).orderBy('seq')) as Array<{
        seq: number;
      }>;
      if (rows.some((t, i) => Number(t.seq) !== i)) violation(`${r.instanceId}: transition seq has gaps or repeats`);
      const p = await pathOf(r.instanceId!);
      if (JSON.stringify(p) !== JSON.stringify(reference.get(r.expect))) {
        pathMismatches += 1;
        violation(`${r.instanceId}: path ${p.join(' | ')} differs from the uninterrupted run`);
      }
    }
    // Mail: every outbox row delivered under its Message-ID; no message that is not in the outbox.
    const outbox = (await db('outbox').select('id', 'to', 'messageId', 'status')) as Array<{
      to: string;
      messageId: string;
      status: string;
    }>;
    const received = new Map<string, number>();
    for (const m of smtp.messages) received.set(m.messageId, (received.get(m.messageId) ?? 0) + 1);
    const outboxIds = new Set(outbox.map((o) => o.messageId));
    let repeats = 0;
    for (const o of outbox) {
      const n = received.get(o.messageId) ?? 0;
      if (o.status !== 'sent') violation(`outbox ${o.messageId} is ${o.status}, not sent`);
      if (n === 0) violation(`outbox ${o.messageId} was never received`);
      if (n > 1) repeats += n - 1;
    }
    for (const id of received.keys()) if (!outboxIds.has(id)) violation(`received ${id}, which is not in the outbox`);
    for (const r of runs) {
      const distinct = new Set(smtp.to(r.email).map((m) => m.messageId)).size;
      if (distinct !== 1) violation(`${r.email} got ${distinct} distinct messages, expected 1`);
    }
    // Orphans and duplicates.
    const orphans = async (label: string, table: string, column: string) => {
      const n = Number(
        (
          await db(table)
            .whereNotNull(column)
            .whereNotIn(column, db('instances').select('id'))
            .count({ n: '*' })
            .first()
        )?.n,
      );
      if (n > 0) violation(`${n} ${label} without their process`);
      return n;
    };
    const orphanCount =
      (await orphans('transitions', 'transitions', 'instanceId')) +
      (await orphans('outbox rows', 'outbox', 'instanceId')) +
      (await orphans('queued events', 'queuedEvents', 'instanceId'));
    const users = Number((await db('clientUsers').count({ n: '*' }).first())?.n);
    if (users !== N) violation(`${users} client users for ${N} processes (duplicates or losses)`);
    const queued = (await db('queuedEvents').select('status')) as Array<{ status: string }>;
    const undelivered = queued.filter((q) => q.status !== 'delivered').length;
    if (undelivered) violation(`${undelivered} queued events not delivered`);

    const table: Array<[string, string]> = [
      [
        'processes (register / cancel)',
        `${N} (${runs.filter((r) => r.expect === 'registered').length} / ${runs.filter((r) => r.expect === 'cancelled').length})`,
      ],
      ['reached the expected final state', `${N - unsettled.length}`],
      ['paths unlike the uninterrupted run', `${pathMismatches}`],
      ['SIGKILLs: worker / server / temporal', [worker, server, temporal].map((p) => p.kills).join(' / ')],
      ['requests retried after a fault', `${retries}`],
      ['mails in the outbox / received', `${outbox.length} / ${smtp.messages.length}`],
      ['repeats of a Message-ID (known SMTP limit)', `${repeats}`],
      ['queued events (delivered / all)', `${queued.length - undelivered} / ${queued.length}`],
      ['orphan rows', `${orphanCount}`],
      ['violations', `${violations.length}`],
      ['duration', elapsed()],
    ];
    const width = Math.max(...table.map(([k]) => k.length));
    process.stdout.write(`\nchaos summary\n${'-'.repeat(width + 14)}\n`);
    for (const [k, v] of table) process.stdout.write(`${k.padEnd(width)}  ${v}\n`);
    for (const v of violations.slice(0, 30)) process.stdout.write(`VIOLATION ${v}\n`);
  } finally {
    await shutdown();
  }
  if (violations.length === 0) fs.rmSync(dataDir, { recursive: true, force: true });
  else process.stdout.write(`kept ${dataDir} (children.log) for a look\n`);
  process.exit(violations.length ? 1 : 0);
}

// Interrupted: take the children down too (they would outlive this script otherwise).
for (const signal of ['SIGINT', 'SIGTERM'] as const)
  process.on(signal, () => {
    for (const child of everyChild) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    process.exit(130);
  });

main().catch((err: unknown) => {
  console.error('chaos failed:', err);
  process.exit(2);
});
