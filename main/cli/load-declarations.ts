/**
 * `gate-terminal load-declarations --config F FILE` and `gate-terminal revoke-credentials --config F ID...`: IT staff
 * (and tests) fill the terminal's declaration set and revocation list until the hub syncs them. Both write the tables
 * the running host reads on every scan (WAL lets them write while it runs), so a change counts from the next scan.
 *
 * Privacy: ID numbers are hashed here with the terminal's keys in force (CryptoPort.identityRef: the hub's identity key
 * from the last good bundle on an enrolled terminal, else the local key) and never stored,
 * printed or echoed in errors.
 */
import { readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { parseArgs } from 'node:util';
import { REGISTER_FILE, SUBJECT_KEY_FILE } from '../composition/create-gate-app.js';
import { loadConfig } from '../config/load-config.js';
import { NO_BUNDLE_YET, subjectCryptoInForce } from '../sync/keys-in-force.js';
import { DeclarationFileError, parseDeclarationFile, toDeclarationRecords } from '../storage/declaration-import.js';
import { DeclarationStore } from '../storage/declaration-store.js';
import { openDatabase, type SqliteDatabase } from '../storage/open-database.js';
import { UsageError } from './decide-command.js';

/** Token ids are lower-case hex; other ids (e.g. a DCC's UVCI hash) are kept exactly as given. */
export function normaliseCredentialId(id: string): string | undefined {
  const trimmed = id.trim();
  if (!/^[A-Za-z0-9+/=_:.-]{4,128}$/.test(trimmed)) return undefined;
  return /^[0-9a-fA-F]+$/.test(trimmed) ? trimmed.toLowerCase() : trimmed;
}

function withStore<T>(configPath: string, use: (store: DeclarationStore, dataDir: string, db: SqliteDatabase) => T): T {
  const { dataDir } = loadConfig(configPath).storage;
  const db = openDatabase(join(dataDir, REGISTER_FILE));
  try {
    return use(new DeclarationStore(db), dataDir, db);
  } finally {
    db.close();
  }
}

export function commandLoadDeclarations(argv: string[], defaultConfig: string): number {
  const { values, positionals } = parseArgs({ args: argv, options: { config: { type: 'string' } }, allowPositionals: true });
  if (positionals.length !== 1) throw new UsageError('load-declarations: give exactly one FILE (JSON lines or CSV)');
  const file = positionals[0]!;
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new UsageError(`load-declarations: cannot read ${file}: ${(error as Error).message}`);
  }
  let rows;
  try {
    rows = parseDeclarationFile(file, text);
  } catch (error) {
    if (!(error instanceof DeclarationFileError)) throw error;
    process.stderr.write(`gate-terminal: ${error.message}\n`);
    return 2;
  }
  return withStore(values.config ?? defaultConfig, (store, dataDir, db) => {
    // The keys the host hashes scanned ID numbers with: the hub's from the bundle in force, else the local one
    // (created here if the terminal never ran).
    const crypto = subjectCryptoInForce(dataDir, db, join(dataDir, SUBJECT_KEY_FILE));
    if (!crypto) throw new UsageError(`load-declarations: ${NO_BUNDLE_YET}`);
    const records = toDeclarationRecords(rows, crypto.identityRef);
    const changed = store.importDeclarations(records, `import:${basename(file)}`);
    const now = Date.now();
    const expired = records.filter((r) => r.expiresAt <= now).length;
    process.stdout.write(
      `read ${records.length} declaration(s) from ${file}: ${changed} stored or refreshed, ${records.length - changed} unchanged (an equal or newer declaration was on file)` +
        `${expired > 0 ? `; ${expired} already expired` : ''}. The terminal holds ${store.count()} declaration(s).\n`,
    );
    return 0;
  });
}

export function commandRevokeCredentials(argv: string[], defaultConfig: string): number {
  const { values, positionals } = parseArgs({ args: argv, options: { config: { type: 'string' } }, allowPositionals: true });
  if (positionals.length === 0) throw new UsageError('revoke-credentials: give one or more credential ids (token or badge id hex)');
  const ids = positionals.map(normaliseCredentialId);
  const bad = positionals.filter((_, k) => ids[k] === undefined);
  if (bad.length > 0) throw new UsageError(`revoke-credentials: not a credential id: ${bad.join(', ')}`);
  return withStore(values.config ?? defaultConfig, (store) => {
    const added = store.revoke(ids as string[], Date.now(), 'cli');
    process.stdout.write(`revoked ${added} credential(s); ${ids.length - added} were already revoked.\n`);
    return 0;
  });
}
