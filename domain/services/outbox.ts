import crypto from 'node:crypto';
import type { Knex } from 'knex';
import type { AuditPort } from '../ports.js';
import { isUndeliverable } from '../directory/validation.js';
import { conflict, notFound } from '../errors.js';
import { deliverOnce, type MailSettings, type OutboxRow } from '../mail/outbox.js';

/** Sending a message again: a copy under a new idempotency key; the original row stays as it was. */
export function outboxService(deps: { db: Knex; audit: AuditPort; mail: MailSettings }) {
  const { db } = deps;
  return {
    async resend(id: string, reason: string, actor: string): Promise<OutboxRow> {
      const original = (await db('outbox').where({ id }).first()) as OutboxRow | undefined;
      if (!original) throw notFound('Message', id);
      if (isUndeliverable(original.to))
        throw conflict(
          'undeliverable',
          `The message went to ${original.to}, a placeholder address that can never receive mail.`,
        );
      const { to, template, locale, subject, html, text, instanceId } = original;
      // Mail cannot be rolled back, so the entry follows the send it records.
      const copy = await deliverOnce(
        db,
        deps.mail,
        `${original.idempotencyKey}:resend:${crypto.randomUUID()}`,
        async () => ({
          to,
          template,
          locale,
          subject,
          html,
          text,
          instanceId,
        }),
      );
      await deps.audit.record({
        actor,
        action: 'outbox.resend',
        target: `outbox:${id}`,
        reason,
        details: { copy: copy.id },
      });
      return copy;
    },
  };
}
