import { Router, type Request } from 'express';
import { z } from 'zod';
import { authorizeAccount, type AccountAction } from '../../domain/access/policy.js';
import { readSettings } from '../../domain/companyData/documents.js';
import { DomainError } from '../../domain/errors.js';
import { accountOf, accountsQuery, planBody, statusBody, withPlanName } from '../http/accounts/accounts.js';
import type { RouterDeps } from '../http/directory/deps.js';
import { notFound } from '../http/errors.js';
import { pageInMemory, parseListParams, type ListSpec } from '../http/listQuery.js';
import { parseBody } from '../http/validate.js';
import { accountSettingsPage } from './accountSettingsPage.js';
import { requirePortalSession } from './sessions.js';
import { pickLocale } from './wording.js';

const accountsSpec: ListSpec = {
  resource: 'accounts',
  table: 'contracts',
  sortable: ['companyName', 'status', 'planId'],
  filters: { status: 'exact' },
  defaultSort: ['companyName', 'ASC'],
};

/**
 * The office's panel of its clients' accounts on the portal: its users see them; only its manager
 * changes a status, a plan or a key; the company's own admin opens its settings and regenerates
 * its key. The access policy (domain/access/policy.ts) answers every call, with why.
 */
export function portalAccountsRouter(deps: RouterDeps): Router {
  const { db, services } = deps;
  const router = Router();
  const session = requirePortalSession(db, deps.config.http.sessionTtlMs);
  const identityOf = (req: Request) => req.portalSession!.identityId;
  const actorOf = (req: Request) => `user:${identityOf(req)}`;
  const companyIdOf = (req: Request) => {
    const id = String(req.params.companyId ?? '');
    if (!/^[\w-]{1,64}$/.test(id)) throw notFound('Account', id.slice(0, 64));
    return id;
  };
  const allowed = (req: Request, action: AccountAction) =>
    authorizeAccount(db, identityOf(req), companyIdOf(req), action);
  const account = (companyId: string) => accountOf(db, companyId);

  // The accounts of the office chosen in the session, for its users.
  router.get('/api/office/accounts', session, async (req, res) => {
    const officeId = req.portalSession!.officeId;
    const staff = officeId
      ? await db('officeUsers')
          .where({ identityId: identityOf(req), officeId, active: true })
          .whereNotNull('linkedAt')
          .first('id')
      : undefined;
    if (!staff)
      throw new DomainError(
        'forbidden',
        'access_denied',
        'Only the users of an accounting office see its clients’ accounts; choose one of your offices first.',
      );
    const params = parseListParams(req, accountsSpec);
    const rows = (await accountsQuery(db).where('k.officeId', officeId).limit(1000)) as Array<Record<string, unknown>>;
    res.json(pageInMemory(rows, params, accountsSpec, res).map(withPlanName));
  });

  router.get('/api/accounts/:companyId', session, async (req, res) => {
    const decision = await allowed(req, 'view');
    res.json({ ...(await account(companyIdOf(req))), yourRole: decision.role });
  });
  router.get('/api/accounts/:companyId/settings', session, async (req, res) => {
    await allowed(req, 'openSettings');
    const companyId = companyIdOf(req);
    res.json({ account: await account(companyId), settings: await readSettings(db, companyId) });
  });
  router.post('/api/accounts/:companyId/status', session, async (req, res) => {
    await allowed(req, 'changeStatus');
    const body = parseBody(statusBody, req);
    await services.contracts.changeStatus(companyIdOf(req), body, actorOf(req));
    res.json(await account(companyIdOf(req)));
  });
  router.post('/api/accounts/:companyId/plan', session, async (req, res) => {
    await allowed(req, 'changePlan');
    const body = parseBody(planBody, req);
    const change = await services.planChanges.change(companyIdOf(req), body, actorOf(req));
    res.json({ ...(await account(companyIdOf(req))), planChange: change });
  });
  router.post('/api/accounts/:companyId/keys', session, async (req, res) => {
    await allowed(req, 'rotateKey');
    const body = parseBody(z.object({ reason: statusBody.shape.reason }), req);
    res.status(201).json(await services.integrationKeys.rotate(companyIdOf(req), body.reason, actorOf(req)));
  });
  router.get('/account', (req, res) => accountSettingsPage(res, pickLocale(undefined, req.headers['accept-language'])));
  return router;
}
