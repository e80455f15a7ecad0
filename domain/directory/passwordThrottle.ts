import type { Knex } from 'knex';

// Portal password attempts per e-mail, in the `loginThrottles` table the console's log-in uses
// (keys `portal:<e-mail>`), so every server process shares them. Unknown e-mails are counted like
// known ones, so neither the answers nor the waits say which e-mails have accounts.

/** Failures before any waiting; then the wait doubles per failure, up to five minutes. */
const freeAttempts = 3;
export const throttleDelayMs = (failures: number) =>
  failures < freeAttempts ? 0 : Math.min(1000 * 2 ** (failures - freeAttempts), 300_000);

const keyOf = (email: string) => `portal:${email}`;

/** Seconds still to wait before the next attempt for this e-mail, or 0. */
export async function secondsToWait(db: Knex, email: string, now: Date): Promise<number> {
  const row = (await db('loginThrottles')
    .where({ key: keyOf(email) })
    .first('blockedUntil')) as { blockedUntil: string | null } | undefined;
  const until = row?.blockedUntil ? Date.parse(row.blockedUntil) : 0;
  return until > now.getTime() ? Math.ceil((until - now.getTime()) / 1000) : 0;
}

/** Counts one failure in a single `UPDATE … SET failures = failures + 1 … RETURNING`: parallel failures all count. */
export async function countFailure(db: Knex, email: string, now: Date): Promise<number> {
  const key = keyOf(email);
  const at = now.toISOString();
  await db('loginThrottles').insert({ key, failures: 0, lastFailureAt: at }).onConflict('key').ignore();
  const [row] = (await db('loginThrottles')
    .where({ key })
    .update({ failures: db.raw('?? + 1', ['failures']), lastFailureAt: at })
    .returning('failures')) as Array<{ failures: number }>;
  const failures = Number(row?.failures ?? 1);
  const delay = throttleDelayMs(failures);
  if (delay) {
    // Only ever moves the wait forward, whichever of two parallel failures writes last.
    await db('loginThrottles')
      .where({ key })
      .andWhere((w) =>
        w.whereNull('blockedUntil').orWhere('blockedUntil', '<', new Date(now.getTime() + delay).toISOString()),
      )
      .update({ blockedUntil: new Date(now.getTime() + delay).toISOString() });
  }
  return failures;
}

export async function clearFailures(db: Knex, email: string): Promise<void> {
  await db('loginThrottles')
    .where({ key: keyOf(email) })
    .delete();
}
