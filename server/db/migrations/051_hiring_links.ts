import type { Knex } from 'knex';

/**
 * Hiring links an office sends (issue 11): the plan and payer chosen, where the link went, and
 * the company it created once used. The link's token is an HMAC of the id, so nothing secret
 * is stored; `status` makes it single-use (sent → signedUp, expired or cancelled).
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('hiringLinks', (t) => {
    t.string('id', 64).primary();
    t.string('officeId', 64).notNullable().references('offices.id');
    t.string('planId', 40).notNullable();
    t.string('payer', 10).notNullable();
    t.string('email', 254).notNullable();
    t.string('locale', 10).notNullable();
    t.string('status', 12).notNullable();
    t.string('companyId', 64);
    t.string('instanceId', 200).notNullable();
    t.string('createdAt', 30).notNullable();
    t.string('usedAt', 30);
    t.index(['officeId', 'status']);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('hiringLinks');
}
