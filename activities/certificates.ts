import { certificateSteps, type CertificateStepDeps } from '../domain/services/steps/certificates.js';
import { asActivities } from './steps.js';

export type CertificateActivityDeps = CertificateStepDeps;

/** The steps of certificateRenewal (domain/services/steps/certificates.ts), as activities. */
export function createCertificateActivities(deps: CertificateActivityDeps) {
  return asActivities(certificateSteps(deps));
}
