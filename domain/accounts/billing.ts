/**
 * An account is billed monthly on the day of the month its contract began (the month's last day
 * when that month is shorter). The next billing date is the first such day after `now`.
 */
export function nextBillingAt(contractStartIso: string, now: Date): Date {
  const start = new Date(contractStartIso);
  const day = start.getUTCDate();
  const at = (year: number, month: number) => {
    const lastDay = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
    return new Date(
      Date.UTC(year, month, Math.min(day, lastDay), start.getUTCHours(), start.getUTCMinutes(), start.getUTCSeconds()),
    );
  };
  let candidate = at(now.getUTCFullYear(), now.getUTCMonth());
  if (candidate.getTime() <= now.getTime()) candidate = at(now.getUTCFullYear(), now.getUTCMonth() + 1);
  return candidate;
}
