import type { CookieOptions, Request, Response } from 'express';
import type { SessionTokens } from './sessions.js';

export const SESSION_COOKIE = 'vinculo_session';
export const CSRF_COOKIE = 'vinculo_csrf';
export const CSRF_HEADER = 'X-CSRF-Token';

// Browser-session cookies (no Max-Age): the server's sliding expiry decides how long a session
// lives, and an expired one is answered with a clear message instead of silently vanishing.
// Secure follows the request: behind a TLS proxy, req.secure is right only with TRUST_PROXY set.
const base = (req: Request): CookieOptions => ({ sameSite: 'strict', secure: req.secure, path: '/' });

export function setSessionCookies(req: Request, res: Response, tokens: SessionTokens) {
  res.cookie(SESSION_COOKIE, tokens.token, { ...base(req), httpOnly: true });
  // Readable by the console's JavaScript, which echoes it in the X-CSRF-Token header.
  res.cookie(CSRF_COOKIE, tokens.csrfToken, { ...base(req), httpOnly: false });
}

export function clearSessionCookies(req: Request, res: Response) {
  res.clearCookie(SESSION_COOKIE, { ...base(req), httpOnly: true });
  res.clearCookie(CSRF_COOKIE, { ...base(req), httpOnly: false });
}

export function cookieOf(req: Request, name: string): string | undefined {
  const cookies = (req as Request & { cookies?: Record<string, unknown> }).cookies;
  const value = cookies?.[name];
  return typeof value === 'string' && value !== '' ? value : undefined;
}
