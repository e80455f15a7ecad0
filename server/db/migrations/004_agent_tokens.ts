import type { Knex } from 'knex';

/** Each office's communication agent authenticates with a token of its own; only its hash is kept. */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('offices', (t) => {
    t.string('agentTokenHash', 64);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.alterTable('offices', (t) => {
    t.dropColumn('agentTokenHash');
  });
}
