import { Router, type Request } from 'express';
import crypto from 'node:crypto';
import { z } from 'zod';
import { verifyPassword } from '../../../domain/directory/identities.js';
import { emailSchema } from '../../../domain/directory/validation.js';
import { actorOf, requireRole } from '../../auth/principal.js';
import { workflowIdFor } from '../../temporal/instances.js';
import { AppError, notFound } from '../errors.js';
import { listRows, parseListParams, type ListSpec } from '../listQuery.js';
import { parseBody } from '../validate.js';
import { asBool, conflict, nowIso, sendIfAccepted, type DirectoryDeps } from './deps.js';
import { throttled, wrongPassword } from './passwordErrors.js';

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

const principalActor = (req: Request) => (req.principal ? actorOf(req.principal) : 'system');

/** Office staff; creating one starts its link process. `linkStatus` is the process's state. */
export function officeUsersRouter(deps: DirectoryDeps): Router {
  const { db, instances } = deps;
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
  const load = async (id: string) => {
    const row = await db('officeUsers').where({ id }).first();
    if (!row) throw notFound('Office user', id);
    return row as Record<string, unknown> & {
      id: string;
      officeId: string;
      email: string;
      active: unknown;
      instanceId: string;
    };
  };
  const show = async (id: string) => (await withLinkStatus([await load(id)]))[0];

  router.get('/officeUsers', readers, async (req, res) => {
    res.json(await withLinkStatus(await listRows(db, officeUsersSpec, parseListParams(req, officeUsersSpec), res)));
  });
  router.get('/officeUsers/:id', readers, async (req, res) => {
    res.json(await show(String(req.params.id)));
  });

  router.post('/officeUsers', writers, async (req, res) => {
    const body = parseBody(createBody, req);
    if (!(await db('offices').where({ id: body.officeId }).first('id')))
      throw new AppError(400, 'unknown_office', `There is no office "${body.officeId}".`);
    if (await db('officeUsers').where({ officeId: body.officeId, email: body.email, active: true }).first('id')) {
      throw conflict('duplicate_email', `An active user of this office already has the e-mail ${body.email}.`);
    }
    if (
      body.role === 'manager' &&
      (await db('officeUsers').where({ officeId: body.officeId, role: 'manager', active: true }).first('id'))
    ) {
      throw conflict('manager_exists', 'This office already has an active manager; deactivate it first.');
    }
    const id = crypto.randomUUID();
    const instanceId = workflowIdFor('officeUserLink', id);
    await db('officeUsers').insert({ id, ...body, active: true, instanceId, createdAt: nowIso() });
    try {
      const input = { officeUserId: id, officeId: body.officeId, timing: deps.timing.officeLink };
      await instances.start({
        machine: 'officeUserLink',
        input,
        actor: principalActor(req),
        reason: 'office user created',
      });
    } catch (err) {
      await db('officeUsers').where({ id }).delete();
      throw err;
    }
    res.status(201).json(await show(id));
  });

  router.put('/officeUsers/:id', writers, async (req, res) => {
    const id = String(req.params.id);
    const current = await load(id);
    const body = parseBody(updateBody, req);
    if (body.active === true && !asBool(current.active))
      throw new AppError(400, 'bad_request', 'A deactivated user cannot be reactivated; create a new one.');
    if (body.name) await db('officeUsers').where({ id }).update({ name: body.name });
    if (body.active === false && asBool(current.active)) {
      await sendIfAccepted(
        instances,
        current.instanceId,
        { type: 'DEACTIVATE' },
        principalActor(req),
        body.reason ?? 'office user deactivated',
      );
      // Inactive at once: the e-mail is free for a new user even before the unlink has run.
      await db('officeUsers').where({ id }).update({ active: false });
    }
    res.json(await show(id));
  });

  // The API checks the password against the account's hash; the process only learns the outcome.
  router.post('/officeUsers/:id/credentials', writers, async (req, res) => {
    const id = String(req.params.id);
    const user = await load(id);
    const body = parseBody(credentialsBody, req);
    const probe = await instances.accepts(user.instanceId, { type: 'CREDENTIALS_REJECTED' });
    if (!probe.ok)
      throw new AppError(409, 'event_not_allowed', `Credentials are not expected now (state "${probe.state}").`, {
        state: probe.state,
      });
    const outcome = await verifyPassword(db, body.email ?? user.email, body.password);
    if (!outcome.ok && outcome.reason === 'throttled') throw throttled(res, outcome.retryAfterSeconds);
    const actor = principalActor(req);
    if (!outcome.ok) {
      const result = await instances.send(user.instanceId, {
        event: { type: 'CREDENTIALS_REJECTED' },
        actor,
        reason: 'invalid credentials',
      });
      throw wrongPassword('The e-mail or password of the platform account is wrong.', { state: result.state });
    }
    const result = await instances.send(user.instanceId, {
      event: { type: 'CREDENTIALS_VERIFIED', identityId: outcome.identityId },
      actor,
      reason: 'credentials verified',
    });
    res.json({ verified: true, state: result.state });
  });

  return router;
}
