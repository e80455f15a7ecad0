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
      // Types from activities are fine, and so is the pure table of activity profiles.
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['**/server/**', 'node:*'], message: 'Workflows and machines do no I/O (nor HTTP).' },
            {
              group: ['**/activities/*', '!**/activities/profiles.js'],
              allowTypeImports: true,
              message: 'Only types (and profiles) from activities.',
            },
          ],
        },
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
    files: ['server/**', 'scripts/**', 'test/**', 'bench/**'],
    rules: { 'no-console': 'off' },
  },
);
