/**
 * The hub's view of the terminal ↔ hub wire protocol. The shapes live in core/contract/hub-protocol.ts (types and
 * route/header names) and core/contract/hub-signing.ts (the signed texts), so the terminal (main/sync) and the hub
 * share one definition without importing each other.
 */
import type { UploadedEntry } from '../core/contract/hub-protocol.js';

export type {
  BundleContent,
  BundleDccSigner,
  BundleDccValueSets,
  BundleDeclaration,
  BundleHost,
  BundleHubKey,
  BundleSignature,
  BundleIssuer,
  BundleStaffMember,
  CheckinFeed,
  EnrolmentRequest,
  EnrolmentResponse,
  EntryBatch,
  EntryBatchAck,
  EntryTimeSource,
  HubErrorBody,
  HubErrorCode,
  PassageFeed,
  RelayedCheckin,
  RelayedPassage,
  SealedKey,
  SignedBundle,
  StaffStatus,
  TerminalHardwareStatus,
  TerminalHeartbeat,
  UploadedEntry,
} from '../core/contract/hub-protocol.js';
/**
 * An entry as the hub receives and stores it: reason codes, credential kinds and scan sources are kept as the
 * terminal sent them (its schema bounds their length only), so that a terminal newer than the hub still uploads.
 */
export type ReceivedEntry = Omit<UploadedEntry, 'reasons' | 'credentialKind' | 'scanSource'> & {
  readonly reasons: readonly string[];
  readonly credentialKind: string;
  readonly scanSource: string;
};
export { HUB_HEADERS, HUB_PATHS } from '../core/contract/hub-protocol.js';
export { bundleSignatureText, enrolmentProofText, REQUEST_WINDOW_MS, requestSignatureText, subjectKeySealInfo } from '../core/contract/hub-signing.js';
