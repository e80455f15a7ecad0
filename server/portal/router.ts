import { Router, type Request, type Response } from 'express';
import { z } from 'zod';
import {
  AlreadyRegisteredError,
  officesOfIdentity,
  registeredIdentity,
  registerIdentityHashed,
  verifyPassword,
} from '../../domain/directory/identities.js';
import { refuseClosedAccounts } from '../../domain/accounts/accountAccess.js';
import { emailSchema } from '../../domain/directory/validation.js';
import { portalPasswordSchema } from '../auth/commonPasswords.js';
import { hashPassword } from '../../domain/directory/passwords.js';
import { throttled, wrongPassword } from '../http/directory/passwordErrors.js';
import type { RouterDeps } from '../http/directory/deps.js';
import { AppError } from '../http/errors.js';
import { parseBody } from '../http/validate.js';
import { errorPage, linkPage, officesPage, registerPage } from './pages.js';
import type { StepOutcome } from '../../domain/services/portalSteps.js';
import { usableToken, type UsableToken } from './tokens.js';
import { pickLocale } from './wording.js';

const tokenField = z.string().min(1, 'is required').max(500, 'is too long');
const newPassword = portalPasswordSchema;
const anyPassword = z.string().min(1, 'is required').max(200, 'is too long');

/** End users' pages and their JSON API, under /portal; no console session involved. */
export function portalRouter(deps: RouterDeps): Router {
  const { db, instances, tokenSecret } = deps;
  const router = Router();
  const check = (token: string, purpose?: 'register' | 'link') =>
    usableToken(db, instances, tokenSecret, token, purpose, deps.stopping);
  const steps = deps.services.portalSteps;
  /** 200 with the state the process took the step into, or 202 when it is recorded and applied later. */
  const answer = (res: Response, outcome: StepOutcome) =>
    res.status(outcome.state === 'recorded' ? 202 : 200).json(outcome);
  /** The token checked for a new step, or the first step's outcome answered when this is its retry. */
  const checkOrReplay = async (res: Response, token: string, password: string, purpose: 'register' | 'link') => {
    try {
      return await check(token, purpose);
    } catch (err) {
      if (!(err instanceof AppError && err.status === 410 && err.details?.reason === 'used')) throw err;
      answer(res, await steps.replay(token, password, err));
      return undefined;
    }
  };

  router.use((_req, res, next) => {
    res.setHeader('Cache-Control', 'no-store');
    next();
  });

  router.get('/api/token/:token', async (req, res) => {
    const { row, user } = await check(String(req.params.token));
    res.json({
      purpose: row.purpose,
      email: row.email,
      existingAccount: row.purpose === 'link',
      name: user.name,
      locale: user.locale,
      expiresAt: row.expiresAt,
    });
  });

  router.post('/api/register', async (req, res) => {
    const body = parseBody(z.object({ token: tokenField, password: newPassword }), req);
    const checked = await checkOrReplay(res, body.token, body.password, 'register');
    if (!checked) return;
    await registerStep(checked, body.password, res);
  });

  const alreadyRegistered = () =>
    new AppError(
      409,
      'already_registered',
      'This e-mail already has an account. Ask your office to send the link-accounts e-mail instead.',
    );

  const registerStep = async ({ row }: UsableToken, password: string, res: Response) => {
    if (await registeredIdentity(db, row.email)) throw alreadyRegistered();
    const passwordHash = await hashPassword(password);
    const outcome = await steps.take(row, async (trx) => {
      const identity = await registerIdentityHashed(trx, row.email, passwordHash).catch((err: unknown) => {
        throw err instanceof AlreadyRegisteredError ? alreadyRegistered() : err;
      });
      return { identityId: identity.id, event: { type: 'REGISTERED', identityId: identity.id } };
    });
    answer(res, outcome);
  };

  router.post('/api/link', async (req, res) => {
    const body = parseBody(z.object({ token: tokenField, password: anyPassword }), req);
    const checked = await checkOrReplay(res, body.token, body.password, 'link');
    if (!checked) return;
    const { row } = checked;
    const outcome = await verifyPassword(db, row.email, body.password);
    if (!outcome.ok && outcome.reason === 'throttled') throw throttled(res, outcome.retryAfterSeconds);
    if (!outcome.ok) throw wrongPassword('The password does not match the account of this e-mail. Nothing was linked.');
    answer(
      res,
      await steps.take(row, async () => ({
        identityId: outcome.identityId,
        event: { type: 'ACCOUNT_LINK_CONFIRMED', identityId: outcome.identityId },
      })),
    );
  });

  router.post('/api/offices', async (req, res) => {
    const body = parseBody(z.object({ email: emailSchema, password: anyPassword }), req);
    const outcome = await verifyPassword(db, body.email, body.password);
    if (!outcome.ok && outcome.reason === 'throttled') throw throttled(res, outcome.retryAfterSeconds);
    if (!outcome.ok) throw wrongPassword('The e-mail or password is wrong.');
    await refuseClosedAccounts(db, outcome.identityId);
    res.json({ offices: await officesOfIdentity(db, outcome.identityId) });
  });

  // Pages check the token themselves, so a bad link answers with its own status and page.
  const tokenPage =
    (purpose: 'register' | 'link', render: typeof registerPage) => async (req: Request, res: Response) => {
      const fallback = pickLocale(undefined, req.headers['accept-language']);
      const token = typeof req.query.token === 'string' ? req.query.token : '';
      try {
        const { row, user } = await check(token, purpose);
        render(res, pickLocale(user.locale, req.headers['accept-language']), row.email);
      } catch (err) {
        if (err instanceof AppError && (err.status === 400 || err.status === 410))
          return errorPage(res, err.status, fallback, err.message);
        throw err;
      }
    };
  router.get('/register', tokenPage('register', registerPage));
  router.get('/link', tokenPage('link', linkPage));
  router.get('/offices', (req, res) => officesPage(res, pickLocale(undefined, req.headers['accept-language'])));
  return router;
}
