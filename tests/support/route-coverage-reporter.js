/* eslint-disable @typescript-eslint/no-require-imports -- Jest loads reporters as plain CommonJS, untransformed */
const { existsSync, mkdirSync, readFileSync, rmSync } = require('node:fs');
const { tmpdir } = require('node:os');
const { join } = require('node:path');

/**
 * After a whole run (no file or name filter), fails it unless every operation of the API answered some test
 * with success (a status under 400) at least once: a 401 from the hostile-input sweep does not count as
 * testing an endpoint. The operations come from the committed client schema (apps/console/src/api/schema.d.ts,
 * which openapi.spec.ts keeps equal to the API); the answers from route-coverage.ts.
 */
class RouteCoverageReporter {
  constructor(globalConfig) {
    this.globalConfig = globalConfig;
    this.error = undefined;
    process.env.TEST_ROUTE_LOG ??= join(tmpdir(), 'wuye-route-coverage', `${process.pid}.log`);
  }

  onRunStart() {
    mkdirSync(join(process.env.TEST_ROUTE_LOG, '..'), { recursive: true });
    rmSync(process.env.TEST_ROUTE_LOG, { force: true });
  }

  onRunComplete(_contexts, results) {
    const { testPathPatterns, testNamePattern } = this.globalConfig;
    const filtered = testPathPatterns?.isSet?.() || testNamePattern || results.numTotalTestSuites === 0;
    const ranServerTests = results.testResults.some((r) => r.testFilePath.includes('/tests/browser/'));
    if (filtered || !ranServerTests || process.env.TEST_STACK_FAILURE) return;
    const succeeded = new Set();
    if (existsSync(process.env.TEST_ROUTE_LOG)) {
      for (const line of readFileSync(process.env.TEST_ROUTE_LOG, 'utf8').split('\n')) {
        const [method, route, status] = line.split(' ');
        if (Number(status) < 400) succeeded.add(`${method} ${route.replace(/:(\w+)/g, '{$1}')}`);
      }
    }
    const operations = apiOperations(join(this.globalConfig.rootDir, 'apps/console/src/api/schema.d.ts'));
    const untested = operations.filter((operation) => !succeeded.has(operation));
    if (untested.length === 0) {
      process.stdout.write(`jest: each of the API's ${operations.length} operations answered a test with success\n`);
      return;
    }
    const message = `${untested.length} of the API's ${operations.length} operations never answered a test with success:\n  ${untested.join('\n  ')}`;
    process.stdout.write(`jest: ${message}\n`);
    // The summary reporter's closing line names this failure too.
    process.env.TEST_ROUTE_COVERAGE_FAILURE = String(untested.length);
    this.error = new Error(message);
  }

  getLastError() {
    return this.error;
  }
}

/** "GET /votes/{voteId}" for every operation of the generated client schema. */
function apiOperations(schemaFile) {
  const operations = [];
  let path;
  for (const line of readFileSync(schemaFile, 'utf8').split('\n')) {
    const pathLine = /^ {4}"(\/[^"]*)": \{$/.exec(line);
    if (pathLine) path = pathLine[1];
    const operationLine = /^ {8}(get|put|post|delete|patch): operations\[/.exec(line);
    if (path && operationLine) operations.push(`${operationLine[1].toUpperCase()} ${path}`);
    if (line === '}') path = undefined;
  }
  return operations;
}

module.exports = RouteCoverageReporter;
