import { defineConfig } from 'vitest/config';

/**
 * The fast tier (`npm run test:unit`): what runs without Temporal, a server process or a browser,
 * so without the global setup that starts a Temporal dev server and bundles the workflows.
 * Machines as pure functions, domain services over SQLite in memory with the audit log and the
 * processes in memory (test/support/memory), the access policy, parsers, validators, templates
 * and the layer rules. `npm test` (vitest.config.ts) runs these files too, once, with the rest.
 */
export const unitTests = [
  'test/machines/**/*.test.ts',
  'test/domain/**/*.test.ts',
  'test/activities/mailTemplates.test.ts',
  'test/activities/validation.test.ts',
  'test/activities/steps.test.ts',
  'test/server/parsers.property.test.ts',
  'test/server/firstAdmin.test.ts',
  'test/layers.test.ts',
];

export default defineConfig({
  test: {
    include: unitTests,
    maxWorkers: 2,
  },
});
