// Runs the test suites with vitest (vitest.config.ts). `node scripts/run-tests.mjs [unit|integration|e2e ...] [-- vitest args]`
// With no arguments (`npm test`) the two projects run at the same time, in two vitest processes:
//   - "parallel": unit and integration files, two at a time (CPU-bound);
//   - "serial": one file at a time, browsers first, then kill, chaos and package tests (test/setup/serial-sequencer.ts).
// Why two processes: vitest gives all projects of one `sequence.groupOrder` one worker pool with one maxWorkers, so
// inside one process the serial files could only run after the parallel ones, or several at a time. The browser
// tests mostly wait (on pages, processes, timers) and hold under load (they pass beside stress-ng), so overlapping
// them with the CPU-bound files fills the idle core instead of adding their time to the end of the run.
// The serial process's output is held back until the parallel one ends, so the logs never interleave; each process
// prints its own `N passed, N failed`, and the last line printed is their sum. Before it, the failed tests both groups
// named (test/setup/summary-reporter.ts) are listed again, so the tail of a CI log says what failed.
// With a suite or vitest arguments, one vitest process runs what was asked (the config's groupOrder applies).
import { spawn, spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const all = ['unit', 'integration', 'e2e'];
const dash = process.argv.indexOf('--');
const suites = process.argv.slice(2, dash < 0 ? undefined : dash);
const extra = dash < 0 ? [] : process.argv.slice(dash + 1);
for (const s of suites) {
  if (!all.includes(s)) {
    console.error(`unknown suite "${s}" (expected ${all.join(', ')})`);
    process.exit(2);
  }
}
const vitest = join(root, 'node_modules', 'vitest', 'vitest.mjs');
const env = { ...process.env, GATE_TERMINAL_TEST: '1' };
const whole = (suites.length === 0 || suites.length === all.length) && extra.length === 0;
// Another config (test/unit/support/run-tests.test.ts runs this script on a small one of its own).
const configFile = process.env.GATE_VITEST_CONFIG;
const config = configFile ? ['--config', configFile, '--root', dirname(configFile)] : [];

if (!whole) {
  const filters = suites.length === 0 || suites.length === all.length ? [] : suites.map((s) => `test/${s}/`);
  const result = spawnSync(process.execPath, [vitest, 'run', ...config, ...filters, ...extra], { cwd: root, stdio: 'inherit', env });
  process.exit(result.status ?? 1);
}

const SUMMARY = /^(\d+) passed, (\d+) failed$/;
const FAILED_HEADER = /^failed \(\d+\):$/; // as test/setup/summary-reporter.ts prints it
// eslint-disable-next-line no-control-regex -- strips the colour escapes vitest may print
const plain = (line) => line.replace(/\u001b\[[0-9;]*m/g, '').trim();

/** Starts `vitest run --project <name>`; its output goes to `sink` (which may hold it back); resolves with the summary. */
function runProject(name, sink) {
  const child = spawn(process.execPath, [vitest, 'run', ...config, '--project', name], { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let summary;
  let partial = '';
  let failedList; // the lines after the reporter's "failed (N):" header, until its summary line
  const failedTests = [];
  child.stdout.on('data', (chunk) => {
    sink.out(chunk);
    const lines = (partial + chunk.toString('utf8')).split('\n');
    partial = lines.pop() ?? '';
    for (const line of lines) {
      const text = plain(line);
      const m = SUMMARY.exec(text);
      if (m) {
        summary = { passed: Number(m[1]), failed: Number(m[2]) };
        failedList = undefined;
      } else if (FAILED_HEADER.test(text)) failedList = failedTests;
      else if (failedList && text) failedList.push(text);
    }
  });
  child.stderr.on('data', (chunk) => sink.err(chunk));
  const done = new Promise((resolve) => child.on('close', (code, signal) => resolve({ name, code, signal, summary, failedTests })));
  return { child, done };
}

const live = { out: (c) => process.stdout.write(c), err: (c) => process.stderr.write(c) };
/** Holds output back until release(), then writes it and everything after it straight through. */
function heldBack() {
  const held = [];
  let open = false;
  const put = (stream) => (c) => (open ? stream.write(c) : held.push([stream, c]));
  return {
    out: put(process.stdout),
    err: put(process.stderr),
    release() {
      open = true;
      for (const [stream, c] of held.splice(0)) stream.write(c);
    },
  };
}

const serialSink = heldBack();
const runs = [runProject('parallel', live), runProject('serial', serialSink)];
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => runs.forEach((r) => r.child.kill(signal)));
const first = await runs[0].done;
process.stdout.write(`\n── parallel group ended; the serial group's output follows ──\n\n`);
serialSink.release();
const second = await runs[1].done;

const named = [first, second].flatMap((run) => run.failedTests.map((t) => `  [${run.name}] ${t}`));
if (named.length > 0) process.stdout.write(`\nfailed tests, both groups (${named.length}):\n${named.join('\n')}\n`);
let passed = 0;
let failed = 0;
for (const run of [first, second]) {
  if (run.summary) {
    passed += run.summary.passed;
    failed += run.summary.failed;
  }
  // A run that printed no summary or failed with no failed test (crashed, killed, found no files, refused its config)
  // counts as one failure, named here.
  if (!run.summary || (run.code !== 0 && run.summary.failed === 0)) {
    failed += 1;
    process.stdout.write(`the ${run.name} group's vitest ended with ${run.signal ?? `exit code ${run.code}`}\n`);
  }
}
process.stdout.write(`${passed} passed, ${failed} failed\n`);
process.exit(first.code === 0 && second.code === 0 ? 0 : 1);
