/** Unit tests run alone; workflow and integration tests share one set-up of real PostgreSQL and Temporal. */

// ESM-only packages (file-type and what it imports, @fastify/static's content-disposition, jose): Node's require() loads them, Jest's CommonJS runtime
// does not, so Jest compiles them to CommonJS on the way in.
const esmPackages = [
  'file-type',
  'strtok3',
  'token-types',
  'uint8array-extras',
  '@tokenizer/inflate',
  '@borewit/text-codec',
  'ms',
  'content-disposition',
  'jose',
];
const transform = {
  '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.json', diagnostics: false }],
  '^.+\\.js$': ['ts-jest', { tsconfig: { allowJs: true, module: 'commonjs', target: 'ES2022' }, diagnostics: false }],
};
// Judged at a path's innermost node_modules, so a nested copy (@fastify/static's content-disposition) counts too.
const transformIgnorePatterns = [`/node_modules/(?!.*/node_modules/)(?!(${esmPackages.join('|')})/)`];

module.exports = {
  // Workflow and integration tests wait on real servers; a hung test still fails, after two minutes.
  testTimeout: 120000,
  reporters: [
    'default',
    '<rootDir>/tests/support/route-coverage-reporter.js',
    '<rootDir>/tests/support/summary-reporter.js',
  ],
  projects: [
    {
      displayName: 'unit',
      testEnvironment: 'node',
      transform,
      transformIgnorePatterns,
      testMatch: ['<rootDir>/tests/unit/**/*.spec.ts'],
    },
    {
      displayName: 'stack',
      testEnvironment: 'node',
      transform,
      transformIgnorePatterns,
      testMatch: ['<rootDir>/tests/workflows/**/*.spec.ts', '<rootDir>/tests/integration/**/*.spec.ts'],
      globalSetup: '<rootDir>/tests/support/global-setup.ts',
      globalTeardown: '<rootDir>/tests/support/global-teardown.ts',
      setupFilesAfterEnv: ['<rootDir>/tests/support/own-database.ts'],
    },
    {
      // The 工作台 in Debian's chromium against the same servers; needs the built console (npm run build).
      displayName: 'browser',
      testEnvironment: 'node',
      transform,
      transformIgnorePatterns,
      testMatch: ['<rootDir>/tests/browser/**/*.spec.ts'],
      globalSetup: '<rootDir>/tests/support/global-setup.ts',
      globalTeardown: '<rootDir>/tests/support/global-teardown.ts',
      setupFilesAfterEnv: ['<rootDir>/tests/support/own-database.ts'],
    },
  ],
};
