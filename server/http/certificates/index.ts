import { Router, type NextFunction, type Request, type Response } from 'express';
import multer from 'multer';
import { z } from 'zod';
import { actorOf, requireRole } from '../../auth/principal.js';
import type { RouterDeps } from '../directory/deps.js';
import { AppError } from '../errors.js';
import { parseBody } from '../validate.js';
import { listCertificates, parseCertificateListParams } from './list.js';

/** A real A1 is a few KB; anything much bigger is not one. */
export const MAX_PFX_BYTES = 100 * 1024;

const uploadBody = z.object({
  companyId: z.string().trim().min(1, 'is required').max(64),
  password: z.string().max(200, 'is too long').default(''),
  reason: z.string().trim().min(3, 'is required (at least 3 characters)').max(500),
});

const receiveFile = multer({
  storage: multer.memoryStorage(),
  limits: { fileSize: MAX_PFX_BYTES, files: 1, fields: 10 },
});

/** Multer's own errors become the API's: a 413 for a big file, a 400 for a malformed form. */
export function singleFile(req: Request, res: Response, next: NextFunction) {
  receiveFile.single('file')(req, res, (err: unknown) => {
    if (!err) return next();
    if (err instanceof multer.MulterError && err.code === 'LIMIT_FILE_SIZE') {
      return next(
        new AppError(
          413,
          'file_too_large',
          `The file is larger than ${MAX_PFX_BYTES / 1024} KB; an A1 certificate is a few KB.`,
        ),
      );
    }
    next(new AppError(400, 'bad_upload', `The upload could not be read: ${(err as Error).message}.`));
  });
}

/** The certificates API: list, show, and upload for operators (reason required, audited). */
export function certificatesRouter(deps: RouterDeps): Router {
  const service = deps.services.certificates;
  const router = Router();
  const readers = requireRole('admin', 'operator', 'auditor');
  const writers = requireRole('admin', 'operator');

  router.get('/certificates', readers, async (req, res) => {
    const params = parseCertificateListParams(req);
    const { data, total } = await listCertificates(deps.db, params);
    const last = params.range[0] + Math.max(data.length - 1, 0);
    res.setHeader('Content-Range', `certificates ${params.range[0]}-${last}/${total}`);
    res.setHeader('X-Total-Count', String(total));
    res.json(data);
  });

  router.get('/certificates/:companyId', readers, async (req, res) => {
    const companyId = String(req.params.companyId);
    const o = await service.overview(companyId);
    res.json({
      id: companyId,
      companyName: o.company.name,
      cnpj: o.company.cnpj,
      current: o.current,
      history: o.history,
      instanceId: o.instanceId,
      state: o.state,
      invoicingBlocked: o.invoicingBlocked,
    });
  });

  router.post('/certificates', writers, singleFile, async (req, res) => {
    const body = parseBody(uploadBody, req);
    const actor = actorOf(req.principal!);
    const record = await service.upload({ ...body, pfx: req.file?.buffer, actor });
    await deps.audit.record({
      actor: req.principal!,
      action: 'certificates.upload',
      target: `company:${body.companyId}`,
      reason: body.reason,
      details: { certificateId: record.id, outcome: record.status, failureCode: record.failureCode ?? null },
    });
    if (record.status === 'rejected') {
      res.status(422).json({ error: record.failureCode, message: record.failureMessage, certificate: record });
      return;
    }
    res.status(record.status === 'pending' ? 202 : 201).json(record);
  });

  return router;
}
