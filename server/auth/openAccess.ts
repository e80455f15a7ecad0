import type { RequestHandler } from 'express';

/**
 * Until console users exist, every API caller acts as the local administrator. The console's
 * session authentication replaces this handler; routes already check roles through requireRole.
 */
export const openAccess: RequestHandler = (req, _res, next) => {
  req.principal = { id: 'local', role: 'admin' };
  next();
};
