import { Router } from 'express';
import { z } from 'zod';
import { emailSchema } from '../../../domain/directory/validation.js';
import { requireRole } from '../../auth/principal.js';
import { listRows, parseListParams, type ListSpec } from '../listQuery.js';
import { parseBody } from '../validate.js';
import { asBool, created, idempotencyKeyOf, principalActor, type RouterDeps } from './deps.js';

export const officeUsersSpec: ListSpec = {
  resource: 'officeUsers',
  table: 'officeUsers',
  sortable: ['id', 'name', 'email', 'role', 'active', 'officeId', 'createdAt', 'linkedAt'],
  filters: { officeId: 'exact', role: 'exact', active: 'boolean', email: 'exact' },
  searchable: ['name', 'email'],
  defaultSort: ['createdAt', 'DESC'],
};

const createBody = z.object({
  officeId: z.string().trim().min(1, 'is required').max(64),
  name: z.string().trim().min(1, 'is required').max(200),
  email: emailSchema,
  role: z.enum(['manager', 'staff']),
});

const updateBody = z.object({
  name: z.string().trim().min(1).max(200).optional(),
  active: z.boolean().optional(),
  reason: z.string().trim().max(1000).optional(),
});

// The platform account's credentials, not a desktop-system password. Never stored or sent on.
const credentialsBody = z.object({
  email: emailSchema.optional(),
  password: z.string().min(1, 'is required').max(200),
});

/** Office staff; creating one starts its link process. `linkStatus` is the process's state. */
export function officeUsersRouter(deps: RouterDeps): Router {
  const { db, services } = deps;
  const users = services.officeUsers;
  const router = Router();
  const readers = requireRole('admin', 'operator', 'auditor');
  const writers = requireRole('admin', 'operator');

  // The link status is the process's current state, read from the projection in one query per page.
  async function withLinkStatus(rows: Array<Record<string, unknown>>) {
    const ids = rows.map((r) => String(r.instanceId));
    const states = new Map<string, string>(
      (await db('instances').whereIn('id', ids).select('id', 'state')).map((r: { id: string; state: string }) => [
        r.id,
        r.state,
      ]),
    );
    return rows.map((r) => ({
      ...r,
      active: asBool(r.active),
      linkStatus: states.get(String(r.instanceId)) ?? 'starting',
    }));
  }
  const show = async (id: string) => (await withLinkStatus([{ ...(await users.load(id)) }]))[0];

  router.get('/officeUsers', readers, async (req, res) => {
    res.json(await withLinkStatus(await listRows(db, officeUsersSpec, parseListParams(req, officeUsersSpec), res)));
  });
  router.get('/officeUsers/:id', readers, async (req, res) => {
    res.json(await show(String(req.params.id)));
  });

  router.post('/officeUsers', writers, async (req, res) => {
    const body = parseBody(createBody, req);
    const result = await users.create(body, principalActor(req), idempotencyKeyOf(req));
    created(res, await show(result.id), result.created);
  });
  router.put('/officeUsers/:id', writers, async (req, res) => {
    const body = parseBody(updateBody, req);
    const id = String(req.params.id);
    await users.update(id, body, principalActor(req));
    res.json(await show(id));
  });
  // The service checks the password against the account's hash; the process only learns the outcome.
  router.post('/officeUsers/:id/credentials', writers, async (req, res) => {
    const body = parseBody(credentialsBody, req);
    res.json(await users.checkCredentials(String(req.params.id), body, principalActor(req)));
  });
  return router;
}
