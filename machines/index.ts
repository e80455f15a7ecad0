import { createRegistry } from './definition.js';

/** Every machine Vinculo runs in production, by id. */
export const registry = createRegistry([]);
