import { certificateRenewal } from './certificateRenewal.js';
import { clientContract } from './clientContract.js';
import { clientHiring } from './clientHiring.js';
import { integrationKeyRotation } from './integrationKeyRotation.js';
import { clientUserOnboarding } from './clientUserOnboarding.js';
import { connectionRequest } from './connectionRequest.js';
import { catalogueOf } from './definition.js';
import { engineRegistry } from './engine.js';
import { officeUserLink, officeUserLinkV2Entry } from './officeUserLink.js';
import { planChange } from './planChange.js';

/**
 * Every machine version Vinculo runs, as the API and the console see them: the versions
 * `machines/engine.ts` registers, each with its catalogue entry (labels, operator events, start
 * schema). A version missing here, or one here the engine does not run, fails at load.
 */
export const registry = catalogueOf(engineRegistry, [
  clientUserOnboarding,
  officeUserLink,
  officeUserLinkV2Entry,
  certificateRenewal,
  clientContract,
  clientHiring,
  integrationKeyRotation,
  connectionRequest,
  planChange,
]);
