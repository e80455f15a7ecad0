import { Router, type Request } from 'express';
import { z } from 'zod';
import { authorize } from '../../domain/access/policy.js';
import { singleFile } from '../http/certificates/index.js';
import type { RouterDeps } from '../http/directory/deps.js';
import { parseBody } from '../http/validate.js';
import { certificatePage } from './certificatePage.js';
import { requirePortalSession } from './sessions.js';
import { pickLocale } from './wording.js';

const uploadBody = z.object({ password: z.string().max(200, 'is too long').default('') }).strict();

/**
 * The portal's "Certificado digital" tab: the company's certificate as its own users see it, and
 * the upload of a replacement (file and password), validated by the company's renewal process.
 */
export function portalCertificateRouter(deps: RouterDeps): Router {
  const { db } = deps;
  const service = deps.services.certificates;
  const router = Router();
  const session = requirePortalSession(db, deps.config.http.sessionTtlMs);
  const identityOf = (req: Request) => req.portalSession!.identityId;

  /**
   * The certificate as the company's own people read it. The access policy decides who (the
   * `settings` area: its admins read and replace it; anyone else is refused with why).
   */
  async function view(companyId: string, identityId: string) {
    await authorize(db, identityId, companyId, 'settings', 'read');
    const o = await service.overview(companyId);
    return {
      companyId,
      companyName: o.company.name,
      cnpj: o.company.cnpj,
      validUntil: o.current?.validUntil ?? null,
      state: o.state,
      validating: o.pending,
      invoicingBlocked: o.invoicingBlocked,
    };
  }

  router.get('/api/companies/:companyId/certificate', session, async (req, res) => {
    res.json(await view(String(req.params.companyId), identityOf(req)));
  });

  router.post('/api/companies/:companyId/certificate', session, singleFile, async (req, res) => {
    const companyId = String(req.params.companyId);
    await authorize(db, identityOf(req), companyId, 'settings', 'write');
    const body = parseBody(uploadBody, req);
    const actor = `user:${identityOf(req)}`;
    const record = await service.upload({ companyId, password: body.password, pfx: req.file?.buffer, actor });
    await deps.audit.record({
      actor,
      action: 'certificates.upload',
      target: `company:${companyId}`,
      reason: 'sent by the company on the portal',
      details: { certificateId: record.id, outcome: record.status, failureCode: record.failureCode ?? null },
    });
    const answer = { certificate: record, ...(await view(companyId, identityOf(req))) };
    if (record.status === 'rejected')
      return void res.status(422).json({ error: record.failureCode, message: record.failureMessage, ...answer });
    res.status(record.status === 'pending' ? 202 : 201).json(answer);
  });

  router.get('/certificate', (req, res) => certificatePage(res, pickLocale(undefined, req.headers['accept-language'])));
  return router;
}
