/**
 * vitest reporter: prints the plain summary line `N passed, N failed` as the run's last line (after the default
 * reporter's summary). A file that fails to load and an error outside any test count as failures; skipped tests are
 * named on the line before it, so a skip is never silent.
 */
import type { Reporter, SerializedError, TestModule } from 'vitest/node';

export default class SummaryReporter implements Reporter {
  onTestRunEnd(testModules: ReadonlyArray<TestModule>, unhandledErrors: ReadonlyArray<SerializedError>): void {
    let passed = 0;
    let failed = unhandledErrors.length;
    const skipped: string[] = [];
    for (const module of testModules) {
      const tests = [...module.children.allTests()];
      if (tests.length === 0 || module.errors().length > 0) failed += module.state() === 'failed' || module.errors().length > 0 ? 1 : 0;
      for (const test of tests) {
        const state = test.result().state;
        if (state === 'passed') passed++;
        else if (state === 'failed') failed++;
        else skipped.push(`${module.moduleId.replace(`${process.cwd()}/`, '')} › ${test.fullName}`);
      }
    }
    if (skipped.length > 0) process.stdout.write(`skipped (${skipped.length}):\n${skipped.map((s) => `  ${s}`).join('\n')}\n`);
    process.stdout.write(`${passed} passed, ${failed} failed\n`);
  }
}
