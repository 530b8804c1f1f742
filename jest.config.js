/** One Jest run for the whole monorepo: unit specs beside the code, integration
 * specs against real SQLite files and Redis, end-to-end specs under test/. */
const { pathsToModuleNameMapper } = require('ts-jest');
const { compilerOptions } = require('./tsconfig.json');

module.exports = {
  // Node's environment; on a failure it lets the browser harness say what the page showed.
  testEnvironment: '<rootDir>/test/support/diagnosing-environment.js',
  rootDir: '.',
  roots: ['<rootDir>/apps', '<rootDir>/libs', '<rootDir>/config', '<rootDir>/test'],
  testRegex: '.*\\.(spec|int-spec|e2e-spec)\\.ts$',
  transform: { '^.+\\.ts$': ['ts-jest', {}] },
  moduleFileExtensions: ['ts', 'js', 'json'],
  moduleNameMapper: pathsToModuleNameMapper(compilerOptions.paths, { prefix: '<rootDir>/' }),
  testTimeout: 30000,
  maxWorkers: 2,
  globalSetup: '<rootDir>/test/support/global-setup.js',
};
