// What must hold after any crash: each process in its expected state, its transitions those of
// an uninterrupted run, every e-mail delivered by its Message-ID (a repeat counted), no orphan
// or duplicate rows in the back-office database, every queued event delivered, no process stuck
// by a failing workflow task, no workflow task failed on nondeterminism, every history replays.
import type { Db } from '../../server/db/index.js';
import { readAndReplayHistories, type HistoryFindings } from './histories.js';
import type { Tracked } from './scenarios/context.js';
import { variantOf } from './scenarios/index.js';
import { sleep, type Stack } from './stack.js';

export interface MachineFigures {
  machine: string;
  processes: number;
  reached: number;
  pathsUnlike: number;
}

export interface Findings {
  violations: string[];
  byMachine: MachineFigures[];
  mails: { outbox: number; received: number; repeats: number };
  queued: { delivered: number; all: number };
  orphans: number;
  duplicates: number;
  /** Processes the worker marked stuck by a workflow task that keeps failing. */
  stuckByTaskFailure: number;
  histories: HistoryFindings;
  /** The path each variant took (the first process of it), for `--calm`. */
  paths: Map<string, string[]>;
}

const n = (row: unknown) => Number((row as { n?: unknown } | undefined)?.n ?? 0);

const stateRows = async (db: Db, ids: string[]) => {
  const rows: Array<{ id: string; state: string; status: string }> = [];
  for (let i = 0; i < ids.length; i += 500) rows.push(...(await db('instances').whereIn('id', ids.slice(i, i + 500))));
  return new Map(rows.map((r) => [r.id, r]));
};

/**
 * Waits (up to `ms`) until every process is in its expected state and every queued event is
 * delivered; says whether they all got there.
 */
export async function settle(db: Db, tracked: Tracked[], ms: number, say: (line: string) => void) {
  const deadline = Date.now() + ms;
  let settled = false;
  while (Date.now() < deadline) {
    const byId = await stateRows(
      db,
      tracked.map((t) => t.instanceId),
    );
    const pending = n(await db('queuedEvents').whereNot({ status: 'delivered' }).count({ n: '*' }).first());
    const unsettled = tracked.filter((t) => byId.get(t.instanceId)?.state !== t.expect);
    settled = unsettled.length === 0 && pending === 0;
    if (settled) break;
    const machines = [...new Set(unsettled.map((t) => t.machine))].join(', ');
    say(`settling: ${unsettled.length} processes (${machines}), ${pending} queued events`);
    await sleep(2000);
  }
  await sleep(1500); // a last projection or mail in flight
  return settled;
}

const pathOf = async (db: Db, instanceId: string) => {
  const rows = (await db('transitions').where({ instanceId }).orderBy('seq')) as Array<{
    seq: number;
    from: string | null;
    event: string;
    to: string;
  }>;
  return { seqs: rows.map((t) => Number(t.seq)), path: rows.map((t) => `${t.from ?? '∅'} -${t.event}-> ${t.to}`) };
};

type Checked = Pick<Stack, 'db' | 'smtp' | 'temporalAddress' | 'payloadKeys'>;

