import type { Knex } from 'knex';

/**
 * The company-data area the access policy guards (domain/access/policy.ts): a client user's role
 * in the company (`admin` may do everything, `user` is restricted), the company's fiscal documents
 * (NF-e and NFC-e it issued, suppliers' XMLs pending or recognised), and its settings.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('clientUsers', (t) => {
    t.string('companyRole', 10).notNullable().defaultTo('user'); // admin | user
  });
  await knex.schema.createTable('companyDocuments', (t) => {
    t.string('id', 64).primary();
    t.string('companyId', 64).notNullable().references('companies.id');
    t.string('source', 10).notNullable(); // issued | supplier
    t.string('kind', 10).notNullable(); // NF-e | NFC-e
    t.string('status', 12).notNullable(); // issued | pending | recognised
    t.integer('number').notNullable();
    t.string('counterpart', 200).notNullable(); // the customer (issued) or the supplier (supplier)
    t.integer('year').notNullable();
    t.integer('month').notNullable();
    t.integer('amountCents').notNullable();
    t.text('xml').notNullable();
    t.string('createdAt', 30).notNullable();
    t.index(['companyId', 'source', 'year', 'month']);
  });
  await knex.schema.createTable('companySettings', (t) => {
    t.string('companyId', 64).primary().references('companies.id');
    t.text('settings').notNullable(); // JSON
    t.string('updatedBy', 200);
    t.string('updatedAt', 30).notNullable();
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('companySettings');
  await knex.schema.dropTable('companyDocuments');
  await knex.schema.alterTable('clientUsers', (t) => {
    t.dropColumn('companyRole');
  });
}
