/**
 * The DCC trust list a bundle carries (BundleContent.dccSigners), as the document signers the gate verifies with.
 * The hub checked each certificate on import; the terminal parses it again (main/crypto/document-signer.ts) and
 * leaves out one it cannot use, naming it, rather than refusing the bundle: one bad signer must not stop the policy,
 * revocations and declarations that come with it. Parsed keys are kept across bundles (by kid and certificate), so a
 * new bundle with the same list re-parses nothing.
 */
import type { DocumentSigner } from '../../core/index.js';
import type { BundleDccSigner } from '../../core/contract/hub-protocol.js';
import { documentSignerFromDer } from '../crypto/document-signer.js';

export interface SignerIndex {
  bySigner: ReadonlyMap<string, readonly DocumentSigner[]>;
  /** "kid …: reason" of each certificate left out. */
  unusable: readonly string[];
}

export class BundleDccSigners {
  private parsed = new Map<string, DocumentSigner>();

  /** Indexes the bundle's list by kid, reusing signers parsed for an earlier bundle. */
  index(signers: readonly BundleDccSigner[]): SignerIndex {
    const parsed = new Map<string, DocumentSigner>();
    const bySigner = new Map<string, DocumentSigner[]>();
    const unusable: string[] = [];
    for (const entry of signers) {
      const cacheKey = `${entry.kid}\n${entry.certificate}`;
      let signer = this.parsed.get(cacheKey) ?? parsed.get(cacheKey);
      if (!signer) {
        try {
          signer = documentSignerFromDer(Buffer.from(entry.certificate, 'base64'), entry.kid);
        } catch (error) {
          unusable.push(`kid ${entry.kid} (${entry.country}): ${(error as Error).message}`);
          continue;
        }
      }
      parsed.set(cacheKey, signer);
      bySigner.set(signer.kid, [...(bySigner.get(signer.kid) ?? []), signer]);
    }
    // Only what the current list holds stays cached: a removed signer's key is dropped with it.
    this.parsed = parsed;
    return { bySigner, unusable };
  }
}