export async function check(
  { db, smtp, temporalAddress, payloadKeys }: Checked,
  tracked: Tracked[],
): Promise<Findings> {
  const violations: string[] = [];
  const violation = (what: string) => violations.push(what);
  const byId = await stateRows(
    db,
    tracked.map((t) => t.instanceId),
  );
  const paths = new Map<string, string[]>();
  const figures = new Map<string, MachineFigures>();
  const seen = new Set<string>();
  for (const t of tracked) {
    const f = figures.get(t.machine) ?? { machine: t.machine, processes: 0, reached: 0, pathsUnlike: 0 };
    figures.set(t.machine, f);
    if (seen.has(t.instanceId)) violation(`${t.instanceId} was started twice by the scenarios`);
    seen.add(t.instanceId);
    f.processes += 1;
    const row = byId.get(t.instanceId);
    if (row?.state === t.expect) f.reached += 1;
    else violation(`${t.instanceId}: expected ${t.expect}, is ${row?.state ?? 'missing'} (${row?.status ?? '-'})`);

    const { seqs, path } = await pathOf(db, t.instanceId);
    if (seqs.some((s, i) => s !== i)) violation(`${t.instanceId}: transition seq has gaps or repeats`);
    const key = `${t.machine}/${t.variant}`;
    const variant = variantOf(t.machine, t.variant);
    if (!paths.has(key)) paths.set(key, path);
    const expected = [variant?.path.length ? variant.path : paths.get(key)!, ...(variant?.alternatives ?? [])];
    if (!expected.some((p) => JSON.stringify(p) === JSON.stringify(path))) {
      f.pathsUnlike += 1;
      violation(`${t.instanceId}: path ${path.join(' | ')} differs from the uninterrupted run`);
    }
  }

  // Mail: every outbox row delivered under its Message-ID; no message that is not in the outbox.
  const outbox = (await db('outbox').select('idempotencyKey', 'messageId', 'status')) as Array<{
    idempotencyKey: string;
    messageId: string;
    status: string;
  }>;
  const received = new Map<string, number>();
  for (const m of smtp.messages) received.set(m.messageId, (received.get(m.messageId) ?? 0) + 1);
  const outboxIds = new Set(outbox.map((o) => o.messageId));
  let repeats = 0;
  for (const o of outbox) {
    const times = received.get(o.messageId) ?? 0;
    if (o.status !== 'sent') violation(`outbox ${o.messageId} is ${o.status}, not sent`);
    if (times === 0) violation(`outbox ${o.messageId} was never received`);
    if (times > 1) repeats += times - 1;
  }
  for (const id of received.keys()) if (!outboxIds.has(id)) violation(`received ${id}, which is not in the outbox`);
  for (const t of tracked)
    for (const [email, want] of Object.entries(t.mails ?? {})) {
      const distinct = new Set(smtp.to(email).map((m) => m.messageId)).size;
      if (distinct !== want) violation(`${email} got ${distinct} distinct messages, expected ${want}`);
    }

  // Orphans: rows that point at a process or a company that does not exist.
  let orphans = 0;
  const orphan = async (label: string, table: string, column: string, parent: string) => {
    const [parentTable, parentColumn] = parent.split('.') as [string, string];
    const count = n(
      await db(table)
        .whereNotNull(column)
        .whereNotIn(column, db(parentTable).select(parentColumn))
        .count({ n: '*' })
        .first(),
    );
    if (count > 0) violation(`${count} ${label} without their ${parentTable}`);
    orphans += count;
  };
  await orphan('transitions', 'transitions', 'instanceId', 'instances.id');
  await orphan('outbox rows', 'outbox', 'instanceId', 'instances.id');
  await orphan('queued events', 'queuedEvents', 'instanceId', 'instances.id');
  await orphan('contracts', 'contracts', 'instanceId', 'instances.id');
  await orphan('contracts', 'contracts', 'companyId', 'companies.id');
  await orphan('hiring links', 'hiringLinks', 'instanceId', 'instances.id');
  await orphan('hiring links (their company)', 'hiringLinks', 'companyId', 'companies.id');
  await orphan('integration keys', 'integrationKeys', 'instanceId', 'instances.id');
  await orphan('connection requests', 'connectionRequests', 'instanceId', 'instances.id');
  await orphan('connection tokens', 'connectionTokens', 'requestId', 'connectionRequests.id');
  await orphan('certificates', 'certificates', 'companyId', 'companies.id');
  await orphan('pending plan changes', 'contracts', 'pendingPlanInstanceId', 'instances.id');

  // Duplicates: the same thing made twice by a request retried after a fault.
  let duplicates = 0;
  const once = async (label: string, table: string, columns: string[]) => {
    const rows = (await db(table)
      .select(columns)
      .count({ n: '*' })
      .groupBy(columns)
      .havingRaw('count(*) > 1')) as unknown[];
    if (rows.length) violation(`${rows.length} ${label} made more than once`);
    duplicates += rows.length;
  };
  await once('offices (same CNPJ)', 'offices', ['cnpj']);
  await once('companies (same CNPJ)', 'companies', ['cnpj']);
  await once('client users (same company and e-mail)', 'clientUsers', ['companyId', 'email']);
  await once('office users (same e-mail)', 'officeUsers', ['email']);
  await once('identities (same e-mail)', 'identities', ['email']);
  await once('outbox messages (same idempotency key)', 'outbox', ['idempotencyKey']);
  await once('hiring links (same e-mail)', 'hiringLinks', ['email']);
  await once('connection requests (same company and invitee)', 'connectionRequests', ['companyId', 'inviteeEmail']);
  // No scenario has a process take the same queued event twice: a second row is a decision recorded twice.
  await once('queued events (same process and event)', 'queuedEvents', ['instanceId', 'eventType']);
  // One row per process of what each machine writes, and no process the scenarios did not start.
  const expectRows = async (label: string, table: string, want: number) => {
    const have = n(await db(table).count({ n: '*' }).first());
    if (have !== want) violation(`${have} ${label} for ${want} processes (duplicates or losses)`);
  };
  const count = (machine: string, variant?: string) =>
    tracked.filter((t) => t.machine === machine && (!variant || t.variant === variant)).length;
  await expectRows('contracts', 'contracts', count('clientContract'));
  await expectRows('hiring links', 'hiringLinks', count('clientHiring'));
  await expectRows('integration keys', 'integrationKeys', count('integrationKeyRotation'));
  await expectRows('connection requests', 'connectionRequests', count('connectionRequest'));
  // Client users: the invited ones, and the admins made by a connection's account or a hiring sign-up.
  const admins =
    count('connectionRequest', 'revoked') + count('connectionRequest', 'rejected') + count('clientHiring', 'signedUp');
  await expectRows('client users', 'clientUsers', count('clientUserOnboarding') + admins);
  await expectRows('office users', 'officeUsers', count('officeUserLink'));
  await expectRows(
    'certificates',
    'certificates',
    count('certificateRenewal') + count('certificateRenewal', 'renewed'),
  );
  const pendingPlans = n(await db('contracts').whereNotNull('pendingPlanId').count({ n: '*' }).first());
  if (pendingPlans) violation(`${pendingPlans} plan changes still pending`);
  const machines = (await db('instances').select('machine').count({ n: '*' }).groupBy('machine')) as Array<{
    machine: string;
    n: number;
  }>;
  for (const m of machines)
    if (Number(m.n) !== count(m.machine))
      violation(`${m.n} ${m.machine} processes in the database, ${count(m.machine)} started by the scenarios`);

  const queued = (await db('queuedEvents').select('status')) as Array<{ status: string }>;
  const undelivered = queued.filter((q) => q.status !== 'delivered').length;
  if (undelivered) violation(`${undelivered} queued events not delivered`);

  // Workflow tasks: none that keeps failing (the worker marks its process), none failed on
  // nondeterminism in any history, and every history replays on the production workflow code.
  const failing = (await db('instances').whereNotNull('taskFailureType')) as Array<{
    id: string;
    machine: string;
    taskFailureType: string;
    taskFailureMessage: string | null;
    taskFailingSince: string | null;
    taskFailures: number;
  }>;
  for (const r of failing)
    violation(
      `${r.id} (${r.machine}) stuck by a failing workflow task: ${r.taskFailureType} since ${r.taskFailingSince}, ` +
        `${r.taskFailures} failures recorded: ${r.taskFailureMessage}`,
    );
  const machineOf = new Map(
    ((await db('instances').select('id', 'machine')) as Array<{ id: string; machine: string }>).map((r) => [
      r.id,
      r.machine,
    ]),
  );
  const histories = await readAndReplayHistories(temporalAddress, payloadKeys, [
    ...new Set([...machineOf.keys(), ...tracked.map((t) => t.instanceId)]),
  ]);
  const named = (id: string) =>
    `${id} (${machineOf.get(id) ?? tracked.find((t) => t.instanceId === id)?.machine ?? 'started by no scenario'})`;
  for (const id of histories.missing) violation(`${named(id)}: Temporal has no history of it`);
  for (const f of histories.nondeterminism)
    violation(
      `${named(f.workflowId)}: run ${f.runId}, event ${f.eventId} EVENT_TYPE_WORKFLOW_TASK_FAILED (${f.cause}): ${f.message}`,
    );
  for (const f of histories.replayFailures)
    violation(`${named(f.workflowId)}: run ${f.runId} does not replay: ${f.message}`);

  return {
    violations,
    byMachine: [...figures.values()],
    mails: { outbox: outbox.length, received: smtp.messages.length, repeats },
    queued: { delivered: queued.length - undelivered, all: queued.length },
    orphans,
    duplicates,
    stuckByTaskFailure: failing.length,
    histories,
    paths,
  };
}
