/**
 * The terminal's half of enrolment: generate its own Ed25519 (signing) and X25519 (sealing) key pairs, present the
 * one-time token with the public keys and a proof of possession, check the answer names this terminal's checkpoint,
 * and store the identity. The private keys never leave the terminal.
 */
import { generateKeyPairSync } from 'node:crypto';
import { enrolmentProofText } from '../../core/contract/hub-signing.js';
import type { HostClock } from '../platform/clock.js';
import { HubClient } from './hub-client.js';
import { HubClock } from './hub-clock.js';
import { loadIdentity, saveIdentity, type TerminalIdentity } from './hub-identity.js';
import { rawPublicKeyOf, signText } from './sync-crypto.js';
import { SyncError } from './sync-failure.js';

export interface EnrolmentOptions {
  readonly hubUrl: string;
  readonly token: string;
  readonly dataDir: string;
  /** config terminal.id */
  readonly localTerminalId: string;
  readonly checkpointId: string;
  /** Lowest register seq not yet delivered (Outbox.firstUndeliveredSeq). */
  readonly firstSeq: number;
  readonly clock: HostClock;
  readonly timeoutMs?: number;
  /** Replace an existing identity (a re-enrolled terminal gets a new terminal id). */
  readonly force?: boolean;
}

export async function enrolWithHub(options: EnrolmentOptions): Promise<TerminalIdentity> {
  const existing = loadIdentity(options.dataDir);
  if (existing && !options.force) {
    throw new SyncError('ALREADY_ENROLLED', `this terminal is already enrolled as ${existing.terminalId} at ${existing.hubUrl}; use --force to enrol again`);
  }
  const signing = generateKeyPairSync('ed25519');
  const agreement = generateKeyPairSync('x25519');
  const keys = { token: options.token.trim(), signingPublicKey: rawPublicKeyOf(signing.publicKey), agreementPublicKey: rawPublicKeyOf(agreement.publicKey) };
  const client = new HubClient({ baseUrl: options.hubUrl, clock: new HubClock(options.clock), timeoutMs: options.timeoutMs ?? 15_000 });
  const response = await client.enrol({
    ...keys,
    terminalName: options.localTerminalId,
    checkpointId: options.checkpointId,
    firstSeq: options.firstSeq,
    proof: signText(signing.privateKey, enrolmentProofText(keys)),
  });
  if (response.checkpointId !== options.checkpointId) {
    throw new SyncError('HUB_ANSWER_INVALID', `the hub enrolled this terminal for checkpoint ${response.checkpointId}, not ${options.checkpointId}`);
  }
  const identity: TerminalIdentity = {
    format: 1,
    hubUrl: options.hubUrl,
    terminalId: response.terminalId,
    keyId: response.keyId,
    localTerminalId: options.localTerminalId,
    checkpointId: response.checkpointId,
    checkpointName: response.checkpointName,
    buildingId: response.buildingId,
    buildingName: response.buildingName,
    hubPublicKey: response.hubPublicKey,
    signingPrivateKeyPem: signing.privateKey.export({ format: 'pem', type: 'pkcs8' }).toString(),
    agreementPrivateKeyPem: agreement.privateKey.export({ format: 'pem', type: 'pkcs8' }).toString(),
    enrolledAt: options.clock.wallNow(),
  };
  saveIdentity(options.dataDir, identity);
  return identity;
}
