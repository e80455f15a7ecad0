import crypto from 'node:crypto';
import { DomainError } from '../errors.js';

// A portal session: a bearer token signed with the token secret, carrying the identity and when it
// ends. It says who the caller is, nothing more: what the caller may do is decided on every call
// by the access policy (policy.ts), so a revoked connection needs no session to be ended.

const sign = (secret: string, body: string) =>
  crypto.createHmac('sha256', secret).update(`portal-session:${body}`).digest();

export const sessionTtlMs = 8 * 3_600_000;

export function issueSession(
  secret: string,
  identityId: string,
  now = Date.now(),
): { token: string; expiresAt: string } {
  const expires = now + sessionTtlMs;
  const body = Buffer.from(JSON.stringify({ i: identityId, e: expires })).toString('base64url');
  return {
    token: `${body}.${sign(secret, body).toString('base64url')}`,
    expiresAt: new Date(expires).toISOString(),
  };
}

const refused = (message: string) => new DomainError('unauthenticated', 'unauthenticated', message);

/** The identity of a session token; refused (401) when it is missing, altered or over. */
export function identityOfSession(secret: string, header: string | undefined, now = Date.now()): string {
  const token = /^Bearer ([A-Za-z0-9_-]{1,400}\.[A-Za-z0-9_-]{1,100})$/.exec(header ?? '')?.[1];
  if (!token) throw refused('Sign in first: send "Authorization: Bearer <token>" from POST /portal/api/session.');
  const [body, signature] = token.split('.') as [string, string];
  const given = Buffer.from(signature, 'base64url');
  const expected = sign(secret, body);
  if (given.length !== expected.length || !crypto.timingSafeEqual(given, expected))
    throw refused('This session is not valid: sign in again.');
  const claims = JSON.parse(Buffer.from(body, 'base64url').toString('utf8')) as { i?: unknown; e?: unknown };
  if (typeof claims.i !== 'string' || typeof claims.e !== 'number') throw refused('This session is not valid.');
  if (claims.e <= now) throw refused('This session has ended: sign in again.');
  return claims.i;
}
