import cookieParser from 'cookie-parser';
import { Router, type Request, type RequestHandler } from 'express';
import type { Knex } from 'knex';
import { AppError } from '../http/errors.js';
import { CSRF_COOKIE, CSRF_HEADER, SESSION_COOKIE, clearSessionCookies, cookieOf } from './cookies.js';
import { roles, type Role } from './principal.js';
import { sha256, useSession, type SessionOptions } from './sessions.js';

declare module 'express-serve-static-core' {
  interface Request {
    /** Hash of the session token behind this request, for logout; absent without a session. */
    sessionTokenHash?: string;
  }
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export const sessionExpired = () => new AppError(401, 'session_expired', 'Your session has expired; log in again.');
export const notLoggedIn = () => new AppError(401, 'unauthenticated', 'Log in first.');

/**
 * Double-submit check bound to the session: the header must equal the CSRF cookie and be the
 * token issued with this session. Another site can make the browser send cookies, never the header.
 */
function checkCsrf(req: Request, csrfHash: string) {
  if (SAFE_METHODS.has(req.method)) return;
  const header = req.get(CSRF_HEADER);
  const cookie = cookieOf(req, CSRF_COOKIE);
  if (!header || header !== cookie || sha256(header) !== csrfHash) {
    throw new AppError(
      403,
      'csrf_failed',
      `This change was refused: it must carry the ${CSRF_HEADER} header with the value of the ${CSRF_COOKIE} cookie set at log-in. Reload the console (or log in again) and retry.`,
    );
  }
}

const isRole = (role: string): role is Role => (roles as readonly string[]).includes(role);

/** Sets req.principal from the session cookie; without a valid session the API answers 401. */
export function sessionAuthenticator(db: Knex, options: SessionOptions): RequestHandler {
  const router = Router();
  router.use(cookieParser());
  router.use(async (req, res, next) => {
    const session = await useSession(db, cookieOf(req, SESSION_COOKIE), options);
    if (session.kind === 'expired') {
      clearSessionCookies(req, res);
      throw sessionExpired();
    }
    if (session.kind === 'none') throw notLoggedIn();
    const { operator } = session;
    if (!operator.active || !isRole(operator.role)) {
      clearSessionCookies(req, res);
      throw new AppError(401, 'account_inactive', 'Your console account has been deactivated; ask an administrator.');
    }
    checkCsrf(req, session.csrfHash);
    req.principal = { id: operator.id, email: operator.email, role: operator.role };
    req.sessionTokenHash = session.tokenHash;
    next();
  });
  return router;
}
