import { Router, type Request } from 'express';
import type { Knex } from 'knex';
import { z } from 'zod';
import type { CertificateService } from '../../domain/certificates/service.js';
import type { CertificateStore } from '../../domain/certificates/store.js';
import { authorize } from '../../domain/access/policy.js';
import type { AuditLog } from '../audit/auditLog.js';
import { singleFile } from '../http/certificates/index.js';
import { parseBody } from '../http/validate.js';
import { certificatePage } from './certificatePage.js';
import { defaultPortalSessionTtlMs, requirePortalSession } from './sessions.js';
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
 * The company whose certificate a signed-in person may see (settings, read) or replace (settings,
 * write), as the access policy decides: its admins may do both; others are refused with why.
 */
async function companyFor(db: Knex, identityId: string, companyId: string, action: 'read' | 'write') {
  await authorize(db, identityId, companyId, 'settings', action);
  return (await db('companies').where({ id: companyId }).first('id', 'name', 'cnpj', 'invoicingBlocked')) as {
    id: string;
    name: string;
    cnpj: string;
    invoicingBlocked: unknown;
  };
}

/**
 * The portal's "Certificado digital" tab: the company's certificate as its own users see it, and
 * the upload of a replacement (file and password), validated by the company's renewal process.
 */
export function portalCertificateRouter(deps: PortalCertificateDeps): Router {
  const { db } = deps;
  const router = Router();
  const session = requirePortalSession(db, deps.sessionTtlMs ?? defaultPortalSessionTtlMs);
  const identityOf = (req: Request) => req.portalSession!.identityId;

  async function view(companyId: string, identityId: string) {
    const company = await companyFor(db, identityId, companyId, 'read');
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
    await companyFor(db, identityOf(req), companyId, 'write');
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
