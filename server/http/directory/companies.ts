import { Router } from 'express';
import crypto from 'node:crypto';
import { z } from 'zod';
import { cnpjSchema } from '../../../domain/directory/validation.js';
import { requireRole } from '../../auth/principal.js';
import { AppError, notFound } from '../errors.js';
import { listRows, parseListParams, type ListSpec } from '../listQuery.js';
import { parseBody } from '../validate.js';
import { conflict, nowIso, type DirectoryDeps } from './deps.js';

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
export function companiesRouter(deps: DirectoryDeps): Router {
  const { db } = deps;
  const router = Router();
  const readers = requireRole('admin', 'operator', 'auditor');
  const writers = requireRole('admin', 'operator');

  const load = async (id: string) => {
    const row = await db('companies').where({ id }).first();
    if (!row) throw notFound('Company', id);
    return row as Record<string, unknown>;
  };

  router.get('/companies', readers, async (req, res) => {
    res.json(await listRows(db, companiesSpec, parseListParams(req, companiesSpec), res));
  });
  router.get('/companies/:id', readers, async (req, res) => {
    res.json(await load(String(req.params.id)));
  });
  router.post('/companies', writers, async (req, res) => {
    const body = parseBody(companyBody, req);
    if (!(await db('offices').where({ id: body.officeId }).first('id'))) {
      throw new AppError(400, 'unknown_office', `There is no office "${body.officeId}".`);
    }
    if (await db('companies').where({ officeId: body.officeId, cnpj: body.cnpj }).first('id')) {
      throw conflict('duplicate_cnpj', `This office already has a company with CNPJ ${body.cnpj}.`);
    }
    const row = { id: crypto.randomUUID(), ...body, createdAt: nowIso() };
    await db('companies').insert(row);
    res.status(201).json(row);
  });
  router.put('/companies/:id', writers, async (req, res) => {
    const id = String(req.params.id);
    const current = await load(id);
    const body = parseBody(companyBody.pick({ name: true, cnpj: true }).partial(), req);
    if (
      body.cnpj &&
      body.cnpj !== current.cnpj &&
      (await db('companies').where({ officeId: current.officeId, cnpj: body.cnpj }).first('id'))
    ) {
      throw conflict('duplicate_cnpj', `This office already has a company with CNPJ ${body.cnpj}.`);
    }
    if (body.name || body.cnpj) await db('companies').where({ id }).update(body);
    res.json(await load(id));
  });
  return router;
}
