import { Router } from 'express';
import { z } from 'zod';
import { emailSchema } from '../../../domain/directory/validation.js';
import { requireRole } from '../../auth/principal.js';
import { parse, parseBody } from '../validate.js';
import { principalActor, type RouterDeps } from './deps.js';

const addBody = z.object({ email: emailSchema, reason: z.string().trim().max(1000).optional() });
const removeParams = z.object({ email: emailSchema });
const reasonBody = z.object({ reason: z.string().trim().max(1000).optional() });

/** An office's linked e-mails: list, add one, remove one (each change audited). */
export function linkedEmailsRouter(deps: RouterDeps): Router {
  const service = deps.services.linkedEmails;
  const router = Router();
  const readers = requireRole('admin', 'operator', 'auditor');
  const writers = requireRole('admin', 'operator');

  router.get('/offices/:id/linkedEmails', readers, async (req, res) => {
    res.json(await service.list(String(req.params.id)));
  });
  router.post('/offices/:id/linkedEmails', writers, async (req, res) => {
    const { email, reason } = parseBody(addBody, req);
    const result = await service.add(String(req.params.id), email, principalActor(req), reason);
    res.status(result.added ? 201 : 200).json(result);
  });
  router.delete('/offices/:id/linkedEmails/:email', writers, async (req, res) => {
    const { email } = parse(removeParams, { email: req.params.email }, 'params');
    const { reason } = parse(reasonBody, req.body ?? {}, 'body');
    res.json(await service.remove(String(req.params.id), email, principalActor(req), reason));
  });
  return router;
}
