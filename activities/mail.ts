import { registrationMailSteps, type RegistrationMailDeps } from '../domain/services/steps/registrationMail.js';
import { asActivities } from './steps.js';

export type MailDeps = RegistrationMailDeps;

/** The registration and account-link e-mails (domain/services/steps/registrationMail.ts), as activities. */
export function createMailActivities(deps: MailDeps) {
  return asActivities(registrationMailSteps(deps));
}
