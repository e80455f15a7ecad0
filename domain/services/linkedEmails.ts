import type { Knex } from 'knex';
import { assertLinkable, linkedEmailsOf, mirrorLinkedEmails } from '../directory/linkedEmails.js';
import { DomainError, notFound } from '../errors.js';
import { nowIso } from '../processes.js';
import { changeAndRecord, type UnitDeps } from '../unitOfWork.js';

/** What else must happen when an office's list changes (the connection requests waiting on an address). */
export interface LinkedEmailListener {
  added(email: string, officeId: string): Promise<void>;
  removed(email: string, officeId: string): Promise<void>;
}

async function officeExists(db: Knex | Knex.Transaction, officeId: string) {
  if (!(await db('offices').where({ id: officeId }).first('id'))) throw notFound('Office', officeId);
}

/**
 * An office's linked e-mails ("E-mails vinculados"): any of them links a client's "my accountant"
 * request to the office, so each belongs to one office at most. Every change is audited (the
 * address itself stays out of the audit details: it is personal data).
 */
export function linkedEmailService(deps: UnitDeps & { listener?: () => LinkedEmailListener | undefined }) {
  const { db } = deps;
  return {
    async list(officeId: string) {
      await officeExists(db, officeId);
      return linkedEmailsOf(db, officeId);
    },

    async add(officeId: string, email: string, actor: string, reason?: string) {
      const added = await changeAndRecord(
        deps,
        (isNew) => ({
          actor,
          action: 'offices.linked-email.add',
          target: `offices:${officeId}`,
          reason,
          details: { added: isNew },
        }),
        async (trx) => {
          await officeExists(trx, officeId);
          await assertLinkable(trx, officeId, email);
          if (await trx('officeLinkedEmails').where({ email }).first('email')) return false;
          await trx('officeLinkedEmails').insert({ email, officeId, addedBy: actor, createdAt: nowIso() });
          await mirrorLinkedEmails(trx, officeId);
          return true;
        },
      );
      if (added) await deps.listener?.()?.added(email, officeId);
      return { officeId, email, added, linkedEmails: await linkedEmailsOf(db, officeId) };
    },

    async remove(officeId: string, email: string, actor: string, reason?: string) {
      await changeAndRecord(
        deps,
        () => ({ actor, action: 'offices.linked-email.remove', target: `offices:${officeId}`, reason }),
        async (trx) => {
          await officeExists(trx, officeId);
          const removed = await trx('officeLinkedEmails').where({ officeId, email }).delete();
          if (removed === 0)
            throw new DomainError(
              'not_found',
              'linked_email_not_listed',
              `${email} is not a linked e-mail of this office.`,
            );
          await mirrorLinkedEmails(trx, officeId);
        },
      );
      await deps.listener?.()?.removed(email, officeId);
      return { officeId, email, linkedEmails: await linkedEmailsOf(db, officeId) };
    },
  };
}
