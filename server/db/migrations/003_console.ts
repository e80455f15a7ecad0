import type { Knex } from 'knex';

/**
 * The console's users and what they do: operators (argon2 hashes only), their server-side
 * sessions (only a hash of the cookie's token is kept, so a copy of the table opens nothing),
 * the log-in throttle, and the append-only, hash-chained audit log.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('operators', (t) => {
    t.string('id', 64).primary();
    t.string('email', 254).notNullable().unique();
    t.string('role', 20).notNullable();
    t.boolean('active').notNullable().defaultTo(true);
    t.text('passwordHash');
    t.string('createdAt', 30).notNullable();
    t.string('updatedAt', 30).notNullable();
    t.string('lastLoginAt', 30);
  });
  await knex.schema.createTable('operatorSessions', (t) => {
    t.string('tokenHash', 64).primary();
    t.string('operatorId', 64).notNullable().references('operators.id');
    t.string('csrfHash', 64).notNullable();
    t.string('createdAt', 30).notNullable();
    t.string('expiresAt', 30).notNullable();
    t.string('ip', 100);
    t.index(['operatorId']);
    t.index(['expiresAt']);
  });
  await knex.schema.createTable('loginThrottles', (t) => {
    t.string('key', 300).primary(); // "email:<address>" or "ip:<address>"
    t.integer('failures').notNullable().defaultTo(0);
    t.string('lastFailureAt', 30).notNullable();
    t.string('blockedUntil', 30);
  });
  await knex.schema.createTable('audit', (t) => {
    // Ids are assigned by the writer (previous + 1) inside the chain lock, because the id is hashed.
    t.integer('id').primary();
    t.string('at', 30).notNullable();
    t.string('actor', 200).notNullable();
    t.string('action', 100).notNullable();
    t.string('target', 300);
    t.text('reason');
    t.text('details'); // canonical JSON
    t.string('prevHash', 64).notNullable();
    t.string('hash', 64).notNullable();
    t.index(['at']);
    t.index(['actor']);
    t.index(['action']);
    t.index(['target']);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('audit');
  await knex.schema.dropTable('loginThrottles');
  await knex.schema.dropTable('operatorSessions');
  await knex.schema.dropTable('operators');
}
