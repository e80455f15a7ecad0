import { Router, type Request } from 'express';
import crypto from 'node:crypto';
import type { Knex } from 'knex';
import { z } from 'zod';
import { isUndeliverable } from '../../../domain/directory/validation.js';
import { cpfSchema, emailSchema } from '../../../domain/directory/validation.js';
import { actorOf, requireRole } from '../../auth/principal.js';
import { workflowIdFor } from '../../temporal/instances.js';
import { AppError, notFound } from '../errors.js';
import { listRows, parseListParams, type ListSpec } from '../listQuery.js';
import { parseBody } from '../validate.js';
import { asBool, conflict, nowIso, sendIfAccepted, type DirectoryDeps } from './deps.js';

export const clientUsersSpec: ListSpec = {
  resource: 'clientUsers',
  table: 'clientUsers',
  sortable: ['id', 'name', 'email', 'status', 'companyId', 'officeId', 'createdAt'],
  filters: {
    companyId: 'exact',
    officeId: 'exact',
    status: 'exact',
    email: 'exact',
    identityId: 'exact',
    portalAccess: 'boolean',
  },
  searchable: ['name', 'email', 'cpf', 'phone'],
  defaultSort: ['createdAt', 'DESC'],
};

/** Statuses that no longer hold the e-mail: another user of the company may take it. */
const releasedStatuses = ['inactive', 'cancelled', 'expired'];

const phoneSchema = z
  .string()
  .trim()
  .max(30)
  .regex(/^[+()\d\s-]{8,30}$/, 'must be a phone number (digits, spaces, +, -, parentheses)');

const createBody = z.object({
  companyId: z.string().trim().min(1, 'is required').max(64),
  name: z.string().trim().min(1, 'is required').max(200),
  email: emailSchema,
  cpf: cpfSchema.optional(),
  phone: phoneSchema.optional(),
  locale: z.enum(['pt-BR', 'en', 'fr']).default('pt-BR'),
});

// react-admin sends the whole record back: unknown fields are dropped, known ones compared.
const updateBody = z.object({
  name: z.string().trim().min(1).max(200).optional(),
  email: emailSchema.optional(),
  cpf: cpfSchema.nullish(),
  phone: phoneSchema.nullish(),
  status: z.string().max(20).optional(),
  reason: z.string().trim().max(1000).optional(),
});

export const toClientUser = (row: Record<string, unknown>) => ({ ...row, portalAccess: asBool(row.portalAccess) });

async function assertEmailFree(db: Knex, companyId: string, email: string, exceptId?: string) {
  const q = db('clientUsers')
    .where({ companyId })
    .whereNotIn('status', releasedStatuses)
    .andWhere((w) => w.where({ email }).orWhere({ pendingEmail: email }));
  if (exceptId) q.whereNot({ id: exceptId });
  if (await q.first('id'))
    throw conflict('duplicate_email', `An active user of this company already has the e-mail ${email}.`);
}

const principalActor = (req: Request) => (req.principal ? actorOf(req.principal) : 'system');

/** Users of client companies; creating one starts its onboarding process. */
export function clientUsersRouter(deps: DirectoryDeps): Router {
  const { db, instances } = deps;
  const router = Router();
  const readers = requireRole('admin', 'operator', 'auditor');
  const writers = requireRole('admin', 'operator');

  const load = async (id: string) => {
    const row = await db('clientUsers').where({ id }).first();
    if (!row) throw notFound('Client user', id);
    return row as Record<string, unknown> & {
      id: string;
      companyId: string;
      email: string;
      pendingEmail: string | null;
      status: string;
      instanceId: string;
    };
  };

  router.get('/clientUsers', readers, async (req, res) => {
    res.json(await listRows(db, clientUsersSpec, parseListParams(req, clientUsersSpec), res, toClientUser));
  });
  router.get('/clientUsers/:id', readers, async (req, res) => {
    res.json(toClientUser(await load(String(req.params.id))));
  });

  router.post('/clientUsers', writers, async (req, res) => {
    const body = parseBody(createBody, req);
    const company = await db('companies').where({ id: body.companyId }).first('id', 'officeId');
    if (!company) throw new AppError(400, 'unknown_company', `There is no company "${body.companyId}".`);
    await assertEmailFree(db, body.companyId, body.email);
    const id = crypto.randomUUID();
    const instanceId = workflowIdFor('clientUserOnboarding', id);
    await db('clientUsers').insert({
      id,
      ...body,
      officeId: company.officeId,
      status: 'pending',
      portalAccess: false,
      instanceId,
      createdAt: nowIso(),
    });
    try {
      const input = {
        clientUserId: id,
        officeId: company.officeId,
        companyId: body.companyId,
        timing: deps.timing.onboarding,
      };
      await instances.start({
        machine: 'clientUserOnboarding',
        input,
        actor: principalActor(req),
        reason: 'client user created',
      });
    } catch (err) {
      await db('clientUsers').where({ id }).delete(); // no process, no user: the caller may simply retry
      throw err;
    }
    res.status(201).json(toClientUser(await load(id)));
  });

  router.put('/clientUsers/:id', writers, async (req, res) => {
    const id = String(req.params.id);
    const current = await load(id);
    const body = parseBody(updateBody, req);
    const actor = principalActor(req);
    const plain = Object.fromEntries(
      Object.entries({ name: body.name, cpf: body.cpf, phone: body.phone }).filter(([, v]) => v !== undefined),
    );
    if (Object.keys(plain).length) await db('clientUsers').where({ id }).update(plain);

    const realEmail = isUndeliverable(current.email) ? current.pendingEmail : current.email;
    if (body.email && body.email !== realEmail && body.email !== current.email) {
      await correctEmail(current, body.email, actor, body.reason ?? 'e-mail corrected');
    }
    if (body.status === 'inactive' && current.status !== 'inactive') {
      // The process closes the portal access; the status is set here too so the e-mail is free at once.
      await sendIfAccepted(
        instances,
        current.instanceId,
        { type: 'DEACTIVATE' },
        actor,
        body.reason ?? 'client user deactivated',
      );
      await db('clientUsers').where({ id }).update({ status: 'inactive', portalAccess: false });
    } else if (body.status !== undefined && body.status !== current.status) {
      throw new AppError(
        400,
        'bad_request',
        'The status can only be changed to "inactive" here; the process sets the others.',
      );
    }
    res.json(toClientUser(await load(id)));
  });

  /** Stores the new address in the directory, then tells the process (the event carries no e-mail). */
  async function correctEmail(current: Awaited<ReturnType<typeof load>>, email: string, actor: string, reason: string) {
    const probe = await instances.accepts(current.instanceId, { type: 'CORRECT_EMAIL' });
    if (!probe.ok)
      throw new AppError(
        409,
        'event_not_allowed',
        `The e-mail cannot be corrected now: ${probe.message ?? ''}`.trim(),
        { state: probe.state },
      );
    await assertEmailFree(db, current.companyId, email, current.id);
    const previous = current.pendingEmail;
    await db('clientUsers').where({ id: current.id }).update({ pendingEmail: email });
    try {
      await instances.send(current.instanceId, { event: { type: 'CORRECT_EMAIL' }, actor, reason });
    } catch (err) {
      await db('clientUsers').where({ id: current.id }).update({ pendingEmail: previous });
      throw err;
    }
  }

  return router;
}
