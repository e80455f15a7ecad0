import type { Knex } from 'knex';
import { clientUserSteps } from '../domain/services/steps/clientUsers.js';
import { asActivities } from './steps.js';

/** The directory side of clientUserOnboarding (domain/services/steps/clientUsers.ts), as activities. */
export function createClientUserActivities(deps: { db: Knex }) {
  return asActivities(clientUserSteps(deps));
}
