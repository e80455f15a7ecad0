import { defaults } from '../settings.js';

/** How operators hear of stuck processes (ALERTS, ALERT_DIGEST_*, ALERT_WEBHOOK_*; see README "Alerts"). */
export interface AlertSettings {
  /** Off: no alert is recorded, nothing is sent. */
  enabled: boolean;
  /** Who receives the daily digest; none → no digest. */
  digestTo: string[];
  /** The hour (UTC, 0–23) from which the day's digest goes out. */
  digestHour: number;
  webhookUrl?: string;
  /** Signs each webhook body (HMAC-SHA256, hex) in the X-Vinculo-Signature header. */
  webhookSecret?: string;
  /** One webhook call waits this long for an answer. */
  webhookTimeoutMs: number;
  /** The first retry waits this long; each next one twice as long, up to `webhookMaxDelayMs`. */
  webhookRetryMs: number;
  webhookMaxDelayMs: number;
  /** After this many failed calls the alert's webhook is given up (`failed`). */
  webhookMaxAttempts: number;
  /** How often the watcher looks at the processes. */
  pollMs: number;
}

export const alertDefaults: Omit<AlertSettings, 'digestTo'> = {
  enabled: defaults.alerts === 'on',
  digestHour: defaults.alertDigestHour,
  webhookTimeoutMs: 5_000,
  webhookRetryMs: 30_000,
  webhookMaxDelayMs: 3_600_000,
  webhookMaxAttempts: 10,
  pollMs: defaults.alertPollSeconds * 1000,
};

/** The wait before the next webhook attempt after `attempts` failed ones: doubling, capped. */
export const webhookBackoffMs = (s: Pick<AlertSettings, 'webhookRetryMs' | 'webhookMaxDelayMs'>, attempts: number) =>
  Math.min(s.webhookMaxDelayMs, s.webhookRetryMs * 2 ** Math.max(0, attempts - 1));
