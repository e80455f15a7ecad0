import { certificateRenewal } from './certificateRenewal.machine.js';
import { clientUserOnboarding } from './clientUserOnboarding.machine.js';
import { createRegistry } from './definition.js';
import { officeUserLink } from './officeUserLink.machine.js';

/** Every machine Vinculo runs in production, by id. */
export const registry = createRegistry([clientUserOnboarding, officeUserLink, certificateRenewal]);
