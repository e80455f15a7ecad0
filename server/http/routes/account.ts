import { Router } from 'express';
import type { Knex } from 'knex';
import type { AuditLog } from '../../audit/auditLog.js';
import { clearSessionCookies } from '../../auth/cookies.js';
import { requireRole } from '../../auth/principal.js';
import { closeSession } from '../../auth/sessions.js';
import type { Identity } from '../../../contracts/api.js';

/** Who is logged in, and logging out; log-in itself is in auth/loginRouter.ts, before authentication. */
export function accountRouter(db: Knex, audit: AuditLog): Router {
  const router = Router();
  const anyone = requireRole('admin', 'operator', 'auditor');
  router.get('/auth/me', anyone, (req, res) => {
    const p = req.principal!;
    res.json({ id: p.id, email: p.email ?? null, role: p.role } satisfies Identity);
  });
  router.post('/auth/logout', anyone, async (req, res) => {
    if (req.sessionTokenHash) await closeSession(db, req.sessionTokenHash);
    await audit.record({ actor: req.principal!, action: 'auth.logout', target: `operator:${req.principal!.id}` });
    clearSessionCookies(req, res);
    res.json({ ok: true });
  });
  return router;
}
