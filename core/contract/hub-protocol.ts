/**
 * The terminal ↔ hub wire shapes, shared by the terminal's sync worker (main/sync) and the hub's HTTP API (hub/).
 * Types only, plus the route paths and header names both sides must spell alike (like the channel names of
 * gate-contract.ts). The canonical strings that get signed are in ./hub-signing.ts.
 *
 * Entries travel as register rows keyed by (terminalId, seq); the hub answers with the highest contiguous seq it
 * holds, which is what makes delivery exactly-once: the terminal marks rows delivered only up to that number.
 */
import type { DeclarationResult } from '../credentials/declaration-token.js';
import type { CredentialKind, Outcome } from '../decision.js';
import type { ReasonCode } from '../reasons.js';
import type { Direction, ScanSource } from '../scan.js';
import type { ScannerHealth } from './gate-contract.js';

export * from './hub-bundle.js';

export const HUB_PATHS = {
  enrol: '/v1/enrol',
  time: '/v1/time',
  entries: '/v1/entries',
  bundle: '/v1/bundle',
  passages: '/v1/passages',
  /** Long poll: phone check-ins at the terminal's checkpoint (docs/declaration-page.md). */
  checkins: '/v1/checkins',
  /** POST TerminalHeartbeat: what the admin fleet page shows (version, queue, data age, hardware). */
  heartbeat: '/v1/heartbeat',
} as const;

/** Headers of a signed terminal request (lower case, as Node presents them). */
export const HUB_HEADERS = {
  keyId: 'x-gate-key-id',
  timestamp: 'x-gate-timestamp',
  nonce: 'x-gate-nonce',
  contentSha256: 'x-gate-content-sha256',
  signature: 'x-gate-signature',
  /** On every terminal request: the app version it runs (reported, not signed; the fleet's version overview). */
  appVersion: 'x-gate-app-version',
  /** On every hub answer: the hub's wall clock (ms), for terminals without a real-time clock. */
  hubTime: 'x-gate-hub-time',
} as const;

/** How the terminal knows an entry's time: from a hub time anchor of the same boot, or only its own wall clock. */
export type EntryTimeSource = 'hub-anchor' | 'wall';

export interface UploadedEntry {
  readonly id: string;
  readonly terminalId: string;
  readonly seq: number;
  readonly checkpointId: string;
  readonly direction: Direction;
  readonly outcome: Outcome;
  readonly reasons: readonly ReasonCode[];
  readonly credentialKind: CredentialKind;
  readonly credentialId: string | null;
  readonly subjectHmac: string | null;
  readonly displayName: string;
  readonly scanSource: ScanSource;
  /** The terminal's wall clock at the decision (ms), as recorded: may be wrong on a terminal without RTC. */
  readonly wallTime: number;
  /** CLOCK_MONOTONIC µs at the decision, meaningful with bootId only. */
  readonly monoTime: number;
  readonly bootId: string;
  /** Best estimate of the decision time on the hub's clock (ms); see timeSource. */
  readonly eventTime: number;
  readonly timeSource: EntryTimeSource;
  readonly overrideOf: string | null;
  /** The visitor's host picked by the guard (department checkpoints): opaque id. Absent from terminals before 0009. */
  readonly hostId?: string | null;
}

export interface EntryBatch {
  readonly terminalId: string;
  readonly entries: readonly UploadedEntry[];
}

export interface EntryBatchAck {
  /** Highest seq such that the hub holds every entry 1..seq of this terminal. */
  readonly contiguousSeq: number;
  /** Highest seq the hub holds at all (above contiguousSeq means a gap the terminal must fill). */
  readonly highestSeq: number;
  readonly inserted: number;
  readonly duplicates: number;
  /** Hub wall time when answering, for the terminal's clock-offset estimate. */
  readonly hubTime: number;
}

export interface EnrolmentRequest {
  /** The one-time token an admin created for the checkpoint. */
  readonly token: string;
  /** The terminal's own name (its config terminal.id); the hub derives a unique terminal id from it. */
  readonly terminalName: string;
  /** The checkpoint the terminal is configured for: the hub refuses a token of another checkpoint. */
  readonly checkpointId: string;
  /** Raw Ed25519 public key, base64: every later request is signed with its private half. */
  readonly signingPublicKey: string;
  /** Raw X25519 public key, base64: the building's subject key is sealed to it. */
  readonly agreementPublicKey: string;
  /** Lowest register seq the hub should expect (1 on a fresh terminal). */
  readonly firstSeq: number;
  /** Ed25519 signature (base64) over enrolmentProofText(): proves possession of the private key. */
  readonly proof: string;
}

