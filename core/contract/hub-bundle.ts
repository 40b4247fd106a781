/**
 * The signed bundle a terminal receives from the hub (part of the terminal ↔ hub wire shapes of ./hub-protocol.ts,
 * which re-exports everything here): its content — policy, issuers, declarations, staff, hosts, DCC signers and value
 * sets, the hub's key set — and the envelope that carries the signatures and the sealed subject key.
 */
import type { DeclarationResult } from '../credentials/declaration-token.js';
import type { CheckpointPolicy } from '../policy.js';

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
