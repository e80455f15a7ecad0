import { clientUserOnboardingV1 } from './clientUserOnboarding.machine.js';
import { connectionRequestV1 } from './connectionRequest.machine.js';
import { createRegistry } from './definition.js';
import { officeUserLinkV1 } from './officeUserLink.machine.js';

/**
 * The workflow bundle's registry: the same versions as `machines/index.ts`, without the labels
 * and start schemas the workflow never reads.
 */
export const engineRegistry = createRegistry([clientUserOnboardingV1, officeUserLinkV1, connectionRequestV1]);
