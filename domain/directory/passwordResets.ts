import crypto from 'node:crypto';
import type { Knex } from 'knex';
import { DomainError } from '../errors.js';

// Password-reset links: `<id>.<secret>`, both random. Only the secret's SHA-256 is stored, so a
// copy of the table opens no account. A link works once, until it expires, and only while it is
// the identity's newest (asking again withdraws the earlier ones).

export interface PasswordResetRow {
  id: string;
  identityId: string;
  secretHash: string;
  expiresAt: string;
  usedAt: string | null;
  revokedAt: string | null;
  createdAt: string;
}

const sha256 = (text: string) => crypto.createHash('sha256').update(text).digest('hex');
const forged = () =>
  new DomainError('invalid', 'invalid_token', 'This link is not valid: open it exactly as received in the e-mail.');
export const resetGone = (reason: 'used' | 'expired' | 'revoked') =>
  new DomainError(
    'gone',
    'token_gone',
    reason === 'used'
      ? 'This reset link was already used. Ask for a new one if you need to change the password again.'
      : reason === 'expired'
        ? 'This reset link has expired. Ask for a new one.'
        : 'This reset link was replaced by a newer one: use the latest e-mail.',
    { reason },
  );

/** Creates the row (withdrawing the identity's earlier unused links) and answers the link's token; `trx` is a transaction. */
export async function issueResetToken(
  trx: Knex,
  identityId: string,
  ttlMs: number,
  now = new Date(),
): Promise<{ token: string; expiresAt: string }> {
  const id = crypto.randomBytes(12).toString('base64url');
  const secret = crypto.randomBytes(24).toString('base64url');
  const expiresAt = new Date(now.getTime() + ttlMs).toISOString();
  // Two requests at once must leave one usable link: on PostgreSQL they take turns per identity
  // (SQLite's write transactions already run one at a time).
  if (trx.client.config.client === 'pg')
    await trx.raw('select pg_advisory_xact_lock(hashtext(?))', [`passwordReset:${identityId}`]);
  await trx('passwordResets')
    .where({ identityId })
    .whereNull('usedAt')
    .whereNull('revokedAt')
    .update({ revokedAt: now.toISOString() });
  await trx('passwordResets').insert({
    id,
    identityId,
    secretHash: sha256(secret),
    expiresAt,
    createdAt: now.toISOString(),
  });
  return { token: `${id}.${secret}`, expiresAt };
}

/** The row behind a token if it can still be used; a DomainError (invalid or gone) says why not. */
export async function readResetToken(db: Knex, token: string, now = new Date()): Promise<PasswordResetRow> {
  const [id, secret, extra] = token.split('.');
  if (!id || !secret || extra !== undefined || token.length > 200) throw forged();
  const row = (await db('passwordResets').where({ id }).first()) as PasswordResetRow | undefined;
  const given = Buffer.from(sha256(secret), 'hex');
  const expected = Buffer.from(row?.secretHash ?? '', 'hex');
  if (!row || given.length !== expected.length || !crypto.timingSafeEqual(given, expected)) throw forged();
  if (row.usedAt) throw resetGone('used');
  if (row.revokedAt) throw resetGone('revoked');
  if (row.expiresAt <= now.toISOString()) throw resetGone('expired');
  return row;
}

/** Marks the link used; false when another request used it (or it was withdrawn) first. */
export async function consumeResetToken(trx: Knex, id: string, now = new Date()): Promise<boolean> {
  const updated = await trx('passwordResets')
    .where({ id })
    .whereNull('usedAt')
    .whereNull('revokedAt')
    .update({ usedAt: now.toISOString() });
  return updated === 1;
}

// Reset requests per e-mail, known or not, in the log-in throttle table (keys `reset:<e-mail>`):
// three in an hour are free, then each waits twice as long as the one before (1 min … 1 h).
const freeRequests = 3;
const windowMs = 3_600_000;
const keyOf = (email: string) => `reset:${email}`;
export const resetDelayMs = (requests: number) =>
  requests <= freeRequests ? 0 : Math.min(60_000 * 2 ** (requests - freeRequests - 1), windowMs);

/** Counts a reset request for the e-mail; answers the seconds to wait when it comes too soon (nothing counted). */
export async function countResetRequest(db: Knex, email: string, now = new Date()): Promise<number> {
  const key = keyOf(email);
  const at = now.toISOString();
  return db.transaction(async (trx) => {
    // Two first requests at once must not both insert (PostgreSQL would refuse the second).
    await trx('loginThrottles').insert({ key, failures: 0, lastFailureAt: at }).onConflict('key').ignore();
    const row = (await trx('loginThrottles').where({ key }).first()) as
      { failures: number; lastFailureAt: string; blockedUntil: string | null } | undefined;
    const until = row?.blockedUntil ? Date.parse(row.blockedUntil) : 0;
    if (until > now.getTime()) return Math.ceil((until - now.getTime()) / 1000);
    const stale = !row || now.getTime() - Date.parse(row.lastFailureAt) > windowMs;
    const requests = stale ? 1 : Number(row.failures) + 1;
    const delay = resetDelayMs(requests + 1);
    const next = {
      failures: requests,
      lastFailureAt: at,
      blockedUntil: delay ? new Date(now.getTime() + delay).toISOString() : null,
    };
    await trx('loginThrottles').where({ key }).update(next);
    return 0;
  });
}

export interface WaitingProcess {
  instanceId: string;
  machine: 'clientUserOnboarding' | 'officeUserLink';
}

/**
 * The processes waiting on this address's password: client users at the link step (their e-mail
 * already had this account) and office users whose credentials were rejected (version 2 and later,
 * which take a reset), read from the projection.
 */
export async function processesWaitingOnPassword(db: Knex, email: string): Promise<WaitingProcess[]> {
  const clients = (await db('clientUsers as c')
    .join('instances as i', 'i.id', 'c.instanceId')
    .where({ 'c.email': email, 'i.status': 'running', 'i.state': 'awaitingLink', 'i.machine': 'clientUserOnboarding' })
    .select('i.id as instanceId')) as Array<{ instanceId: string }>;
  const staff = (await db('officeUsers as u')
    .join('instances as i', 'i.id', 'u.instanceId')
    .where({ 'u.email': email, 'i.status': 'running', 'i.state': 'credentialsRejected', 'i.machine': 'officeUserLink' })
    .andWhere('u.active', true)
    .andWhere('i.machineVersion', '>=', 2)
    .select('i.id as instanceId')) as Array<{ instanceId: string }>;
  return [
    ...clients.map((r) => ({ instanceId: r.instanceId, machine: 'clientUserOnboarding' as const })),
    ...staff.map((r) => ({ instanceId: r.instanceId, machine: 'officeUserLink' as const })),
  ];
}
