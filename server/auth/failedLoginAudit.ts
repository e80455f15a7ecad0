import type { Knex } from 'knex';
import type { AuditEntry, AuditLog } from '../audit/auditLog.js';

/** Failed log-ins recorded one by one per window; more are counted and summed up in one row. */
export const FAILED_LOGINS_PER_WINDOW = 20;

/**
 * Anyone can fail a log-in, so without a bound an anonymous flood (from many addresses, for
 * e-mails that do not exist) would grow the append-only audit log without end. Time is cut into
 * fixed windows; each window's failures are counted in the database (`failedLoginWindows`, one
 * atomic `UPDATE … SET attempts = attempts + 1 … RETURNING`), so the bound holds across every server
 * process and restart. The first failures of a window are audited as rows; the rest become one
 * `auth.login.failed.suppressed` row with their count, written when a failure arrives in a later
 * window. Whoever deletes a finished window's row (as it was read) writes its summary, so it is
 * written once.
 */
export class FailedLoginAudit {
  constructor(
    private readonly db: Knex,
    private readonly audit: AuditLog,
    private readonly now: () => number,
    /** FAILED_LOGIN_WINDOW_SECONDS, in milliseconds. */
    private readonly windowMs: number,
    private readonly perWindow = FAILED_LOGINS_PER_WINDOW,
  ) {}

  async record(entry: AuditEntry): Promise<void> {
    const start = Math.floor(this.now() / this.windowMs) * this.windowMs;
    const windowStart = new Date(start).toISOString();
    await this.summarizeBefore(windowStart);
    await this.db('failedLoginWindows').insert({ windowStart, attempts: 0 }).onConflict('windowStart').ignore();
    const [row] = (await this.db('failedLoginWindows')
      .where({ windowStart })
      .update({ attempts: this.db.raw('?? + 1', ['attempts']) })
      .returning('attempts')) as Array<{ attempts: number }>;
    if (Number(row?.attempts ?? 1) <= this.perWindow) await this.audit.record(entry);
  }

  private async summarizeBefore(windowStart: string) {
    const ended = (await this.db('failedLoginWindows').where('windowStart', '<', windowStart)) as Array<{
      windowStart: string;
      attempts: number;
    }>;
    for (const w of ended) {
      const taken = await this.db('failedLoginWindows')
        .where({ windowStart: w.windowStart, attempts: w.attempts })
        .delete();
      const suppressed = Number(w.attempts) - this.perWindow;
      if (taken !== 1 || suppressed <= 0) continue;
      const from = Date.parse(w.windowStart);
      await this.audit.record({
        actor: 'anonymous',
        action: 'auth.login.failed.suppressed',
        details: {
          count: suppressed,
          from: w.windowStart,
          to: new Date(from + this.windowMs).toISOString(),
        },
      });
    }
  }
}
