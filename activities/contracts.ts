import type { Knex } from 'knex';
import type { MailSettings } from '../domain/mail/outbox.js';
import { contractSteps } from '../domain/services/steps/contracts.js';
import { asActivities } from './steps.js';

/** The directory side of clientContract (domain/services/steps/contracts.ts), as activities. */
export function createContractActivities(deps: { db: Knex; mail: MailSettings }) {
  return asActivities(contractSteps(deps));
}
