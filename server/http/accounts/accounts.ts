import { pageInMemory, parseListParams, type ListSpec } from '../listQuery.js';
import { Router, type Request, type Response } from 'express';
import type { Knex } from 'knex';
import { z } from 'zod';
import { contractStatuses } from '../../../domain/accounts/contractStatus.js';
import { planOf, plans } from '../../../domain/accounts/plans.js';
import { loadContract } from '../../../domain/services/contracts.js';
import { cnpjSchema, cpfSchema, emailSchema } from '../../../domain/directory/validation.js';
import { defaultLocale, locales } from '../../../domain/settings.js';
import { requireRole } from '../../auth/principal.js';
import { created, idempotencyKeyOf, principalActor, type RouterDeps } from '../directory/deps.js';
import { badRequest } from '../errors.js';
import { parseBody } from '../validate.js';

const createBody = z.object({
  companyId: z.string().trim().min(1, 'is required').max(64),
  planId: z.string().trim().min(1, 'is required').max(40),
  payer: z.enum(['office', 'client']),
  contactName: z.string().trim().min(1).max(200).optional(),
  contactEmail: emailSchema.optional(),
});

export const statusBody = z.object({
  status: z.enum(contractStatuses),
  reason: z.string().trim().min(3, 'must say why (at least 3 characters)').max(500),
});

const officeIdSchema = z.string().trim().min(1, 'is required').max(64);

/** "Novo cadastro": the company, who pays and the plan, and the client's admin (their own e-mail). */
const registerBody = z.object({
  officeId: officeIdSchema,
  planId: z.string().trim().min(1, 'is required').max(40),
  payer: z.enum(['office', 'client']),
  company: z.object({ name: z.string().trim().min(1, 'is required').max(200), cnpj: cnpjSchema }).strict(),
  admin: z
    .object({
      name: z.string().trim().min(1, 'is required').max(200),
      email: emailSchema,
      cpf: cpfSchema.optional(),
      locale: z.enum(locales).default(defaultLocale),
    })
    .strict(),
});

const checkBody = z.object({ officeId: officeIdSchema, email: emailSchema });

export const planBody = z.object({
  planId: z.string().trim().min(1, 'is required').max(40),
  reason: statusBody.shape.reason,
});

const filterSchema = z
  .object({ status: z.enum(contractStatuses).optional(), officeId: z.string().max(64).optional() })
  .strict();

/** Accounts as people read them: names of the company, office and plan beside the ids. */
export function accountsQuery(db: Knex) {
  return db('contracts as k')
    .join('companies as c', 'c.id', 'k.companyId')
    .join('offices as o', 'o.id', 'k.officeId')
    .select(
      'k.companyId as id',
      'k.companyId',
      'c.name as companyName',
      'c.cnpj',
      'k.officeId',
      'o.name as officeName',
      'k.planId',
      'k.payer',
      'k.status',
      'k.statusChangedAt',
      'k.pendingPlanId',
      'k.pendingPlanAt',
      'k.pendingPlanInstanceId',
      'k.instanceId',
      'k.createdAt',
      db('integrationKeys as ik')
        .max('ik.createdAt')
        .where('ik.companyId', db.ref('k.companyId'))
        .where('ik.status', 'active')
        .as('keyCreatedAt'),
    );
}

export const withPlanName = (row: Record<string, unknown>) => ({
  ...row,
  planName: plans.find((p) => p.id === row.planId)?.name.en ?? String(row.planId),
});

function listFilter(req: Request) {
  const raw = typeof req.query.filter === 'string' ? req.query.filter : '{}';
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    throw badRequest(`Query parameter "filter" is not valid JSON: ${raw}`);
  }
  const result = filterSchema.safeParse(parsed);
  if (!result.success)
    throw badRequest(`Accounts filter by "status" (${contractStatuses.join(', ')}) and "officeId" only.`);
  return result.data;
}

