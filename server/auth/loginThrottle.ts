import type { Knex } from 'knex';
import { wellFormedText } from '../audit/wellFormed.js';
import { isPostgres } from '../db/index.js';
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

// Keys are well-formed text (a lone surrogate becomes U+FFFD, as the database stores it), so a key
// read back is the key written.
const emailKey = (email: string) => wellFormedText(`email:${email.trim().toLowerCase()}`);
const ipKey = (ip: string) => wellFormedText(`ip:${ip}`);

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

/**
 * A growing delay per e-mail and per IP after failed log-ins, kept in the database so every server
 * process (and a restarted one) shares it. An attempt is counted as a failure when it starts, in one
 * transaction that also checks the wait (SQLite: BEGIN IMMEDIATE; PostgreSQL: the rows locked FOR
 * UPDATE), so parallel guesses sent to several servers are counted one by one and cannot all pass
 * the check before the first failure is counted. A success then gives the attempt back.
 */
export class LoginThrottle {
  constructor(
    private readonly db: Knex,
    private readonly now: () => number,
    private readonly policy: ThrottlePolicy = defaultThrottlePolicy,
  ) {}

  /** Counts the attempt for the e-mail and the IP, or throws a 429 with Retry-After (counting nothing) while either must wait. */
  async begin(email: string, ip: string): Promise<void> {
    const now = this.now();
    const at = new Date(now).toISOString();
    const keys = [ipKey(ip), emailKey(email)];
    await this.db.transaction(async (trx) => {
      for (const key of keys)
        await trx('loginThrottles').insert({ key, failures: 0, lastFailureAt: at }).onConflict('key').ignore();
      const query = trx('loginThrottles').whereIn('key', keys).orderBy('key');
      const rows = (await (isPostgres(this.db) ? query.forUpdate() : query)) as ThrottleRow[];
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
      for (const row of rows) {
        const stale = now - Date.parse(row.lastFailureAt) > this.policy.forgetAfterMs;
        const failures = (stale ? 0 : Number(row.failures)) + 1;
        const free = row.key.startsWith('ip:') ? this.policy.freeFailuresPerIp : this.policy.freeFailuresPerEmail;
        const over = failures - free;
        const delay = over > 0 ? Math.min(this.policy.firstDelayMs * 2 ** (over - 1), this.policy.maxDelayMs) : 0;
        await trx('loginThrottles')
          .where({ key: row.key })
          .update({ failures, lastFailureAt: at, blockedUntil: delay ? new Date(now + delay).toISOString() : null });
      }
    });
  }

  /**
   * A success clears the e-mail's count and gives the IP back the attempt `begin` counted; the IP's
   * earlier failures stay, so one good account cannot reset guessing at others.
   */
  async recordSuccess(email: string, ip: string): Promise<void> {
    await this.db('loginThrottles')
      .where({ key: emailKey(email) })
      .delete();
    await this.db('loginThrottles')
      .where({ key: ipKey(ip) })
      .andWhere('failures', '>', 0)
      .update({ failures: this.db.raw('?? - 1', ['failures']) });
  }
}
