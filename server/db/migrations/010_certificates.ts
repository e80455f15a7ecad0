import type { Knex } from 'knex';

/**
 * Each company's A1 certificates: the current one, those it replaced, uploads refused and the
 * one being validated. The PFX and its password are kept sealed (AES-256-GCM); the rest is the
 * public summary shown to people. `companies.invoicingBlocked` is set while the certificate is
 * expired or missing after expiry.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('certificates', (t) => {
    t.string('id', 64).primary();
    t.string('companyId', 64).notNullable().references('companies.id');
    // pending (being validated), current, replaced, rejected
    t.string('status', 20).notNullable();
    t.text('sealedPfx');
    t.text('sealedPassword');
    t.string('subject', 500);
    t.string('cnpj', 14);
    t.string('issuer', 500);
    t.string('serialNumber', 100);
    t.string('validFrom', 30);
    t.string('validUntil', 30);
    t.string('sha256Fingerprint', 100);
    t.string('failureCode', 40);
    t.string('failureMessage', 500);
    t.string('uploadedBy', 200).notNullable();
    t.string('uploadedAt', 30).notNullable();
    t.string('decidedAt', 30);
    t.index(['companyId', 'status']);
  });
  await knex.schema.alterTable('companies', (t) => {
    t.boolean('invoicingBlocked').notNullable().defaultTo(false);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.alterTable('companies', (t) => {
    t.dropColumn('invoicingBlocked');
  });
  await knex.schema.dropTable('certificates');
}
