// The console's instance lists at scale: the projection filled straight into the database
// (instances, ten transitions each, and the directory the search goes through), then the same
// code GET /api/instances and GET /api/stats run (listRows, computeStats), timed per query.
import type { Request, Response } from 'express';
import type { Knex } from 'knex';
import { migrate, openDb } from '../server/db/index.js';
import { listRows, parseListParams, type ListSpec } from '../server/http/listQuery.js';
import { instanceListSpec } from '../server/http/routes/instances.js';
import { computeStats } from '../server/http/routes/stats.js';
import { percentile } from './support.js';

export interface ListFigure {
  database: string;
  instances: number;
  query: string;
  p50: number;
  p99: number;
  total?: number;
}

const machines = [
  'clientUserOnboarding',
  'officeUserLink',
  'certificateRenewal',
  'clientContract',
  'connectionRequest',
];
const states = ['awaitingRegistration', 'awaitingLink', 'reminding', 'done', 'expired', 'trial', 'closed'];
const OFFICES = 200;
const pad = (n: number, width: number) => String(n).padStart(width, '0');

function progress(label: string, done: number, total: number): void {
  const width = 30;
  const filled = Math.round((done / total) * width);
  process.stdout.write(`\r${label} [${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${done}/${total}`);
  if (done === total) process.stdout.write('\n');
}

async function fill(db: Knex, n: number, label: string): Promise<void> {
  const now = Date.now();
  const iso = (ms: number) => new Date(ms).toISOString();
  await db.batchInsert(
    'offices',
    Array.from({ length: OFFICES }, (_, o) => ({
      id: `office-${o}`,
      name: `Escritório ${o}`,
      cnpj: `1${pad(o, 13)}`,
      linkedEmails: '[]',
      createdAt: iso(now),
    })),
    500,
  );
  const people = Math.max(1, Math.floor(n / 10));
  const chunk = 1000;
  for (let from = 0; from < people; from += chunk) {
    const ids = Array.from({ length: Math.min(chunk, people - from) }, (_, k) => from + k);
    await db.batchInsert(
      'companies',
      ids.map((i) => ({
        id: `company-${i}`,
        officeId: `office-${i % OFFICES}`,
        name: `Empresa ${i}`,
        cnpj: `2${pad(i, 13)}`,
        createdAt: iso(now),
      })),
      500,
    );
    await db.batchInsert(
      'clientUsers',
      ids.map((i) => ({
        id: `cu-${i}`,
        companyId: `company-${i}`,
        officeId: `office-${i % OFFICES}`,
        name: `Pessoa ${i}`,
        email: `pessoa${i}@example.com`,
        cpf: pad(i, 11),
        status: 'active',
        createdAt: iso(now),
      })),
      500,
    );
  }
  for (let from = 0; from < n; from += chunk) {
    const ids = Array.from({ length: Math.min(chunk, n - from) }, (_, k) => from + k);
    await db.transaction(async (trx) => {
      await trx.batchInsert(
        'instances',
        ids.map((i) => {
          const updated = now - (i % 100_000) * 60_000;
          return {
            id: `${machines[i % machines.length]}-${pad(i, 8)}`,
            machine: machines[i % machines.length],
            machineVersion: 1,
            state: states[i % states.length],
            status: i % 7 < 4 ? 'running' : 'completed',
            entityType: 'clientUser',
            entityId: `cu-${i % people}`,
            officeId: `office-${(i % people) % OFFICES}`,
            // What the projection writes for people to read (domain/directory/instanceLabels.ts).
            entityName: `Pessoa ${i % people}`,
            entityEmail: `pessoa${i % people}@example.com`,
            label: `Pessoa ${i % people} <pessoa${i % people}@example.com>`,
            officeName: `Escritório ${(i % people) % OFFICES}`,
            startedAt: iso(updated - 86_400_000),
            updatedAt: iso(updated),
            nextTimerAt: i % 3 === 0 ? iso(now + (i % 48) * 3_600_000) : null,
            stuck: i % 97 === 0,
            lastError: i % 97 === 0 ? 'sendRegistrationEmail: mail server away' : null,
            lastSeq: 10,
          };
        }),
        400,
      );
      await trx.batchInsert(
        'transitions',
        ids.flatMap((i) =>
          Array.from({ length: 10 }, (_, seq) => ({
            instanceId: `${machines[i % machines.length]}-${pad(i, 8)}`,
            seq,
            from: seq === 0 ? null : states[(i + seq - 1) % states.length],
            to: states[(i + seq) % states.length],
            event: seq === 0 ? 'xstate.init' : 'RESEND_NOW',
            actor: 'system',
            at: iso(now - (i % 100_000) * 60_000 - (10 - seq) * 1000),
          })),
        ),
        // SQLite takes at most 500 rows in one compound insert.
        400,
      );
    });
    progress(label, Math.min(from + chunk, n), n);
  }
}

