/**
 * `gate-terminal decide`: one payload through core.decide offline, printed as JSON with the reason texts.
 * Uses the terminal's own subject key and declaration set when its data directory exists (so CCCD / PC-Covid lookups
 * answer as the gate would); anti-passback is not applied to a single offline decision.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { decide, NO_DECLARATIONS, NO_PASSAGES, NO_REVOCATIONS, reasonText, type DeclarationSet, type RevocationSet } from '../../core/index.js';
import { SUBJECT_KEY_FILE, policyOf, REGISTER_FILE } from '../composition/create-gate-app.js';
import { loadConfig } from '../config/load-config.js';
import { loadTrust } from '../config/load-trust.js';
import { createNodeCryptoPort } from '../crypto/node-crypto-port.js';
import { DeclarationStore } from '../storage/declaration-store.js';
import { openDatabase } from '../storage/open-database.js';

export class UsageError extends Error {}

export function parseTime(value: string | undefined, flag: string): number | undefined {
  if (value === undefined) return undefined;
  const t = Date.parse(value);
  if (Number.isNaN(t)) throw new UsageError(`${flag}: not an ISO date-time: ${value}`);
  return t;
}

export function commandDecide(argv: string[], defaultConfig: string): number {
  const { values } = parseArgs({
    args: argv,
    options: { config: { type: 'string' }, payload: { type: 'string' }, at: { type: 'string' }, direction: { type: 'string' } },
  });
  if (values.payload === undefined) throw new UsageError('decide: --payload is required');
  const config = loadConfig(values.config ?? defaultConfig);
  const trust = loadTrust(config);
  const now = parseTime(values.at, '--at') ?? Date.now();
  const direction = values.direction ?? (config.checkpoint.direction === 'out' ? 'out' : 'in');
  if (direction !== 'in' && direction !== 'out') throw new UsageError('--direction must be in or out');
  const keyFile = join(config.storage.dataDir, SUBJECT_KEY_FILE);
  const key = existsSync(keyFile) ? Buffer.from(readFileSync(keyFile, 'utf8').trim(), 'base64') : randomBytes(32);
  const registerFile = join(config.storage.dataDir, REGISTER_FILE);
  const db = existsSync(registerFile) ? openDatabase(registerFile) : undefined;
  try {
    const store = db ? new DeclarationStore(db) : undefined;
    const declarations: DeclarationSet = store ?? NO_DECLARATIONS;
    const revocations: RevocationSet = store ?? NO_REVOCATIONS;
    const decision = decide(
      { source: 'manual', payload: values.payload, wallTime: now, monoTime: 0 },
      {
        policy: policyOf(config),
        trust: trust.store,
        crypto: createNodeCryptoPort(key),
        declarations,
        revocations,
        passages: NO_PASSAGES,
        direction,
        timeZone: config.checkpoint.timeZone,
        now,
        clockSynchronised: true,
      },
    );
    const texts = decision.reasons.map((code) => ({
      code,
      vi: reasonText(code, 'vi', decision.reasonParams),
      en: reasonText(code, 'en', decision.reasonParams),
    }));
    process.stdout.write(JSON.stringify({ ...decision, texts }, null, 2) + '\n');
    return 0;
  } finally {
    db?.close();
  }
}
