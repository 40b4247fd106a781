/**
 * Signature of a DCC: ES256 or PS256 over the Sig_structure built from the ORIGINAL protected-header bytes, with the
 * document signer certificate(s) (DSC) the trust list holds for the key id.
 *
 * Contract: the key id and the algorithm are read from the protected header first and from the unprotected header
 * only when the protected one lacks them (the unprotected header is not signed, so it never overrides; and since the
 * algorithm must be the one of the signer's key, an unsigned `alg` cannot pick a weaker check). Several DSCs may share
 * a key id (8 bytes of a certificate hash); each one of the right algorithm is tried.
 */
import { CoseAlg, CoseHeader, headerValue, sigStructure, toHex, type CoseSign1 } from '../../cose.js';
import type { CryptoPort, DocumentSigner, SignatureAlgorithm, TrustStore } from '../../crypto-port.js';
import { ReasonCode } from '../../reasons.js';
import { stepFailed, stepOk, type DccStep } from './dcc-step.js';

const ALGORITHMS = new Map<unknown, SignatureAlgorithm>([
  [CoseAlg.ES256, 'ES256'],
  [CoseAlg.PS256, 'PS256'],
]);

/** Key id as lowercase hex, or undefined when the headers carry none (or not as a byte string). */
export function dccKeyId(sign1: CoseSign1): string | undefined {
  const kid = headerValue(sign1, CoseHeader.kid);
  return kid instanceof Uint8Array && kid.length > 0 && kid.length <= 64 ? toHex(kid) : undefined;
}

export function dccAlgorithm(sign1: CoseSign1): SignatureAlgorithm | undefined {
  return ALGORITHMS.get(headerValue(sign1, CoseHeader.alg));
}

/** An ES256 signature in COSE is r‖s, 64 bytes; issuers that wrote DER (ASN.1) instead are refused, not repaired. */
function plausibleSignature(algorithm: SignatureAlgorithm, signature: Uint8Array): boolean {
  return algorithm === 'ES256' ? signature.length === 64 : signature.length >= 256;
}

export function verifyDccSignature(sign1: CoseSign1, trust: TrustStore, crypto: Pick<CryptoPort, 'verify'>): DccStep<DocumentSigner> {
  const algorithm = dccAlgorithm(sign1);
  if (!algorithm) return stepFailed(ReasonCode.DccMalformed, `algorithm ${String(headerValue(sign1, CoseHeader.alg))} is neither ES256 (-7) nor PS256 (-37)`);
  const kid = dccKeyId(sign1);
  if (!kid) return stepFailed(ReasonCode.DccMalformed, 'no key id in the COSE headers');
  const signers = trust.documentSignersByKid(kid);
  if (signers.length === 0) return stepFailed(ReasonCode.DccUnknownSigner, `no trusted document signer with key id ${kid}`);
  const candidates = signers.filter((s) => s.algorithm === algorithm);
  if (candidates.length === 0) return stepFailed(ReasonCode.DccSignatureInvalid, `the signer ${kid} does not use ${algorithm}`);
  if (!plausibleSignature(algorithm, sign1.signature)) return stepFailed(ReasonCode.DccSignatureInvalid, `a ${sign1.signature.length}-byte signature is not ${algorithm}`);
  const signed = sigStructure(sign1.protectedBytes, sign1.payload);
  const signer = candidates.find((s) => crypto.verify(s, signed, sign1.signature));
  return signer ? stepOk(signer) : stepFailed(ReasonCode.DccSignatureInvalid, `signature does not verify with key ${kid}`);
}