const queries = (n: number): Array<[string, Record<string, string>]> => {
  const deep = Math.max(0, Math.floor(n / 2) - (Math.floor(n / 2) % 25));
  // A person and a company from the middle of the directory, typed as people type them.
  const someone = Math.floor(Math.max(1, Math.floor(n / 10)) / 2);
  const cpf = pad(someone, 11);
  const cnpj = `2${pad(someone, 13)}`;
  const j = (v: unknown) => JSON.stringify(v);
  return [
    ['first page, by updatedAt', { sort: j(['updatedAt', 'DESC']), range: j([0, 24]) }],
    [`deep page by offset (${deep})`, { sort: j(['updatedAt', 'DESC']), range: j([deep, deep + 24]) }],
    ['last page', { sort: j(['updatedAt', 'DESC']), range: j([n - 25, n - 1]) }],
    ['machine and state', { filter: j({ machine: 'clientUserOnboarding', state: 'awaitingLink' }), range: j([0, 24]) }],
    ['office', { filter: j({ officeId: 'office-17' }), range: j([0, 24]) }],
    ['stuck', { filter: j({ stuck: true }), range: j([0, 24]) }],
    ['search by e-mail', { filter: j({ q: `pessoa${someone}@example.com` }), range: j([0, 24]) }],
    [
      'search by CPF',
      {
        filter: j({ q: `${cpf.slice(0, 3)}.${cpf.slice(3, 6)}.${cpf.slice(6, 9)}-${cpf.slice(9)}` }),
        range: j([0, 24]),
      },
    ],
    [
      'search by CNPJ',
      {
        filter: j({
          q: `${cnpj.slice(0, 2)}.${cnpj.slice(2, 5)}.${cnpj.slice(5, 8)}/${cnpj.slice(8, 12)}-${cnpj.slice(12)}`,
        }),
        range: j([0, 24]),
      },
    ],
  ];
};

async function time(runs: number, fn: () => Promise<unknown>): Promise<{ p50: number; p99: number }> {
  await fn();
  const ms: number[] = [];
  for (let i = 0; i < runs; i += 1) {
    const t0 = performance.now();
    await fn();
    ms.push(performance.now() - t0);
  }
  ms.sort((a, b) => a - b);
  return { p50: percentile(ms, 50), p99: percentile(ms, 99) };
}

export async function runLists(o: {
  instances: number;
  runs: number;
  sqliteFile: string;
  postgresUrl?: string;
}): Promise<ListFigure[]> {
  const figures: ListFigure[] = [];
  const targets: Array<{ name: string; db: Knex; drop?: () => Promise<void> }> = [
    { name: 'SQLite', db: openDb({ kind: 'sqlite', filename: o.sqliteFile }) },
  ];
  if (o.postgresUrl) {
    const admin = openDb({ kind: 'postgres', url: o.postgresUrl });
    const name = `vinculo_bench_lists_${process.pid}`;
    try {
      await admin.raw(`create database ${name}`);
      const url = new URL(o.postgresUrl);
      url.pathname = `/${name}`;
      targets.push({
        name: 'PostgreSQL',
        db: openDb({ kind: 'postgres', url: url.toString() }),
        drop: async () => {
          await admin.raw(`drop database if exists ${name}`);
          await admin.destroy();
        },
      });
    } catch (err) {
      console.warn(`PostgreSQL skipped: ${(err as Error).message}`);
      await admin.destroy();
    }
  }
  for (const t of targets) {
    try {
      await migrate(t.db);
      await fill(t.db, o.instances, `${t.name}: ${o.instances} instances × 10 transitions`);
      // The planners' statistics and PostgreSQL's visibility map, as a running system has them
      // (autovacuum; SQLite's PRAGMA optimize when a connection opens, server/db/index.ts).
      await t.db.raw(
        t.name === 'PostgreSQL' ? 'vacuum analyze' : 'pragma analysis_limit=1000; pragma optimize=0x10002',
      );
      const spec: ListSpec = instanceListSpec(t.db);
      const list = (query: Record<string, string>) => {
        const headers: Record<string, string> = {};
        const res = { setHeader: (k: string, v: string) => (headers[k] = v) } as unknown as Response;
        const done = listRows(t.db, spec, parseListParams({ query } as unknown as Request, spec), res);
        return done.then(() => headers);
      };
      const cases = queries(o.instances);
      // The console reads page after page by cursor: the page at the middle, after the one before it.
      const deep = Math.max(25, Math.floor(o.instances / 2) - (Math.floor(o.instances / 2) % 25));
      const sort = JSON.stringify(['updatedAt', 'DESC']);
      const before = await list({ sort, range: JSON.stringify([deep - 25, deep - 1]) });
      if (before['X-Next-Cursor'])
        cases.splice(2, 0, [
          `deep page by cursor (after row ${deep})`,
          { sort, range: JSON.stringify([deep, deep + 24]), cursor: before['X-Next-Cursor'] },
        ]);
      for (const [name, query] of cases) {
        const total = Number((await list(query))['Content-Range']?.split('/')[1] ?? 0);
        figures.push({
          database: t.name,
          instances: o.instances,
          query: name,
          ...(await time(o.runs, () => list(query))),
          total,
        });
      }
      figures.push({
        database: t.name,
        instances: o.instances,
        query: 'dashboard stats',
        ...(await time(Math.max(3, Math.floor(o.runs / 4)), () => computeStats(t.db))),
      });
    } finally {
      await t.db.destroy();
      await t.drop?.();
    }
  }
  return figures;
}
