import type { Knex } from 'knex';

/**
 * Alerts raised when a process becomes stuck or an activity keeps failing: one row per episode
 * (raised, then cleared when the process moves on), with its acknowledgement, the digest that
 * listed it and the webhook delivery. One row per digest day, so a day's digest goes out once.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('alerts', (t) => {
    t.string('id', 64).primary();
    t.string('instanceId', 200).notNullable();
    t.string('kind', 20).notNullable();
    t.string('machine', 100).notNullable();
    t.string('state', 300).notNullable();
    t.string('raisedAt', 30).notNullable();
    t.string('clearedAt', 30);
    t.string('acknowledgedAt', 30);
    t.string('acknowledgedBy', 200);
    t.string('digestDay', 10);
    t.string('webhookStatus', 20).notNullable();
    t.integer('webhookAttempts').notNullable().defaultTo(0);
    t.string('webhookNextAt', 30);
    t.text('webhookError');
    t.index(['instanceId', 'kind', 'clearedAt']);
    t.index(['raisedAt']);
    t.index(['webhookStatus', 'webhookNextAt']);
  });
  await knex.schema.createTable('alertDigests', (t) => {
    t.string('day', 10).primary();
    t.string('createdAt', 30).notNullable();
    t.string('sentAt', 30);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('alertDigests');
  await knex.schema.dropTable('alerts');
}
