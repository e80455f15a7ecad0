import type { Knex } from 'knex';

/**
 * The planChange process an account's pending plan belongs to, so a second change can name the
 * one already scheduled (issue 11).
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('contracts', (t) => {
    t.string('pendingPlanInstanceId', 200);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.alterTable('contracts', (t) => {
    t.dropColumn('pendingPlanInstanceId');
  });
}
