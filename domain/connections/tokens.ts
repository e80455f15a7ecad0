import crypto from 'node:crypto';
import type { Knex } from 'knex';
import { TokenError } from '../tokens.js';

// The links of a connection request's e-mails: signed like the registration links (a forged
// token is told apart from a stale one), single-use and withdrawn once the request is decided.

export type ConnectionTokenPurpose = 'decide' | 'register';

export interface ConnectionTokenRow {
  id: string;
  requestId: string;
  purpose: ConnectionTokenPurpose;
  email: string;
  expiresAt: string;
  usedAt: string | null;
  revokedAt: string | null;
}

const b64 = (b: Buffer | string) => Buffer.from(b).toString('base64url');
const sign = (secret: string, body: string) =>
  crypto.createHmac('sha256', secret).update(`connection:${body}`).digest();

export async function issueConnectionToken(
  db: Knex,
  secret: string,
  t: { purpose: ConnectionTokenPurpose; requestId: string; email: string; ttlMs: number },
): Promise<string> {
  const now = new Date();
  const id = crypto.randomBytes(18).toString('base64url');
  await db('connectionTokens').insert({
    id,
    requestId: t.requestId,
    purpose: t.purpose,
    email: t.email,
    expiresAt: new Date(now.getTime() + t.ttlMs).toISOString(),
    createdAt: now.toISOString(),
  });
  const body = b64(JSON.stringify({ id, p: t.purpose }));
  return `${body}.${b64(sign(secret, body))}`;
}

export function idOf(secret: string, token: string): string {
  const [body, signature, extra] = token.split('.');
  if (!body || !signature || extra !== undefined || token.length > 500)
    throw new TokenError('forged', 'This link is not valid: it was altered or cut.');
  const expected = sign(secret, body);
  const given = Buffer.from(signature, 'base64url');
  if (given.length !== expected.length || !crypto.timingSafeEqual(given, expected))
    throw new TokenError('forged', 'This link is not valid: it was altered or cut.');
  try {
    const id = (JSON.parse(Buffer.from(body, 'base64url').toString('utf8')) as { id?: unknown }).id;
    if (typeof id === 'string') return id;
  } catch {
    // falls through to the refusal below
  }
  throw new TokenError('forged', 'This link is not valid.');
}

/** The token's row if its signature holds, it has the purpose asked for and it can still be used. */
export async function readConnectionToken(
  db: Knex,
  secret: string,
  token: string,
  purpose: ConnectionTokenPurpose,
): Promise<ConnectionTokenRow> {
  const id = idOf(secret, token);
  const row = (await db('connectionTokens').where({ id }).first()) as ConnectionTokenRow | undefined;
  if (!row || row.purpose !== purpose) throw new TokenError('forged', 'This link is not valid.');
  if (row.usedAt) throw new TokenError('used', 'This link was already used.');
  if (row.revokedAt) throw new TokenError('revoked', 'This request was already decided or withdrawn.');
  if (row.expiresAt <= new Date().toISOString()) throw new TokenError('expired', 'This link has expired.');
  return row;
}

/** Marks the token used; false when another request used it first. */
export async function consumeConnectionToken(db: Knex | Knex.Transaction, id: string): Promise<boolean> {
  const n = await db('connectionTokens')
    .where({ id })
    .whereNull('usedAt')
    .whereNull('revokedAt')
    .update({ usedAt: new Date().toISOString() });
  return n === 1;
}

/** Withdraws every unused link of a request (it was decided, cancelled or expired). */
export async function revokeConnectionTokens(db: Knex | Knex.Transaction, requestId: string): Promise<void> {
  await db('connectionTokens')
    .where({ requestId })
    .whereNull('usedAt')
    .whereNull('revokedAt')
    .update({ revokedAt: new Date().toISOString() });
}
