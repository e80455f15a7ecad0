import type { Knex } from 'knex';

/** The read model of every process: one row per instance and one per applied transition. */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('instances', (t) => {
    t.string('id', 200).primary();
    t.string('machine', 100).notNullable();
    t.integer('machineVersion').notNullable();
    t.string('state', 300).notNullable();
    t.string('status', 20).notNullable();
    t.string('entityType', 100);
    t.string('entityId', 200);
    t.string('officeId', 200);
    t.string('startedAt', 30).notNullable();
    t.string('updatedAt', 30).notNullable();
    t.string('nextTimerAt', 30);
    t.boolean('stuck').notNullable().defaultTo(false);
    t.text('lastError');
    t.integer('lastSeq').notNullable().defaultTo(0);
    t.text('searchText');
    t.index(['machine', 'state']);
    t.index(['status']);
    t.index(['updatedAt']);
    t.index(['entityType', 'entityId']);
  });
  await knex.schema.createTable('transitions', (t) => {
    t.increments('id');
    t.string('instanceId', 200).notNullable();
    t.integer('seq').notNullable();
    t.string('from', 300);
    t.string('to', 300).notNullable();
    t.string('event', 200).notNullable();
    t.string('actor', 200).notNullable();
    t.text('reason');
    t.string('at', 30).notNullable();
    t.unique(['instanceId', 'seq']);
    t.index(['at']);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('transitions');
  await knex.schema.dropTable('instances');
}
