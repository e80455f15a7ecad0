import type { CertificatePlan } from '../../machines/certificateRenewal.machine.js';

/** The last timed reminder the process sent: for which certificate, at which mark. */
export interface LastReminder {
  certificateId: string;
  beforeMs: number;
}

/**
 * What the renewal process waits for next, from the current certificate and the clock:
 * reminders are due at `validUntil - beforeMs`. The latest mark already behind is sent at once
 * unless it was sent (a worker that was down, a certificate uploaded late), older ones are
 * skipped; otherwise the next mark ahead is armed, and after the last one the expiry.
 */
export function planRenewal(
  current: { id: string; validUntil: string } | undefined,
  remindBeforeMs: number[],
  now: number,
  last: LastReminder | null = null,
): CertificatePlan {
  if (!current) return { phase: 'missing', certificateId: null, validUntil: null, waitMs: 0, next: null };
  const left = Date.parse(current.validUntil) - now;
  const base = { certificateId: current.id, validUntil: current.validUntil };
  if (left <= 0) return { ...base, phase: 'expired', waitMs: 0, next: null };
  const marks = [...remindBeforeMs].sort((a, b) => b - a);
  const phase = left <= (marks[0] ?? 0) ? 'expiringSoon' : 'valid';
  const due = [...marks].reverse().find((m) => m >= left);
  const sent = last?.certificateId === current.id && last.beforeMs <= (due ?? 0);
  if (due !== undefined && !sent) return { ...base, phase, waitMs: 0, next: { kind: 'remind', beforeMs: due } };
  const nextMark = marks.find((m) => m < left);
  if (nextMark === undefined) return { ...base, phase, waitMs: left, next: { kind: 'expire' } };
  return { ...base, phase, waitMs: left - nextMark, next: { kind: 'remind', beforeMs: nextMark } };
}
