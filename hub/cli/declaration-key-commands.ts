/**
 * `gate-terminal declaration-key status | announce | activate [--config FILE]`: rotation of the declaration issuer
 * key with an overlap (hub/declare/declaration-key-set.ts): announce the next key, restart the hubs and let every
 * terminal sync, then activate it and restart the hubs again. Tokens already issued stay valid until they expire.
 * Works on the data dir the hub config names; prints each key's kid (what tokens and terminals know it by).
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import type { HubConfig } from '../config/hub-config.js';
import { rawPublicKey } from '../crypto/hub-crypto.js';
import { activateNextDeclarationKey, announceNextDeclarationKey, readDeclarationKeySet } from '../declare/declaration-key-set.js';
import { DECLARATION_ISSUER_KEY_FILE } from '../declare/declaration-keys.js';
import { createPublicKey } from 'node:crypto';

export class DeclarationKeyUsageError extends Error {}

export const DECLARATION_KEY_USAGE = `gate-terminal declaration-key status | announce | activate [--config FILE]

Rotates the key that signs declaration tokens (KBYT1), without a moment when a terminal cannot read a token:
  announce  creates the next key; restart the hub(s): every bundle then carries both keys. Wait until every terminal
            has synced (admin web, Thiết bị: data age).
  activate  new tokens are signed with the next key from the hubs' restart on; the old key stays in the bundles until
            the tokens it signed have expired (declarationPage.validHours, plus a day).
  status    the current, announced and previous keys with their kid.
Reference: docs/declaration-token.md § Key rotation.
`;

const kidOf = (raw: string) => createHash('sha256').update(Buffer.from(raw, 'base64')).digest().subarray(0, 8).toString('hex');

export function declarationKeyCommand(argv: string[], loadConfig: (path: string | undefined) => HubConfig, out: (text: string) => void = (t) => void process.stdout.write(t), now = Date.now()): number {
  const { values, positionals } = parseArgs({ args: argv, allowPositionals: true, options: { config: { type: 'string' } } });
  const [action] = positionals;
  if (action !== 'status' && action !== 'announce' && action !== 'activate') throw new DeclarationKeyUsageError('declaration-key: say status, announce or activate');
  const config = loadConfig(values.config);
  const keyPath = config.declarationPage.issuerKeyPath ?? join(config.dataDir, DECLARATION_ISSUER_KEY_FILE);
  if (action === 'announce') {
    out(`announced key ${kidOf(announceNextDeclarationKey(config.dataDir))}: restart the hub(s), let every terminal sync, then run declaration-key activate\n`);
    return 0;
  }
  if (action === 'activate') {
    try {
      const { previous, current } = activateNextDeclarationKey(config.dataDir, keyPath, config.declarationPage.validHours * 3_600_000, now);
      out(`key ${kidOf(current)} signs new tokens once the hub(s) restart; key ${kidOf(previous.publicKey)} stays trusted until ${new Date(previous.validUntil).toISOString()}\n`);
      return 0;
    } catch (error) {
      throw new DeclarationKeyUsageError(`declaration-key activate: ${(error as Error).message}`);
    }
  }
  const set = readDeclarationKeySet(config.dataDir, rawPublicKey(createPublicKey(readFileSync(keyPath, 'utf8'))));
  out(`current  ${kidOf(set.current)}\n`);
  if (set.next) out(`next     ${kidOf(set.next)} (announced)\n`);
  for (const p of set.previous) out(`previous ${kidOf(p.publicKey)} until ${new Date(p.validUntil).toISOString()}${p.validUntil <= now ? ' (no longer in bundles)' : ''}\n`);
  return 0;
}
