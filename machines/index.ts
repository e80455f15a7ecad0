import { certificateRenewal } from './certificateRenewal.js';
import { clientContract } from './clientContract.js';
import { clientHiring } from './clientHiring.js';
import { integrationKeyRotation } from './integrationKeyRotation.js';
import { clientUserOnboarding } from './clientUserOnboarding.js';
import { connectionRequest } from './connectionRequest.js';
import { createRegistry } from './definition.js';
import { officeUserLink, officeUserLinkV2Entry } from './officeUserLink.js';
import { planChange } from './planChange.js';

/**
 * Every machine version Vinculo runs in production, as the API and the console see them. Keep
 * a version here while any process may still run on it (docs/machines.md).
 */
export const registry = createRegistry([
  clientUserOnboarding,
  officeUserLink,
  certificateRenewal,
  officeUserLinkV2Entry,
  clientContract,
  clientHiring,
  integrationKeyRotation,
  connectionRequest,
  planChange,
]);
