import type { Knex } from 'knex';

/**
 * The bound on audit rows for failed log-ins, shared by every server process: one row per fixed
 * window (its start, ISO) counting the failures seen in it. The first few of a window are audited
 * one by one; the rest become a single summary row once a later window begins (see
 * server/auth/failedLoginAudit.ts). The throttle itself stays in `loginThrottles`.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('failedLoginWindows', (t) => {
    t.string('windowStart', 30).primary();
    t.integer('attempts').notNullable().defaultTo(0);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('failedLoginWindows');
}
