import crypto from 'node:crypto';
import type { Knex } from 'knex';

// Portal links carry a signed token: the signature proves we issued it (so an altered token is
// told apart from a stale one), the row makes it single-use, revocable and bound to the address
// and process it was sent for.

export type TokenPurpose = 'register' | 'link';

export interface PortalTokenRow {
  id: string;
  purpose: TokenPurpose;
  clientUserId: string;
  instanceId: string;
  email: string;
  expiresAt: string;
  usedAt: string | null;
  revokedAt: string | null;
  failedAttempts: number;
  createdAt: string;
}

/** Why a token cannot be used: `forged` (bad signature or shape) or `gone` (expired, used, revoked). */
export class TokenError extends Error {
  constructor(
    readonly kind: 'forged' | 'expired' | 'used' | 'revoked',
    message: string,
  ) {
    super(message);
    this.name = 'TokenError';
  }
}

const b64 = (b: Buffer | string) => Buffer.from(b).toString('base64url');
const sign = (secret: string, body: string) => crypto.createHmac('sha256', secret).update(body).digest();

/** Creates the row and returns the string to put in the link. */
export async function issuePortalToken(
  db: Knex,
  secret: string,
  t: { purpose: TokenPurpose; clientUserId: string; instanceId: string; email: string; ttlMs: number; now?: Date },
): Promise<string> {
  const now = t.now ?? new Date();
  const id = crypto.randomBytes(18).toString('base64url');
  const expiresAt = new Date(now.getTime() + t.ttlMs).toISOString();
  // Only the newest link of a process works: a resend withdraws the one mailed before it.
  await revokePortalTokens(db, t.instanceId, now);
  await db('portalTokens').insert({
    id,
    purpose: t.purpose,
    clientUserId: t.clientUserId,
    instanceId: t.instanceId,
    email: t.email,
    expiresAt,
    createdAt: now.toISOString(),
  });
  const body = b64(JSON.stringify({ id, p: t.purpose }));
  return `${body}.${b64(sign(secret, body))}`;
}

/** The id inside a token whose signature holds; a TokenError when it was altered or cut. */
export function portalTokenId(secret: string, token: string): string {
  const [body, signature, extra] = token.split('.');
  if (!body || !signature || extra !== undefined || token.length > 500)
    throw new TokenError('forged', 'This link is not valid: it was altered or cut.');
  const expected = sign(secret, body);
  const given = Buffer.from(signature, 'base64url');
  if (given.length !== expected.length || !crypto.timingSafeEqual(given, expected)) {
    throw new TokenError('forged', 'This link is not valid: it was altered or cut.');
  }
  let id: unknown;
  try {
    id = (JSON.parse(Buffer.from(body, 'base64url').toString('utf8')) as { id?: unknown }).id;
  } catch {
    throw new TokenError('forged', 'This link is not valid.');
  }
  if (typeof id !== 'string') throw new TokenError('forged', 'This link is not valid.');
  return id;
}

/** The token's row if the signature holds and it is still usable; a TokenError says why not. */
export async function readPortalToken(
  db: Knex,
  secret: string,
  token: string,
  now = new Date(),
): Promise<PortalTokenRow> {
  const id = portalTokenId(secret, token);
  const row = (await db('portalTokens').where({ id }).first()) as PortalTokenRow | undefined;
  if (!row) throw new TokenError('forged', 'This link is not valid.');
  if (row.usedAt) throw new TokenError('used', 'This link was already used.');
  if (row.revokedAt) throw new TokenError('revoked', 'This link was replaced by a newer one or withdrawn.');
  if (row.expiresAt <= now.toISOString()) throw new TokenError('expired', 'This link has expired.');
  return row;
}

/** Marks the token used; false when another request used it first. */
export async function consumePortalToken(db: Knex, id: string, now = new Date()): Promise<boolean> {
  const updated = await db('portalTokens')
    .where({ id })
    .whereNull('usedAt')
    .whereNull('revokedAt')
    .update({ usedAt: now.toISOString() });
  return updated === 1;
}

/** Withdraws every unused token of a process (it ended, or the address changed). */
export async function revokePortalTokens(db: Knex, instanceId: string, now = new Date()): Promise<void> {
  await db('portalTokens')
    .where({ instanceId })
    .whereNull('usedAt')
    .whereNull('revokedAt')
    .update({ revokedAt: now.toISOString() });
}
