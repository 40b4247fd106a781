/** The decision bench's peer: bare better-sqlite3 with the register's table and pragmas, one INSERT per transaction. */
import Database from 'better-sqlite3';
import { randomBytes, randomUUID } from 'node:crypto';
import { m0001EntryRegister } from '../../main/storage/migrations/0001-entry-register.js';
import { nsToMs } from './bench.js';

/** Bare better-sqlite3: the same table, the same pragmas, one autocommit INSERT (= one transaction) per row. */
export function openPeer(path: string) {
  const db = new Database(path);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  if (db.pragma('synchronous', { simple: true }) !== 2) throw new Error('peer: synchronous=FULL refused');
  db.exec(m0001EntryRegister.sql);
  const insert = db.prepare(`
    INSERT INTO entries (id, terminal_id, seq, checkpoint_id, direction, outcome, reasons, credential_kind,
      credential_id, subject_hmac, display_name, scan_source, wall_time, mono_time, boot_id)
    VALUES (@id, @terminal_id, @seq, @checkpoint_id, @direction, @outcome, @reasons, @credential_kind,
      @credential_id, @subject_hmac, @display_name, @scan_source, @wall_time, @mono_time, @boot_id)`);
  let seq = 0;
  /** Inserts one row like an admitted entry; the row is built before the clock starts. Returns ms. */
  const insertOne = (): number => {
    seq++;
    const row = {
      id: randomUUID(),
      terminal_id: 'gate-test-01',
      seq,
      checkpoint_id: 'cp-test',
      direction: seq % 2 ? 'in' : 'out',
      outcome: 'admit',
      reasons: 'DECLARATION_VALID',
      credential_kind: 'declaration',
      credential_id: randomBytes(8).toString('hex'),
      subject_hmac: randomBytes(32).toString('hex'),
      display_name: `Nguyễn Văn An ${seq}`,
      scan_source: 'simulated',
      wall_time: Date.now(),
      mono_time: Number(process.hrtime.bigint() / 1000n),
      boot_id: 'bench-boot',
    };
    const t0 = process.hrtime.bigint();
    insert.run(row);
    return nsToMs(process.hrtime.bigint() - t0);
  };
  return { insertOne, close: () => db.close() };
}
