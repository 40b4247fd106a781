/**
 * Enrolment: an admin creates a one-time token for a checkpoint (expiring, single use; only its SHA-256 is stored);
 * a terminal presents it with the public keys it generated itself and a proof of possession, and receives its
 * terminal id, checkpoint, building and the hub's public key. From then on every request it makes is signed.
 */
import { randomBytes } from 'node:crypto';
import { enrolmentProofText, type EnrolmentRequest, type EnrolmentResponse } from '../protocol.js';
import { keyIdOfRaw, publicKeyFromRaw, sha256Hex, verifyText } from '../crypto/hub-crypto.js';
import type { HubKeys } from '../crypto/hub-keys.js';
import type { HubStore } from '../storage/hub-store.js';
import { HubError } from './hub-error.js';

const TOKEN_PREFIX = 'GTE1';
const TOKEN_PATTERN = /^GTE1\.([0-9a-f]{16})\.([A-Za-z0-9_-]{43})$/;

export interface CreatedEnrolmentToken {
  readonly token: string;
  readonly tokenId: string;
  readonly checkpointId: string;
  readonly checkpointName: string;
  readonly expiresAt: number;
}

export async function createEnrolmentToken(store: HubStore, checkpointId: string, options: { now: number; ttlMs: number }): Promise<CreatedEnrolmentToken> {
  const checkpoint = await store.checkpoint(checkpointId);
  if (!checkpoint) throw new HubError('CHECKPOINT_UNKNOWN', `no checkpoint "${checkpointId}" on this hub (list it under buildings in the hub config)`);
  const tokenId = randomBytes(8).toString('hex');
  const secret = randomBytes(32).toString('base64url');
  const expiresAt = options.now + options.ttlMs;
  await store.createEnrolmentToken({ tokenId, secretSha256: sha256Hex(secret), checkpointId, createdAt: options.now, expiresAt });
  return { token: `${TOKEN_PREFIX}.${tokenId}.${secret}`, tokenId, checkpointId, checkpointName: checkpoint.name, expiresAt };
}

export function parseEnrolmentToken(token: string): { tokenId: string; secret: string } | undefined {
  const match = TOKEN_PATTERN.exec(token.trim());
  return match ? { tokenId: match[1]!, secret: match[2]! } : undefined;
}

const REFUSALS = {
  ENROLMENT_TOKEN_UNKNOWN: 'the enrolment token is not known to this hub (mistyped, or for another hub)',
  ENROLMENT_TOKEN_USED: 'the enrolment token was already used; ask the admin for a new one',
  ENROLMENT_TOKEN_EXPIRED: 'the enrolment token has expired; ask the admin for a new one',
  CHECKPOINT_MISMATCH: "the enrolment token is for another checkpoint than the terminal's config names",
} as const;

export async function enrolTerminal(store: HubStore, keys: HubKeys, request: EnrolmentRequest, now: number): Promise<EnrolmentResponse> {
  const parsed = parseEnrolmentToken(request.token);
  if (!parsed) throw new HubError('ENROLMENT_TOKEN_MALFORMED', 'the enrolment token is malformed (expected GTE1.<id>.<secret>)');
  let proofValid = false;
  try {
    publicKeyFromRaw(request.agreementPublicKey, 'X25519');
    proofValid = verifyText(publicKeyFromRaw(request.signingPublicKey, 'Ed25519'), enrolmentProofText(request), request.proof);
  } catch {
    proofValid = false;
  }
  if (!proofValid) throw new HubError('ENROLMENT_PROOF_INVALID', 'the public keys are malformed or the proof of possession does not verify');
  const terminalId = `${request.terminalName}.${randomBytes(4).toString('hex')}`;
  const keyId = keyIdOfRaw(request.signingPublicKey);
  const outcome = await store.enrolTerminal({
    tokenId: parsed.tokenId,
    secretSha256: sha256Hex(parsed.secret),
    checkpointId: request.checkpointId,
    now,
    terminal: {
      terminalId,
      keyId,
      name: request.terminalName,
      signingPublicKey: request.signingPublicKey,
      agreementPublicKey: request.agreementPublicKey,
      firstSeq: request.firstSeq,
    },
  });
  if (!outcome.ok) throw new HubError(outcome.code, REFUSALS[outcome.code]);
  const t = outcome.terminal;
  const [checkpoint, building] = await Promise.all([store.checkpoint(t.checkpointId), store.building(t.buildingId)]);
  return {
    terminalId: t.terminalId,
    keyId: t.keyId,
    checkpointId: t.checkpointId,
    checkpointName: checkpoint?.name ?? t.checkpointId,
    buildingId: t.buildingId,
    buildingName: building?.name ?? t.buildingId,
    hubPublicKey: keys.publicKeyRaw,
    hubTime: now,
  };
}
