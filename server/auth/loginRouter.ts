import cookieParser from 'cookie-parser';
import { Router, type Request } from 'express';
import type { Knex } from 'knex';
import { z } from 'zod';
import type { AuditLog } from '../audit/auditLog.js';
import { AppError } from '../http/errors.js';
import { parseBody } from '../http/validate.js';
import { SESSION_COOKIE, cookieOf, setSessionCookies } from './cookies.js';
import { FailedLoginAudit } from './failedLoginAudit.js';
import { LoginThrottle, type ThrottlePolicy } from './loginThrottle.js';
import type { Identity } from '../../contracts/api.js';
import { findOperatorByEmail, type OperatorRecord } from './operators.js';
import { verifyPassword } from '../../domain/directory/passwords.js';
import { closeSession, openSession, sha256, type SessionOptions } from './sessions.js';

const loginSchema = z.object({
  email: z.string().trim().toLowerCase().min(1, 'is required').max(254),
  password: z.string().min(1, 'is required').max(200),
});

export interface LoginOptions extends SessionOptions {
  audit: AuditLog;
  throttle?: ThrottlePolicy;
  failedLoginWindowMs: number;
}

const wrongCredentials = () => new AppError(401, 'invalid_credentials', 'The e-mail or the password is wrong.');
const ipOf = (req: Request) => req.ip ?? req.socket.remoteAddress ?? 'unknown';

/** POST /auth/login: reachable without a session, so it is mounted before the authenticator. */
export function loginRouter(db: Knex, o: LoginOptions): Router {
  const throttle = new LoginThrottle(db, o.now, o.throttle);
  const failures = new FailedLoginAudit(db, o.audit, o.now, o.failedLoginWindowMs);
  const failed = (email: string, ip: string, outcome: string, target = `email:${email}`) =>
    failures.record({ actor: 'anonymous', action: 'auth.login.failed', target, details: { email, ip, outcome } });

  /** Checks the throttle and the password; answers the operator or throws 429/401 (each audited). */
  async function attempt(email: string, password: string, ip: string): Promise<OperatorRecord> {
    try {
      // Counted as a failure from here on, in the database (see loginThrottle.ts).
      await throttle.begin(email, ip);
    } catch (err) {
      if (err instanceof AppError && err.status === 429) await failed(email, ip, 'throttled');
      throw err;
    }
    const operator = await findOperatorByEmail(db, email);
    const passwordOk = await verifyPassword(operator?.passwordHash, password);
    if (!operator || !passwordOk || !operator.active) {
      await failed(
        email,
        ip,
        !operator ? 'unknown_email' : !passwordOk ? 'wrong_password' : 'inactive',
        operator ? `operator:${operator.id}` : undefined,
      );
      throw wrongCredentials();
    }
    await throttle.recordSuccess(email, ip);
    return operator;
  }

  const router = Router();
  router.use('/auth/login', cookieParser());
  router.post('/auth/login', async (req, res) => {
    const { email, password } = parseBody(loginSchema, req);
    const ip = ipOf(req);
    let operator: OperatorRecord;
    try {
      operator = await attempt(email, password, ip);
    } catch (err) {
      if (err instanceof AppError && err.status === 429)
        res.setHeader('Retry-After', String(err.details.retryAfterSeconds));
      throw err;
    }
    // Logging in again (perhaps as someone else) ends the session this browser had.
    const previous = cookieOf(req, SESSION_COOKIE);
    if (previous) await closeSession(db, sha256(previous));
    const tokens = await openSession(db, { ...o, operatorId: operator.id, ip });
    await db('operators')
      .where({ id: operator.id })
      .update({ lastLoginAt: new Date(o.now()).toISOString() });
    await o.audit.record({
      actor: { id: operator.id, email: operator.email, role: operator.role },
      action: 'auth.login',
      target: `operator:${operator.id}`,
      details: { ip },
    });
    setSessionCookies(req, res, tokens);
    res.json({ id: operator.id, email: operator.email, role: operator.role } satisfies Identity);
  });
  return router;
}
