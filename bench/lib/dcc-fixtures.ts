/** The EU DCC conformance fixtures as fuzz seeds: their QR texts and their signer certificates (as DocumentSigners). */
import type { DocumentSigner } from '../../core/index.js';
import { documentSignerFromCertificate } from '../../main/config/load-dcc-signers.js';

export function dccSeeds(jsonTexts: readonly string[]): { prefixes: string[]; certificates: string[] } {
  const prefixes: string[] = [];
  const certificates = new Set<string>();
  for (const text of jsonTexts) {
    try {
      const c = JSON.parse(text) as { PREFIX?: unknown; TESTCTX?: { CERTIFICATE?: unknown } };
      if (typeof c.PREFIX === 'string' && c.PREFIX.length > 0) prefixes.push(c.PREFIX);
      if (typeof c.TESTCTX?.CERTIFICATE === 'string') certificates.add(c.TESTCTX.CERTIFICATE);
    } catch {
      // a fixture that is not JSON is not a seed
    }
  }
  return { prefixes, certificates: [...certificates] };
}

export function fixtureSigners(certificatesBase64: readonly string[]): DocumentSigner[] {
  const signers: DocumentSigner[] = [];
  for (const der of certificatesBase64) {
    const signer = documentSignerFromCertificate(der);
    if (signer) signers.push(signer);
  }
  return signers;
}
