import crypto from 'node:crypto';

import {
  consumeResetToken,
  countResetRequest,
  issueResetToken,
  processesWaitingOnPassword,
  readResetToken,
  resetGone,
} from '../directory/passwordResets.js';
import { registeredIdentity } from '../directory/identities.js';
import { clearFailures } from '../directory/passwordThrottle.js';
import { normalizeEmail } from '../directory/validation.js';
import { DomainError } from '../errors.js';
import { enqueueEvent } from '../events/queue.js';
import { deliverOnce, type MailSettings } from '../mail/outbox.js';
import { renderMail } from '../mail/render.js';
import { deliverQueued } from '../processes.js';
import type { Locale } from '../settings.js';
import type { UnitDeps } from '../unitOfWork.js';

export interface PasswordResetDeps extends UnitDeps {
  mail: MailSettings;
  /** How long a mailed reset link works. */
  ttlMs: number;
  /** Where a failed background send is reported (without the address). */
  log?: (message: string, err?: unknown) => void;
}

/**
 * "Forgot password" on the portal: a request mails a single-use, expiring link (through the
 * outbox) when the address has an account, and answers the same either way; completing it sets
 * the new password and wakes the processes waiting on that password so the person can retry at once.
 */
export function passwordResetService(deps: PasswordResetDeps) {
  const { db } = deps;
  const log = deps.log ?? ((m: string, e?: unknown) => console.error(m, e));

  /** Composes the message and its link in one outbox transaction, then sends it. */
  async function mailLink(identityId: string, email: string, locale: Locale) {
    const key = `passwordReset:${crypto.randomUUID()}`;
    await deliverOnce(db, deps.mail, key, async (trx) => {
      const { token, expiresAt } = await issueResetToken(trx, identityId, deps.ttlMs);
      const link = `${deps.mail.publicUrl.replace(/\/$/, '')}/portal/reset?token=${encodeURIComponent(token)}`;
      const rendered = await renderMail('passwordReset', locale, {
        email,
        link,
        expiresAt: expiresAt.slice(0, 16).replace('T', ' '),
      });
      return { to: email, template: 'passwordReset', locale, ...rendered };
    });
  }

  return {
    /**
     * Answers nothing about the address: a known one gets the e-mail (sent after the answer, so
     * the answer takes as long either way), an unknown one nothing. Requests per e-mail, known or
     * not, are throttled alike.
     */
    async request(rawEmail: string, locale: Locale): Promise<void> {
      const email = normalizeEmail(rawEmail);
      const wait = await countResetRequest(db, email);
      if (wait > 0)
        throw new DomainError(
          'throttled',
          'too_many_attempts',
          `Too many reset requests for this e-mail. Try again in ${wait} s.`,
          { retryAfterSeconds: wait },
        );
      const identity = await registeredIdentity(db, email);
      if (!identity) return;
      // After the answer: the audit entry and the e-mail take no time the caller could measure.
      setImmediate(() => {
        deps.audit
          .record({ actor: 'anonymous', action: 'portal.password-reset.request', target: `identities:${identity.id}` })
          .then(() => mailLink(identity.id, email, locale))
          .catch((err: unknown) =>
            log(`The password-reset e-mail for identity ${identity.id} could not be sent; the outbox keeps it.`, err),
          );
      });
    },

    /** Whether a link can still be used (its expiry), without using it. */
    async check(token: string) {
      const row = await readResetToken(db, token);
      return { expiresAt: row.expiresAt };
    },

    /**
     * Uses the link: the new password, the link spent (and the identity's other links withdrawn),
     * the portal's wrong-password count cleared, the identity's portal sessions ended, the audit
     * entry and a PASSWORD_RESET for each process waiting on this password, in one transaction.
     * `passwordHash` is computed by the caller beforehand (argon2 is slow).
     */
    async complete(token: string, passwordHash: string): Promise<{ identityId: string; woken: number }> {
      const row = await readResetToken(db, token);
      const queued = await db.transaction(async (trx) => {
        if (!(await consumeResetToken(trx, row.id))) throw resetGone('used');
        const identity = (await trx('identities').where({ id: row.identityId }).first('id', 'email')) as
          { id: string; email: string } | undefined;
        if (!identity) throw resetGone('revoked');
        const now = new Date().toISOString();
        await trx('identities').where({ id: identity.id }).update({ passwordHash });
        await trx('passwordResets')
          .where({ identityId: identity.id })
          .whereNull('usedAt')
          .whereNull('revokedAt')
          .update({ revokedAt: now });
        await clearFailures(trx, identity.email);
        await trx('portalSessions').where({ identityId: identity.id }).delete();
        const waiting = await processesWaitingOnPassword(trx, identity.email);
        const ids: string[] = [];
        for (const w of waiting)
          ids.push(
            await enqueueEvent(trx, {
              instanceId: w.instanceId,
              event: { type: 'PASSWORD_RESET' },
              actor: `user:${identity.id}`,
              reason: 'password reset on the portal',
            }),
          );
        await deps.audit.recordIn(trx, {
          actor: `user:${identity.id}`,
          action: 'portal.password-reset',
          target: `identities:${identity.id}`,
          details: { woken: waiting.map((w) => w.instanceId) },
        });
        return ids;
      });
      // Delivered now when Temporal answers; otherwise the relay keeps trying.
      for (const id of queued) await deliverQueued(db, deps.instances, id, { stopping: deps.stopping });
      return { identityId: row.identityId, woken: queued.length };
    },
  };
}

export type PasswordResetService = ReturnType<typeof passwordResetService>;
