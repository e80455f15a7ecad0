import type { Knex } from 'knex';

/**
 * The directory the onboarding and linking processes act on (offices, identities, office users,
 * client companies and users), plus the mail outbox and the portal's single-use tokens.
 * E-mails are stored normalised (trimmed, lower-case) so equality is plain column equality.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('offices', (t) => {
    t.string('id', 64).primary();
    t.string('name', 200).notNullable();
    t.string('cnpj', 14).notNullable().unique();
    t.text('linkedEmails').notNullable().defaultTo('[]'); // JSON array of normalised e-mails
    t.string('agentOnlineAt', 30);
    t.string('createdAt', 30).notNullable();
  });
  await knex.schema.createTable('identities', (t) => {
    t.string('id', 64).primary();
    t.string('email', 254).notNullable().unique();
    t.text('passwordHash');
    t.string('registeredAt', 30);
    t.integer('failedAttempts').notNullable().defaultTo(0);
    t.string('retryAfter', 30);
    t.string('createdAt', 30).notNullable();
  });
  await knex.schema.createTable('officeUsers', (t) => {
    t.string('id', 64).primary();
    t.string('officeId', 64).notNullable().references('offices.id');
    t.string('name', 200).notNullable();
    t.string('email', 254).notNullable();
    t.string('role', 10).notNullable();
    t.boolean('active').notNullable().defaultTo(true);
    t.string('identityId', 64).references('identities.id');
    t.string('linkedAt', 30);
    t.string('instanceId', 200);
    t.string('createdAt', 30).notNullable();
    t.index(['officeId', 'email']);
  });
  await knex.schema.createTable('companies', (t) => {
    t.string('id', 64).primary();
    t.string('officeId', 64).notNullable().references('offices.id');
    t.string('name', 200).notNullable();
    t.string('cnpj', 14).notNullable();
    t.string('createdAt', 30).notNullable();
    t.unique(['officeId', 'cnpj']);
  });
  await knex.schema.createTable('clientUsers', (t) => {
    t.string('id', 64).primary();
    t.string('companyId', 64).notNullable().references('companies.id');
    t.string('officeId', 64).notNullable().references('offices.id');
    t.string('name', 200).notNullable();
    t.string('cpf', 11);
    t.string('phone', 30);
    t.string('email', 254).notNullable();
    // The real address while the contact e-mail holds a placeholder or awaits a correction.
    t.string('pendingEmail', 254);
    t.string('locale', 10).notNullable().defaultTo('pt-BR');
    t.boolean('portalAccess').notNullable().defaultTo(false);
    t.string('status', 20).notNullable();
    t.string('identityId', 64).references('identities.id');
    t.string('instanceId', 200);
    t.string('createdAt', 30).notNullable();
    t.index(['companyId', 'email']);
    t.index(['identityId']);
  });
  await knex.schema.createTable('outbox', (t) => {
    t.string('id', 64).primary();
    t.string('idempotencyKey', 300).notNullable().unique();
    t.string('to', 254).notNullable();
    t.string('template', 50).notNullable();
    t.string('locale', 10).notNullable();
    t.string('subject', 300).notNullable();
    t.text('html').notNullable();
    t.text('text').notNullable();
    t.string('status', 20).notNullable();
    t.string('instanceId', 200);
    t.string('messageId', 300).notNullable();
    t.text('error');
    t.string('createdAt', 30).notNullable();
    t.string('sentAt', 30);
    t.index(['instanceId']);
    t.index(['status']);
  });
  await knex.schema.createTable('portalTokens', (t) => {
    t.string('id', 64).primary();
    t.string('purpose', 20).notNullable();
    t.string('clientUserId', 64).notNullable();
    t.string('instanceId', 200).notNullable();
    t.string('email', 254).notNullable(); // the address the link was sent to
    t.string('expiresAt', 30).notNullable();
    t.string('usedAt', 30);
    t.string('revokedAt', 30);
    t.integer('failedAttempts').notNullable().defaultTo(0);
    t.string('createdAt', 30).notNullable();
    t.index(['instanceId']);
  });
}

export async function down(knex: Knex): Promise<void> {
  for (const table of ['portalTokens', 'outbox', 'clientUsers', 'companies', 'officeUsers', 'identities', 'offices']) {
    await knex.schema.dropTable(table);
  }
}
