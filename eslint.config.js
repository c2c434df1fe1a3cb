// @ts-check
import js from '@eslint/js';
import globals from 'globals';
import reactHooks from 'eslint-plugin-react-hooks';
import tseslint from 'typescript-eslint';
import importX from 'eslint-plugin-import-x';
import { readdirSync } from 'node:fs';

const SERVER_IMPORT_RULES = [
  { group: ['**/tab/**', '**/bot/**'], message: 'src/ must not import from tab/ or bot/.' },
  { group: ['**/dev/**'], message: 'Only the composition root may use local-mode code in src/dev.' },
];
/** The server's slices: each folder of src/ (src/db, src/dev and the composition root aside). */
const SLICES = readdirSync(new URL('./src', import.meta.url), { withFileTypes: true })
  .filter((entry) => entry.isDirectory() && !['dev', 'db'].includes(entry.name))
  .map((entry) => entry.name);
const CROSS_SLICE_READERS = new Set(['analytics', 'privacy']);

export default tseslint.config(
  { ignores: ['node_modules/', 'dist/', '.data/', 'coverage/', 'src/db/migrations/', 'test-results/'] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      globals: { ...globals.node },
      parserOptions: {
        projectService: { allowDefaultProject: ['eslint.config.js', 'infra/scripts/*.mjs'] },
        tsconfigRootDir: import.meta.dirname,
      },
    },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/only-throw-error': 'error',
      'no-console': 'error',
      eqeqeq: ['error', 'always'],
      // Handlers implement promise-returning interfaces; an async body without await is fine there.
      '@typescript-eslint/require-await': 'off',
    },
  },
  {
    // The server never reaches into the tab or the bot's internals, and nothing outside src/dev and
    // main/server (the composition root) may know the Microsoft 365 emulator exists.
    files: ['src/**/*.ts'],
    ignores: ['src/dev/**', 'src/server.ts', 'src/main.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: SERVER_IMPORT_RULES }] },
  },
  // A slice's tables are its own (docs/architecture.md, "Boundaries"): another slice reads them through
  // what the owner publishes (its store, service or `*.read.ts`), never through `*.schema.ts`. Two
  // slices read across by design: analytics (the dashboards aggregate every slice's rows in SQL) and
  // privacy (erasure must reach every column that holds a person). The framework's schema is a zod
  // description of the policy, not a table, and everyone reads it.
  ...SLICES.filter((slice) => !CROSS_SLICE_READERS.has(slice)).map((slice) => ({
    files: [`src/${slice}/**/*.ts`],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            ...SERVER_IMPORT_RULES,
            {
              regex: `^(\\.\\./)+(?!(${slice}|framework)/)[a-z-]+/[a-z.-]+\\.schema\\.ts$`,
              message: `Another slice's tables: read them through what that slice publishes (its store or *.read.ts), not its *.schema.ts (docs/architecture.md, "Boundaries").`,
            },
            {
              regex: '(^|/)db/schema\\.ts$',
              message:
                'src/db/schema.ts gathers every table for drizzle-kit; a slice imports its own *.schema.ts.',
            },
          ],
        },
      ],
    },
  })),
  {
    // Import cycles make start-up order and module boundaries fragile (issue 17).
    files: ['src/**/*.ts', 'tab/src/**/*.{ts,tsx}', 'bot/**/*.ts'],
    plugins: { 'import-x': importX },
    settings: { 'import-x/extensions': ['.ts', '.tsx', '.js'] },
    rules: { 'import-x/no-cycle': ['error', { ignoreExternal: true }] },
  },
  {
    // process.env has one reader: src/config.ts.
    files: ['src/**/*.ts', 'bot/**/*.ts', 'tab/**/*.{ts,tsx}'],
    ignores: ['src/config.ts'],
    rules: {
      'no-restricted-properties': [
        'error',
        { object: 'process', property: 'env', message: 'Read configuration through src/config.ts.' },
      ],
    },
  },
  {
    // The tab talks to the server only over HTTP; it may import the API contracts and src/shared (Japan
    // time, the fiscal year, CSV: pure code both sides need the same).
    files: ['tab/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: '(^|/)(src|bot)/(?!shared/)(?!.*\\.contract\\.ts$)',
              message:
                'tab/ imports from src/ only the API contracts (src/**/*.contract.ts) and src/shared/.',
            },
          ],
        },
      ],
    },
  },
  {
    // The React hooks rules (and the React Compiler's checks) on the tab: effects and state follow React's
    // rules, so a stale closure or a render-time side effect fails the lint, not the user.
    files: ['tab/**/*.{ts,tsx}'],
    ...reactHooks.configs.flat.recommended,
  },
  {
    // The dev host page is plain browser JavaScript served as is (local mode only).
    files: ['src/dev/dev-host/public/**/*.js'],
    ...tseslint.configs.disableTypeChecked,
    languageOptions: { globals: { ...globals.browser }, parserOptions: { projectService: false } },
  },
  {
    files: ['test/**/*.ts', 'scripts/**/*.ts', '*.config.ts', '*.config.js'],
    rules: {
      'no-console': 'off',
      '@typescript-eslint/no-non-null-assertion': 'off',
    },
  },
);
