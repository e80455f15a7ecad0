import type { Knex } from 'knex';
import { conflict } from '../errors.js';

type Db = Knex | Knex.Transaction;

export interface LinkedEmailHolder {
  officeId: string;
  officeName: string;
}

/** The office an e-mail is linked to, if any (e-mails are stored normalised). */
export async function officeOfLinkedEmail(db: Db, email: string): Promise<LinkedEmailHolder | undefined> {
  const row = (await db('officeLinkedEmails')
    .join('offices', 'offices.id', 'officeLinkedEmails.officeId')
    .where('officeLinkedEmails.email', email)
    .first('offices.id as officeId', 'offices.name as officeName')) as LinkedEmailHolder | undefined;
  return row;
}

export async function linkedEmailsOf(
  db: Db,
  officeId: string,
): Promise<Array<{ email: string; addedBy: string; createdAt: string }>> {
  return db('officeLinkedEmails').where({ officeId }).orderBy('email').select('email', 'addedBy', 'createdAt');
}

/** Refuses an e-mail another office already lists, naming that office. */
export async function assertLinkable(db: Db, officeId: string, email: string): Promise<void> {
  const holder = await officeOfLinkedEmail(db, email);
  if (holder && holder.officeId !== officeId)
    throw conflict(
      'linked_email_taken',
      `${email} is already a linked e-mail of the office "${holder.officeName}"; remove it there first.`,
      { officeId: holder.officeId, officeName: holder.officeName },
    );
}

/** Rewrites the offices.linkedEmails mirror (what the office list searches) from the table. */
export async function mirrorLinkedEmails(trx: Db, officeId: string): Promise<string[]> {
  const emails = (await linkedEmailsOf(trx, officeId)).map((r) => r.email);
  await trx('offices')
    .where({ id: officeId })
    .update({ linkedEmails: JSON.stringify(emails) });
  return emails;
}

/** Replaces an office's whole list (create and update of the office): checks every address first. */
export async function replaceLinkedEmails(trx: Db, officeId: string, emails: string[], actor: string): Promise<void> {
  const wanted = [...new Set(emails)];
  for (const email of wanted) await assertLinkable(trx, officeId, email);
  await trx('officeLinkedEmails').where({ officeId }).whereNotIn('email', wanted).delete();
  const present = new Set((await linkedEmailsOf(trx, officeId)).map((r) => r.email));
  const createdAt = new Date().toISOString();
  for (const email of wanted.filter((e) => !present.has(e)))
    await trx('officeLinkedEmails').insert({ email, officeId, addedBy: actor, createdAt });
  await mirrorLinkedEmails(trx, officeId);
}
