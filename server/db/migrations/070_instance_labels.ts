import type { Knex } from 'knex';

/**
 * What people read instead of a process's ids: its entity's name and e-mail, the office's name and
 * a label combining them, written by the projection and when the directory changes.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('instances', (t) => {
    t.string('label', 600);
    t.string('entityName', 200);
    t.string('entityEmail', 254);
    t.string('officeName', 200);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.alterTable('instances', (t) => {
    t.dropColumn('label');
    t.dropColumn('entityName');
    t.dropColumn('entityEmail');
    t.dropColumn('officeName');
  });
}
