import crypto from 'node:crypto';
import type { Knex } from 'knex';

export type AlertKind = 'stuck' | 'failing' | 'taskFailing';

export interface AlertRow {
  id: string;
  instanceId: string;
  kind: AlertKind;
  machine: string;
  state: string;
  raisedAt: string;
  clearedAt: string | null;
  acknowledgedAt: string | null;
  acknowledgedBy: string | null;
  digestDay: string | null;
  webhookStatus: 'pending' | 'sent' | 'failed' | 'off' | 'skipped';
  webhookAttempts: number;
  webhookNextAt: string | null;
  webhookError: string | null;
}

// A running process in a state tagged "stuck" waits for an operator; one whose last step failed
// (the projection's lastError) while not stuck is an activity that keeps failing and retrying; one
// whose workflow task keeps failing cannot move at all until its code is fixed and it is reset.
const conditions: Record<AlertKind, (q: Knex.QueryBuilder) => Knex.QueryBuilder> = {
  stuck: (q) => q.where({ status: 'running', stuck: true }).whereNull('taskFailureType'),
  failing: (q) => q.where({ status: 'running', stuck: false }).whereNotNull('lastError'),
  taskFailing: (q) => q.where({ status: 'running' }).whereNotNull('taskFailureType'),
};

/** The kinds that wait for an operator: the console's badge and the daily digest count them. */
export const operatorKinds: AlertKind[] = ['stuck', 'taskFailing'];

/**
 * Compares the projection with the open alerts: a process newly matching a condition gets one
 * alert, and an open alert whose process no longer matches is cleared. Safe to run from several
 * servers: an alert is raised inside a transaction that checks for an open one first.
 */
export async function raiseAndClear(db: Knex, o: { now: Date; webhook: boolean }): Promise<AlertRow[]> {
  const at = o.now.toISOString();
  const raised: AlertRow[] = [];
  for (const kind of Object.keys(conditions) as AlertKind[]) {
    const matching = conditions[kind](db('instances').select('id', 'machine', 'state'));
    const fresh = (await matching
      .clone()
      .whereNotExists(
        db('alerts').where('alerts.instanceId', db.ref('instances.id')).where({ kind }).whereNull('clearedAt'),
      )) as Array<{ id: string; machine: string; state: string }>;
    for (const instance of fresh) {
      const row = await db.transaction(async (trx) => {
        if (await trx('alerts').where({ instanceId: instance.id, kind }).whereNull('clearedAt').first('id'))
          return undefined;
        const alert = {
          id: crypto.randomUUID(),
          instanceId: instance.id,
          kind,
          machine: instance.machine,
          state: instance.state,
          raisedAt: at,
          webhookStatus: o.webhook ? 'pending' : 'off',
          webhookAttempts: 0,
          webhookNextAt: o.webhook ? at : null,
        };
        await trx('alerts').insert(alert);
        return (await trx('alerts').where({ id: alert.id }).first()) as AlertRow;
      });
      if (row) raised.push(row);
    }
    await db('alerts')
      .where({ kind })
      .whereNull('clearedAt')
      .whereNotIn('instanceId', conditions[kind](db('instances').select('id')))
      .update({ clearedAt: at });
  }
  return raised;
}

/** Open, unacknowledged alerts of processes that wait for an operator: the console's badge. */
export async function unacknowledgedStuck(db: Knex): Promise<number> {
  const row = await db('alerts')
    .whereIn('kind', operatorKinds)
    .whereNull('clearedAt')
    .whereNull('acknowledgedAt')
    .count({ n: '*' })
    .first();
  return Number(row?.n ?? 0);
}

/** The console address of a process, for the digest and the webhook. */
export const instanceLink = (publicUrl: string, instanceId: string) =>
  `${publicUrl.replace(/\/$/, '')}/admin/#/instances/${encodeURIComponent(instanceId)}/show`;
