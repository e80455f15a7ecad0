import { Router, type Request } from 'express';
import { z } from 'zod';
import { plans } from '../../domain/accounts/plans.js';
import { cnpjSchema, emailSchema } from '../../domain/directory/validation.js';
import { DomainError } from '../../domain/errors.js';
import { isLocale, type Locale } from '../../domain/settings.js';
import type { RouterDeps } from '../http/directory/deps.js';
import { parseBody } from '../http/validate.js';
import { hiringPage } from './hiringPage.js';
import { pickLocale } from './wording.js';

const signUpBody = z.object({
  token: z.string().min(1, 'is required').max(500, 'is too long'),
  companyName: z.string().trim().min(1, 'is required').max(200),
  cnpj: cnpjSchema,
  contactName: z.string().trim().min(1, 'is required').max(200),
  adminEmail: emailSchema,
  password: z.string().min(8, 'must have at least 8 characters').max(200, 'must have at most 200 characters'),
});

/** The hiring link's page and its JSON API, under /portal; no console session involved. */
export function hiringPortalRouter(deps: RouterDeps): Router {
  const { db, services } = deps;
  const router = Router();

  async function describe(token: string) {
    const row = await services.hiring.usable(token);
    const office = await db('offices').where({ id: row.officeId }).first('name');
    const plan = plans.find((p) => p.id === row.planId);
    const locale: Locale = isLocale(row.locale) ? row.locale : 'pt-BR';
    return { officeName: String(office?.name ?? ''), planName: plan?.name[locale] ?? row.planId, locale, row };
  }

  router.get('/api/hire/:token', async (req, res) => {
    const { officeName, planName, row } = await describe(String(req.params.token));
    res.json({ purpose: 'hire', officeName, planName, planId: row.planId, payer: row.payer });
  });

  router.post('/api/hire', async (req, res) => {
    const body = parseBody(signUpBody, req);
    res.status(201).json(await services.hiring.signUp(body));
  });

  router.get('/hire', async (req: Request, res) => {
    const fallback = pickLocale(undefined, req.headers['accept-language']);
    const token = typeof req.query.token === 'string' ? req.query.token : '';
    try {
      const { officeName, planName, locale } = await describe(token);
      hiringPage(res, pickLocale(locale, req.headers['accept-language']), { officeName, planName });
    } catch (err) {
      if (err instanceof DomainError && (err.kind === 'invalid' || err.kind === 'gone'))
        return hiringPage(res, fallback, { status: err.kind === 'gone' ? 410 : 400, message: err.message });
      throw err;
    }
  });
  return router;
}
