import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'vitest';
import type { GateDecision } from '../../../core/index.js';
import { testCrypto } from '../../support/decision-context.js';
import { uuidv7 } from '../../../main/platform/uuidv7.js';
import { EntryRegister } from '../../../main/storage/entry-register.js';
import { MIGRATIONS } from '../../../main/storage/migrations/index.js';
import { openDatabase } from '../../../main/storage/open-database.js';
import { runRetention, DAY_MS } from '../../../main/storage/retention-job.js';
import { StorageError } from '../../../main/storage/storage-error.js';
import { tempDir } from '../../support/paths.js';

const T0 = Date.parse('2026-11-23T01:00:00Z');

function decision(overrides: Partial<GateDecision> = {}): GateDecision {
  return {
    outcome: 'admit',
    reasons: ['DECLARATION_VALID'],
    credential: { kind: 'declaration', id: 'aabbccdd00112233' },
    person: { displayName: 'Đặng Thùy Trâm', subjectKey: hash('00112233445566778899aabbccddeeff') },
    direction: 'in',
    decidedAt: T0,
    ...overrides,
  };
}

function openRegister(dir: string) {
  const db = openDatabase(join(dir, 'register.sqlite'));
  return { db, register: new EntryRegister(db, { terminalId: 't1', checkpointId: 'cp1' }, (t) => uuidv7(t)) };
}

const hash = (ref: string) => testCrypto.subjectKey(ref);

test('the register opens in WAL mode with synchronous=FULL and the current schema', () => {
  const { db } = openRegister(tempDir('reg'));
  assert.equal(db.pragma('journal_mode', { simple: true }), 'wal');
  assert.equal(db.pragma('synchronous', { simple: true }), 2);
  assert.equal(db.pragma('user_version', { simple: true }), MIGRATIONS.at(-1)!.version);
  db.close();
});

