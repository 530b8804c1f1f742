/**
 * Jest's global setup: the processes the tests start (ApiProcess,
 * MatcherWorkerProcess) run the compiled server as `npm start` does, and the
 * browser tests need the console, so both are built first when stale.
 */
const { ensureBuilt } = require('../../scripts/ensure-built');

module.exports = async function globalSetup() {
  ensureBuilt(['server', 'web']);
};
