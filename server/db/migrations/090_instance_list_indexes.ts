import type { Knex } from 'knex';

/**
 * Indexes for the console's instance lists and dashboard at a million processes (npm run bench):
 * a list by office newest first, the stuck and failing counts of running processes, and the
 * timers due in the next day. The machine-and-state and updatedAt lists had theirs from 001.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('instances', (t) => {
    t.index(['officeId', 'updatedAt'], 'instances_office_updated_index');
    t.index(['status', 'stuck'], 'instances_status_stuck_index');
    t.index(['status', 'nextTimerAt'], 'instances_status_next_timer_index');
    t.index(['stuck', 'updatedAt'], 'instances_stuck_updated_index');
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.alterTable('instances', (t) => {
    t.dropIndex(['officeId', 'updatedAt'], 'instances_office_updated_index');
    t.dropIndex(['status', 'stuck'], 'instances_status_stuck_index');
    t.dropIndex(['status', 'nextTimerAt'], 'instances_status_next_timer_index');
    t.dropIndex(['stuck', 'updatedAt'], 'instances_stuck_updated_index');
  });
}