export interface EnrolmentResponse {
  readonly terminalId: string;
  readonly keyId: string;
  readonly checkpointId: string;
  readonly checkpointName: string;
  readonly buildingId: string;
  readonly buildingName: string;
  /**
   * Raw Ed25519 public key of the hub, base64, pinned by the terminal: it verifies bundles until a verified bundle names
   * the hub's key set. The current key, or during a rotation's overlap the previous one (the oldest key that signs).
   */
  readonly hubPublicKey: string;
  readonly hubTime: number;
}

export type HubErrorCode =
  | 'BAD_REQUEST'
  | 'ENROLMENT_TOKEN_MALFORMED'
  | 'ENROLMENT_TOKEN_UNKNOWN'
  | 'ENROLMENT_TOKEN_USED'
  | 'ENROLMENT_TOKEN_EXPIRED'
  | 'ENROLMENT_PROOF_INVALID'
  | 'CHECKPOINT_MISMATCH'
  | 'CHECKPOINT_UNKNOWN'
  | 'SIGNATURE_MISSING'
  | 'SIGNATURE_INVALID'
  | 'BODY_DIGEST_MISMATCH'
  | 'TERMINAL_UNKNOWN'
  | 'TERMINAL_REVOKED'
  | 'REQUEST_EXPIRED'
  | 'REQUEST_REPLAYED'
  | 'ENTRY_TERMINAL_MISMATCH'
  | 'ENTRY_CHECKPOINT_MISMATCH'
  | 'ADMIN_UNAUTHORISED'
  | 'NOT_FOUND'
  | 'INTERNAL';

/** Every error answer of the hub. hubTime lets a terminal with a wrong clock correct it and retry. */
export interface HubErrorBody {
  readonly code: HubErrorCode;
  readonly message: string;
  readonly hubTime: number;
}

/** An admitted passage at another door of the building, relayed for cross-terminal anti-passback. */
export interface RelayedPassage {
  readonly cursor: number;
  readonly terminalId: string;
  readonly checkpointName: string;
  /** A building door's entries satisfy the chained policy of the building's department checkpoints. */
  readonly checkpointKind: 'building-door' | 'department';
  readonly subjectHmac: string;
  readonly direction: Direction;
  readonly eventTime: number;
}

export interface PassageFeed {
  readonly passages: readonly RelayedPassage[];
  /** Pass back as `after` next time. */
  readonly cursor: number;
  readonly hubTime: number;
}

/** A check-in a phone made at the checkpoint's poster QR, relayed live to the checkpoint's terminals (shown only). */
export interface RelayedCheckin {
  readonly cursor: number;
  readonly checkinId: string;
  readonly displayName: string;
  readonly result: DeclarationResult;
  /** Keyed subject hash under the building's subject key, as the terminal computes it for a scanned token. */
  readonly subjectHmac: string;
  readonly checkedInAt: number;
}

export interface CheckinFeed {
  readonly checkins: readonly RelayedCheckin[];
  /** Pass back as `after` next time; the first call (after = -1) starts at the newest check-in. */
  readonly cursor: number;
  readonly hubTime: number;
}

/** Hardware as the terminal sees it when it reports (no device paths or serials beyond the scanner ids of its config). */
export interface TerminalHardwareStatus {
  /** Simulated hardware (a test or demo set-up, not a real door). */
  readonly simulated: boolean;
  readonly clockSynchronised: boolean;
  readonly scanners: readonly { readonly id: string; readonly kind: string; readonly health: ScannerHealth }[];
}

/** Sent by the terminal with every bundle poll; the hub keeps the last one per terminal (the fleet page). */
export interface TerminalHeartbeat {
  readonly terminalId: string;
  readonly appVersion: string;
  /** Register rows not yet acknowledged by the hub. */
  readonly queuedEntries: number;
  /** Bundle version in force; null before the first bundle. */
  readonly bundleVersion: number | null;
  /** How long ago (terminal clock, ms) the hub last confirmed the terminal's data is current; null = never. */
  readonly dataAgeMs: number | null;
  readonly hardware: TerminalHardwareStatus;
}
