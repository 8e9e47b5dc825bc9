// One linter for the whole tree (formatting is Prettier's, see .prettierrc.json).
import js from '@eslint/js';
import prettier from 'eslint-config-prettier';
import tseslint from 'typescript-eslint';

const browserGlobals = [
  'window',
  'document',
  'browser',
  'chrome',
  'fetch',
  'XMLHttpRequest',
  'WebSocket',
  'localStorage',
  'sessionStorage',
  'navigator',
  'location',
  'performance',
  'crypto',
  'setTimeout',
  'setInterval',
  'process',
];

export default tseslint.config(
  // .output-*: a second build beside .output (WXT_OUT_DIR), as .gitignore has it.
  {
    ignores: ['.output/', '.output-*/', '.wxt/', 'node_modules/', 'screenshots/', 'test-results/'],
  },
  js.configs.recommended,
  ...tseslint.configs.strict,
  {
    languageOptions: { globals: { console: 'readonly', URL: 'readonly' } },
    rules: {
      // Page data is hostile: render it as text, never as markup.
      'no-restricted-syntax': [
        'error',
        {
          selector: "AssignmentExpression[left.property.name='innerHTML']",
          message: 'Render page-derived text as text; never assign innerHTML.',
        },
        {
          selector: "JSXAttribute[name.name='dangerouslySetInnerHTML']",
          message: 'Render page-derived text as text; never use dangerouslySetInnerHTML.',
        },
      ],
      'no-eval': 'error',
      'no-implied-eval': 'error',
      'no-new-func': 'error',
      '@typescript-eslint/no-non-null-assertion': 'error',
    },
  },
  {
    // The engine is pure: no browser, no network, no ccxt, no clock, no ambient randomness.
    files: ['lib/engine/**/*.ts'],
    ignores: ['lib/engine/**/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: ['wxt', 'ccxt', 'preact', '#imports'].map((name) => ({
            name,
            message: 'lib/engine is pure: no browser, framework or exchange library.',
          })),
          patterns: [
            {
              group: ['wxt/*', 'ccxt/*', 'preact/*', 'node:*'],
              message: 'lib/engine is pure: no browser, framework, exchange library or Node API.',
            },
            {
              group: [
                '**/venues/**',
                '**/messaging/**',
                '**/storage/**',
                '**/overlay/**',
                '**/background/**',
                '**/components/**',
                '**/entrypoints/**',
              ],
              message: 'Imports only go down: lib/engine imports nothing above it.',
            },
          ],
        },
      ],
      'no-restricted-globals': [
        'error',
        ...browserGlobals.map((name) => ({
          name,
          message: 'lib/engine is pure: pass this in instead.',
        })),
      ],
      'no-restricted-properties': [
        'error',
        {
          object: 'Date',
          property: 'now',
          message: 'lib/engine takes asOf as input; it never reads the clock.',
        },
        {
          object: 'Math',
          property: 'random',
          message: 'lib/engine takes a seeded Rng; it never uses Math.random.',
        },
      ],
      'no-restricted-syntax': [
        'error',
        {
          selector: "NewExpression[callee.name='Date'][arguments.length=0]",
          message: 'lib/engine takes asOf as input; it never reads the clock.',
        },
      ],
    },
  },
  prettier,
);
