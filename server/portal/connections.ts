import { Router, type Request, type Response } from 'express';
import { z } from 'zod';
import { DomainError } from '../../domain/errors.js';
import { queuedEvent } from '../../domain/events/queue.js';
import type { Locale } from '../../domain/settings.js';
import { connectionRequestLabels } from '../../machines/connectionRequest.labels.js';
import { portalPasswordSchema } from '../auth/commonPasswords.js';
import { hashPassword } from '../../domain/directory/passwords.js';
import type { RouterDeps } from '../http/directory/deps.js';
import { parseBody } from '../http/validate.js';
import { companyDataRouter } from './companyData.js';
import { closedPage, connectionRegisterPage, decisionPage } from './connectionPage.js';
import { errorPage } from './pages.js';
import { portalRouter } from './router.js';
import { waitForState } from './tokens.js';
import { waitOrStop } from '../../domain/waits.js';
import { pickLocale } from './wording.js';

const token = z.string().min(1, 'is required').max(500, 'is too long');
const registerBody = z.object({
  token,
  name: z.string().trim().min(1, 'is required').max(200, 'is too long'),
  password: portalPasswordSchema,
});

/** A state of the request as a person reads it, in the page's language. */
const stateWords = (state: string, locale: Locale) => {
  const label = connectionRequestLabels.stateLabels?.[state];
  return (label?.[locale] ?? label?.en ?? state).toLowerCase();
};

/** The portal's pages and JSON API for a connection request's e-mails: decide, and create the invited account. */
export function connectionPortalRouter(deps: RouterDeps): Router {
  const { db, services, relay, stopping } = deps;
  const service = services.connectionRequests;
  const waitMs = deps.config.portalStepWaitMs;
  const router = Router();

  router.post('/api/connection/approve', async (req, res) => {
    const body = parseBody(z.object({ token }), req);
    const { row, recorded } = await service.decide(body.token, 'approve');
    res.status(recorded ? 202 : 200).json({
      id: row.id,
      state: 'approved',
      recorded,
      message: recorded
        ? 'Your approval is recorded; the connection becomes active as soon as the service catches up.'
        : 'The connection is approved.',
    });
  });
  router.post('/api/connection/reject', async (req, res) => {
    const body = parseBody(z.object({ token, reason: z.string().trim().max(1000).optional() }), req);
    const { row, recorded } = await service.decide(body.token, 'reject', body.reason);
    res.status(recorded ? 202 : 200).json({
      id: row.id,
      state: 'rejected',
      recorded,
      message: recorded
        ? 'Your answer is recorded; the request closes as soon as the service catches up.'
        : 'The request is rejected.',
    });
  });

  /**
   * The invited client's account: created, made the company's admin and ACCOUNT_CREATED queued in
   * one transaction; then delivered at once and waited for, like the registration step. 200 once
   * the process asks for approval, 202 when it has not caught up yet (the relay delivers it).
   */
  router.post('/api/connection/register', async (req, res) => {
    const body = parseBody(registerBody, req);
    // A retry of an account already created from this link (same password) answers like the first.
    let step = await service.earlierAccount(body.token, body.password);
    if (!step) {
      // Checked before the (slow) hash, so a dead link answers at once; checked again in the transaction.
      await service.describeLink(body.token, 'register');
      step = await service.createAccount(body.token, {
        name: body.name,
        passwordHash: await hashPassword(body.password),
      });
    }
    const started = Date.now();
    // Not past waitMs, and not at all once the server is stopping: then it answers "recorded" at once.
    await Promise.race([relay.deliver(step.eventId).catch(() => 'retry'), waitOrStop(waitMs, 'slow', stopping)]);
    if ((await queuedEvent(db, step.eventId))?.status === 'refused')
      throw new DomainError(
        'conflict',
        'process_ended',
        'Your account was created, but the invitation had already ended. Ask your accountant to send a new request.',
      );
    const next = ['requestingApproval', 'awaitingApproval'];
    const state = await waitForState(db, step.instanceId, next, Math.max(0, waitMs - (Date.now() - started)), {
      stopping,
    });
    if (state && next.includes(state)) {
      res.json({ id: step.requestId, state, message: 'The account is created; the connection request follows.' });
      return;
    }
    res.status(202).json({
      id: step.requestId,
      state: 'recorded',
      recorded: true,
      message: 'The account is created; the connection request will follow as soon as the service catches up.',
    });
  });

  // Pages check the token themselves, so a bad link answers with its own status and page.
  const page =
    (purpose: 'decide' | 'register', render: (req: Request, res: Response, locale: Locale, link: Link) => void) =>
    async (req: Request, res: Response) => {
      const fallback = pickLocale(undefined, req.headers['accept-language']);
      const given = typeof req.query.token === 'string' ? req.query.token : '';
      try {
        const link = await service.describeLink(given, purpose);
        const locale = pickLocale(link.request.locale, req.headers['accept-language']);
        const waitsFor = purpose === 'decide' ? 'awaitingApproval' : 'awaitingAccount';
        if (link.request.state !== 'open' || link.waitingState !== waitsFor)
          return closedPage(
            res,
            locale,
            stateWords(
              link.request.state === 'open' ? (link.waitingState ?? 'classifying') : link.request.state,
              locale,
            ),
          );
        render(req, res, locale, link);
      } catch (err) {
        if (err instanceof DomainError && (err.kind === 'invalid' || err.kind === 'gone'))
          return errorPage(res, err.kind === 'gone' ? 410 : 400, fallback, err.message);
        throw err;
      }
    };
  type Link = Awaited<ReturnType<typeof service.describeLink>>;

  router.get(
    '/connection',
    page('decide', (req, res, locale, link) => {
      const decision =
        req.query.decision === 'reject' ? 'reject' : req.query.decision === 'approve' ? 'approve' : undefined;
      decisionPage(res, locale, { ...link, direction: link.request.direction, decision });
    }),
  );
  router.get(
    '/connection/register',
    page('register', (_req, res, locale, link) => connectionRegisterPage(res, locale, link)),
  );
  return router;
}

/** The whole portal: the registration pages, the connection decisions and the company-data area. */
export const portalWithConnections = (deps: RouterDeps): Router =>
  Router().use(portalRouter(deps)).use(connectionPortalRouter(deps)).use(companyDataRouter(deps));
