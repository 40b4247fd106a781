/**
 * Subjects are stored as keyed HMAC-SHA-256, never in clear. The key lives in the data directory (0600), created on
 * first start; the hub will later distribute a shared key so lookups match across a building's terminals.
 */
import { createHmac, randomBytes } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';

export type SubjectHasher = (subjectRef: string) => string;

export function loadOrCreateHmacKey(path: string): Buffer {
  if (existsSync(path)) {
    const key = Buffer.from(readFileSync(path, 'utf8').trim(), 'base64');
    if (key.length < 32) throw new Error(`subject HMAC key ${path} is shorter than 32 bytes`);
    return key;
  }
  const key = randomBytes(32);
  writeFileSync(path, key.toString('base64') + '\n', { mode: 0o600, flag: 'wx' });
  return key;
}

export function subjectHasher(key: Buffer): SubjectHasher {
  return (subjectRef) => createHmac('sha256', key).update('subject:').update(subjectRef).digest('hex');
}
