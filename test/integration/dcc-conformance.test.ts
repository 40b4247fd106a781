/**
 * `gate-terminal dcc-conformance` over the EU DCC conformance data, through the built CLI: every case agrees (with the
 * reviewed exceptions listed), within the time budget; and the runner really fails on a disagreement, an unknown flag
 * and a stale exception.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { before, test } from 'node:test';
import { DGC_TESTDATA } from '../support/dcc.js';
import { CLI, ensureBuilt, ROOT, tempDir } from '../support/paths.js';

const EXCEPTIONS = join(ROOT, 'main', 'cli', 'dcc-conformance-exceptions.json');

function conformance(...args: string[]): { status: number | null; lines: string[]; seconds: number } {
  const started = process.hrtime.bigint();
  const run = spawnSync(process.execPath, [CLI, 'dcc-conformance', ...args], { encoding: 'utf8', timeout: 120_000 });
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  assert.equal(run.stderr, '');
  return { status: run.status, lines: run.stdout.trimEnd().split('\n'), seconds };
}

before(() => ensureBuilt());

test('all 423 conformance cases agree, in under 30 s, with every exception listed', () => {
  const { status, lines, seconds } = conformance(DGC_TESTDATA);
  assert.equal(lines.at(-1), '423 passed, 0 failed');
  assert.equal(status, 0);
  assert.ok(seconds < 30, `took ${seconds.toFixed(1)} s`);
  assert.deepEqual(lines.filter((l) => l.startsWith('FAIL')), []);
  const listed = (JSON.parse(readFileSync(EXCEPTIONS, 'utf8')) as { exceptions: { flag: string; cases: string[] }[] }).exceptions.flatMap((e) => e.cases.map((c) => `${c} ${e.flag}`));
  const applied = lines.filter((l) => l.startsWith('exception ')).map((l) => l.split(':')[0]!.slice('exception '.length));
  assert.deepEqual(applied.sort(), listed.sort());
});

test('a disagreement, an unknown flag and a stale exception each fail their case, with exit code 1', () => {
  const dir = tempDir('dcc-conf');
  mkdirSync(join(dir, 'AT'));
  copyFileSync(join(DGC_TESTDATA, 'AT', '1.json'), join(dir, 'AT', 'ok.json'));
  const flipped = JSON.parse(readFileSync(join(DGC_TESTDATA, 'AT', '1.json'), 'utf8')) as { EXPECTEDRESULTS: Record<string, unknown> };
  flipped.EXPECTEDRESULTS.EXPECTEDVERIFY = false;
  writeFileSync(join(dir, 'AT', 'flipped.json'), JSON.stringify(flipped));
  flipped.EXPECTEDRESULTS = { EXPECTEDTELEPATHY: true };
  writeFileSync(join(dir, 'AT', 'unknown.json'), JSON.stringify(flipped));
  writeFileSync(join(dir, 'AT', 'garbage.json'), '{');
  const none = join(dir, '..', 'none.json');
  writeFileSync(none, JSON.stringify({ exceptions: [] }));

  const plain = conformance('--exceptions', none, dir);
  assert.equal(plain.status, 1);
  assert.equal(plain.lines.at(-1), '1 passed, 3 failed');
  assert.ok(plain.lines.includes('FAIL AT/flipped.json EXPECTEDVERIFY: expected false, got true (signature verified)'), plain.lines.join('\n'));
  assert.ok(plain.lines.some((l) => l.startsWith('FAIL AT/unknown.json EXPECTEDTELEPATHY: expected true, not checkable')));
  assert.ok(plain.lines.some((l) => l.startsWith('FAIL AT/garbage.json: unreadable case file')));

  const excusing = join(dir, '..', 'excusing.json');
  writeFileSync(
    excusing,
    JSON.stringify({
      exceptions: [
        { flag: 'EXPECTEDVERIFY', cases: ['AT/flipped.json', 'AT/ok.json'], reason: 'testing the runner' },
        { flag: 'EXPECTEDTELEPATHY', cases: ['AT/unknown.json'], reason: 'not a real flag' },
      ],
    }),
  );
  const excused = conformance('--exceptions', excusing, dir);
  assert.equal(excused.lines.at(-1), '2 passed, 2 failed');
  assert.ok(excused.lines.some((l) => l.startsWith('exception AT/flipped.json EXPECTEDVERIFY: expected false, got true') && l.endsWith('— testing the runner')));
  assert.ok(excused.lines.some((l) => l.startsWith('FAIL AT/ok.json EXPECTEDVERIFY: stale exception')));
});

test('usage errors exit 2', () => {
  const run = spawnSync(process.execPath, [CLI, 'dcc-conformance'], { encoding: 'utf8' });
  assert.equal(run.status, 2);
  assert.match(run.stderr, /give exactly one folder/);
});
