import type { Router, RequestHandler } from 'express';
import type { Knex } from 'knex';
import { AuditLog } from '../audit/auditLog.js';
import { loginRouter } from './loginRouter.js';
import type { ThrottlePolicy } from './loginThrottle.js';
import { sessionAuthenticator } from './sessionAuth.js';

export interface ConsoleAccessOptions {
  db: Knex;
  sessionTtlMs: number;
  /** The clock for session expiry and the log-in throttle; tests move it instead of waiting. */
  now?: () => number;
  throttle?: ThrottlePolicy;
  audit?: AuditLog;
  /** The failed-log-in audit window (FAILED_LOGIN_WINDOW_SECONDS). */
  failedLoginWindowMs: number;
}

/** What createApp needs for operator sessions: the log-in route (public) and the authenticator. */
export function consoleAccess(o: ConsoleAccessOptions): { authenticate: RequestHandler; publicRouters: Router[] } {
  const session = { ttlMs: o.sessionTtlMs, now: o.now ?? Date.now };
  const audit = o.audit ?? new AuditLog(o.db, session.now);
  return {
    authenticate: sessionAuthenticator(o.db, session),
    publicRouters: [
      loginRouter(o.db, { ...session, audit, throttle: o.throttle, failedLoginWindowMs: o.failedLoginWindowMs }),
    ],
  };
}
