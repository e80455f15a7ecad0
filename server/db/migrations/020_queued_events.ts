import type { Knex } from 'knex';

/**
 * Events for processes, queued in the same transaction as the step that causes them (a portal
 * registration, a confirmed link). A relay delivers them to Temporal until it accepts; the event id
 * travels with the event so the workflow applies it once however often it is delivered.
 * `tokenId` ties a portal step to the link that made it, so a retry of that link gets its outcome.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('queuedEvents', (t) => {
    t.string('id', 64).primary();
    t.string('instanceId', 200).notNullable();
    t.string('eventType', 100).notNullable();
    t.text('event').notNullable();
    t.string('actor', 200).notNullable();
    t.string('reason', 500);
    t.string('tokenId', 64).unique();
    // pending (not yet accepted by Temporal), delivered, refused (the process has ended)
    t.string('status', 20).notNullable();
    t.integer('attempts').notNullable().defaultTo(0);
    t.string('nextAttemptAt', 30).notNullable();
    t.string('claimedUntil', 30);
    t.string('lastError', 500);
    t.string('createdAt', 30).notNullable();
    t.string('settledAt', 30);
    t.index(['status', 'nextAttemptAt']);
    t.index(['instanceId']);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('queuedEvents');
}
