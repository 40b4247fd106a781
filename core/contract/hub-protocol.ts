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
import type { CheckpointPolicy } from '../policy.js';
import type { ReasonCode } from '../reasons.js';
import type { Direction, ScanSource } from '../scan.js';
import type { ScannerHealth } from './gate-contract.js';

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

export interface BundleIssuer {
  readonly name: string;
  /** Raw Ed25519 public key, base64. */
  readonly publicKey: string;
}

/**
 * One EU DCC document signer of the hub's trust list (hub/service/dcc-trust-list.ts checked it on import). Several
 * may share a kid. The terminal parses the certificate itself (key, extended key usage, validity).
 */
export interface BundleDccSigner {
  /** COSE kid, lowercase hex. */
  readonly kid: string;
  readonly country: string;
  /** X.509 DER, base64. */
  readonly certificate: string;
}

export interface BundleDeclaration {
  /** CryptoPort.identityRef of the ID number under the building's subject key. */
  readonly subjectRef: string;
  readonly declaredAt: number;
  readonly expiresAt: number;
  readonly result: DeclarationResult;
}

export type StaffStatus = 'active' | 'suspended' | 'left';

export interface BundleStaffMember {
  readonly badgeId: string;
  readonly department: string;
  readonly status: StaffStatus;
}

/**
 * Someone of a department who receives visitors, for the guard's host picker. An opaque id (never an ID number),
 * the name the guard reads, and the department (the checkpoint's policy.department).
 */
export interface BundleHost {
  readonly hostId: string;
  readonly department: string;
  readonly displayName: string;
}

/** What a terminal's bundle says; serialised to SignedBundle.payload, the exact bytes that are hashed and signed. */
export interface BundleContent {
  readonly format: 1;
  /** Strictly increasing per building: a terminal refuses a lower version (rollback). */
  readonly version: number;
  readonly issuedAt: number;
  readonly buildingId: string;
  readonly checkpointId: string;
  readonly checkpointName: string;
  readonly policy: CheckpointPolicy;
  readonly issuers: readonly BundleIssuer[];
  readonly revocations: readonly string[];
  readonly declarations: readonly BundleDeclaration[];
  readonly staff: readonly BundleStaffMember[];
  /** The hub's public declaration page for this checkpoint (`/c/<checkpointId>`), for the guard's "declare here" QR. */
  readonly declarationPageUrl?: string;
  /** Department checkpoints (policy.department set): the department's hosts. Absent from hubs before migration 6. */
  readonly hosts?: readonly BundleHost[];
  /**
   * The app version this terminal must run: an exact version or a semver range (core/version/app-version.ts), set in
   * the hub config per organisation, building, checkpoint or terminal. Absent = any version. A terminal outside it
   * keeps working and shows "update required" (an older terminal ignores the field).
   */
  readonly appVersion?: string;
  /**
   * The deployment's DCC trust list. Present (possibly empty) from hubs since migration 12: it then replaces the
   * terminal's own `trust.dccSigners`; absent (older hub) = the terminal keeps its configured list.
   */
  readonly dccSigners?: readonly BundleDccSigner[];
  /**
   * The deployment's EU DCC value sets (hubs since migration 13; absent while the hub stores none). The terminal checks
   * DCC codes against them unless its own `trust.dccValueSets` folder is configured, which takes precedence.
   */
  readonly dccValueSets?: BundleDccValueSets;
  /**
   * The bundle-signing keys the hub vouches for now (docs/hub.md § Rotating the hub key): its current key, the
   * announced next one and, during an overlap, the previous one. A terminal that verified this bundle trusts exactly
   * this set from then on, so the next key is trusted before it signs anything and a retired key stops being trusted.
   * Absent from hubs before the hub key set: the terminal keeps the key it pinned at enrolment.
   */
  readonly hubKeys?: readonly BundleHubKey[];
}

/** One EU value set, reduced to what the check needs: id, date (YYYY-MM-DD) and its codes. */
export interface BundleDccValueSet {
  readonly id: string;
  readonly date: string;
  readonly codes: readonly string[];
}

export interface BundleDccValueSets {
  /** `id@date` of every set, sorted, comma-separated (core dccValueSetsVersion). */
  readonly version: string;
  readonly sets: readonly BundleDccValueSet[];
}

/** One bundle-signing key of the hub. */
export interface BundleHubKey {
  /** First 8 bytes of SHA-256 of the raw public key, hex (like a declaration issuer's kid); the terminal recomputes it. */
  readonly keyId: string;
  /** Raw Ed25519 public key, base64. */
  readonly publicKey: string;
  readonly role: 'current' | 'next' | 'previous';
}

/** One signature of a bundle, over bundleSignatureText(), by the hub key `keyId`. */
export interface BundleSignature {
  readonly keyId: string;
  /** Ed25519, base64. */
  readonly signature: string;
}

/** The building's subject key, sealed to one terminal: X25519 (ephemeral) + HKDF-SHA-256 + AES-256-GCM. */
export interface SealedKey {
  readonly ephemeralPublicKey: string;
  readonly iv: string;
  /** Ciphertext followed by the 16-byte GCM tag, base64. */
  readonly ciphertext: string;
}

export interface SignedBundle {
  readonly terminalId: string;
  readonly version: number;
  readonly payload: string;
  readonly payloadSha256: string;
  readonly sealedSubjectKey: SealedKey;
  /**
   * Hub's Ed25519 signature (base64) over bundleSignatureText(), kept for terminals that have not yet seen the key set
   * form: made with the oldest key that still signs (the previous key during an overlap, else the current one), so a
   * terminal running software from before key sets, which knows only the key it pinned, keeps verifying until the
   * previous key is retired. The hub pins the same key at enrolment (EnrolmentResponse.hubPublicKey), so a terminal
   * enrolled during an overlap verifies too, whichever software it runs. A terminal that reads `signatures` ignores
   * this field.
   */
  readonly signature: string;
  /** One signature per signing key: the current key always, the previous one too during an overlap. */
  readonly signatures?: readonly BundleSignature[];
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
