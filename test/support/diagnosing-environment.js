/**
 * Jest's node environment, plus one thing: when a test fails, the reporters a
 * spec registered on `globalThis.__sleutelOnTestFailure` are awaited before
 * the suite's afterAll hooks run, so they can still look at what the failed
 * test left behind (the browser harness prints what each page showed and
 * which requests were still unanswered). A failure that happens once in a
 * loaded CI run then says why, instead of only "timed out".
 */
const { TestEnvironment } = require('jest-environment-node');

class DiagnosingEnvironment extends TestEnvironment {
  async handleTestEvent(event) {
    if (event.name === 'test_start') this.testStartedAt = Date.now();
    if (event.name !== 'test_fn_failure') return;
    const reporters = this.global.__sleutelOnTestFailure;
    if (!reporters || reporters.size === 0) return;
    const name = [...ancestry(event.test)].join(' › ');
    for (const report of reporters) {
      try {
        await report(name, this.testStartedAt ?? 0);
      } catch (error) {
        process.stderr.write(`failure report for "${name}" failed itself: ${error && error.stack ? error.stack : error}\n`);
      }
    }
  }
}

function* ancestry(test) {
  const names = [];
  for (let block = test; block && block.name !== 'ROOT_DESCRIBE_BLOCK'; block = block.parent) names.unshift(block.name);
  yield* names;
}

module.exports = DiagnosingEnvironment;
