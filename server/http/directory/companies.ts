import { Router } from 'express';
import { z } from 'zod';
import { cnpjSchema } from '../../../domain/directory/validation.js';
import { requireRole } from '../../auth/principal.js';
import { listRows, parseListParams, type ListSpec } from '../listQuery.js';
import { parseBody } from '../validate.js';
import { created, idempotencyKeyOf, principalActor, type RouterDeps } from './deps.js';

export const companiesSpec: ListSpec = {
  resource: 'companies',
  table: 'companies',
  sortable: ['id', 'name', 'cnpj', 'officeId', 'createdAt'],
  filters: { officeId: 'exact', cnpj: 'exact' },
  searchable: ['name', 'cnpj'],
  defaultSort: ['name', 'ASC'],
};

const companyBody = z.object({
  officeId: z.string().trim().min(1, 'is required').max(64),
  name: z.string().trim().min(1, 'is required').max(200),
  cnpj: cnpjSchema,
});

/** Client companies of an office. */
export function companiesRouter(deps: RouterDeps): Router {
  const { db, services } = deps;
  const offices = services.offices;
  const router = Router();
  const readers = requireRole('admin', 'operator', 'auditor');
  const writers = requireRole('admin', 'operator');

  router.get('/companies', readers, async (req, res) => {
    res.json(await listRows(db, companiesSpec, parseListParams(req, companiesSpec), res));
  });
  router.get('/companies/:id', readers, async (req, res) => {
    res.json(await offices.load('companies', String(req.params.id)));
  });
  router.post('/companies', writers, async (req, res) => {
    const body = parseBody(companyBody, req);
    const result = await offices.createCompany(body, principalActor(req), idempotencyKeyOf(req));
    created(res, await offices.load('companies', result.id), result.created);
  });
  router.put('/companies/:id', writers, async (req, res) => {
    const body = parseBody(companyBody.pick({ name: true, cnpj: true }).partial(), req);
    res.json(await offices.updateCompany(String(req.params.id), body, principalActor(req)));
  });
  return router;
}
