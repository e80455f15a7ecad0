import { Router } from 'express';
import { z } from 'zod';
import { namesOf, type ConnectionRequestRow } from '../../../domain/connections/requests.js';
import { emailSchema } from '../../../domain/directory/validation.js';
import { locales } from '../../../domain/settings.js';
import { requireRole } from '../../auth/principal.js';
import { listRows, parseListParams, type ListSpec } from '../listQuery.js';
import { parse, parseBody } from '../validate.js';
import { idempotencyKeyOf, principalActor, type RouterDeps } from './deps.js';

export const connectionRequestsSpec: ListSpec = {
  resource: 'connectionRequests',
  table: 'connectionRequests',
  sortable: ['id', 'direction', 'state', 'createdAt', 'decidedAt'],
  filters: { direction: 'exact', state: 'exact', officeId: 'exact', companyId: 'exact' },
  searchable: ['inviteeEmail', 'accountantEmail', 'officeNameGiven'],
  defaultSort: ['createdAt', 'DESC'],
};

const id = z.string().trim().min(1, 'is required').max(64);
const locale = z.enum(locales).optional();
const createBody = z.discriminatedUnion('direction', [
  z.object({ direction: z.literal('officeToClient'), officeId: id, companyId: id, email: emailSchema, locale }),
  z.object({
    direction: z.literal('clientToOffice'),
    companyId: id,
    accountantEmail: emailSchema,
    officeName: z.string().trim().min(1, 'is required').max(200),
    officePhone: z.string().trim().max(30).optional(),
    locale,
  }),
]);
const revokeBody = z.object({ side: z.enum(['office', 'company']), reason: z.string().trim().max(1000).optional() });
const accountQuery = z.object({ email: emailSchema });

/** Each request with the names people read and whether it is the live connection. */
const withNames = async (deps: RouterDeps, row: ConnectionRequestRow) => {
  const names = await namesOf(deps.db, row);
  // `company:…` / `office:…`: the side, by the name a person reads.
  const sideName = (actor: string | null) =>
    actor?.startsWith('company:') ? names.companyName : actor?.startsWith('office:') ? names.officeName : null;
  return {
    ...row,
    ...names,
    email: row.direction === 'officeToClient' ? row.inviteeEmail : row.accountantEmail,
    connected: row.state === 'active' && !row.revokedAt,
    decidedByName: sideName(row.decidedBy),
    revokedByName: sideName(row.revokedBy),
  };
};

/** Connection requests between offices and client companies: list, show, create, revoke. */
export function connectionRequestsRouter(deps: RouterDeps): Router {
  const service = deps.services.connectionRequests;
  const router = Router();
  const readers = requireRole('admin', 'operator', 'auditor');
  const writers = requireRole('admin', 'operator');

  router.get('/connectionRequests/account', readers, async (req, res) => {
    res.json(await service.accountExists(parse(accountQuery, req.query, 'query').email));
  });
  router.get('/connectionRequests', readers, async (req, res) => {
    const page = await listRows(deps.db, connectionRequestsSpec, parseListParams(req, connectionRequestsSpec), res);
    res.json(await Promise.all((page as ConnectionRequestRow[]).map((row) => withNames(deps, row))));
  });
  router.get('/connectionRequests/:id', readers, async (req, res) => {
    res.json(await withNames(deps, await service.load(String(req.params.id))));
  });
  router.post('/connectionRequests', writers, async (req, res) => {
    const body = parseBody(createBody, req);
    const actor = principalActor(req);
    const key = idempotencyKeyOf(req);
    const result =
      body.direction === 'officeToClient'
        ? await service.fromOffice(body, actor, key)
        : await service.fromClient(body, actor, key);
    res.status(201).json({ ...result, ...(await withNames(deps, await service.load(result.id))) });
  });
  router.post('/connectionRequests/:id/revoke', writers, async (req, res) => {
    const { side, reason } = parseBody(revokeBody, req);
    res.json(await withNames(deps, await service.revoke(String(req.params.id), side, principalActor(req), reason)));
  });
  return router;
}
