import type { CertificatePlan } from '../../machines/certificateRenewal.machine.js';

/**
 * What the renewal process waits for next, from the current certificate and the clock:
 * reminders are due at `validUntil - beforeMs`; the next one still ahead is armed, those
 * already behind are not sent late, and after the last one comes the expiry.
 */
export function planRenewal(
  current: { id: string; validUntil: string } | undefined,
  remindBeforeMs: number[],
  now: number,
): CertificatePlan {
  if (!current) return { phase: 'missing', certificateId: null, validUntil: null, waitMs: 0, next: null };
  const left = Date.parse(current.validUntil) - now;
  const base = { certificateId: current.id, validUntil: current.validUntil };
  if (left <= 0) return { ...base, phase: 'expired', waitMs: 0, next: null };
  const marks = [...remindBeforeMs].sort((a, b) => b - a);
  const phase = left <= (marks[0] ?? 0) ? 'expiringSoon' : 'valid';
  const nextMark = marks.find((m) => m < left);
  if (nextMark === undefined) return { ...base, phase, waitMs: left, next: { kind: 'expire' } };
  return { ...base, phase, waitMs: left - nextMark, next: { kind: 'remind', beforeMs: nextMark } };
}
