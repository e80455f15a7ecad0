import type { Knex } from 'knex';
import type { MailSettings } from '../domain/mail/outbox.js';
import { integrationKeySteps } from '../domain/services/steps/integrationKeys.js';
import { asActivities } from './steps.js';

/** The directory side of integrationKeyRotation (domain/services/steps/integrationKeys.ts), as activities. */
export function createIntegrationKeyActivities(deps: { db: Knex; mail: MailSettings }) {
  return asActivities(integrationKeySteps(deps));
}
