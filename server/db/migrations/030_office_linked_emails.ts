import type { Knex } from 'knex';

/**
 * An office's linked e-mails in a table of their own, so that "unique across all offices" is a
 * database constraint and a client's "my accountant" e-mail finds its office with one indexed
 * lookup. The offices.linkedEmails JSON column stays as a mirror the office list searches.
 * Existing JSON lists are copied; an address two offices listed stays with the first one found.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('officeLinkedEmails', (t) => {
    t.string('email', 254).primary();
    t.string('officeId', 64).notNullable().references('offices.id');
    t.string('addedBy', 200).notNullable();
    t.string('createdAt', 30).notNullable();
    t.index(['officeId']);
  });
  const offices = (await knex('offices').orderBy('createdAt').select('id', 'linkedEmails')) as Array<{
    id: string;
    linkedEmails: string;
  }>;
  const taken = new Set<string>();
  const now = new Date().toISOString();
  for (const office of offices) {
    const kept: string[] = [];
    for (const email of JSON.parse(office.linkedEmails || '[]') as string[]) {
      if (taken.has(email)) continue;
      taken.add(email);
      kept.push(email);
      await knex('officeLinkedEmails').insert({ email, officeId: office.id, addedBy: 'migration', createdAt: now });
    }
    await knex('offices')
      .where({ id: office.id })
      .update({ linkedEmails: JSON.stringify(kept) });
  }
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('officeLinkedEmails');
}
