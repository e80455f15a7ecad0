import { fileURLToPath } from 'node:url';

export const testWorkflowsPath = fileURLToPath(new URL('./workflows.ts', import.meta.url));
export const fixturesDir = fileURLToPath(new URL('../fixtures/histories', import.meta.url));
