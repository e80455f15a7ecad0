import type { RequestHandler } from 'express';
import helmet from 'helmet';
import { AppError } from './errors.js';

/**
 * The console is a Vite build: scripts only from our origin, never inline. react-admin's MUI and
 * the statechart's SVG set inline styles, hence 'unsafe-inline' for styles (and styles only).
 * Routes that serve other documents (portal pages, an e-mail preview) set their own, stricter CSP.
 */
const consoleCsp = {
  useDefaults: false,
  directives: {
    defaultSrc: ["'self'"],
    scriptSrc: ["'self'"],
    styleSrc: ["'self'", "'unsafe-inline'"],
    imgSrc: ["'self'", 'data:'],
    fontSrc: ["'self'", 'data:'],
    connectSrc: ["'self'"],
    objectSrc: ["'none'"],
    baseUri: ["'self'"],
    formAction: ["'self'"],
    frameAncestors: ["'none'"],
  },
};

/** helmet's headers; HSTS is sent only on HTTPS (below), where it means something. */
export const securityHeaders: RequestHandler = helmet({
  contentSecurityPolicy: consoleCsp,
  strictTransportSecurity: false,
  frameguard: { action: 'deny' },
  referrerPolicy: { policy: 'no-referrer' },
});

/** Strict-Transport-Security on requests that came over HTTPS (directly or through a trusted proxy). */
export const hstsOverHttps: RequestHandler = (req, res, next) => {
  if (req.secure) res.setHeader('Strict-Transport-Security', 'max-age=31536000; includeSubDomains');
  next();
};

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * A second line behind the CSRF token: a browser names the page's origin on every cross-origin
 * POST/PUT/PATCH/DELETE, so a state-changing request whose Origin is another site is refused.
 * Requests without Origin (the office agent, curl) carry no ambient browser credentials to abuse.
 */
export function sameOrigin(allowedOrigins: readonly string[] = []): RequestHandler {
  const allowed = new Set(allowedOrigins.map((o) => new URL(o).origin));
  return (req, _res, next) => {
    if (SAFE_METHODS.has(req.method)) return next();
    const origin = req.get('origin');
    const site = req.get('sec-fetch-site');
    const own = `${req.protocol}://${req.get('host') ?? ''}`;
    const foreignOrigin = origin !== undefined && origin !== own && !allowed.has(origin);
    if (foreignOrigin || site === 'cross-site') {
      return next(
        new AppError(
          403,
          'origin_mismatch',
          `This request came from another site (${origin ?? 'cross-site'}); only pages of this server may change data.`,
        ),
      );
    }
    next();
  };
}
