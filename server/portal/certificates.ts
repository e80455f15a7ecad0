import { Router, type Request } from 'express';
import type { Knex } from 'knex';
import { z } from 'zod';
import type { CertificateService } from '../../domain/certificates/service.js';
import type { CertificateStore } from '../../domain/certificates/store.js';
import { DomainError } from '../../domain/errors.js';
import type { AuditLog } from '../audit/auditLog.js';
import { singleFile } from '../http/certificates/index.js';
import { parseBody } from '../http/validate.js';
import { certificatePage } from './certificatePage.js';
import { requirePortalSession } from './sessions.js';
import { pickLocale } from './wording.js';

export interface PortalCertificateDeps {
  db: Knex;
  service: CertificateService;
  store: CertificateStore;
  audit: AuditLog;
  sessionTtlMs?: number;
}

const uploadBody = z.object({ password: z.string().max(200, 'is too long').default('') }).strict();

/**
 * The company a signed-in person may manage the certificate of: one whose registered or linked
 * client user they are. Any other company is refused alike, so its existence is not told.
 */
async function ownCompany(db: Knex, identityId: string, companyId: string) {
  const row = (await db('clientUsers as u')
    .join('companies as c', 'c.id', 'u.companyId')
    .where({ 'u.identityId': identityId, 'u.companyId': companyId })
    .whereIn('u.status', ['registered', 'linked'])
    .first('c.id as id', 'c.name as name', 'c.cnpj as cnpj', 'c.invoicingBlocked as invoicingBlocked')) as
    { id: string; name: string; cnpj: string; invoicingBlocked: unknown } | undefined;
  if (!row)
    throw new DomainError(
      'forbidden',
      'not_your_company',
      'You are not a user of this company, so you cannot see or send its certificate. Nothing was changed.',
    );
  return row;
}

/**
 * The portal's "Certificado digital" tab: the company's certificate as its own users see it, and
 * the upload of a replacement (file and password), validated by the company's renewal process.
 */
export function portalCertificateRouter(deps: PortalCertificateDeps): Router {
  const { db } = deps;
  const router = Router();
  const session = requirePortalSession(db, deps.sessionTtlMs ?? 12 * 3_600_000);
  const identityOf = (req: Request) => req.portalSession!.identityId;

  async function view(companyId: string, identityId: string) {
    const company = await ownCompany(db, identityId, companyId);
    const history = await deps.store.history(companyId);
    const current = history.find((c) => c.status === 'current');
    const pending = history.some((c) => c.status === 'pending');
    const process = await db('instances')
      .where({ id: `certificateRenewal-${companyId}` })
      .first('state');
    return {
      companyId,
      companyName: company.name,
      cnpj: company.cnpj,
      validUntil: current?.validUntil ?? null,
      state: (process?.state as string | undefined) ?? null,
      validating: pending,
      invoicingBlocked: Boolean(company.invoicingBlocked),
    };
  }

  router.get('/api/companies/:companyId/certificate', session, async (req, res) => {
    res.json(await view(String(req.params.companyId), identityOf(req)));
  });

  router.post('/api/companies/:companyId/certificate', session, singleFile, async (req, res) => {
    const companyId = String(req.params.companyId);
    await ownCompany(db, identityOf(req), companyId);
    const body = parseBody(uploadBody, req);
    const actor = `user:${identityOf(req)}`;
    const record = await deps.service.upload({ companyId, password: body.password, pfx: req.file?.buffer, actor });
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
