/** Tests run through the gateway against real PostgreSQL: tests/support/global-setup.ts starts it all. */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/tests'],
  transform: {
    '^.+\\.ts$': 'ts-jest',
    // jose is ES modules only; the tests mint tokens in-process with it, so it is compiled for Jest.
    '/node_modules/jose/.+\\.js$': ['ts-jest', { tsconfig: { allowJs: true }, diagnostics: false }],
  },
  transformIgnorePatterns: ['/node_modules/(?!jose/)'],
  globalSetup: '<rootDir>/tests/support/global-setup.ts',
  globalTeardown: '<rootDir>/tests/support/global-teardown.ts',
  // One federation serves every file; files run one at a time so counted metrics are theirs alone.
  maxWorkers: 1,
  testTimeout: 120000,
};
