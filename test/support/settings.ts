import { loadConfig } from '../../server/config.js';

/** The configuration a server gets from an empty environment: every default, resolved as in production. */
export const defaultConfig = loadConfig({});
