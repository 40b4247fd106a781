/**
 * The exact texts that terminal and hub sign and verify, written once so both sides cannot drift apart. Pure string
 * building: the signing itself (Ed25519, SHA-256) happens in the host and in the hub with node:crypto.
 */
import type { SealedKey } from './hub-protocol.js';

/** Requests older or newer than this (by the hub's clock) are refused; nonces are remembered this long. */
export const REQUEST_WINDOW_MS = 5 * 60_000;

/** What a terminal signs for every request: method, path with query, time, nonce and the body's SHA-256. */
export function requestSignatureText(request: {
  readonly method: string;
  readonly path: string;
  readonly timestamp: number;
  readonly nonce: string;
  readonly contentSha256: string;
}): string {
  return ['GATE-REQUEST-V1', request.method.toUpperCase(), request.path, String(request.timestamp), request.nonce, request.contentSha256].join('\n');
}

/** What a terminal signs at enrolment to prove it holds the private key of the public key it presents. */
export function enrolmentProofText(request: { readonly token: string; readonly signingPublicKey: string; readonly agreementPublicKey: string }): string {
  return ['GATE-ENROL-V1', request.token, request.signingPublicKey, request.agreementPublicKey].join('\n');
}

/** What the hub signs for a bundle: the terminal it is for, its version, the payload's digest and the sealed key. */
export function bundleSignatureText(bundle: {
  readonly terminalId: string;
  readonly version: number;
  readonly payloadSha256: string;
  readonly sealedSubjectKey: SealedKey;
}): string {
  const k = bundle.sealedSubjectKey;
  return ['GATE-BUNDLE-V1', bundle.terminalId, String(bundle.version), bundle.payloadSha256, k.ephemeralPublicKey, k.iv, k.ciphertext].join('\n');
}

/** HKDF `info` for sealing the subject key to one terminal. */
export function subjectKeySealInfo(terminalId: string): string {
  return `GATE-SUBJECT-KEY-V1\n${terminalId}`;
}
