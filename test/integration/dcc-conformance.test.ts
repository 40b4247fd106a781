/**
 * `gate-terminal dcc-conformance` over the EU DCC conformance data, through the built CLI: every case agrees (with the
 * reviewed exceptions listed), within the time budget; the runner really fails on a disagreement and a stale
 * exception, and counts an unknown flag or a flag whose input the case lacks as not applicable.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, test } from 'vitest';
import { DGC_TESTDATA } from '../support/dcc.js';
import { CLI, ensureBuilt, ROOT, tempDir } from '../support/paths.js';
import { caseFiles } from '../../main/cli/dcc-conformance.js';

const EXCEPTIONS = join(ROOT, 'main', 'cli', 'dcc-conformance-exceptions.json');

function conformance(...args: string[]): { status: number | null; lines: string[] } {
  const run = spawnSync(process.execPath, [CLI, 'dcc-conformance', ...args], { encoding: 'utf8', timeout: 300_000 });
  assert.equal(run.stderr, '');
  return { status: run.status, lines: run.stdout.trimEnd().split('\n') };
}

beforeAll(() => ensureBuilt());

test('every flag of the 423 conformance cases agrees or is not applicable, with every exception listed', () => {
  const { status, lines } = conformance(DGC_TESTDATA);
  // Every flag of every case, from the files themselves: all agree but BG's four misspelt EXPTECTEDEXPIRED.
  const files = caseFiles(DGC_TESTDATA);
  assert.equal(files.length, 423);
  const flags = files.flatMap((f) => Object.keys((JSON.parse(readFileSync(join(DGC_TESTDATA, f), 'utf8')) as { EXPECTEDRESULTS?: object }).EXPECTEDRESULTS ?? {}));
  const unknown = flags.filter((f) => f === 'EXPTECTEDEXPIRED').length;
  assert.equal(unknown, 4);
  // common/B1 sets EXPECTEDPICTUREDECODE but holds no image: not applicable, as upstream's runners treat it.
  assert.deepEqual(lines.filter((l) => l.startsWith('n/a ')), ['n/a common/B1.json EXPECTEDPICTUREDECODE: the case has no 2DCODE / PREFIX']);
  assert.equal(lines.at(-1), `${flags.length - unknown - 1} passed, 0 failed, ${unknown + 1} not applicable`);
  assert.ok(lines.includes('unknown flag EXPTECTEDEXPIRED in 4 case(s): not defined by the upstream README, not applicable'));
  assert.equal(status, 0);
  assert.deepEqual(lines.filter((l) => l.startsWith('FAIL')), []);
  const listed = (JSON.parse(readFileSync(EXCEPTIONS, 'utf8')) as { exceptions: { flag: string; cases: string[] }[] }).exceptions.flatMap((e) => e.cases.map((c) => `${c} ${e.flag}`));
  const applied = lines.filter((l) => l.startsWith('exception ')).map((l) => l.split(':')[0]!.slice('exception '.length));
  assert.deepEqual(applied.sort(), listed.sort());
});

test('a disagreement, an unreadable case and stale exceptions fail; an unknown flag and a missing input are not applicable', () => {
  const dir = tempDir('dcc-conf');
  mkdirSync(join(dir, 'AT'));
  copyFileSync(join(DGC_TESTDATA, 'AT', '1.json'), join(dir, 'AT', 'ok.json'));
  const flipped = JSON.parse(readFileSync(join(DGC_TESTDATA, 'AT', '1.json'), 'utf8')) as { EXPECTEDRESULTS: Record<string, unknown> };
  flipped.EXPECTEDRESULTS.EXPECTEDVERIFY = false;
  writeFileSync(join(dir, 'AT', 'flipped.json'), JSON.stringify(flipped));
  flipped.EXPECTEDRESULTS = { EXPECTEDTELEPATHY: true };
  writeFileSync(join(dir, 'AT', 'unknown.json'), JSON.stringify(flipped));
  // No 2DCODE in the case: the picture flag cannot be checked, whatever it says.
  const noImage = JSON.parse(readFileSync(join(DGC_TESTDATA, 'AT', '1.json'), 'utf8')) as Record<string, unknown> & { EXPECTEDRESULTS: Record<string, unknown> };
  delete noImage['2DCODE'];
  noImage.EXPECTEDRESULTS = { EXPECTEDPICTUREDECODE: true, EXPECTEDVERIFY: true };
  writeFileSync(join(dir, 'AT', 'no-image.json'), JSON.stringify(noImage));
  writeFileSync(join(dir, 'AT', 'garbage.json'), '{');
  const none = join(dir, '..', 'none.json');
  writeFileSync(none, JSON.stringify({ exceptions: [] }));

  const plain = conformance('--exceptions', none, dir);
  assert.equal(plain.status, 1);
  const okFlags = Object.keys((JSON.parse(readFileSync(join(DGC_TESTDATA, 'AT', '1.json'), 'utf8')) as { EXPECTEDRESULTS: object }).EXPECTEDRESULTS).length;
  // ok.json: every flag passes; flipped.json: all but EXPECTEDVERIFY; no-image.json: EXPECTEDVERIFY passes.
  assert.equal(plain.lines.at(-1), `${okFlags + (okFlags - 1) + 1} passed, 2 failed, 2 not applicable`);
  assert.ok(plain.lines.includes('FAIL AT/flipped.json EXPECTEDVERIFY: expected false, got true (signature verified)'), plain.lines.join('\n'));
  assert.ok(plain.lines.includes('unknown flag EXPECTEDTELEPATHY in 1 case(s): not defined by the upstream README, not applicable'), plain.lines.join('\n'));
  assert.deepEqual(plain.lines.filter((l) => l.includes('no-image.json')), ['n/a AT/no-image.json EXPECTEDPICTUREDECODE: the case has no 2DCODE / PREFIX'], 'a flag without its input is not a failure');
  assert.ok(plain.lines.some((l) => l.startsWith('FAIL AT/garbage.json: unreadable case file')));

  const excusing = join(dir, '..', 'excusing.json');
  writeFileSync(
    excusing,
    JSON.stringify({
      exceptions: [
        { flag: 'EXPECTEDVERIFY', cases: ['AT/flipped.json', 'AT/ok.json'], reason: 'testing the runner', upstream: 'none: a test' },
        { flag: 'EXPECTEDTELEPATHY', cases: ['AT/unknown.json'], reason: 'not a real flag', upstream: 'none: a test' },
      ],
    }),
  );
  const excused = conformance('--exceptions', excusing, dir);
  // flipped's EXPECTEDVERIFY is excused (passed); ok's is a stale exception, and so is the one for an unknown flag.
  assert.equal(excused.lines.at(-1), `${okFlags - 1 + okFlags + 1} passed, 3 failed, 1 not applicable`);
  assert.ok(excused.lines.some((l) => l.startsWith('FAIL AT/unknown.json EXPECTEDTELEPATHY: stale exception, the flag is not applicable')));
  assert.ok(excused.lines.some((l) => l.startsWith('exception AT/flipped.json EXPECTEDVERIFY: expected false, got true') && l.endsWith('— testing the runner')));
  assert.ok(excused.lines.some((l) => l.startsWith('FAIL AT/ok.json EXPECTEDVERIFY: stale exception')));
});

test('usage errors exit 2', () => {
  const run = spawnSync(process.execPath, [CLI, 'dcc-conformance'], { encoding: 'utf8' });
  assert.equal(run.status, 2);
  assert.match(run.stderr, /give exactly one folder/);
});
