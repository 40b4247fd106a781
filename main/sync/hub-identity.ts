/**
 * The terminal's identity towards the hub after enrolment: its key pairs (generated on the terminal, never sent),
 * the terminal id and checkpoint the hub assigned, and the hub's public key it pins. One JSON file in the data dir,
 * 0600, written atomically (temp file, fsync, rename, fsync of the folder).
 */
import { existsSync, readFileSync } from 'node:fs';
import { replaceFileDurably } from '../platform/durable-file.js';
import { join } from 'node:path';
import { SyncError } from './sync-failure.js';

export const IDENTITY_FILE = 'hub-identity.json';

export interface TerminalIdentity {
  readonly format: 1;
  readonly hubUrl: string;
  /** The hub's terminal id (config terminal.id plus a suffix: unique per enrolment). */
  readonly terminalId: string;
  readonly keyId: string;
  /** config terminal.id at enrolment: the register's terminal_id column, whose rows this identity uploads. */
  readonly localTerminalId: string;
  readonly checkpointId: string;
  readonly checkpointName: string;
  readonly buildingId: string;
  readonly buildingName: string;
  /**
   * Raw Ed25519 public key of the hub at enrolment, base64: trusted until a verified bundle names the hub's key set,
   * which is trusted from then on (hub-trust.ts; the hub key rotates without touching this file).
   */
  readonly hubPublicKey: string;
  readonly signingPrivateKeyPem: string;
  readonly agreementPrivateKeyPem: string;
  readonly enrolledAt: number;
}

export function identityPath(dataDir: string): string {
  return join(dataDir, IDENTITY_FILE);
}

export function loadIdentity(dataDir: string): TerminalIdentity | undefined {
  const path = identityPath(dataDir);
  if (!existsSync(path)) return undefined;
  let identity: TerminalIdentity;
  try {
    identity = JSON.parse(readFileSync(path, 'utf8')) as TerminalIdentity;
  } catch (error) {
    throw new SyncError('IDENTITY_DAMAGED', `the hub identity ${path} is damaged (${(error as Error).message}); enrol the terminal again`);
  }
  if (identity.format !== 1 || !identity.terminalId || !identity.signingPrivateKeyPem || !identity.hubPublicKey) {
    throw new SyncError('IDENTITY_DAMAGED', `the hub identity ${path} is incomplete; enrol the terminal again`);
  }
  return identity;
}

export function saveIdentity(dataDir: string, identity: TerminalIdentity): void {
  replaceFileDurably(identityPath(dataDir), JSON.stringify(identity, null, 2) + '\n');
}