const accountsSpec: ListSpec = {
  resource: 'accounts',
  table: 'contracts',
  sortable: ['companyName', 'officeName', 'status', 'planId', 'payer'],
  filters: { status: 'exact', officeId: 'exact' },
  defaultSort: ['companyName', 'ASC'],
};

/** One account as people read it; a company without a contract is a 404. */
export async function accountOf(db: Knex, companyId: string) {
  await loadContract(db, companyId);
  return withPlanName((await accountsQuery(db).where('k.companyId', companyId).first()) as Record<string, unknown>);
}

async function list(db: Knex, req: Request, res: Response) {
  const params = parseListParams(req, accountsSpec);
  const filter = listFilter(req);
  const q = accountsQuery(db);
  if (filter.status) q.where('k.status', filter.status);
  if (filter.officeId) q.where('k.officeId', filter.officeId);
  const rows = (await q.limit(1000)) as Array<Record<string, unknown>>;
  res.json(pageInMemory(rows, params, accountsSpec, res).map(withPlanName));
}

/** Client accounts of the offices: contract status, plan and payer, for operators. */
export function accountsRouter(deps: RouterDeps): Router {
  const { db, services } = deps;
  const router = Router();
  const readers = requireRole('admin', 'operator', 'auditor');
  const writers = requireRole('admin', 'operator');
  const one = (id: string) => accountOf(db, id);

  router.get('/plans', readers, (_req, res) => res.json(plans));
  router.get('/accounts', readers, (req, res) => list(db, req, res));
  router.get('/accounts/:id', readers, async (req, res) => res.json(await one(String(req.params.id))));
  router.post('/accounts', writers, async (req, res) => {
    const body = parseBody(createBody, req);
    planOf(body.planId);
    const result = await services.contracts.create(body, principalActor(req), idempotencyKeyOf(req));
    created(res, await one(result.id), result.created);
  });
  router.post('/accounts/register/check', writers, async (req, res) => {
    const body = parseBody(checkBody, req);
    res.json({ warnings: await services.registrations.warningsFor(body.officeId, body.email) });
  });
  router.post('/accounts/register', writers, async (req, res) => {
    const body = parseBody(registerBody, req);
    planOf(body.planId);
    const done = await services.registrations.register(body, principalActor(req), idempotencyKeyOf(req));
    created(
      res,
      { ...(await one(done.companyId)), clientUserId: done.clientUserId, warnings: done.warnings },
      done.created,
    );
  });
  router.post('/accounts/:id/status', writers, async (req, res) => {
    const body = parseBody(statusBody, req);
    await services.contracts.changeStatus(String(req.params.id), body, principalActor(req));
    res.json(await one(String(req.params.id)));
  });
  router.post('/accounts/:id/plan', writers, async (req, res) => {
    const body = parseBody(planBody, req);
    const id = String(req.params.id);
    const change = await services.planChanges.change(id, body, principalActor(req), idempotencyKeyOf(req));
    if (change.replayed) res.setHeader('Idempotent-Replayed', 'true');
    res.json({ ...(await one(id)), planChange: change });
  });
  router.post('/accounts/:id/keys', writers, async (req, res) => {
    const body = parseBody(z.object({ reason: statusBody.shape.reason }), req);
    const made = await services.integrationKeys.rotate(
      String(req.params.id),
      body.reason,
      principalActor(req),
      idempotencyKeyOf(req),
    );
    if (made.replayed) res.setHeader('Idempotent-Replayed', 'true');
    res.status(made.replayed ? 200 : 201).json(made);
  });
  return router;
}

/** The small API a client's own applications call with their integration key. */
export function integrationRouter(deps: RouterDeps): Router {
  const { services } = deps;
  const router = Router();
  router.get('/v1/company', async (req, res) => {
    res.setHeader('Cache-Control', 'no-store');
    res.json(await services.integrationKeys.companyOf(req.get('authorization')));
  });
  return router;
}
