import type { RequestHandler } from 'express';

/**
 * Every API caller acts as a local administrator, for tests that are about something other than
 * access. The server itself uses operator sessions (consoleAccess.ts); never mount this there.
 */
export const openAccess: RequestHandler = (req, _res, next) => {
  req.principal = { id: 'local', role: 'admin' };
  next();
};
