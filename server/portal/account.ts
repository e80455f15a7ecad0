import { Router, type Request, type Response } from 'express';
import { z } from 'zod';
import { refuseClosedAccounts } from '../../domain/accounts/accountAccess.js';
import { verifyPassword } from '../../domain/directory/identities.js';
import { portalHome } from '../../domain/directory/portalHome.js';
import { emailSchema } from '../../domain/directory/validation.js';
import { DomainError } from '../../domain/errors.js';
import { portalPasswordSchema } from '../auth/commonPasswords.js';
import { hashPassword } from '../../domain/directory/passwords.js';
import type { RouterDeps } from '../http/directory/deps.js';
import { throttled, wrongPassword } from '../http/directory/passwordErrors.js';
import { AppError } from '../http/errors.js';
import { parseBody } from '../http/validate.js';
import { forgotPage, homePage, resetPage } from './accountPages.js';
import { errorPage } from './pages.js';
import {
  choosePortalOffice,
  closePortalSession,
  openPortalSession,
  portalCookies,
  requirePortalSession,
} from './sessions.js';
import { pickLocale } from './wording.js';

const anyPassword = z.string().min(1, 'is required').max(200, 'is too long');
const resetToken = z.string().min(1, 'is required').max(200, 'is too long');
const sameAnswer =
  'If this e-mail has an account, a link to choose a new password is on its way. It works once, for a limited time.';

/**
 * The portal's account side: sign-in to a session that carries the chosen office, the home with
 * the office switcher, "try the connection again" for office staff, and the forgotten password.
 */
export function portalAccountRouter(deps: RouterDeps): Router {
  const { db } = deps;
  // Sliding, like the console's (SESSION_TTL_HOURS).
  const { sessionTtlMs } = deps.config.http;
  const { passwordResets: resets, officeLinkHealth: health } = deps.services;
  const router = Router();
  const session = requirePortalSession(db, sessionTtlMs);
  const identityOf = (req: Request) => req.portalSession!.identityId;
  const home = (req: Request) => portalHome(db, identityOf(req), req.portalSession!.officeId);

  router.post('/api/session', portalCookies(), async (req, res) => {
    const body = parseBody(z.object({ email: emailSchema, password: anyPassword }), req);
    const outcome = await verifyPassword(db, body.email, body.password);
    if (!outcome.ok && outcome.reason === 'throttled') throw throttled(res, outcome.retryAfterSeconds);
    if (!outcome.ok) throw wrongPassword('The e-mail or password is wrong.');
    await refuseClosedAccounts(db, outcome.identityId);
    const view = await portalHome(db, outcome.identityId, null);
    await openPortalSession(db, req, res, {
      identityId: outcome.identityId,
      officeId: view.selected?.officeId ?? null,
      ttlMs: sessionTtlMs,
    });
    await deps.audit.record({
      actor: `user:${outcome.identityId}`,
      action: 'portal.login',
      target: `identities:${outcome.identityId}`,
    });
    res.json(view);
  });

  router.get('/api/session', session, async (req, res) => {
    const view = await home(req);
    // The chosen office is gone (the person was removed from it): the session follows what is shown.
    if ((view.selected?.officeId ?? null) !== req.portalSession!.officeId)
      await choosePortalOffice(db, req.portalSession!, view.selected?.officeId ?? null);
    res.json(view);
  });

  router.put('/api/session/office', session, async (req, res) => {
    const body = parseBody(z.object({ officeId: z.string().trim().min(1, 'is required').max(64) }).strict(), req);
    const view = await portalHome(db, identityOf(req), body.officeId);
    if (view.selected?.officeId !== body.officeId)
      throw new AppError(
        403,
        'not_your_office',
        'You do not belong to this office, so it cannot be shown. Nothing was changed.',
        {
          offices: view.offices.map((m) => m.officeId),
        },
      );
    await choosePortalOffice(db, req.portalSession!, body.officeId);
    res.json(view);
  });

  router.post('/api/session/logout', session, async (req, res) => {
    await closePortalSession(db, req, res);
    res.json({ signedOut: true });
  });

  // Office staff: "try the connection again" on their own link in the office they are viewing.
  router.post('/api/reconnect', session, async (req, res) => {
    parseBody(z.object({}).strict(), req);
    const view = await home(req);
    if (!view.selected?.staffLink)
      throw new DomainError(
        'conflict',
        'not_linked',
        'You are not a linked user of the office you are viewing, so there is no connection to try again. Nothing was changed.',
      );
    res.json(await health.reconnect(view.selected.staffLink.officeUserId, `user:${identityOf(req)}`));
  });

  router.post('/api/password-reset', async (req, res) => {
    const body = parseBody(z.object({ email: emailSchema, locale: z.string().max(10).optional() }).strict(), req);
    const locale = pickLocale(body.locale, req.headers['accept-language']);
    await resets.request(body.email, locale);
    res.status(202).json({ accepted: true, message: sameAnswer });
  });

  router.get('/api/password-reset/:token', async (req, res) => {
    res.json(await resets.check(String(req.params.token)));
  });

  router.post('/api/password-reset/complete', async (req, res) => {
    const body = parseBody(z.object({ token: resetToken, password: portalPasswordSchema }).strict(), req);
    await resets.check(body.token); // a bad link is told before the (slow) hash
    const { woken } = await resets.complete(body.token, await hashPassword(body.password));
    res.json({
      changed: true,
      woken,
      message:
        woken > 0
          ? 'Your password was changed. What was waiting for it can go on now: if you were linking an account, a fresh link is on its way; use it with the new password.'
          : 'Your password was changed. Sign in with the new one.',
    });
  });

  const page =
    (render: (res: Response, locale: ReturnType<typeof pickLocale>) => void) => (req: Request, res: Response) =>
      render(res, pickLocale(undefined, req.headers['accept-language']));
  router.get('/home', page(homePage));
  router.get('/forgot', page(forgotPage));
  router.get('/reset', async (req, res) => {
    const locale = pickLocale(undefined, req.headers['accept-language']);
    const token = typeof req.query.token === 'string' ? req.query.token : '';
    try {
      await resets.check(token);
    } catch (err) {
      if (err instanceof DomainError && (err.kind === 'invalid' || err.kind === 'gone'))
        return errorPage(res, err.kind === 'invalid' ? 400 : 410, locale, err.message);
      throw err;
    }
    resetPage(res, locale);
  });
  return router;
}
