import type { RequestHandler } from 'express';
import { AppError } from '../http/errors.js';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
// Ending one's own session is the one change an auditor makes.
const ALWAYS_ALLOWED = new Set(['/auth/logout']);

/**
 * A safety net under the per-route role checks: an auditor reads and exports, and no route,
 * including one that forgot its requireRole, lets an auditor change anything.
 */
export const auditorsReadOnly: RequestHandler = (req, _res, next) => {
  if (req.principal?.role === 'auditor' && !SAFE_METHODS.has(req.method) && !ALWAYS_ALLOWED.has(req.path)) {
    return next(new AppError(403, 'forbidden', 'Auditors can read and export, not change anything.'));
  }
  next();
};
