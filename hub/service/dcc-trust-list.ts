/**
 * Importing a national backend's DCC trust list into the hub (admin API, admin web and CLI share this): parse the
 * text (dcc-trust-list-formats.ts), check every certificate (dcc-signer-check.ts), store those that pass
 * (hub/storage/dcc-signer-store.ts; every building's data version is bumped, so each terminal has the new list at its
 * next sync) and report each one refused with its reason. One bad certificate never blocks the others; only a text
 * that is no trust list at all is refused whole (TrustListFormatError).
 */
import type { BundleDccSigner } from '../protocol.js';
import type { DccSignerStore } from '../storage/dcc-signer-store.js';
import { checkDccSigner, isRefusal, type DccSignerRecord, type SignerRefusal } from './dcc-signer-check.js';
import { detectFormat, parseTrustList, type TrustListFormat } from './dcc-trust-list-formats.js';

export interface TrustListImport {
  readonly format: TrustListFormat;
  /** Signers that passed the checks (new, updated or already listed). */
  readonly accepted: readonly DccSignerRecord[];
  readonly added: number;
  readonly updated: number;
  readonly unchanged: number;
  readonly refused: readonly SignerRefusal[];
}

export async function importTrustList(store: DccSignerStore, text: string, format: TrustListFormat | undefined, now: number): Promise<TrustListImport> {
  const used = format ?? detectFormat(text);
  const parsed = parseTrustList(text, used);
  const accepted: DccSignerRecord[] = [];
  const refused: SignerRefusal[] = [...parsed.refused];
  for (const candidate of parsed.candidates) {
    const checked = checkDccSigner(candidate, now);
    if (isRefusal(checked)) refused.push(checked);
    else accepted.push(checked);
  }
  const changes = accepted.length > 0 ? await store.put(accepted, now) : { added: 0, updated: 0, unchanged: 0 };
  return { format: used, accepted, ...changes, refused };
}

/** What a bundle carries of one signer: the terminal checks and parses the certificate itself. */
export function bundleSignerOf(signer: DccSignerRecord): BundleDccSigner {
  return { kid: signer.kid, country: signer.country, certificate: signer.certificate };
}

/** "3 added, 1 updated, 0 unchanged, 2 refused", for logs and the CLI. */
export function importSummary(result: TrustListImport): string {
  return `${result.added} added, ${result.updated} updated, ${result.unchanged} unchanged, ${result.refused.length} refused`;
}
