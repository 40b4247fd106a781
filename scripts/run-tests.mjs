// Runs the test suites with vitest (vitest.config.ts). `node scripts/run-tests.mjs [unit|integration|e2e ...] [-- vitest args]`
// Unit and light integration files run two at a time; e2e, kill, chaos and package tests one at a time after them.
// The last line printed is `N passed, N failed` (test/setup/summary-reporter.ts).
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
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
const filters = suites.length === 0 || suites.length === all.length ? [] : suites.map((s) => `test/${s}/`);
const result = spawnSync(process.execPath, [vitest, 'run', ...filters, ...extra], {
  cwd: root,
  stdio: 'inherit',
  env: { ...process.env, GATE_TERMINAL_TEST: '1' },
});
process.exit(result.status ?? 1);
