import type { Knex } from 'knex';
import { defaults } from '../domain/settings.js';
import type { CertificateStore } from '../domain/certificates/store.js';
import { createCertificateActivities } from './certificates.js';
import { createClientUserActivities } from './clientUsers.js';
import { createContractActivities } from './contracts.js';
import { createHiringActivities } from './hiring.js';
import { createIntegrationKeyActivities } from './integrationKeys.js';
import { createConnectionActivities } from './connectionRequests.js';
import { createMailActivities } from './mail.js';
import type { MailSettings } from '../domain/mail/outbox.js';
import { createOfficeMailActivities } from './officeMail.js';
import { createOfficeUserActivities, type Notify } from './officeUsers.js';
import { createPlanChangeActivities } from './planChanges.js';
import { createProjectionActivities } from './projection.js';

export interface ActivityDeps {
  db: Knex;
  /** Outgoing mail (SMTP_URL, MAIL_FROM, PUBLIC_URL). */
  mail?: MailSettings;
  /** Signs portal links (TOKEN_SECRET). */
  tokenSecret?: string;
  /** How long a mailed portal link works (TOKEN_TTL_HOURS). */
  tokenTtlMs?: number;
  /** Lets an activity wake another process (e.g. staff waiting for their manager). */
  notify?: Notify;
  /** How recent an office agent's heartbeat must be to count as online (AGENT_ONLINE_WINDOW_SECONDS). */
  agentOnlineWindowMs?: number;
  /** The sealed certificate store (CERTIFICATE_KEYS); the renewal activities need it. */
  certificates?: CertificateStore;
}

/**
 * What a worker without configuration runs on (a benchmark, a check of the registry): the
 * table's defaults, with mail captured in the outbox and links to localhost. The server passes
 * its configuration (server/config.ts).
 */
const unconfigured = {
  mail: { from: defaults.mailFrom, publicUrl: defaults.publicUrl } satisfies MailSettings,
  tokenTtlMs: defaults.tokenTtlHours * 3_600_000,
  agentOnlineWindowMs: defaults.agentOnlineWindowSeconds * 1000,
};

/** Every activity the worker registers, by name. */
export function createActivities(deps: ActivityDeps) {
  const { db, tokenSecret, notify, certificates } = deps;
  const mail = deps.mail ?? unconfigured.mail;
  const tokenTtlMs = deps.tokenTtlMs ?? unconfigured.tokenTtlMs;
  const agentOnlineWindowMs = deps.agentOnlineWindowMs ?? unconfigured.agentOnlineWindowMs;
  return {
    ...createProjectionActivities(deps),
    ...createClientUserActivities(deps),
    ...createMailActivities({ db, mail, tokenSecret, tokenTtlMs }),
    ...createOfficeMailActivities({ db, mail }),
    ...createContractActivities({ db, mail }),
    ...createHiringActivities({ db, mail, tokenSecret }),
    ...createIntegrationKeyActivities({ db, mail }),
    ...createPlanChangeActivities({ db }),
    ...createConnectionActivities({ db, mail, tokenSecret, tokenTtlMs }),
    ...createOfficeUserActivities({ db, notify, agentOnlineWindowMs }),
    ...createCertificateActivities({ db, certificates, mail }),
  };
}

export type Activities = ReturnType<typeof createActivities>;
