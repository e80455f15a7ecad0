import type { RequestHandler } from 'express';
import { AppError } from '../http/errors.js';

import type { Role } from '../../contracts/api.js';

export type { Role };
/** Every role of contracts/api.ts, for validation; the check below fails type-checking if one is missing. */
export const roles = ['admin', 'operator', 'auditor'] as const satisfies readonly Role[];
const _everyRole: [Exclude<Role, (typeof roles)[number]>] extends [never] ? true : never = true;
void _everyRole;

/** The person or program behind a request, as the console and the audit log name it. */
export interface Principal {
  id: string;
  email?: string;
  role: Role;
}

declare module 'express-serve-static-core' {
  interface Request {
    principal?: Principal;
  }
}

/** Refuses the request unless its principal has one of the roles: 401 without one, 403 with another. */
export function requireRole(...allowed: Role[]): RequestHandler {
  return (req, _res, next) => {
    if (!req.principal) return next(new AppError(401, 'unauthenticated', 'Log in first.'));
    if (!allowed.includes(req.principal.role)) {
      return next(
        new AppError(403, 'forbidden', `This needs the role ${allowed.join(' or ')}; you are ${req.principal.role}.`),
      );
    }
    next();
  };
}

/** How a principal is written in transitions and the audit log. */
export const actorOf = (p: Pick<Principal, 'id'>) => `operator:${p.id}`;
