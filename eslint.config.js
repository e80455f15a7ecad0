import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

export default tseslint.config(
  { ignores: ['node_modules/', 'data/', '.cache/', 'admin/dist/', 'coverage/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/ban-ts-comment': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-console': ['error', { allow: ['warn', 'error'] }],
    },
  },
  {
    files: ['machines/**', 'workflows/**'],
    rules: {
      // Workflow code must replay deterministically: nothing with side effects may enter the bundle.
      // Types from activities and the domain are fine; nothing of theirs runs in the bundle. The
      // settings table (domain/settings.ts) is pure data that imports nothing: machines take their
      // default timings from it.
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['**/server/**', 'node:*'], message: 'Workflows and machines do no I/O (nor HTTP).' },
            {
              group: ['**/activities/**'],
              allowTypeImports: true,
              message: 'Only types from activities.',
            },
            {
              group: ['**/domain/**', '!**/domain/settings.js'],
              allowTypeImports: true,
              message: 'Only types from domain/, and its settings table (domain/settings.ts).',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['bench/**'],
    rules: {
      // The benchmark stands on the product's own code: test helpers may change for tests' sake.
      '@typescript-eslint/no-restricted-imports': [
        'error',
        { patterns: [{ group: ['**/test/**'], message: 'bench/ does not import from test/.' }] },
      ],
    },
  },
  {
    // The domain, Temporal access and workflows speak in domain errors; only server/http knows HTTP.
    files: ['domain/**', 'server/temporal/**', 'activities/**'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['**/server/http/**', '**/http/*'], message: 'Throw domain errors; server/http maps them.' },
          ],
        },
      ],
    },
  },
  {
    // The domain stands below server/ and activities/: what it needs from them is a port (domain/ports.ts).
    files: ['domain/**'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/server/**', '**/activities/**'],
              message: 'domain/ does not import server/ or activities/: declare a port in domain/ports.ts.',
            },
            {
              group: ['@temporalio/*'],
              message: 'domain/ does not know Temporal: steps get a StepContext and throw StepFailure.',
            },
          ],
        },
      ],
    },
  },
  {
    // The settings table enters the workflow bundle and the console: it stays pure data.
    files: ['domain/settings.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        { patterns: [{ group: ['*', '**'], message: 'domain/settings.ts is pure data: it imports nothing.' }] },
      ],
    },
  },
  {
    // What the API sends and takes is typed once in contracts/ (types only); the console reads it from there.
    files: ['contracts/**'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/server/**', '**/activities/**', '**/domain/**'],
              message: 'contracts/ stands below server/.',
            },
            { group: ['**'], allowTypeImports: true, message: 'contracts/ holds types only.' },
          ],
        },
      ],
    },
  },
  {
    files: ['admin/src/**'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['**/server/**', '**/activities/**'], message: 'The console takes server types from contracts/.' },
            {
              // (admin/src/machines is the console's own folder; the root machines/ is reached through contracts/.)
              group: ['**/contracts/**', '**/workflows/**', '**/domain/**', '!**/domain/settings*'],
              allowTypeImports: true,
              message: 'The console takes only types from outside admin/ (domain/settings.ts excepted).',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['server/**', 'scripts/**', 'test/**', 'bench/**'],
    rules: { 'no-console': 'off' },
  },
);
