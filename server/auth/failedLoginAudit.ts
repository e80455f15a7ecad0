import type { AuditEntry, AuditLog } from '../audit/auditLog.js';

/** Failed log-ins recorded one by one per window; more are counted and summed up in one row. */
export const FAILED_LOGINS_PER_WINDOW = 20;
export const FAILED_LOGIN_WINDOW_MS = 60_000;

/**
 * Anyone can fail a log-in, so without a bound an anonymous flood (from many addresses, for
 * e-mails that do not exist) would grow the append-only audit log without end. Each window keeps
 * its first failures as rows; the rest become one `auth.login.failed.suppressed` row with their
 * count, written when the next failure arrives in a later window.
 */
export class FailedLoginAudit {
  private windowStart = 0;
  private recorded = 0;
  private suppressed = 0;

  constructor(
    private readonly audit: AuditLog,
    private readonly now: () => number,
    private readonly perWindow = FAILED_LOGINS_PER_WINDOW,
    private readonly windowMs = FAILED_LOGIN_WINDOW_MS,
  ) {}

  async record(entry: AuditEntry): Promise<void> {
    const now = this.now();
    if (now - this.windowStart >= this.windowMs) await this.startWindow(now);
    if (this.recorded >= this.perWindow) {
      this.suppressed += 1;
      return;
    }
    this.recorded += 1;
    await this.audit.record(entry);
  }

  private async startWindow(now: number) {
    const { suppressed, windowStart } = this;
    this.windowStart = now;
    this.recorded = 0;
    this.suppressed = 0;
    if (suppressed === 0) return;
    await this.audit.record({
      actor: 'anonymous',
      action: 'auth.login.failed.suppressed',
      details: {
        count: suppressed,
        from: new Date(windowStart).toISOString(),
        to: new Date(windowStart + this.windowMs).toISOString(),
      },
    });
  }
}
