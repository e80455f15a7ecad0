import crypto from 'node:crypto';
import type { Knex } from 'knex';
import nodemailer, { type Transporter } from 'nodemailer';

export interface MailSettings {
  /** `smtp://user:pass@host:port` or `smtps://…`; without it messages are only captured in the outbox. */
  smtpUrl?: string;
  from: string;
  /** Base of the links in messages, e.g. https://vinculo.example.com */
  publicUrl: string;
}

export interface ComposedMail {
  to: string;
  template: string;
  locale: string;
  subject: string;
  html: string;
  text: string;
  instanceId?: string;
}

export interface OutboxRow extends ComposedMail {
  id: string;
  idempotencyKey: string;
  status: 'queued' | 'sent' | 'captured' | 'failed';
  messageId: string;
  error: string | null;
  createdAt: string;
  sentAt: string | null;
}

/**
 * How long a claim to send a row lasts. Another attempt of the same activity waits it out (its
 * retry finds the row sent); an attempt that died holding it delays the message by at most this.
 * Recording a send stops trying before the claim ends, so no second attempt can send meanwhile.
 */
export const SEND_LEASE_MS = 30_000;

const transports = new Map<string, Transporter>();

function transportFor(smtpUrl: string): Transporter {
  let t = transports.get(smtpUrl);
  if (!t) {
    // Short timeouts: a hung server should fail the attempt so Temporal retries it, not hold it for minutes.
    t = nodemailer.createTransport({
      url: smtpUrl,
      connectionTimeout: 10_000,
      greetingTimeout: 10_000,
      socketTimeout: 20_000,
    });
    transports.set(smtpUrl, t);
  }
  return t;
}

/**
 * Sends one message at most once per idempotency key: the row is found or created first, and a
 * row already sent (or captured) is never sent again, so a retried activity does not duplicate
 * mail. `compose` runs only when the row does not exist yet (it may issue a token).
 */
/**
 * Composes and stores the message for a key exactly once. Composing may issue a portal token
 * (which withdraws the earlier ones), so a second attempt running beside the first (a retried
 * activity whose first try is still alive) must find the first one's row instead of composing
 * again: the check, the compose and the insert commit together, one key at a time. Compose must
 * read and write through the transaction it is given: SQLite has one connection, held by it.
 */
async function composeOnce(
  db: Knex,
  idempotencyKey: string,
  compose: (trx: Knex) => Promise<ComposedMail>,
): Promise<OutboxRow> {
  return db.transaction(async (trx) => {
    // SQLite write transactions already begin immediate (one writer); PostgreSQL needs the key locked.
    if (trx.client.config.client === 'pg') await trx.raw('select pg_advisory_xact_lock(hashtext(?))', [idempotencyKey]);
    const existing = (await trx('outbox').where({ idempotencyKey }).first()) as OutboxRow | undefined;
    if (existing) return existing;
    const mail = await compose(trx);
    const id = crypto.randomUUID();
    const row = {
      ...mail,
      id,
      idempotencyKey,
      status: 'queued',
      messageId: `<${id}@vinculo>`,
      createdAt: new Date().toISOString(),
    };
    await trx('outbox').insert(row);
    return (await trx('outbox').where({ id }).first()) as OutboxRow;
  });
}

export async function deliverOnce(
  db: Knex,
  settings: MailSettings,
  idempotencyKey: string,
  compose: (trx: Knex) => Promise<ComposedMail>,
  progress: () => void = () => {},
): Promise<OutboxRow> {
  let row = (await db('outbox').where({ idempotencyKey }).first()) as OutboxRow | undefined;
  row ??= await composeOnce(db, idempotencyKey, compose);
  if (row.status === 'sent' || row.status === 'captured') return row;
  if (!settings.smtpUrl) {
    await db('outbox')
      .where({ id: row.id })
      .update({ status: 'captured', sentAt: new Date().toISOString(), error: null });
    return { ...row, status: 'captured' };
  }
  // One attempt at a time hands a message to the SMTP server (see SEND_LEASE_MS).
  const now = new Date();
  const claimed = await db('outbox')
    .where({ id: row.id })
    .whereNotIn('status', ['sent', 'captured'])
    .andWhere((w) => w.whereNull('claimedUntil').orWhere('claimedUntil', '<', now.toISOString()))
    .update({ claimedUntil: new Date(now.getTime() + SEND_LEASE_MS).toISOString() });
  if (claimed !== 1) {
    const current = (await db('outbox').where({ id: row.id }).first()) as OutboxRow;
    if (current.status === 'sent' || current.status === 'captured') return current;
    throw new Error('Another attempt is sending this message; this one will look again later.');
  }
  progress();
  try {
    await transportFor(settings.smtpUrl).sendMail({
      from: settings.from,
      to: row.to,
      subject: row.subject,
      html: row.html,
      text: row.text,
      messageId: row.messageId,
    });
  } catch (err) {
    await db('outbox')
      .where({ id: row.id })
      .update({ status: 'failed', error: (err as Error).message.slice(0, 1000), claimedUntil: null });
    throw err; // transient: Temporal retries the activity, which finds this row again
  }
  const sentAt = new Date().toISOString();
  await recordSent(db, row.id, sentAt, now.getTime() + SEND_LEASE_MS - 5_000, progress);
  return { ...row, status: 'sent', sentAt };
}

/**
 * The SMTP server has the message: giving up on recording that would make the activity's retry
 * send it a second time. So a database that fails or is locked right then (SQLite's busy_timeout,
 * a short outage) is waited for, heartbeating so Temporal starts no parallel attempt, until the
 * claim is about to end.
 */
async function recordSent(db: Knex, id: string, sentAt: string, giveUpAt: number, progress: () => void) {
  const beat = setInterval(progress, 2_000);
  try {
    for (let wait = 250; ; wait = Math.min(wait * 2, 4_000)) {
      try {
        await db('outbox').where({ id }).update({ status: 'sent', sentAt, error: null, claimedUntil: null });
        return;
      } catch (err) {
        if (Date.now() + wait >= giveUpAt) throw err;
        await new Promise((r) => setTimeout(r, wait));
      }
    }
  } finally {
    clearInterval(beat);
  }
}
