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
import type { EnrolmentTokenState, NewTerminal, TerminalRecord } from '../storage/terminal-directory.js';
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
  const checkpoint = await store.buildings.checkpoint(checkpointId);
  if (!checkpoint) throw new HubError('CHECKPOINT_UNKNOWN', `no checkpoint "${checkpointId}" on this hub (list it under buildings in the hub config)`);
  const tokenId = randomBytes(8).toString('hex');
  const secret = randomBytes(32).toString('base64url');
  const expiresAt = options.now + options.ttlMs;
  await store.terminals.createEnrolmentToken({ tokenId, secretSha256: sha256Hex(secret), checkpointId, createdAt: options.now, expiresAt });
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

export type EnrolmentRefusal = keyof typeof REFUSALS;

/**
 * The rules of an enrolment token, in the order a terminal hears them: unknown (or a wrong secret), already used,
 * expired, issued for another checkpoint than the terminal's config names. Undefined: the token may be claimed.
 */
export function enrolmentTokenRefusal(token: EnrolmentTokenState | undefined, presented: { secretSha256: string; checkpointId: string }, now: number): EnrolmentRefusal | undefined {
  if (!token || token.secretSha256 !== presented.secretSha256) return 'ENROLMENT_TOKEN_UNKNOWN';
  if (token.usedAt !== null) return 'ENROLMENT_TOKEN_USED';
  if (token.expiresAt <= now || token.revokedAt !== null) return 'ENROLMENT_TOKEN_EXPIRED';
  if (token.checkpointId !== presented.checkpointId) return 'CHECKPOINT_MISMATCH';
  return undefined;
}

/**
 * Checks the token against its rules, then claims it atomically (single use across hub replicas). Between the read
 * and the claim only a use or a revocation can change a token, and the claim takes only a token with neither: a
 * claim that loses such a race is judged again on the token as it is now (used, or expired by the revocation).
 */
export async function claimEnrolmentToken(store: HubStore, claim: { tokenId: string; secretSha256: string; checkpointId: string; now: number; terminal: NewTerminal }): Promise<TerminalRecord> {
  const refusal = enrolmentTokenRefusal(await store.terminals.enrolmentToken(claim.tokenId), claim, claim.now);
  if (refusal) throw new HubError(refusal, REFUSALS[refusal]);
  const terminal = await store.terminals.claimToken(claim.tokenId, claim.terminal, claim.now);
  if (!terminal) {
    const lost = enrolmentTokenRefusal(await store.terminals.enrolmentToken(claim.tokenId), claim, claim.now) ?? 'ENROLMENT_TOKEN_USED';
    throw new HubError(lost, REFUSALS[lost]);
  }
  return terminal;
}

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
  const t = await claimEnrolmentToken(store, {
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
  const [checkpoint, building] = await Promise.all([store.buildings.checkpoint(t.checkpointId), store.buildings.building(t.buildingId)]);
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
