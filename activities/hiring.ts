import type { Knex } from 'knex';
import type { MailSettings } from '../domain/mail/outbox.js';
import { hiringSteps } from '../domain/services/steps/hiring.js';
import { asActivities } from './steps.js';

/** The directory side of clientHiring (domain/services/steps/hiring.ts), as activities. */
export function createHiringActivities(deps: { db: Knex; mail: MailSettings; tokenSecret?: string }) {
  return asActivities(hiringSteps(deps));
}
