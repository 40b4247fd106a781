/** Reading a terminal's register file from a test without disturbing it. */
import Database from 'better-sqlite3';
import { copyFileSync, existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { base45Decode, decodeCbor, decodeCoseSign1, DECLARATION_TOKEN_PREFIX, toHex } from '../../core/index.js';
import { tempDir } from './paths.js';

export const REGISTER = 'register.sqlite';

export interface RegisterRow {
  readonly id: string;
  readonly terminal_id: string;
  readonly seq: number;
  readonly outcome: string;
  readonly reasons: string;
  readonly credential_id: string | null;
}

export interface RegisterContents {
  readonly rows: RegisterRow[];
  readonly integrity: string;
}

/**
 * Reads the register as the next start will find it, from a COPY of the database and its WAL (SQLite replays the WAL
 * when the copy is opened). The originals stay exactly as a killed host left them, so the next real start performs
 * the crash recovery itself.
 */
export function readRegisterCopy(dataDir: string): RegisterContents {
  const scratch = tempDir('register-copy');
  try {
    for (const suffix of ['', '-wal']) {
      const from = join(dataDir, REGISTER + suffix);
      if (existsSync(from)) copyFileSync(from, join(scratch, REGISTER + suffix));
    }
    const db = new Database(join(scratch, REGISTER));
    try {
      const integrity = (db.pragma('integrity_check') as { integrity_check: string }[]).map((r) => r.integrity_check).join('; ');
      const rows = db.prepare('SELECT id, terminal_id, seq, outcome, reasons, credential_id FROM entries ORDER BY terminal_id, seq').all() as RegisterRow[];
      return { rows, integrity };
    } finally {
      db.close();
    }
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

/** Token id (hex) of a declaration token, as the register stores it in credential_id. */
export function tokenIdOf(token: string): string {
  const sign1 = decodeCoseSign1(base45Decode(token.slice(DECLARATION_TOKEN_PREFIX.length)));
  const claims = decodeCbor(sign1.payload) as Map<number, Uint8Array>;
  return toHex(claims.get(8)!);
}
