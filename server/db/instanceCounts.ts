import type { Knex } from 'knex';

/**
 * Readers of the process counts that triggers keep (migration 091): per machine, state, status and
 * stuck flag. They answer in the time of a few hundred rows whatever the number of processes.
 */
export const instanceCounts = (db: Knex) => db('instanceCounts');

/** The sum of the counts a query selects (0 when it selects none). */
export async function sumCounts(query: Knex.QueryBuilder): Promise<number> {
  const row = (await query.sum({ n: 'n' }).first()) as { n: number | string | null } | undefined;
  return Number(row?.n ?? 0);
}

/** Running processes marked stuck. */
export const stuckRunning = (db: Knex) => sumCounts(instanceCounts(db).where({ status: 'running', stuck: true }));

/**
 * Running processes whose workflow task keeps failing (server/temporal/taskFailures.ts): few at
 * any time, found through the index on taskFailureType.
 */
export async function taskFailingRunning(db: Knex): Promise<number> {
  const row = (await db('instances')
    .whereNotNull('taskFailureType')
    .where({ status: 'running' })
    .count({ n: '*' })
    .first()) as { n: number | string } | undefined;
  return Number(row?.n ?? 0);
}
