import { Router, type Request, type Response } from 'express';
import type { Knex } from 'knex';
import { z } from 'zod';
import {
  officesOfIdentity,
  registeredIdentity,
  registerIdentity,
  verifyPassword,
} from '../../domain/directory/identities.js';
import { refuseClosedAccounts } from '../../domain/accounts/accountAccess.js';
import { emailSchema } from '../../domain/directory/validation.js';
import { consumePortalToken, TokenError } from '../../domain/tokens.js';
import { portalPasswordSchema } from '../auth/commonPasswords.js';
import type { InstanceService } from '../temporal/instances.js';
import { throttled, wrongPassword } from '../http/directory/passwordErrors.js';
import { AppError } from '../http/errors.js';
import { parseBody } from '../http/validate.js';
import { errorPage, linkPage, officesPage, registerPage } from './pages.js';
import { tokenFailure, usableToken, waitForState } from './tokens.js';
import { pickLocale } from './wording.js';

export interface PortalDeps {
  db: Knex;
  instances: InstanceService;
  tokenSecret: string;
}

const tokenField = z.string().min(1, 'is required').max(500, 'is too long');
const newPassword = portalPasswordSchema;
const anyPassword = z.string().min(1, 'is required').max(200, 'is too long');

const gone = (message: string) => tokenFailure(new TokenError('used', message));

/** End users' pages and their JSON API, under /portal; no console session involved. */
export function portalRouter(deps: PortalDeps): Router {
  const { db, instances, tokenSecret } = deps;
  const router = Router();
  const check = (token: string, purpose?: 'register' | 'link') =>
    usableToken(db, instances, tokenSecret, token, purpose);

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
    const { row } = await check(body.token, 'register');
    if (await registeredIdentity(db, row.email)) {
      throw new AppError(
        409,
        'already_registered',
        'This e-mail already has an account. Ask your office to send the link-accounts e-mail instead.',
      );
    }
    if (!(await consumePortalToken(db, row.id))) throw gone('This link was already used.');
    const identity = await registerIdentity(db, row.email, body.password);
    await instances.send(row.instanceId, {
      event: { type: 'REGISTERED', identityId: identity.id },
      actor: `user:${identity.id}`,
    });
    const state = await waitForState(db, row.instanceId, ['registered']);
    res.json({ state, offices: await officesOfIdentity(db, identity.id) });
  });

  router.post('/api/link', async (req, res) => {
    const body = parseBody(z.object({ token: tokenField, password: anyPassword }), req);
    const { row } = await check(body.token, 'link');
    const outcome = await verifyPassword(db, row.email, body.password);
    if (!outcome.ok && outcome.reason === 'throttled') throw throttled(res, outcome.retryAfterSeconds);
    if (!outcome.ok) throw wrongPassword('The password does not match the account of this e-mail. Nothing was linked.');
    if (!(await consumePortalToken(db, row.id))) throw gone('This link was already used.');
    await instances.send(row.instanceId, {
      event: { type: 'ACCOUNT_LINK_CONFIRMED', identityId: outcome.identityId },
      actor: `user:${outcome.identityId}`,
    });
    const state = await waitForState(db, row.instanceId, ['linked']);
    res.json({ state, offices: await officesOfIdentity(db, outcome.identityId) });
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
