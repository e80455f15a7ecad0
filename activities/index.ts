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
  /** Outgoing mail; without it messages are captured in the outbox with links to localhost. */
  mail?: MailSettings;
  /** Signs portal links (TOKEN_SECRET). */
  tokenSecret?: string;
  tokenTtlMs?: number;
  /** Lets an activity wake another process (e.g. staff waiting for their manager). */
  notify?: Notify;
  agentOnlineWindowMs?: number;
  /** The sealed certificate store (CERTIFICATE_KEYS); the renewal activities need it. */
  certificates?: CertificateStore;
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
    ...createOfficeMailActivities({ db: deps.db, mail: deps.mail ?? defaultMailSettings }),
    ...createContractActivities({ db: deps.db, mail: deps.mail ?? defaultMailSettings }),
    ...createHiringActivities({ db: deps.db, mail: deps.mail ?? defaultMailSettings, tokenSecret: deps.tokenSecret }),
    ...createIntegrationKeyActivities({ db: deps.db, mail: deps.mail ?? defaultMailSettings }),
    ...createPlanChangeActivities({ db: deps.db }),
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
    ...createCertificateActivities({
      db: deps.db,
      certificates: deps.certificates,
      mail: deps.mail ?? defaultMailSettings,
    }),
  };
}

export type Activities = ReturnType<typeof createActivities>;
