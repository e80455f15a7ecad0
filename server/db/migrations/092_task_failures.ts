import type { Knex } from 'knex';

/**
 * A process whose workflow task keeps failing (the code that runs it no longer replays its
 * history, or throws) cannot move at all: the worker that saw the failure records its type and
 * message here, with when it began and how often it was seen, until the process moves again.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('instances', (t) => {
    t.string('taskFailureType', 40);
    t.text('taskFailureMessage');
    t.string('taskFailingSince', 30);
    t.integer('taskFailures').notNullable().defaultTo(0);
    t.index(['taskFailureType']);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.alterTable('instances', (t) => {
    t.dropIndex(['taskFailureType']);
    t.dropColumns('taskFailureType', 'taskFailureMessage', 'taskFailingSince', 'taskFailures');
  });
}
