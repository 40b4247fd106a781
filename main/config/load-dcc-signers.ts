/**
 * The DCC trust list (`trust.dccSigners`): a JSON file holding an array of document signer certificates,
 *
 *   [ { "kid": "<key id, base64 (optional)>", "certificate": "<X.509 DER, base64>" }, … ]
 *
 * the shape national trust lists and the EU gateway's DSC download reduce to. `kid` defaults to the first 8 bytes of
 * the certificate's SHA-256; when given, it is used as written (the certificate's signature check still decides).
 * Several entries may share a kid. A file that cannot be read or holds an unusable entry is refused as a whole, with
 * the entry's index: a half-loaded trust list would refuse travellers for reasons nobody could see.
 */
import { readFileSync } from 'node:fs';
import type { DocumentSigner } from '../../core/index.js';
import { documentSignerFromDer } from '../crypto/document-signer.js';

export class DccTrustListError extends Error {}

const BASE64 = /^[A-Za-z0-9+/_-]+={0,2}$/;

function bytesOfBase64(text: unknown, what: string): Buffer {
  if (typeof text !== 'string' || !BASE64.test(text.replace(/\s+/g, ''))) throw new DccTrustListError(`${what} must be base64 text`);
  return Buffer.from(text.replace(/\s+/g, ''), text.includes('-') || text.includes('_') ? 'base64url' : 'base64');
}

/** One trust-list entry → DocumentSigner; throws DccTrustListError naming what is wrong. */
export function documentSignerOfEntry(entry: unknown, index: number): DocumentSigner {
  if (typeof entry !== 'object' || entry === null || Array.isArray(entry)) throw new DccTrustListError(`entry ${index} must be an object { kid, certificate }`);
  const { kid, certificate } = entry as { kid?: unknown; certificate?: unknown };
  const der = bytesOfBase64(certificate, `entry ${index}: certificate`);
  let kidHex: string | undefined;
  if (kid !== undefined) {
    const kidBytes = bytesOfBase64(kid, `entry ${index}: kid`);
    if (kidBytes.length === 0 || kidBytes.length > 64) throw new DccTrustListError(`entry ${index}: kid must be 1–64 bytes`);
    kidHex = kidBytes.toString('hex');
  }
  try {
    return documentSignerFromDer(der, kidHex);
  } catch (error) {
    throw new DccTrustListError(`entry ${index}: not a usable DCC signer certificate: ${(error as Error).message}`);
  }
}

/** Parses a trust list's text. */
export function parseDccTrustList(text: string): DocumentSigner[] {
  let data: unknown;
  try {
    data = JSON.parse(text) as unknown;
  } catch (error) {
    throw new DccTrustListError(`invalid JSON: ${(error as Error).message}`);
  }
  if (!Array.isArray(data)) throw new DccTrustListError('must be a JSON array of { kid, certificate }');
  return data.map((entry, index) => documentSignerOfEntry(entry, index));
}

export function loadDccTrustList(file: string): DocumentSigner[] {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new DccTrustListError(`cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
  return parseDccTrustList(text);
}

/** A signer from one base64 DER certificate (e.g. a conformance case's TESTCTX.CERTIFICATE), or undefined if unusable. */
export function documentSignerFromCertificate(derBase64: string): DocumentSigner | undefined {
  try {
    return documentSignerFromDer(Buffer.from(derBase64, 'base64'));
  } catch {
    return undefined;
  }
}
