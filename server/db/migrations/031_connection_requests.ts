import type { Knex } from 'knex';

/**
 * Connection requests between an office and a client company, in either direction, and the
 * single-use tokens of their approve/reject links. A request in state `active` is the
 * connection the access policy reads; `revokedAt` is set in the revoking request itself, so
 * access ends at once, before the process records it.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('connectionRequests', (t) => {
    t.string('id', 64).primary();
    t.string('direction', 20).notNullable(); // officeToClient | clientToOffice
    t.string('officeId', 64).references('offices.id'); // null while a client's request matches no office
    t.string('companyId', 64).notNullable().references('companies.id');
    t.string('requestedBy', 200).notNullable();
    t.string('inviteeEmail', 254); // officeToClient: the client's e-mail
    t.string('accountantEmail', 254); // clientToOffice: the accountant's e-mail as the client typed it
    t.string('officeNameGiven', 200);
    t.string('officePhone', 30);
    t.string('locale', 10).notNullable().defaultTo('pt-BR');
    t.string('state', 20).notNullable(); // open | active | rejected | expired | cancelled | revoked
    t.string('decidedBy', 200);
    t.string('decidedAt', 30);
    t.string('revokedBy', 200);
    t.string('revokedAt', 30);
    t.string('instanceId', 200);
    t.string('createdAt', 30).notNullable();
    t.index(['officeId', 'companyId', 'state']);
    t.index(['accountantEmail', 'state']);
  });
  await knex.schema.createTable('connectionTokens', (t) => {
    t.string('id', 64).primary();
    t.string('requestId', 64).notNullable().references('connectionRequests.id');
    t.string('purpose', 20).notNullable(); // decide | register
    t.string('email', 254).notNullable();
    t.string('expiresAt', 30).notNullable();
    t.string('usedAt', 30);
    t.string('revokedAt', 30);
    t.string('createdAt', 30).notNullable();
    t.index(['requestId']);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('connectionTokens');
  await knex.schema.dropTable('connectionRequests');
}
