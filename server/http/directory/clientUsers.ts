import { Router } from 'express';
import { z } from 'zod';
import { cpfSchema, emailSchema } from '../../../domain/directory/validation.js';
import { defaultLocale, locales } from '../../../domain/settings.js';
import { requireRole } from '../../auth/principal.js';
import { listRows, parseListParams, type ListSpec } from '../listQuery.js';
import { parseBody } from '../validate.js';
import { asBool, created, idempotencyKeyOf, principalActor, type RouterDeps } from './deps.js';

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
  locale: z.enum(locales).default(defaultLocale),
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

export const toClientUser = (row: object) => ({
  ...row,
  portalAccess: asBool((row as { portalAccess?: unknown }).portalAccess),
});

/** Users of client companies; creating one starts its onboarding process (domain/services/clientUsers.ts). */
export function clientUsersRouter(deps: RouterDeps): Router {
  const { db, services } = deps;
  const users = services.clientUsers;
  const router = Router();
  const readers = requireRole('admin', 'operator', 'auditor');
  const writers = requireRole('admin', 'operator');

  router.get('/clientUsers', readers, async (req, res) => {
    res.json(await listRows(db, clientUsersSpec, parseListParams(req, clientUsersSpec), res, toClientUser));
  });
  router.get('/clientUsers/:id', readers, async (req, res) => {
    res.json(toClientUser(await users.load(String(req.params.id))));
  });
  router.post('/clientUsers', writers, async (req, res) => {
    const body = parseBody(createBody, req);
    const result = await users.create(body, principalActor(req), idempotencyKeyOf(req));
    created(res, toClientUser(await users.load(result.id)), result.created);
  });
  router.put('/clientUsers/:id', writers, async (req, res) => {
    const body = parseBody(updateBody, req);
    res.json(toClientUser(await users.update(String(req.params.id), body, principalActor(req))));
  });
  return router;
}
