// Runs the test suites with Node's test runner (TypeScript through tsx). `node scripts/run-tests.mjs [unit|integration|e2e ...]`
// Files run one at a time: e2e and kill tests start processes and a browser, and the machine has two cores.
import { spawnSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const all = ['unit', 'integration', 'e2e'];
const suites = process.argv.length > 2 ? process.argv.slice(2) : all;
for (const s of suites) {
  if (!all.includes(s)) {
    console.error(`unknown suite "${s}" (expected ${all.join(', ')})`);
    process.exit(2);
  }
}

function collect(dir) {
  let out = [];
  let names;
  try {
    names = readdirSync(dir);
  } catch {
    return out;
  }
  for (const name of names.sort()) {
    const full = join(dir, name);
    if (statSync(full).isDirectory()) out = out.concat(collect(full));
    else if (name.endsWith('.test.ts')) out.push(relative(root, full));
  }
  return out;
}

const files = suites.flatMap((s) => collect(join(root, 'test', s)));
if (files.length === 0) {
  console.error('no test files found');
  process.exit(1);
}
const result = spawnSync(
  process.execPath,
  ['--import', 'tsx', '--test', '--test-reporter=spec', '--test-concurrency=1', '--test-timeout=600000', ...files],
  { cwd: root, stdio: 'inherit', env: { ...process.env, GATE_TERMINAL_TEST: '1' } },
);
process.exit(result.status ?? 1);
