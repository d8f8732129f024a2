/** Tests run through the gateway against real PostgreSQL: tests/support/global-setup.ts starts it all. */
module.exports = {
  preset: 'ts-jest',
  testEnvironment: 'node',
  roots: ['<rootDir>/tests'],
  globalSetup: '<rootDir>/tests/support/global-setup.ts',
  globalTeardown: '<rootDir>/tests/support/global-teardown.ts',
  // One federation serves every file; files run one at a time so counted metrics are theirs alone.
  maxWorkers: 1,
  testTimeout: 120000,
};
