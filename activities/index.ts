import type { Knex } from 'knex';
import { defaults } from '../domain/settings.js';
import { createClientUserActivities } from './clientUsers.js';
import { createConnectionActivities } from './connectionRequests.js';
import { createMailActivities } from './mail.js';
import type { MailSettings } from '../domain/mail/outbox.js';
import { createOfficeUserActivities, type Notify } from './officeUsers.js';
import { createProjectionActivities } from './projection.js';

export interface ActivityDeps {
  db: Knex;
  /** Outgoing mail; without it messages are captured in the outbox with links to localhost. */
  mail?: MailSettings;
  /** Signs portal links (TOKEN_SECRET). */
  tokenSecret?: string;
  tokenTtlMs?: number;
  /** Lets an activity wake another process (e.g. staff waiting for their manager). */
  notify?: Notify;
  agentOnlineWindowMs?: number;
}

export const defaultMailSettings: MailSettings = { from: defaults.mailFrom, publicUrl: defaults.publicUrl };

/** Every activity the worker registers, by name. */
export function createActivities(deps: ActivityDeps) {
  return {
    ...createProjectionActivities(deps),
    ...createClientUserActivities(deps),
    ...createMailActivities({
      db: deps.db,
      mail: deps.mail ?? defaultMailSettings,
      tokenSecret: deps.tokenSecret,
      tokenTtlMs: deps.tokenTtlMs ?? defaults.tokenTtlHours * 3_600_000,
    }),
    ...createConnectionActivities({
      db: deps.db,
      mail: deps.mail ?? defaultMailSettings,
      tokenSecret: deps.tokenSecret,
      tokenTtlMs: deps.tokenTtlMs ?? defaults.tokenTtlHours * 3_600_000,
    }),
    ...createOfficeUserActivities({
      db: deps.db,
      notify: deps.notify,
      agentOnlineWindowMs: deps.agentOnlineWindowMs ?? defaults.agentOnlineWindowSeconds * 1000,
    }),
  };
}

export type Activities = ReturnType<typeof createActivities>;
