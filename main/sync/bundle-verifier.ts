/**
 * Verifies a bundle before anything of it is used: addressed to this terminal, signed by the pinned hub key over
 * the payload's digest and the sealed key, payload matching its digest and well formed, for this terminal's
 * checkpoint and building, not older than the bundle in force (rollback), and the subject key opening with this
 * terminal's own X25519 key. Any failure leaves the last good bundle in force.
 */
import type { KeyObject } from 'node:crypto';
import type { BundleContent, SignedBundle } from '../../core/contract/hub-protocol.js';
import { bundleSignatureText, subjectKeySealInfo } from '../../core/contract/hub-signing.js';
import { bundleContentSchema } from './bundle-schema.js';
import type { TerminalIdentity } from './hub-identity.js';
import { openSealedKey, sha256Hex, verifyText } from './sync-crypto.js';
import { SyncError } from './sync-error.js';

export interface VerifiedBundle {
  readonly content: BundleContent;
  readonly subjectKey: Buffer;
}

export interface BundleKeys {
  readonly hubKey: KeyObject;
  readonly agreementKey: KeyObject;
}

export function verifyBundle(signed: SignedBundle, identity: TerminalIdentity, keys: BundleKeys, versionInForce: number | undefined): VerifiedBundle {
  if (signed.terminalId !== identity.terminalId) {
    throw new SyncError('BUNDLE_SIGNATURE_INVALID', `the bundle is addressed to terminal ${String(signed.terminalId)}, not ${identity.terminalId}`);
  }
  if (typeof signed.payload !== 'string' || !verifyText(keys.hubKey, bundleSignatureText(signed), signed.signature)) {
    throw new SyncError('BUNDLE_SIGNATURE_INVALID', 'the bundle signature does not verify with the hub key pinned at enrolment; the last good bundle stays in force');
  }
  if (sha256Hex(signed.payload) !== signed.payloadSha256) {
    throw new SyncError('BUNDLE_SIGNATURE_INVALID', 'the bundle payload does not match its signed digest; the last good bundle stays in force');
  }
  let content: BundleContent;
  try {
    content = bundleContentSchema.parse(JSON.parse(signed.payload)) as BundleContent;
  } catch (error) {
    throw new SyncError('BUNDLE_MALFORMED', `the bundle payload is malformed: ${(error as Error).message.slice(0, 200)}`);
  }
  if (content.version !== signed.version || content.checkpointId !== identity.checkpointId || content.buildingId !== identity.buildingId) {
    throw new SyncError('BUNDLE_MALFORMED', `the bundle (v${content.version}, ${content.checkpointId}) is not for this terminal's checkpoint ${identity.checkpointId}`);
  }
  if (versionInForce !== undefined && content.version < versionInForce) {
    throw new SyncError('BUNDLE_ROLLBACK', `bundle v${content.version} is older than v${versionInForce} in force: refused (rollback)`);
  }
  let subjectKey: Buffer;
  try {
    subjectKey = openSealedKey(signed.sealedSubjectKey, keys.agreementKey, subjectKeySealInfo(identity.terminalId));
  } catch {
    throw new SyncError('BUNDLE_SIGNATURE_INVALID', 'the subject key in the bundle does not open with this terminal key');
  }
  if (subjectKey.length !== 32) throw new SyncError('BUNDLE_MALFORMED', `the subject key has ${subjectKey.length} bytes, 32 expected`);
  return { content, subjectKey };
}
