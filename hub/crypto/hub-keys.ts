/**
 * The hub's long-lived secrets in its data dir: the Ed25519 key that signs every bundle (terminals pin its public
 * half at enrolment) and the admin API token. Created on first start, 0600, fsync'd; never rewritten.
 */
import { createPrivateKey, createPublicKey, generateKeyPairSync, randomBytes, type KeyObject } from 'node:crypto';
import { closeSync, existsSync, fsyncSync, mkdirSync, openSync, readFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { rawPublicKey } from './hub-crypto.js';

export const HUB_SIGNING_KEY_FILE = 'hub-signing-key.pem';
export const ADMIN_TOKEN_FILE = 'admin-token';

export interface HubKeys {
  readonly privateKey: KeyObject;
  readonly publicKey: KeyObject;
  /** Raw public key, base64, as sent to terminals. */
  readonly publicKeyRaw: string;
  readonly adminToken: string;
  readonly adminTokenFile: string;
}

function writeSecret(path: string, text: string): void {
  const fd = openSync(path, 'wx', 0o600);
  try {
    writeSync(fd, text);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

export function readOrCreate(path: string, create: () => string): string {
  if (!existsSync(path)) {
    try {
      writeSecret(path, create());
    } catch (error) {
      // Two hubs starting on one data dir: the other one won the race; read what it wrote.
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
  }
  return readFileSync(path, 'utf8');
}

export function loadOrCreateHubKeys(dataDir: string): HubKeys {
  mkdirSync(dataDir, { recursive: true });
  const pem = readOrCreate(join(dataDir, HUB_SIGNING_KEY_FILE), () =>
    generateKeyPairSync('ed25519').privateKey.export({ format: 'pem', type: 'pkcs8' }).toString(),
  );
  const privateKey = createPrivateKey(pem);
  const publicKey = createPublicKey(privateKey);
  const adminTokenFile = join(dataDir, ADMIN_TOKEN_FILE);
  const adminToken = readOrCreate(adminTokenFile, () => randomBytes(32).toString('base64url') + '\n').trim();
  return { privateKey, publicKey, publicKeyRaw: rawPublicKey(publicKey), adminToken, adminTokenFile };
}
