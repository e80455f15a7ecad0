import crypto from 'node:crypto';
import type { Knex } from 'knex';
import { instanceLink, type AlertRow } from './raise.js';
import { webhookBackoffMs, type AlertSettings } from './settings.js';

export const SIGNATURE_HEADER = 'X-Vinculo-Signature';

/** `sha256=<hex>` of the exact body bytes, keyed with ALERT_WEBHOOK_SECRET. */
export const signBody = (secret: string, body: string) =>
  `sha256=${crypto.createHmac('sha256', secret).update(body).digest('hex')}`;

/** What the webhook receives: the alert and where to look, no personal data. */
export const webhookBody = (alert: AlertRow, publicUrl: string) =>
  JSON.stringify({
    alertId: alert.id,
    kind: alert.kind,
    instanceId: alert.instanceId,
    machine: alert.machine,
    state: alert.state,
    raisedAt: alert.raisedAt,
    link: instanceLink(publicUrl, alert.instanceId),
  });

async function post(url: string, body: string, s: AlertSettings): Promise<void> {
  const headers: Record<string, string> = { 'Content-Type': 'application/json' };
  if (s.webhookSecret) headers[SIGNATURE_HEADER] = signBody(s.webhookSecret, body);
  const res = await fetch(url, { method: 'POST', headers, body, signal: AbortSignal.timeout(s.webhookTimeoutMs) });
  await res.body?.cancel();
  if (!res.ok) throw new Error(`The webhook answered ${res.status}.`);
}

/**
 * Calls the webhook for each alert whose attempt is due: claimed first (its next attempt moved
 * past this one's time-out, so two servers do not both send it), then marked sent, or rescheduled
 * with a doubling delay, or given up. An acknowledged alert is not sent. Runs beside the
 * processes, never inside them: a webhook that does not answer delays only its own retries.
 */
export async function sendDueWebhooks(
  db: Knex,
  s: AlertSettings,
  o: { now: () => Date; publicUrl: string },
): Promise<void> {
  const url = s.webhookUrl;
  if (!url) return;
  const at = o.now().toISOString();
  await db('alerts')
    .where({ webhookStatus: 'pending' })
    .whereNotNull('acknowledgedAt')
    .update({ webhookStatus: 'skipped', webhookNextAt: null });
  const due = (await db('alerts')
    .where({ webhookStatus: 'pending' })
    .whereNull('acknowledgedAt')
    .andWhere('webhookNextAt', '<=', at)
    .orderBy('raisedAt')
    .limit(20)) as AlertRow[];
  for (const alert of due) {
    const lease = new Date(o.now().getTime() + s.webhookTimeoutMs * 2).toISOString();
    const claimed = await db('alerts')
      .where({ id: alert.id, webhookStatus: 'pending', webhookNextAt: alert.webhookNextAt })
      .update({ webhookNextAt: lease });
    if (claimed !== 1) continue;
    const attempts = alert.webhookAttempts + 1;
    try {
      await post(url, webhookBody(alert, o.publicUrl), s);
      await db('alerts')
        .where({ id: alert.id })
        .update({ webhookStatus: 'sent', webhookAttempts: attempts, webhookNextAt: null, webhookError: null });
    } catch (err) {
      const error = (err instanceof Error ? err.message : String(err)).slice(0, 500);
      const giveUp = attempts >= s.webhookMaxAttempts;
      await db('alerts')
        .where({ id: alert.id })
        .update({
          webhookStatus: giveUp ? 'failed' : 'pending',
          webhookAttempts: attempts,
          webhookNextAt: giveUp ? null : new Date(o.now().getTime() + webhookBackoffMs(s, attempts)).toISOString(),
          webhookError: error,
        });
    }
  }
}
