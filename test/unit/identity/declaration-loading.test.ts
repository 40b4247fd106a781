/**
 * Loading the declaration set from a file (`gate-terminal load-declarations`, run in-process here): JSON lines and
 * CSV, strict row validation with line numbers and all-or-nothing imports, ID numbers hashed with the terminal's key
 * and never stored, and a CCCD scan decided against what was loaded. Also `revoke-credentials`.
 */
import Database from 'better-sqlite3';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test, vi, type TestContext } from 'vitest';
import { decide, NO_PASSAGES, ReasonCode, trustStoreOf, DEFAULT_POLICY } from '../../../core/index.js';
import { commandLoadDeclarations, commandRevokeCredentials } from '../../../main/cli/load-declarations.js';
import { createNodeCryptoPort } from '../../../main/crypto/node-crypto-port.js';
import { DeclarationFileError, parseDeclarationFile, splitCsvLine } from '../../../main/storage/declaration-import.js';
import { DeclarationStore } from '../../../main/storage/declaration-store.js';
import { openDatabase } from '../../../main/storage/open-database.js';
import { writeTestConfig } from '../../support/host-process.js';
import { tempDir } from '../../support/paths.js';

const ID = '001099012345';
const CCCD = `${ID}|012345678|Nguyễn Văn An|15081999|Nam|Số 1 Phố Huế, Hà Nội|01052021`;
const NOW = Date.now();
const iso = (ms: number) => new Date(ms).toISOString();
const row = (over: Record<string, unknown> = {}) => JSON.stringify({ idNumber: ID, declaredAt: iso(NOW - 3_600_000), expiresAt: iso(NOW + 3_600_000), result: 'clear', ...over });

function problemsOf(file: string, text: string): readonly string[] {
  try {
    parseDeclarationFile(file, text);
  } catch (error) {
    assert.ok(error instanceof DeclarationFileError);
    return error.problems;
  }
  return assert.fail('the file was accepted');
}

/** A terminal's data dir with its config, and a way to run the CLI command quietly. */
function terminal(_t: TestContext) {
  const dataDir = tempDir('load');
  const config = writeTestConfig(dataDir);
  vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
  const stderr = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
  const write = (name: string, text: string) => {
    const path = join(dataDir, name);
    writeFileSync(path, text);
    return path;
  };
  const tables = () => {
    const db = new Database(join(dataDir, 'register.sqlite'), { readonly: true });
    try {
      return { declarations: db.prepare('SELECT * FROM declarations').all() as Record<string, unknown>[], revocations: db.prepare('SELECT * FROM revocations').all() as Record<string, unknown>[] };
    } finally {
      db.close();
    }
  };
  return { dataDir, config, write, tables, stderrText: () => stderr.mock.calls.map((c) => String(c[0])).join('') };
}

test('JSON lines and CSV give the same rows; times as ISO with a zone or epoch ms; quoted CSV fields', () => {
  const jsonl = parseDeclarationFile('a.jsonl', `${row()}\n\n${row({ idNumber: '012 345 678', result: 'isolate' })}\n`);
  assert.equal(jsonl.length, 2);
  assert.deepEqual(jsonl[1], { line: 3, idNumber: '012345678', declaredAt: NOW - 3_600_000, expiresAt: NOW + 3_600_000, result: 'isolate' });
  const csv = parseDeclarationFile(
    'a.csv',
    `idNumber,subjectRef,declaredAt,expiresAt,result\r\n${ID},,${iso(NOW - 3_600_000)},${NOW + 3_600_000},clear\r\n,"AABBCCDDEEFF0011",2021-10-01T08:00:00+07:00,2021-10-02T08:00:00+07:00,medical-check\r\n`,
  );
  assert.deepEqual(csv[0], { line: 2, idNumber: ID, declaredAt: NOW - 3_600_000, expiresAt: NOW + 3_600_000, result: 'clear' });
  assert.deepEqual(csv[1], { line: 3, subjectRef: 'aabbccddeeff0011', declaredAt: Date.parse('2021-10-01T01:00:00Z'), expiresAt: Date.parse('2021-10-02T01:00:00Z'), result: 'medical-check' });
  assert.deepEqual(splitCsvLine('a,"b,c","d ""e"""'), ['a', 'b,c', 'd "e"']);
  assert.equal(splitCsvLine('a,"b'), undefined);
});

