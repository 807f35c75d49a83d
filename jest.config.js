/** @type {import('jest').Config} */
const transform = { '^.+\\.tsx?$': 'ts-jest' };

module.exports = {
  // Integration tests start processes and wait for Neo4j; unit tests finish far sooner.
  testTimeout: 120000,
  projects: [
    {
      displayName: 'unit',
      testEnvironment: 'node',
      transform,
      roots: ['<rootDir>/src', '<rootDir>/tests'],
      testMatch: ['**/*.test.ts'],
      testPathIgnorePatterns: ['\\.int\\.test\\.ts$'],
    },
    {
      // One real Neo4j for all integration tests, on free ports, stopped afterwards (or NEO4J_URI when set).
      displayName: 'integration',
      testEnvironment: 'node',
      transform,
      roots: ['<rootDir>/tests'],
      testMatch: ['**/*.int.test.ts'],
      globalSetup: '<rootDir>/tests/support/global-setup.ts',
      globalTeardown: '<rootDir>/tests/support/global-teardown.ts',
    },
  ],
};
