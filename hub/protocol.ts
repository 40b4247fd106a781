/**
 * The hub's view of the terminal ↔ hub wire protocol. The shapes live in core/contract/hub-protocol.ts (types and
 * route/header names) and core/contract/hub-signing.ts (the signed texts), so the terminal (main/sync) and the hub
 * share one definition without importing each other.
 */
export type {
  BundleContent,
  BundleDccSigner,
  BundleDeclaration,
  BundleHost,
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
export { HUB_HEADERS, HUB_PATHS } from '../core/contract/hub-protocol.js';
export { bundleSignatureText, enrolmentProofText, REQUEST_WINDOW_MS, requestSignatureText, subjectKeySealInfo } from '../core/contract/hub-signing.js';