test('bad rows are named by line and field; the ID number itself is never echoed', () => {
  const text = [row(), row({ idNumber: '0010990123' }), row({ result: 'ok' }), row({ expiresAt: iso(NOW - 7_200_000) }), '{oops', row({ subjectRef: 'abcd' }), row({ declaredAt: '2021-10-01 08:00' }), row({ extra: 1 })].join('\n');
  const problems = problemsOf('d.jsonl', text);
  assert.equal(problems.length, 7);
  assert.match(problems[0]!, /^line 2: idNumber: must be a CMND/);
  assert.match(problems[1]!, /^line 3: result/);
  assert.match(problems[2]!, /^line 4: expiresAt: must be after declaredAt/);
  assert.match(problems[3]!, /^line 5: not a JSON object/);
  assert.match(problems[4]!, /^line 6: give exactly one of idNumber and subjectRef/);
  assert.match(problems[5]!, /^line 7: declaredAt: must be an ISO 8601 time with a zone/);
  assert.match(problems[6]!, /^line 8: .*extra/);
  assert.ok(!problems.join('\n').includes('0010990123'));
  assert.match(problemsOf('d.csv', 'id,declaredAt,expiresAt,result\n1,2,3,clear')[0]!, /^line 1: the header/);
  assert.match(problemsOf('d.csv', `idNumber,declaredAt,expiresAt,result\n${ID},${NOW},${NOW + 1}`)[0]!, /^line 2: expected 4/);
  assert.match(problemsOf('d.csv', '\n\n')[0]!, /no declarations/);
});

test('load-declarations stores keyed references only, and the CCCD holder is then admitted', (t) => {
  const { dataDir, config, write, tables } = terminal(t);
  assert.equal(commandLoadDeclarations([write('d.jsonl', `${row()}\n${row({ idNumber: '079188000111', result: 'isolate' })}\n`), '--config', config], 'unused'), 0);
  const { declarations } = tables();
  assert.equal(declarations.length, 2);
  const stored = JSON.stringify(declarations);
  assert.ok(!stored.includes(ID) && !stored.includes('079188000111'), 'no ID number in the register');
  const key = Buffer.from(readFileSync(join(dataDir, 'subject-hmac.key'), 'utf8').trim(), 'base64');
  const crypto = createNodeCryptoPort(key);
  assert.deepEqual(declarations.map((d) => d.subject_ref).sort(), [crypto.identityRef(ID), crypto.identityRef('079188000111')].sort());
  assert.equal(declarations[0]!.source, 'import:d.jsonl');

  const db = openDatabase(join(dataDir, 'register.sqlite'));
  try {
    const store = new DeclarationStore(db);
    const context = { policy: DEFAULT_POLICY, trust: trustStoreOf([]), crypto, declarations: store, revocations: store, passages: NO_PASSAGES, direction: 'in' as const, timeZone: 'Asia/Ho_Chi_Minh', now: NOW, clockSynchronised: true };
    const scan = (payload: string) => decide({ source: 'wedge', payload, wallTime: NOW, monoTime: 0 }, context);
    assert.deepEqual([scan(CCCD).outcome, scan(CCCD).reasons[0]], ['admit', ReasonCode.DeclarationOnFile]);
    assert.equal(scan(CCCD.replace(ID, '079188000111')).reasons[0], ReasonCode.DeclarationMustIsolate);
    assert.equal(scan(CCCD.replace(ID, '079188000999')).reasons[0], ReasonCode.DeclarationNotFound);
  } finally {
    db.close();
  }
});

test('a file with one bad row imports nothing and exits 2 naming the line', (t) => {
  const { config, write, tables, stderrText } = terminal(t);
  assert.equal(commandLoadDeclarations([write('good.jsonl', row()), '--config', config], 'unused'), 0);
  const before = tables().declarations;
  const bad = write('bad.jsonl', [row({ idNumber: '079188000111' }), row({ idNumber: '079188000222' }), row({ result: 'maybe' })].join('\n'));
  assert.equal(commandLoadDeclarations([bad, '--config', config], 'unused'), 2);
  assert.match(stderrText(), /bad\.jsonl: nothing was imported:\n {2}line 3: result/);
  assert.deepEqual(tables().declarations, before, 'the good rows of the bad file were not stored either');
});

test('a newer declaration replaces an older one; an older one never replaces a newer one', (t) => {
  const { config, write, tables } = terminal(t);
  commandLoadDeclarations([write('new.jsonl', row({ result: 'isolate', declaredAt: iso(NOW - 60_000) })), '--config', config], 'unused');
  commandLoadDeclarations([write('old.jsonl', row({ result: 'clear', declaredAt: iso(NOW - 3_600_000) })), '--config', config], 'unused');
  assert.deepEqual(tables().declarations.map((d) => [d.result, d.source]), [['isolate', 'import:new.jsonl']]);
});

test('revoke-credentials adds ids (hex lower-cased) once; bad ids are a usage error', (t) => {
  const { config, tables } = terminal(t);
  assert.equal(commandRevokeCredentials(['--config', config, 'AABBCCDD00112233', 'aabbccdd00112233', '0011223344556677'], 'unused'), 0);
  assert.deepEqual(tables().revocations.map((r) => r.credential_id).sort(), ['0011223344556677', 'aabbccdd00112233']);
  assert.throws(() => commandRevokeCredentials(['--config', config, 'not an id'], 'unused'), /not a credential id/);
  assert.throws(() => commandLoadDeclarations(['--config', config], 'unused'), /exactly one FILE/);
});
