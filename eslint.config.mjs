// One linter for the tree. Besides typescript-eslint's recommended rules it enforces the layering of
// ARCHITECTURE.md ("may import"): a workflow stays deterministic, a domain rule stays pure, apps stay apart.
import js from '@eslint/js';
import globals from 'globals';
import reactHooks from 'eslint-plugin-react-hooks';
import tseslint from 'typescript-eslint';

const IO_MODULES = [
  'fs',
  'fs/promises',
  'net',
  'http',
  'http2',
  'https',
  'child_process',
  'cluster',
  'os',
  'dgram',
  'dns',
];
const nodeIo = IO_MODULES.flatMap((name) => [name, `node:${name}`]);

export default tseslint.config(
  {
    ignores: [
      'node_modules/',
      'dist/',
      '.data/',
      '.cache/',
      'coverage/',
      'test-artifacts/',
      'apps/console/src/api/schema.d.ts',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node, ...globals.jest } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    // Workflow code is replayed: only the workflow SDK, shared contracts, pure domain rules and the *types* of activities.
    files: ['workflows/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: '^(?!@temporalio/workflow$|\\.)',
              message:
                'Workflows import only @temporalio/workflow among packages (they run in the deterministic sandbox).',
            },
            {
              regex: '(^|/)activities(/|$)',
              allowTypeImports: true,
              message: 'Workflows use activities through proxyActivities: import type only.',
            },
            {
              regex: '(^|/)(apps|libs/(persistence|storage|temporal))(/|$)',
              message: 'Workflows import only libs/contracts and libs/domain.',
            },
          ],
        },
      ],
    },
  },
  {
    // Domain rules are pure functions: no database, no network, no files, no framework.
    files: ['libs/domain/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          paths: nodeIo.map((name) => ({ name, message: 'libs/domain is pure: no I/O.' })),
          patterns: [
            {
              regex: '^(pg|typeorm|@nestjs/.*|@temporalio/.*|@aws-sdk/.*)$',
              message: 'libs/domain is pure: no database, framework or Temporal client.',
            },
            {
              regex: '^\\.\\./\\.\\./(?!domain/)',
              message: 'libs/domain imports nothing outside libs/domain.',
            },
          ],
        },
      ],
      // It also runs in the workflow sandbox and the browser, which have neither.
      'no-restricted-globals': [
        'error',
        { name: 'Buffer', message: 'libs/domain runs in the workflow sandbox and the browser: no Buffer.' },
        { name: 'process', message: 'libs/domain runs in the workflow sandbox and the browser: no process.' },
      ],
    },
  },
  {
    files: ['libs/contracts/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: '^(?!@temporalio/(workflow|common)$|\\.)',
              message: 'Contracts are imported by workflows: only @temporalio/workflow or @temporalio/common.',
            },
            {
              regex: '(^|/)(apps|activities|workflows|libs/(persistence|storage|temporal))(/|$)',
              message: 'Contracts depend on nothing above them.',
            },
          ],
        },
      ],
    },
  },
  {
    // The console runs in the browser: DOM globals, and the rules of hooks.
    files: ['apps/console/src/**/*.{ts,tsx}'],
    ...reactHooks.configs.flat.recommended,
    languageOptions: { globals: { ...globals.browser } },
  },
  {
    // The console reaches the API through its generated client only; libs/domain's pure rules and labels may be
    // bundled, nothing that does I/O or needs Node (contracts import the Temporal workflow SDK).
    files: ['apps/console/src/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: '(^|/)libs/(?!domain/)',
              message: 'The console bundles only libs/domain (pure); the rest reaches it through the API.',
            },
            { regex: '^node:', message: 'The console runs in the browser.' },
          ],
        },
      ],
    },
  },
  ...['api', 'worker', 'console'].map((app) => ({
    files: [`apps/${app}/**/*.{ts,tsx}`],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: `(^|/)apps/(?!${app}/)|^\\.\\./\\.\\./(?!${app}/)[a-z-]+/src(/|$)`,
              message: 'Apps never import each other: share code through libs/.',
            },
          ],
        },
      ],
    },
  })),
);