test('commits get contiguous sequence numbers that continue after a reopen', () => {
  const dir = tempDir('reg');
  let { db, register } = openRegister(dir);
  const first = [1, 2, 3].map((i) => register.commit({ decision: decision({ decidedAt: T0 + i }), scanSource: 'simulated', subjectHmac: hash('x'), monoTime: i, bootId: 'b' }));
  assert.deepEqual(first.map((e) => e.seq), [1, 2, 3]);
  assert.equal(register.committedMaxSequence(), 3);
  db.close();
  ({ db, register } = openRegister(dir));
  assert.equal(register.commit({ decision: decision(), scanSource: 'wedge', subjectHmac: null, monoTime: 9, bootId: 'b' }).seq, 4);
  const ids = (db.prepare('SELECT id FROM entries ORDER BY seq').all() as { id: string }[]).map((r) => r.id);
  assert.equal(new Set(ids).size, 4);
  for (const id of ids) assert.match(id, /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  db.close();
});

test('a row holds who/where/when/direction/outcome/reasons and a keyed HMAC, never the subject reference in clear', () => {
  const { db, register } = openRegister(tempDir('reg'));
  const d = decision();
  const subjectRef = '00112233445566778899aabbccddeeff';
  register.commit({ decision: d, scanSource: 'simulated', subjectHmac: d.person.subjectKey!, monoTime: 42, bootId: 'boot-1' });
  const row = db.prepare('SELECT * FROM entries').get() as Record<string, unknown>;
  assert.deepEqual(
    Object.keys(row).sort(),
    [
      'boot_id', 'checkpoint_id', 'credential_id', 'credential_kind', 'delivered_at', 'direction', 'display_name', 'host_id', 'id', 'mono_time', 'outcome',
      'override_note', 'override_of', 'override_reason', 'passage', 'passage_at', 'reason_params', 'reasons', 'scan_source', 'seq', 'subject_hmac', 'terminal_id', 'wall_time',
    ],
  );
  assert.equal(row.subject_hmac, hash(subjectRef));
  assert.match(String(row.subject_hmac), /^[0-9a-f]{64}$/);
  assert.ok(!JSON.stringify(row).includes(subjectRef), 'subject reference must not be stored in clear');
  assert.equal(row.reasons, 'DECLARATION_VALID');
  db.close();
});

test('recent entries and the tally source come back in the right order', () => {
  const { db, register } = openRegister(tempDir('reg'));
  register.commit({ decision: decision({ decidedAt: T0 }), scanSource: 'simulated', subjectHmac: 'a', monoTime: 1, bootId: 'b' });
  register.commit({ decision: decision({ decidedAt: T0 + 1000, outcome: 'deny', reasons: ['TOKEN_EXPIRED', 'CLOCK_NOT_SYNCHRONISED'] }), scanSource: 'wedge', subjectHmac: 'b', monoTime: 2, bootId: 'b' });
  const recent = register.recent(10);
  assert.deepEqual(recent.map((e) => e.seq), [2, 1]);
  assert.deepEqual(recent[0]!.decision.reasons, ['TOKEN_EXPIRED', 'CLOCK_NOT_SYNCHRONISED']);
  assert.equal(recent[0]!.scanSource, 'wedge');
  assert.deepEqual(register.talliedSince(T0 + 500), [{ subjectKey: 'b', direction: 'in', outcome: 'deny' }]);
  db.close();
});

test('retention purges old rows; with a hub only delivered ones', () => {
  const { db, register } = openRegister(tempDir('reg'));
  const old = T0 - 30 * DAY_MS;
  for (let i = 0; i < 3; i++) register.commit({ decision: decision({ decidedAt: old + i }), scanSource: 'simulated', subjectHmac: null, monoTime: i, bootId: 'b' });
  register.commit({ decision: decision({ decidedAt: T0 }), scanSource: 'simulated', subjectHmac: null, monoTime: 9, bootId: 'b' });
  db.prepare('UPDATE entries SET delivered_at = ? WHERE seq = 1').run(T0);
  assert.equal(runRetention(register, { now: T0, retentionDays: 28, hubConfigured: true }), 1);
  assert.equal(runRetention(register, { now: T0, retentionDays: 28, hubConfigured: false }), 2);
  assert.deepEqual((db.prepare('SELECT seq FROM entries').all() as { seq: number }[]).map((r) => r.seq), [4]);
  db.close();
});

test('a damaged database is refused with STORAGE_CORRUPT and left untouched', () => {
  const dir = tempDir('reg');
  const path = join(dir, 'register.sqlite');
  const garbage = Buffer.from('this is not a database '.repeat(300));
  writeFileSync(path, garbage);
  assert.throws(() => openDatabase(path), (e: unknown) => e instanceof StorageError && e.code === 'STORAGE_CORRUPT' && e.message.includes(path));
  assert.deepEqual(readFileSync(path), garbage);
});

test('a write that fails raises STORAGE_WRITE_FAILED', () => {
  const { db, register } = openRegister(tempDir('reg'));
  db.close();
  assert.throws(
    () => register.commit({ decision: decision(), scanSource: 'simulated', subjectHmac: null, monoTime: 1, bootId: 'b' }),
    (e: unknown) => e instanceof StorageError && e.code === 'STORAGE_WRITE_FAILED',
  );
});

test('uuidv7 ids sort by time', () => {
  const a = uuidv7(T0);
  const b = uuidv7(T0 + 1);
  assert.ok(a < b);
  assert.equal(a.slice(0, 13).replace('-', ''), T0.toString(16).padStart(12, '0'));
});

test('a register created by an older version is migrated in place, keeping its rows', async () => {
  const { default: Database } = await import('better-sqlite3');
  const { applyMigrations } = await import('../../../main/storage/open-database.js');
  const { m0001EntryRegister } = await import('../../../main/storage/migrations/0001-entry-register.js');
  const dir = tempDir('reg');
  const old = new Database(join(dir, 'register.sqlite'));
  old.pragma('journal_mode = WAL');
  assert.equal(applyMigrations(old, [m0001EntryRegister]), 1);
  old
    .prepare(
      `INSERT INTO entries (id, terminal_id, seq, checkpoint_id, direction, outcome, reasons, credential_kind, display_name, scan_source, wall_time, mono_time, boot_id)
       VALUES (?, 't1', 1, 'cp1', 'in', 'admit', 'DECLARATION_VALID', 'declaration', 'Cũ', 'simulated', ?, 1, 'b')`,
    )
    .run(uuidv7(T0), T0);
  old.close();
  const { db, register } = openRegister(dir);
  assert.equal(db.pragma('user_version', { simple: true }), MIGRATIONS.at(-1)!.version);
  assert.equal(register.recent(5).length, 1);
  assert.equal(register.commit({ decision: decision(), scanSource: 'simulated', subjectHmac: 'h', monoTime: 2, bootId: 'b' }).seq, 2);
  db.close();
});
