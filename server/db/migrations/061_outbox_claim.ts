import type { Knex } from 'knex';

/**
 * A lease on an outbox row while one attempt sends it: two attempts of the same activity alive at
 * once (a retry started while the first try still waited on a locked database) must not both hand
 * the message to the SMTP server. Empty when nobody is sending.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('outbox', (t) => {
    t.string('claimedUntil', 30);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.alterTable('outbox', (t) => {
    t.dropColumn('claimedUntil');
  });
}
