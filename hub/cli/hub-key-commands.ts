/**
 * `gate-terminal hub-key status | announce | activate | retire [--config FILE]`: rotation of the hub's bundle-signing
 * key without touching a terminal (hub/crypto/hub-key-set.ts): announce the next key, restart the hubs and let every
 * terminal sync (each then trusts the next key), activate it and restart (bundles are signed by the new and the old
 * key), let every terminal sync, retire the old key and restart. Works on the data dir the hub config names; prints
 * each key's id (what bundles and terminals know it by).
 */
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import type { HubConfig } from '../config/hub-config.js';
import { activateNextHubKey, announceNextHubKey, HUB_SIGNING_KEY_FILE, loadHubKeySet, retirePreviousHubKey } from '../crypto/hub-key-set.js';
import { existsSync } from 'node:fs';

export class HubKeyUsageError extends Error {}

export const HUB_KEY_USAGE = `gate-terminal hub-key status | announce | activate | retire [--config FILE]

Rotates the key that signs every bundle, without touching a terminal and without one going offline. Each step takes
effect when the hub(s) restart; between steps, wait until every terminal has synced (admin web, Thiết bị: data age).
  announce  creates the next key (hub-signing-key.next.pem). Restart the hub(s): every bundle vouches for it, and a
            terminal trusts it from its next sync on, before it signs anything.
  activate  the next key becomes the current one; the old one becomes the previous key, which keeps signing beside it
            so a terminal that has not synced since still accepts the bundles (and terminals enrolled meanwhile pin it).
  retire    drops the previous key: it no longer signs and leaves the bundles; a terminal stops trusting it at its
            next sync. A terminal that missed the whole rotation refuses the new bundles (BUNDLE_SIGNER_UNKNOWN),
            keeps its last good data and must be enrolled again.
  status    the current, next and previous keys with their key id.
Reference: docs/hub.md § Rotating the hub key.
`;

export function hubKeyCommand(argv: string[], loadConfig: (path: string | undefined) => HubConfig, out: (text: string) => void = (t) => void process.stdout.write(t)): number {
  const { values, positionals } = parseArgs({ args: argv, allowPositionals: true, options: { config: { type: 'string' } } });
  const [action] = positionals;
  if (action !== 'status' && action !== 'announce' && action !== 'activate' && action !== 'retire') throw new HubKeyUsageError('hub-key: say status, announce, activate or retire');
  const { dataDir } = loadConfig(values.config);
  if (!existsSync(join(dataDir, HUB_SIGNING_KEY_FILE))) throw new HubKeyUsageError(`hub-key: ${join(dataDir, HUB_SIGNING_KEY_FILE)} does not exist; start the hub once first`);
  try {
    if (action === 'announce') {
      out(`announced key ${announceNextHubKey(dataDir).keyId}: restart the hub(s), let every terminal sync, then run hub-key activate\n`);
    } else if (action === 'activate') {
      const { current, previous } = activateNextHubKey(dataDir);
      out(`key ${current.keyId} is the current key and ${previous.keyId} the previous one once the hub(s) restart; let every terminal sync, then run hub-key retire\n`);
    } else if (action === 'retire') {
      out(`key ${retirePreviousHubKey(dataDir).keyId} retired: restart the hub(s); terminals stop trusting it at their next sync\n`);
    } else {
      const set = loadHubKeySet(dataDir);
      out(`current  ${set.current.keyId}\n`);
      if (set.next) out(`next     ${set.next.keyId} (announced)\n`);
      if (set.previous) out(`previous ${set.previous.keyId} (still signing)\n`);
    }
    return 0;
  } catch (error) {
    throw new HubKeyUsageError(`hub-key ${action}: ${(error as Error).message}`);
  }
}
