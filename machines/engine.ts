import { certificateRenewalV1 } from './certificateRenewal.machine.js';
import { clientContractV1 } from './clientContract.machine.js';
import { clientHiringV1 } from './clientHiring.machine.js';
import { integrationKeyRotationV1 } from './integrationKeyRotation.machine.js';
import { clientUserOnboardingV1 } from './clientUserOnboarding.machine.js';
import { connectionRequestV1 } from './connectionRequest.machine.js';
import { createRegistry } from './definition.js';
import { officeUserLinkV1 } from './officeUserLink.machine.js';
import { officeUserLinkV2 } from './officeUserLink.v2.machine.js';
import { planChangeV1 } from './planChange.machine.js';

/**
 * Every machine version Vinculo runs: the workflow bundle's registry, without the labels and start
 * schemas the workflow never reads. Keep a version here while any process may still run on it
 * (docs/machines.md); `machines/index.ts` derives the API's catalogue from this list.
 */
export const engineRegistry = createRegistry([
  clientUserOnboardingV1,
  officeUserLinkV1,
  certificateRenewalV1,
  officeUserLinkV2,
  clientContractV1,
  clientHiringV1,
  integrationKeyRotationV1,
  connectionRequestV1,
  planChangeV1,
]);
