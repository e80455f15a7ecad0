import type { Knex } from 'knex';
import { AppError } from '../http/errors.js';

/** How many failures are free, and how the wait grows after them (doubling up to a ceiling). */
export interface ThrottlePolicy {
  freeFailuresPerEmail: number;
  freeFailuresPerIp: number;
  firstDelayMs: number;
  maxDelayMs: number;
  /** Failures older than this are forgotten. */
  forgetAfterMs: number;
}

export const defaultThrottlePolicy: ThrottlePolicy = {
  freeFailuresPerEmail: 3,
  freeFailuresPerIp: 10,
  firstDelayMs: 1000,
  maxDelayMs: 15 * 60_000,
  forgetAfterMs: 24 * 3_600_000,
};

const emailKey = (email: string) => `email:${email.trim().toLowerCase()}`;
const ipKey = (ip: string) => `ip:${ip}`;

interface ThrottleRow {
  key: string;
  failures: number;
  lastFailureAt: string;
  blockedUntil: string | null;
}

function waitMessage(retryAfterS: number, until: number, per: 'email' | 'ip') {
  const who = per === 'email' ? 'this e-mail address' : 'your network address';
  const when = new Date(until).toISOString().slice(11, 19);
  return `Too many failed log-ins for ${who}. Try again in ${retryAfterS} second${retryAfterS === 1 ? '' : 's'} (after ${when} UTC).`;
}

/** A growing delay per e-mail and per IP after failed log-ins, kept in the database so every server process shares it. */
export class LoginThrottle {
  constructor(
    private readonly db: Knex,
    private readonly now: () => number,
    private readonly policy: ThrottlePolicy = defaultThrottlePolicy,
  ) {}

  /** Throws a 429 with Retry-After while either the e-mail or the IP must wait. */
  async check(email: string, ip: string): Promise<void> {
    const rows = (await this.db('loginThrottles').whereIn('key', [emailKey(email), ipKey(ip)])) as ThrottleRow[];
    const now = this.now();
    for (const row of rows) {
      const until = row.blockedUntil ? Date.parse(row.blockedUntil) : 0;
      if (until > now) {
        const retryAfterS = Math.max(1, Math.ceil((until - now) / 1000));
        throw new AppError(
          429,
          'too_many_attempts',
          waitMessage(retryAfterS, until, row.key.startsWith('email:') ? 'email' : 'ip'),
          { retryAfterSeconds: retryAfterS },
        );
      }
    }
  }

  async recordFailure(email: string, ip: string): Promise<void> {
    await this.bump(emailKey(email), this.policy.freeFailuresPerEmail);
    await this.bump(ipKey(ip), this.policy.freeFailuresPerIp);
  }

  /** A success clears the e-mail's count; the IP's stays, so one good account cannot reset guessing at others. */
  async recordSuccess(email: string): Promise<void> {
    await this.db('loginThrottles')
      .where({ key: emailKey(email) })
      .delete();
  }

  private async bump(key: string, free: number) {
    const now = this.now();
    const row = (await this.db('loginThrottles').where({ key }).first()) as ThrottleRow | undefined;
    const stale = row && now - Date.parse(row.lastFailureAt) > this.policy.forgetAfterMs;
    const failures = (row && !stale ? row.failures : 0) + 1;
    const over = failures - free;
    const delay = over > 0 ? Math.min(this.policy.firstDelayMs * 2 ** (over - 1), this.policy.maxDelayMs) : 0;
    const values = {
      failures,
      lastFailureAt: new Date(now).toISOString(),
      blockedUntil: delay ? new Date(now + delay).toISOString() : null,
    };
    if (row) await this.db('loginThrottles').where({ key }).update(values);
    else await this.db('loginThrottles').insert({ key, ...values });
  }
}
