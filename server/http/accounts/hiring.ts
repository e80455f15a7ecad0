import { Router } from 'express';
import { z } from 'zod';
import { emailSchema } from '../../../domain/directory/validation.js';
import { defaultLocale, locales } from '../../../domain/settings.js';
import { requireRole } from '../../auth/principal.js';
import { created, idempotencyKeyOf, principalActor, type RouterDeps } from '../directory/deps.js';
import { pageInMemory, parseListParams, type ListSpec } from '../listQuery.js';
import { parseBody } from '../validate.js';

const sendBody = z.object({
  officeId: z.string().trim().min(1, 'is required').max(64),
  planId: z.string().trim().min(1, 'is required').max(40),
  payer: z.enum(['office', 'client']),
  email: emailSchema,
  locale: z.enum(locales).default(defaultLocale),
});

const hiringLinksSpec: ListSpec = {
  resource: 'hiringLinks',
  table: 'hiringLinks',
  sortable: ['createdAt', 'officeName', 'email', 'planId', 'status'],
  filters: {},
  defaultSort: ['createdAt', 'DESC'],
};

/** Hiring links ("Enviar link de contratação"): send one, list them with the office's name. */
export function hiringRouter(deps: RouterDeps): Router {
  const { db, services } = deps;
  const router = Router();
  const readers = requireRole('admin', 'operator', 'auditor');
  const writers = requireRole('admin', 'operator');
  const view = async (id: string) => {
    const row = await services.hiring.load(id);
    const office = await db('offices').where({ id: row.officeId }).first('name');
    return { ...row, officeName: office?.name ?? null };
  };

  router.get('/hiringLinks', readers, async (req, res) => {
    const params = parseListParams(req, hiringLinksSpec);
    const rows = (await db('hiringLinks as h')
      .join('offices as o', 'o.id', 'h.officeId')
      .select('h.*', 'o.name as officeName')
      .orderBy('h.createdAt', 'desc')
      .limit(1000)) as Array<Record<string, unknown>>;
    res.json(pageInMemory(rows, params, hiringLinksSpec, res));
  });
  router.get('/hiringLinks/:id', readers, async (req, res) => res.json(await view(String(req.params.id))));
  router.post('/hiringLinks', writers, async (req, res) => {
    const body = parseBody(sendBody, req);
    const result = await services.hiring.send(body, principalActor(req), idempotencyKeyOf(req));
    created(res, { ...(await view(result.id)), link: result.link }, result.created);
  });
  return router;
}
