import type { RequestHandler, Response } from 'express';
import type { AuditLog } from '../../audit/auditLog.js';

const resources = new Set(['offices', 'companies', 'officeUsers', 'clientUsers', 'outbox']);

function actionOf(method: string, segments: string[]): string {
  const [resource, id, sub] = segments;
  if (sub) return `${resource}.${sub}`;
  if (method === 'POST' && !id) return `${resource}.create`;
  if (method === 'DELETE') return `${resource}.delete`;
  return `${resource}.update`;
}

/**
 * Records every successful change to the directory (create, update, deactivate, resend,
 * credentials, heartbeat) in the audit log before the answer leaves, with who, what and why.
 * Request bodies stay out of the log: they hold names, e-mails and passwords.
 */
export function auditDirectoryWrites(audit: AuditLog): RequestHandler {
  return (req, res, next) => {
    const segments = req.path.split('/').filter(Boolean);
    if (req.method === 'GET' || req.method === 'HEAD' || !resources.has(segments[0] ?? '')) return next();
    const send = res.json.bind(res) as Response['json'];
    res.json = ((body: unknown) => {
      if (res.statusCode >= 400 || !req.principal) return send(body);
      const createdId = (body as { id?: unknown } | null)?.id;
      const id =
        segments[1] ?? (typeof createdId === 'string' || typeof createdId === 'number' ? String(createdId) : undefined);
      const reason = typeof req.body?.reason === 'string' ? req.body.reason : undefined;
      audit
        .record({
          actor: req.principal,
          action: actionOf(req.method, segments),
          target: id ? `${segments[0]}:${id}` : segments[0],
          reason,
          details: { method: req.method, path: req.path },
        })
        .then(() => send(body), next);
      return res;
    }) as Response['json'];
    next();
  };
}
