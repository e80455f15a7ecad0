import type { Knex } from 'knex';
import { deliverOnce, type MailSettings } from '../mail/outbox.js';
import { renderMail } from '../mail/render.js';
import { defaultLocale } from '../settings.js';
import { instanceLink, operatorKinds, type AlertRow } from './raise.js';
import type { AlertSettings } from './settings.js';

const dayOf = (d: Date) => d.toISOString().slice(0, 10);

/**
 * Once a day, from the configured hour (UTC): the stuck processes raised since the last digest and
 * not acknowledged are claimed for the day's digest (one row per day, so it goes out once even
 * with several servers), then mailed through the outbox to each recipient. A day whose mail could
 * not be handed over yet is sent again on the next round (the outbox key keeps it to one message).
 */
export async function sendDigest(db: Knex, s: AlertSettings, mail: MailSettings, now: Date): Promise<void> {
  if (s.digestTo.length === 0) return;
  const day = dayOf(now);
  if (now.getUTCHours() >= s.digestHour) await claimDay(db, day, now);
  const unsent = (await db('alertDigests').whereNull('sentAt').orderBy('day')) as Array<{ day: string }>;
  for (const { day: d } of unsent) {
    const alerts = (await db('alerts').where({ digestDay: d }).orderBy('raisedAt')) as AlertRow[];
    for (const to of s.digestTo)
      await deliverOnce(db, mail, `alertDigest:${d}:${to}`, () => compose(to, d, alerts, mail));
    await db('alertDigests').where({ day: d }).update({ sentAt: new Date().toISOString() });
  }
}

/** Claims the day's digest and its alerts, if there is anything new to tell. */
async function claimDay(db: Knex, day: string, now: Date) {
  await db.transaction(async (trx) => {
    if (await trx('alertDigests').where({ day }).first('day')) return;
    const fresh = trx('alerts').whereIn('kind', operatorKinds).whereNull('digestDay').whereNull('acknowledgedAt');
    if (!(await fresh.clone().first('id'))) return;
    await trx('alertDigests').insert({ day, createdAt: now.toISOString() });
    await fresh.update({ digestDay: day });
  });
}

async function compose(to: string, day: string, alerts: AlertRow[], mail: MailSettings) {
  const processes = alerts
    .map(
      (a) =>
        `${a.machine} · ${a.state} · since ${a.raisedAt.slice(0, 16).replace('T', ' ')} UTC\n${instanceLink(mail.publicUrl, a.instanceId)}`,
    )
    .join('\n\n');
  const rendered = await renderMail('alertDigest', defaultLocale, { count: String(alerts.length), day, processes });
  return { to, template: 'alertDigest', locale: defaultLocale, ...rendered };
}
