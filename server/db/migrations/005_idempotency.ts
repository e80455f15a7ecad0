import type { Knex } from 'knex';

/**
 * Creates answered once per Idempotency-Key: the key (per actor and route), a hash of the body
 * it came with, and the entity it created, written in the same transaction as the entity.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('idempotencyKeys', (t) => {
    t.string('actor', 200).notNullable();
    t.string('route', 100).notNullable();
    t.string('key', 200).notNullable();
    t.string('requestHash', 64).notNullable();
    t.string('entityId', 64).notNullable();
    t.string('createdAt', 30).notNullable();
    t.primary(['actor', 'route', 'key']);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('idempotencyKeys');
}
