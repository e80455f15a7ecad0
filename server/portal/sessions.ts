import crypto from 'node:crypto';
import cookieParser from 'cookie-parser';
import { Router, type CookieOptions, type Request, type RequestHandler, type Response } from 'express';
import type { Knex } from 'knex';
import { AppError } from '../http/errors.js';

// A signed-in person on the portal: a server-side session (only hashes of the cookie's token and
// of the CSRF token are kept) that carries the office the person chose to view. Cookies are
// scoped to /portal, SameSite=Strict, and separate from the console's.

export const PORTAL_SESSION_COOKIE = 'vinculo_portal_session';
export const PORTAL_CSRF_COOKIE = 'vinculo_portal_csrf';
export const PORTAL_CSRF_HEADER = 'X-CSRF-Token';

const sha256 = (text: string) => crypto.createHash('sha256').update(text).digest('hex');
const randomToken = () => crypto.randomBytes(32).toString('base64url');

export interface PortalSession {
  tokenHash: string;
  identityId: string;
  officeId: string | null;
}

declare module 'express-serve-static-core' {
  interface Request {
    /** The portal session behind this request (portal routes that need one). */
    portalSession?: PortalSession;
  }
}

const base = (req: Request): CookieOptions => ({ sameSite: 'strict', secure: req.secure, path: '/portal' });

/** Opens a session for an identity, with an office already chosen, and sets its cookies. */
export async function openPortalSession(
  db: Knex,
  req: Request,
  res: Response,
  o: { identityId: string; officeId: string | null; ttlMs: number },
): Promise<void> {
  const token = randomToken();
  const csrf = randomToken();
  const now = Date.now();
  await db('portalSessions').where('expiresAt', '<', new Date(now).toISOString()).delete();
  const previous = cookieValue(req, PORTAL_SESSION_COOKIE);
  if (previous)
    await db('portalSessions')
      .where({ tokenHash: sha256(previous) })
      .delete();
  await db('portalSessions').insert({
    tokenHash: sha256(token),
    identityId: o.identityId,
    csrfHash: sha256(csrf),
    officeId: o.officeId,
    createdAt: new Date(now).toISOString(),
    expiresAt: new Date(now + o.ttlMs).toISOString(),
  });
  res.cookie(PORTAL_SESSION_COOKIE, token, { ...base(req), httpOnly: true });
  res.cookie(PORTAL_CSRF_COOKIE, csrf, { ...base(req), httpOnly: false });
}

export async function closePortalSession(db: Knex, req: Request, res: Response): Promise<void> {
  if (req.portalSession) await db('portalSessions').where({ tokenHash: req.portalSession.tokenHash }).delete();
  res.clearCookie(PORTAL_SESSION_COOKIE, { ...base(req), httpOnly: true });
  res.clearCookie(PORTAL_CSRF_COOKIE, { ...base(req), httpOnly: false });
}

export const choosePortalOffice = (db: Knex, session: PortalSession, officeId: string | null) =>
  db('portalSessions').where({ tokenHash: session.tokenHash }).update({ officeId });

function cookieValue(req: Request, name: string): string | undefined {
  const value = (req as Request & { cookies?: Record<string, unknown> }).cookies?.[name];
  return typeof value === 'string' && value !== '' ? value : undefined;
}

const signInFirst = () => new AppError(401, 'unauthenticated', 'Sign in to the portal first.');

/**
 * Requires a portal session (sliding expiry) and, on changes, the CSRF header matching the
 * session's token; sets req.portalSession. Another site can make a browser send the cookie,
 * never the header.
 */
export function requirePortalSession(db: Knex, ttlMs: number): RequestHandler {
  const router = Router();
  router.use(cookieParser());
  router.use(async (req, res, next) => {
    const token = cookieValue(req, PORTAL_SESSION_COOKIE);
    if (!token) throw signInFirst();
    const tokenHash = sha256(token);
    const row = (await db('portalSessions').where({ tokenHash }).first()) as
      { identityId: string; csrfHash: string; officeId: string | null; expiresAt: string } | undefined;
    if (!row) throw signInFirst();
    const now = Date.now();
    if (Date.parse(row.expiresAt) <= now) {
      await db('portalSessions').where({ tokenHash }).delete();
      throw new AppError(401, 'session_expired', 'Your portal session has expired; sign in again.');
    }
    if (!['GET', 'HEAD', 'OPTIONS'].includes(req.method)) {
      const header = req.get(PORTAL_CSRF_HEADER);
      if (!header || header !== cookieValue(req, PORTAL_CSRF_COOKIE) || sha256(header) !== row.csrfHash)
        throw new AppError(
          403,
          'csrf_failed',
          `This change was refused: it must carry the ${PORTAL_CSRF_HEADER} header with the value of the ${PORTAL_CSRF_COOKIE} cookie. Reload the page and retry.`,
        );
    }
    const expiresAt = new Date(now + ttlMs).toISOString();
    if (Date.parse(expiresAt) - Date.parse(row.expiresAt) > 60_000)
      await db('portalSessions').where({ tokenHash }).update({ expiresAt });
    req.portalSession = { tokenHash, identityId: row.identityId, officeId: row.officeId };
    next();
  });
  return router;
}

/** Reads the cookies of the portal's public routes (sign-in replaces a previous session). */
export const portalCookies = (): RequestHandler => cookieParser();
