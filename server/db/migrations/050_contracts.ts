import type { Knex } from 'knex';

/**
 * One contract per client company (issue 11): its status (Teste, Efetivado, Bloqueado,
 * Cancelado), who pays, the plan, and the clientContract process that moves the status.
 * The contact is whom the payer-side reminders reach when the client pays.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('contracts', (t) => {
    t.string('companyId', 64).primary().references('companies.id');
    t.string('officeId', 64).notNullable().references('offices.id');
    t.string('planId', 40).notNullable();
    t.string('payer', 10).notNullable(); // office | client
    t.string('status', 12).notNullable();
    t.string('statusChangedAt', 30).notNullable();
    t.string('contactName', 200);
    t.string('contactEmail', 254);
    // A plan change waiting for the next billing date.
    t.string('pendingPlanId', 40);
    t.string('pendingPlanAt', 30);
    t.string('instanceId', 200).notNullable();
    t.string('createdAt', 30).notNullable();
    t.index(['officeId', 'status']);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('contracts');
}
