import crypto from 'node:crypto';
import type { Knex } from 'knex';

export const sha256 = (text: string) => crypto.createHash('sha256').update(text).digest('hex');
const randomToken = () => crypto.randomBytes(32).toString('base64url');

export interface SessionTokens {
  /** Goes in the HttpOnly session cookie; only its hash is stored. */
  token: string;
  /** Goes in the JS-readable CSRF cookie and comes back in the X-CSRF-Token header. */
  csrfToken: string;
}

export interface SessionOptions {
  ttlMs: number;
  now: () => number;
}

/** Opens a session for an operator; the caller sets the cookies. */
export async function openSession(
  db: Knex,
  o: SessionOptions & { operatorId: string; ip?: string },
): Promise<SessionTokens> {
  const tokens = { token: randomToken(), csrfToken: randomToken() };
  const now = o.now();
  // Opening a session is a good moment to sweep expired ones; nothing else needs them.
  await db('operatorSessions').where('expiresAt', '<', new Date(now).toISOString()).delete();
  await db('operatorSessions').insert({
    tokenHash: sha256(tokens.token),
    operatorId: o.operatorId,
    csrfHash: sha256(tokens.csrfToken),
    createdAt: new Date(now).toISOString(),
    expiresAt: new Date(now + o.ttlMs).toISOString(),
    ip: o.ip ?? null,
  });
  return tokens;
}

export type SessionLookup =
  | { kind: 'none' }
  | { kind: 'expired' }
  | {
      kind: 'valid';
      tokenHash: string;
      csrfHash: string;
      operator: { id: string; email: string; role: string; active: boolean };
    };

/** Finds the session behind a cookie and slides its expiry forward; an expired one is removed. */
export async function useSession(db: Knex, token: string | undefined, o: SessionOptions): Promise<SessionLookup> {
  if (!token) return { kind: 'none' };
  const tokenHash = sha256(token);
  const row = (await db('operatorSessions')
    .join('operators', 'operators.id', 'operatorSessions.operatorId')
    .where('operatorSessions.tokenHash', tokenHash)
    .first(
      'operatorSessions.expiresAt',
      'operatorSessions.csrfHash',
      'operators.id',
      'operators.email',
      'operators.role',
      'operators.active',
    )) as
    | { expiresAt: string; csrfHash: string; id: string; email: string; role: string; active: boolean | number }
    | undefined;
  if (!row) return { kind: 'none' };
  const now = o.now();
  if (Date.parse(row.expiresAt) <= now) {
    await db('operatorSessions').where({ tokenHash }).delete();
    return { kind: 'expired' };
  }
  const expiresAt = new Date(now + o.ttlMs).toISOString();
  // Sliding expiry without a write per request: only move it when it has aged a minute.
  if (Date.parse(expiresAt) - Date.parse(row.expiresAt) > 60_000)
    await db('operatorSessions').where({ tokenHash }).update({ expiresAt });
  return {
    kind: 'valid',
    tokenHash,
    csrfHash: row.csrfHash,
    operator: { id: row.id, email: row.email, role: row.role, active: Boolean(row.active) },
  };
}

export const closeSession = (db: Knex, tokenHash: string) => db('operatorSessions').where({ tokenHash }).delete();

/** Ends every session of an operator (deactivated, or password changed), optionally but one. */
export async function closeSessionsOf(db: Knex, operatorId: string, except?: string): Promise<void> {
  const query = db('operatorSessions').where({ operatorId });
  if (except) query.whereNot({ tokenHash: except });
  await query.delete();
}
