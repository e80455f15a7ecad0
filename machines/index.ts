import { clientUserOnboarding } from './clientUserOnboarding.js';
import { connectionRequest } from './connectionRequest.js';
import { createRegistry } from './definition.js';
import { officeUserLink } from './officeUserLink.js';

/**
 * Every machine version Vinculo runs in production, as the API and the console see them. Keep
 * a version here while any process may still run on it (docs/machines.md).
 */
export const registry = createRegistry([clientUserOnboarding, officeUserLink, connectionRequest]);
