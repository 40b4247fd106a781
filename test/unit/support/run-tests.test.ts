/**
 * `npm test`'s runner (scripts/run-tests.mjs): the "parallel" and "serial" projects run at the same time in two vitest
 * processes, the serial one's output after the parallel one's, and the last line is the sum of both — failures in
 * either count. Run here as it ships, on a small config of two projects in a temporary folder.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'vitest';
import { serialRank } from '../../setup/serial-sequencer.js';
import { ROOT, tempDir } from '../../support/paths.js';

test('the serial project runs browser tests first and package builds last', () => {
  const order = [
    '/r/test/integration/package-arm64.test.ts',
    '/r/test/integration/hub/replica-chaos.test.ts',
    '/r/test/integration/some-new-slow.test.ts',
    '/r/test/integration/serial-stall.test.ts',
    '/r/test/unit/electron/electron-watchdog.test.ts',
    '/r/test/e2e/guard-screen.test.ts',
  ].sort((a, b) => serialRank(a) - serialRank(b));
  assert.deepEqual(order.map((p) => p.split('/').at(-1)), [
    'guard-screen.test.ts',
    'serial-stall.test.ts',
    'electron-watchdog.test.ts',
    'replica-chaos.test.ts',
    'some-new-slow.test.ts',
    'package-arm64.test.ts',
  ]);
});

/** serialFails: a test of the serial project throws ('test'), or the beforeAll of its describe does ('hook'). */
function fixture(serialFails: false | 'test' | 'hook'): string {
  const dir = tempDir('run-tests');
  const reporter = join(ROOT, 'test', 'setup', 'summary-reporter.ts');
  writeFileSync(join(dir, 'p1.test.mjs'), "test('p1', () => { console.log('P1-RAN'); });\ntest('p2', () => {});\n");
  writeFileSync(join(dir, 'p2.test.mjs'), "test('p3', () => {});\n");
  writeFileSync(
    join(dir, 's1.test.mjs'),
    serialFails === 'hook'
      ? "describe('d', () => { beforeAll(() => { throw new Error('hook broke'); }); test('s1', () => {}); });\n"
      : `test('s1', () => { console.log('S1-RAN'); ${serialFails === 'test' ? "throw new Error('s1 broke');" : ''} });\n`,
  );
  // Two more serial files: the package test is the larger one (vitest's own order, without a cache, runs the largest
  // first); the sequencer must put the browser test before it.
  mkdirSync(join(dir, 'test', 'e2e'), { recursive: true });
  mkdirSync(join(dir, 'test', 'integration'), { recursive: true });
  writeFileSync(join(dir, 'test', 'e2e', 's2.test.mjs'), "test('s2', () => { console.log('E2E-RAN'); });\n");
  writeFileSync(join(dir, 'test', 'integration', 'package-s3.test.mjs'), `test('s3', () => { console.log('PACKAGE-RAN'); });\n${'// padding\n'.repeat(200)}`);
  const sequencer = join(ROOT, 'test', 'setup', 'serial-sequencer.ts');
  writeFileSync(
    join(dir, 'vitest.config.mjs'),
    `import SerialSequencer from ${JSON.stringify(sequencer)};
    export default { test: { globals: true, reporters: ['default', ${JSON.stringify(reporter)}], sequence: { sequencer: SerialSequencer }, projects: [
      { test: { globals: true, name: 'parallel', include: ['p*.test.mjs'], maxWorkers: 2, sequence: { groupOrder: 0 } } },
      { test: { globals: true, name: 'serial', include: ['s*.test.mjs', 'test/**/*.test.mjs'], maxWorkers: 1, sequence: { groupOrder: 1 } } },
    ] } };\n`,
  );
  return join(dir, 'vitest.config.mjs');
}

function run(config: string): { status: number | null; lines: string[] } {
  const result = spawnSync(process.execPath, [join(ROOT, 'scripts', 'run-tests.mjs')], {
    cwd: ROOT,
    encoding: 'utf8',
    env: { ...process.env, GATE_VITEST_CONFIG: config, NO_COLOR: '1' },
  });
  return { status: result.status, lines: result.stdout.trim().split('\n').map((l) => l.trim()) };
}

test('both projects run; the last line is their sum; the serial output follows the parallel output', () => {
  const { status, lines } = run(fixture(false));
  assert.equal(status, 0, lines.join('\n'));
  assert.equal(lines.at(-1), '6 passed, 0 failed');
  const marker = lines.findIndex((l) => l.includes('parallel group ended'));
  assert.ok(marker > lines.indexOf('P1-RAN') && lines.indexOf('P1-RAN') >= 0, 'parallel output comes first');
  assert.ok(lines.indexOf('S1-RAN') > marker, 'serial output after the marker');
  assert.ok(lines.includes('3 passed, 0 failed') && lines.includes('3 passed, 0 failed'), 'each process printed its own line');
  assert.ok(lines.indexOf('E2E-RAN') < lines.indexOf('PACKAGE-RAN'), 'the browser test ran before the package test');
});

test('a failure in the serial project fails the run and is counted in the last line', () => {
  const { status, lines } = run(fixture('test'));
  assert.equal(status, 1);
  assert.equal(lines.at(-1), '5 passed, 1 failed');
  // The tail names what failed, with its error, though the serial group's own list is far above it in a long log.
  assert.equal(lines.at(-3), 'failed tests, both groups (1):');
  assert.match(lines.at(-2) ?? '', /^\[serial\] \S*s1\.test\.mjs › s1 — s1 broke$/);
});

test('a hook that throws counts as a failure, named, though its tests are only skipped', () => {
  const { status, lines } = run(fixture('hook'));
  assert.equal(status, 1);
  assert.equal(lines.at(-1), '5 passed, 1 failed');
  assert.match(lines.at(-2) ?? '', /^\[serial\] \S*s1\.test\.mjs › d \(a hook or the suite\) — hook broke$/);
  assert.ok(lines.some((l) => /s1\.test\.mjs › d > s1$/.test(l)), `the skipped test is named: ${lines.slice(-8).join(' / ')}`);
});

test('a project whose vitest cannot start counts as a failure, named', () => {
  const config = fixture(false);
  writeFileSync(config, 'export default { test: { projects: [{ test: { name: "parallel", include: ["p*.test.mjs"] } }] } };\n');
  const { status, lines } = run(config);
  assert.equal(status, 1);
  assert.match(lines.join('\n'), /the serial group's vitest ended with exit code [1-9]/);
  assert.match(lines.at(-1) ?? '', /^\d+ passed, [1-9]\d* failed$/);
});
