import { officeMailSteps, type OfficeMailStepDeps } from '../domain/services/steps/officeMail.js';
import { asActivities } from './steps.js';

/** The mail of officeUserLink version 2 (domain/services/steps/officeMail.ts), as activities. */
export function createOfficeMailActivities(deps: OfficeMailStepDeps) {
  return asActivities(officeMailSteps(deps));
}
