import type { MachineTransition } from '../types';

const units: Array<[number, Intl.NumberFormatOptions['unit']]> = [
  [7 * 86_400_000, 'week'],
  [86_400_000, 'day'],
  [3_600_000, 'hour'],
  [60_000, 'minute'],
  [1000, 'second'],
];

/** A delayed transition's delay as people say it ("3 days", "3 dias"), in the console's language. */
export function delayInWords(delay: MachineTransition['delay'], locale: string): string | undefined {
  if (delay === undefined) return undefined;
  if (typeof delay === 'string') return namedDelayInWords(delay);
  // The largest unit that gives a whole number reads best; fractions of it only as a last resort.
  const [ms, unit] = units.find(([size]) => delay >= size && delay % size === 0) ??
    units.find(([size]) => delay >= size) ?? [1, 'millisecond'];
  const amount = Math.round((delay / ms) * 10) / 10;
  return new Intl.NumberFormat(locale, { style: 'unit', unit, unitDisplay: 'long' }).format(amount);
}

const relativeUnits: Array<[number, Intl.RelativeTimeFormatUnit]> = [
  [86_400_000, 'day'],
  [3_600_000, 'hour'],
  [60_000, 'minute'],
  [1000, 'second'],
];

/** When a pending timer fires, from now ("in 3 days", "em 3 dias"). */
export function dueInWords(dueAt: string, locale: string, now = Date.now()): string {
  const ms = Math.max(0, Date.parse(dueAt) - now);
  const [size, unit] = relativeUnits.find(([s]) => ms >= s) ?? [1000, 'second'];
  return new Intl.RelativeTimeFormat(locale, { numeric: 'always' }).format(Math.round(ms / size), unit);
}

/** A delay the machine names ("nextReminderDelay") as words: "next reminder delay". */
export const namedDelayInWords = (name: string) =>
  name
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/[_-]+/g, ' ')
    .toLowerCase();
