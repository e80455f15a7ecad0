import type { Knex } from 'knex';

/**
 * Client accounts' integration keys (issue 11). Only a key's SHA-256 is stored; the key itself
 * is shown once. `graceUntil` is set on a previous key while a rotation lets it keep working.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('integrationKeys', (t) => {
    t.string('id', 64).primary();
    t.string('companyId', 64).notNullable().references('companies.id');
    t.string('hash', 64).notNullable().unique();
    t.string('prefix', 12).notNullable();
    t.string('status', 10).notNullable(); // active | grace | revoked
    t.string('graceUntil', 30);
    t.string('instanceId', 200).notNullable();
    t.string('createdAt', 30).notNullable();
    t.string('revokedAt', 30);
    t.index(['companyId', 'status']);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('integrationKeys');
}
