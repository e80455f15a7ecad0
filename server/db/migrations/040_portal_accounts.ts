import type { Knex } from 'knex';

/**
 * The portal's own accounts side: password resets (single-use, expiring links; only a hash of
 * each link's secret is kept) and signed-in portal sessions, which carry the office the person
 * chose to view (only a hash of the cookie's token is kept, as for the console's sessions).
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('passwordResets', (t) => {
    t.string('id', 64).primary();
    t.string('identityId', 64).notNullable().references('identities.id');
    t.string('secretHash', 64).notNullable();
    t.string('expiresAt', 30).notNullable();
    t.string('usedAt', 30);
    t.string('revokedAt', 30);
    t.string('createdAt', 30).notNullable();
    t.index(['identityId']);
  });
  await knex.schema.createTable('portalSessions', (t) => {
    t.string('tokenHash', 64).primary();
    t.string('identityId', 64).notNullable().references('identities.id');
    t.string('csrfHash', 64).notNullable();
    t.string('officeId', 64);
    t.string('createdAt', 30).notNullable();
    t.string('expiresAt', 30).notNullable();
    t.index(['identityId']);
    t.index(['expiresAt']);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('portalSessions');
  await knex.schema.dropTable('passwordResets');
}
