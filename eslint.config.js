// Lint rules that catch what the type checker does not. Floating promises matter most here: an
// un-awaited write inside a webhook's transaction would run after it commits, or not at all.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import { houseRules } from './eslint.house-rules.js';

export default tseslint.config(
  { ignores: ['node_modules/', 'data/', '.tmp/', 'db/migrations/', 'docs/', 'src/**/public/**', 'eslint.config.js', 'test/fixtures/house-rules/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: false }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_', caughtErrors: 'none' }],
      // Control characters are matched on purpose: callers' speech is cleaned of them.
      'no-control-regex': 'off',
    },
  },
  {
    // Tests read JSON answers loosely; the assertions are the types there.
    files: ['test/**/*.ts'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
  ...houseRules,
);
