/**
 * Electronegativity (Doyensec's Electron security linter) over the Electron main source and the built dist/, failing on
 * any HIGH or MEDIUM finding. The tool exits 0 whatever it finds, so its CSV is parsed. A deliberately insecure canary
 * window is scanned in the same run and MUST be reported: proof the scan ran and parsed our code, not a silent pass.
 * Needs dist/ (npm test builds first).
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { test } from 'vitest';
import { ROOT, tempDir } from '../../support/paths.js';

const require = createRequire(import.meta.url);
const CLI = join(require.resolve('@doyensec/electronegativity/package.json'), '..', 'dist', 'index.js');
const ELECTRON_VERSION = (JSON.parse(readFileSync(require.resolve('electron/package.json'), 'utf8')) as { version: string }).version;
const CANARY = 'canary/insecure-window.js';

interface Finding {
  readonly issue: string;
  readonly severity: string;
  readonly file: string;
  readonly location: string;
}

/** The tool reads .js/.ts but not the bundles' .mjs/.cjs: copy them under a .js name; source maps are left out. */
function renameBundles(dir: string): void {
  for (const name of readdirSync(dir)) {
    const full = join(dir, name);
    if (statSync(full).isDirectory()) renameBundles(full);
    else if (name.endsWith('.map')) rmSync(full);
    else if (/\.(mjs|cjs)$/.test(name)) renameSync(full, full.replace(/\.(mjs|cjs)$/, '.js'));
  }
}

function parseCsv(text: string): Finding[] {
  const [header, ...rows] = text.trim().split('\n');
  assert.match(header ?? '', /^issue, severity, confidence, filename, location/, 'Electronegativity CSV header');
  return rows.map((row) => {
    const cells = row.split(',').map((c) => c.replace(/^"|"$/g, ''));
    return { issue: cells[0]!, severity: cells[1]!, file: cells[3]!, location: cells[4]! };
  });
}

test('Electronegativity finds no HIGH or MEDIUM issue in main/ and dist/ (and does flag an insecure canary)', { timeout: 180_000 }, () => {
  assert.ok(existsSync(join(ROOT, 'dist', 'electron-main.mjs')), 'dist/ is built (npm run build)');
  const scan = tempDir('electronegativity');
  cpSync(join(ROOT, 'main'), join(scan, 'main'), { recursive: true });
  cpSync(join(ROOT, 'dist'), join(scan, 'dist'), { recursive: true });
  renameBundles(join(scan, 'dist'));
  cpSync(join(ROOT, 'test', 'fixtures', 'electronegativity-canary.js.txt'), join(scan, CANARY));
  const csv = join(scan, 'findings.csv');
  writeFileSync(csv, '');
  const run = spawnSync(process.execPath, [CLI, '-i', scan, '-o', csv, '-r', '-v', 'false', '-e', ELECTRON_VERSION], { encoding: 'utf8', timeout: 170_000 });
  assert.equal(run.status, 0, `electronegativity exited ${run.status}: ${run.stderr}`);
  const findings = parseCsv(readFileSync(csv, 'utf8'));
  console.log(`${findings.length} findings, Electron ${ELECTRON_VERSION}: ${findings.map((f) => `${f.severity} ${f.issue} ${f.file}`).join('; ')}`);

  const canary = findings.filter((f) => f.file === CANARY).map((f) => f.issue);
  for (const issue of ['CONTEXT_ISOLATION_JS_CHECK', 'SANDBOX_JS_CHECK', 'HTTP_RESOURCES_JS_CHECK']) assert.ok(canary.includes(issue), `canary flagged ${issue}`);
  const serious = findings.filter((f) => f.file !== CANARY && (f.severity === 'HIGH' || f.severity === 'MEDIUM'));
  assert.deepEqual(serious.map((f) => `${f.severity} ${f.issue} ${f.file}:${f.location}`), []);
  rmSync(scan, { recursive: true, force: true });
});
