/** Unit tests run alone; workflow and integration tests share one set-up of real PostgreSQL and Temporal. */
const transform = { '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.json', diagnostics: false }] };

module.exports = {
  // Workflow and integration tests wait on real servers; a hung test still fails, after two minutes.
  testTimeout: 120000,
  reporters: ['default', '<rootDir>/tests/support/summary-reporter.js'],
  projects: [
    {
      displayName: 'unit',
      testEnvironment: 'node',
      transform,
      testMatch: ['<rootDir>/tests/unit/**/*.spec.ts'],
    },
    {
      displayName: 'stack',
      testEnvironment: 'node',
      transform,
      testMatch: ['<rootDir>/tests/workflows/**/*.spec.ts', '<rootDir>/tests/integration/**/*.spec.ts'],
      globalSetup: '<rootDir>/tests/support/global-setup.ts',
      globalTeardown: '<rootDir>/tests/support/global-teardown.ts',
    },
  ],
};
