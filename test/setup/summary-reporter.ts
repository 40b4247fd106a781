/**
 * vitest reporter: prints the plain summary line `N passed, N failed` as the run's last line (after the default
 * reporter's summary). A file that fails to load and an error outside any test count as failures; skipped tests are
 * named on the lines before it, so a skip is never silent, and so are failed ones, each with the start of its
 * error — a CI log is often kept only by its tail, and the tail must say what failed (scripts/run-tests.mjs repeats
 * these lists at the end of `npm test`).
 */
import type { Reporter, SerializedError, TestModule } from 'vitest/node';

/** The start of the first error: its first three non-empty lines (an assertion's first line is often only a title). */
const errorStart = (errors: ReadonlyArray<{ message?: string }> | undefined): string =>
  (errors?.[0]?.message ?? '')
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean)
    .slice(0, 3)
    .join(' | ')
    .slice(0, 300);

export default class SummaryReporter implements Reporter {
  onTestRunEnd(testModules: ReadonlyArray<TestModule>, unhandledErrors: ReadonlyArray<SerializedError>): void {
    let passed = 0;
    const skipped: string[] = [];
    const failed: string[] = unhandledErrors.map((e) => `(outside any test) — ${errorStart([e])}`);
    for (const module of testModules) {
      const file = module.moduleId.replace(`${process.cwd()}/`, '');
      const before = failed.length;
      const tests = [...module.children.allTests()];
      if (module.errors().length > 0) failed.push(`${file} (the file) — ${errorStart(module.errors())}`);
      // A hook that threw (a beforeAll in a describe) fails its suite and leaves its tests skipped, not failed.
      for (const suite of module.children.allSuites()) {
        if (suite.state() === 'failed' && suite.errors().length > 0) failed.push(`${file} › ${suite.fullName} (a hook or the suite) — ${errorStart(suite.errors())}`);
      }
      for (const test of tests) {
        const result = test.result();
        if (result.state === 'passed') passed++;
        else if (result.state === 'failed') failed.push(`${file} › ${test.fullName} — ${errorStart(result.errors)}`);
        else skipped.push(`${file} › ${test.fullName}`);
      }
      // Whatever else failed the file (vitest marks it failed) is still one failure.
      if (module.state() === 'failed' && failed.length === before) failed.push(`${file} (the file) — failed, with no test or suite error`);
    }
    const list = (title: string, items: string[]): string => `${title} (${items.length}):\n${items.map((s) => `  ${s}`).join('\n')}\n`;
    if (skipped.length > 0) process.stdout.write(list('skipped', skipped));
    // scripts/run-tests.mjs finds this list by its header, `failed (N):`.
    if (failed.length > 0) process.stdout.write(list('failed', failed));
    process.stdout.write(`${passed} passed, ${failed.length} failed\n`);
  }
}
