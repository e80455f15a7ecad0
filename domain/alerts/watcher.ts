import type { Knex } from 'knex';
import type { MailSettings } from '../mail/outbox.js';
import { sendDigest } from './digest.js';
import { raiseAndClear } from './raise.js';
import type { AlertSettings } from './settings.js';
import { sendDueWebhooks } from './webhook.js';

export interface AlertWatcherDeps {
  db: Knex;
  settings: AlertSettings;
  mail: MailSettings;
  now?: () => Date;
  log?: (msg: string, err?: unknown) => void;
}

/**
 * Raises alerts from the projection, calls the webhook and sends the daily digest, on a timer in
 * the server (like the event relay): workflows never wait on it, and one failing part (a webhook
 * that does not answer, SMTP away) does not stop the others.
 */
export class AlertWatcher {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private stopped = false;
  private readonly now: () => Date;

  constructor(private readonly deps: AlertWatcherDeps) {
    this.now = deps.now ?? (() => new Date());
  }

  /** One round; tests call it directly. */
  async tick(): Promise<void> {
    const { db, settings, mail } = this.deps;
    if (!settings.enabled) return;
    const log = this.deps.log ?? ((m: string, e?: unknown) => console.error(m, e));
    const parts: Array<[string, () => Promise<unknown>]> = [
      ['raising alerts', () => raiseAndClear(db, { now: this.now(), webhook: settings.webhookUrl !== undefined })],
      ['sending the alert digest', () => sendDigest(db, settings, mail, this.now())],
      ['calling the alert webhook', () => sendDueWebhooks(db, settings, { now: this.now, publicUrl: mail.publicUrl })],
    ];
    for (const [what, part] of parts) await part().catch((err: unknown) => log(`Alerts: ${what} failed.`, err));
  }

  start(): void {
    if (!this.deps.settings.enabled) return;
    const loop = () => {
      if (this.stopped) return;
      this.running = this.tick().finally(() => {
        if (!this.stopped) this.timer = setTimeout(loop, this.deps.settings.pollMs);
      });
    };
    loop();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await this.running;
  }
}
