/**
 * Finding the enrolment token in what a person hands the terminal, the USB mount patterns, and the classification
 * of register write failures (the alarm and the refusal code the guard sees).
 */
import assert from 'node:assert/strict';
import { mkdirSync, rmSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'vitest';
import { expandMountPattern, findEnrolmentToken, readEnrolFile, tokenOfEnrolFile } from '../../../main/setup/enrolment-token.js';
import { StorageError } from '../../../main/storage/storage-error.js';
import { classifyStorageFailure, STORAGE_ALARMS } from '../../../main/storage/storage-failure.js';
import { tempDir } from '../../support/paths.js';

const TOKEN = 'GTE1.0123456789abcdef.' + 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJ_-01234';

test('the token is found alone, inside a whole create-enrolment-token output, and not when cut or padded', () => {
  assert.equal(findEnrolmentToken(TOKEN), TOKEN);
  assert.equal(findEnrolmentToken(`█▀▀▀▀▀█\nENROLMENT_TOKEN=${TOKEN}\none-time enrolment token for checkpoint cp-1`), TOKEN);
  assert.equal(findEnrolmentToken(TOKEN.slice(0, -1)), undefined, 'one character short');
  assert.equal(findEnrolmentToken(TOKEN + 'x'), undefined, 'a longer secret is another token');
  assert.equal(findEnrolmentToken('NVD1:HC1:whatever'), undefined);
});

test('enroll.json: {"token": …} or the bare token; anything else holds none', () => {
  assert.equal(tokenOfEnrolFile(JSON.stringify({ token: TOKEN })), TOKEN);
  assert.equal(tokenOfEnrolFile(`${TOKEN}\n`), TOKEN);
  assert.equal(tokenOfEnrolFile(JSON.stringify({ token: 'nope' })), undefined);
  assert.equal(tokenOfEnrolFile('{"tokn": 1}'), undefined);
});

test('mount patterns: each * is one folder level; files and missing folders are ignored', () => {
  const root = tempDir('media');
  try {
    mkdirSync(join(root, 'gate', 'USB-A'), { recursive: true });
    mkdirSync(join(root, 'gate', 'USB-B'), { recursive: true });
    writeFileSync(join(root, 'gate', 'not-a-folder'), '');
    writeFileSync(join(root, 'gate', 'USB-B', 'enroll.json'), JSON.stringify({ token: TOKEN }));
    const read = (d: string) => readdirSync(d);
    assert.deepEqual(expandMountPattern(join(root, '*', '*'), read).sort(), [join(root, 'gate', 'USB-A'), join(root, 'gate', 'USB-B')]);
    assert.deepEqual(expandMountPattern(join(root, 'missing', '*'), read), []);
    assert.equal(readEnrolFile(join(root, 'gate', 'USB-A')), undefined);
    assert.equal(tokenOfEnrolFile(readEnrolFile(join(root, 'gate', 'USB-B'))!.text), TOKEN);
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});

test('register write failures are classified along the cause chain', () => {
  const wrapped = (code: string) => new StorageError('STORAGE_WRITE_FAILED', 'could not write entry', { cause: Object.assign(new Error(code), { code }) });
  assert.equal(classifyStorageFailure(wrapped('SQLITE_FULL')), 'STORAGE_FULL');
  assert.equal(classifyStorageFailure(wrapped('ENOSPC')), 'STORAGE_FULL');
  assert.equal(classifyStorageFailure(wrapped('SQLITE_READONLY_DBMOVED')), 'STORAGE_READ_ONLY');
  assert.equal(classifyStorageFailure(wrapped('EROFS')), 'STORAGE_READ_ONLY');
  assert.equal(classifyStorageFailure(wrapped('SQLITE_IOERR_WRITE')), 'STORAGE_IO_ERROR');
  assert.equal(classifyStorageFailure(new TypeError('The database connection is not open')), 'REGISTER_WRITE_FAILED');
  assert.match(STORAGE_ALARMS.STORAGE_FULL.vi, /^Bộ nhớ đầy/);
  assert.match(STORAGE_ALARMS.STORAGE_FULL.en, /^Storage full.*call IT/);
});
