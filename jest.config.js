/**
 * Two projects, one `npm test`:
 * - unit: the pure parts (access rules, region codes, the demo plan, configuration), no processes, in parallel workers;
 * - federation: everything that talks to processes, against one federation that tests/support/global-setup.ts
 *   starts (real PostgreSQL), its files one at a time (tests/support/serial-runner.js).
 */
const shared = {
  testEnvironment: 'node',
  transform: {
    '^.+\\.ts$': 'ts-jest',
    // jose is ES modules only; the tests mint tokens in-process with it, so it is compiled for Jest.
    '/node_modules/jose/.+\\.js$': ['ts-jest', { tsconfig: { allowJs: true }, diagnostics: false }],
  },
  transformIgnorePatterns: ['/node_modules/(?!jose/)'],
};

module.exports = {
  testTimeout: 120000,
  projects: [
    {
      ...shared,
      displayName: 'unit',
      roots: ['<rootDir>/tests/unit'],
      // Compiled file by file, without type-checking (npx tsc -p tsconfig.json --noEmit checks tests/ too): milliseconds.
      transform: { ...shared.transform, '^.+\\.ts$': ['ts-jest', { tsconfig: { isolatedModules: true } }] },
    },
    {
      ...shared,
      displayName: 'federation',
      roots: ['<rootDir>/tests'],
      testPathIgnorePatterns: ['/node_modules/', '<rootDir>/tests/unit/'],
      runner: '<rootDir>/tests/support/serial-runner.js',
      globalSetup: '<rootDir>/tests/support/global-setup.ts',
      globalTeardown: '<rootDir>/tests/support/global-teardown.ts',
    },
  ],
};
