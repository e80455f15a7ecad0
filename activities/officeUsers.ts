import { officeUserSteps, type OfficeUserStepDeps } from '../domain/services/steps/officeUsers.js';
import { asActivities } from './steps.js';

export type { Notify } from '../domain/ports.js';
export type OfficeUserDeps = OfficeUserStepDeps;

/** The directory side of officeUserLink (domain/services/steps/officeUsers.ts), as activities. */
export function createOfficeUserActivities(deps: OfficeUserDeps) {
  return asActivities(officeUserSteps(deps));
}
