/**
 * Prints one plain closing line that any CI can read: "jest: N passed, N failed, N skipped". A test file that
 * failed to load or run (a throw at import, a failing hook outside any test) counts as one failure, and is named
 * on a line of its own; so does a failed set-up of the test servers (see global-setup.ts), which lets the run go
 * on without them so that the unit tests still run, while every test that needs them fails. API operations that
 * no test answered with success (route-coverage-reporter.js) fail the run too, and the line says how many.
 */
class SummaryReporter {
  constructor(globalConfig) {
    this.rootDir = globalConfig.rootDir;
  }

  onRunComplete(_contexts, results) {
    const relative = (path) => (path.startsWith(`${this.rootDir}/`) ? path.slice(this.rootDir.length + 1) : path);
    const unloaded = results.testResults.filter((r) => r.testExecError).map((r) => relative(r.testFilePath));
    const lines = [];
    const setupFailure = process.env.TEST_STACK_FAILURE;
    if (setupFailure) lines.push(`jest: the test servers did not start: ${setupFailure.split('\n')[0]}`);
    if (unloaded.length) lines.push(`jest: ${unloaded.length} test file(s) failed to run: ${unloaded.join(', ')}`);
    const failed = results.numFailedTests + unloaded.length;
    const untested = process.env.TEST_ROUTE_COVERAGE_FAILURE;
    const coverage = untested ? `; ${untested} API operation(s) untested, so the run fails` : '';
    lines.push(
      `jest: ${results.numPassedTests} passed, ${failed} failed, ${results.numPendingTests} skipped${coverage}`,
    );
    process.stdout.write(`\n${lines.join('\n')}\n`);
  }
}
module.exports = SummaryReporter;
