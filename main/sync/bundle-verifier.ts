/**
 * Verifies a bundle before anything of it is used: addressed to this terminal, signed by a hub key it trusts over
 * the payload's digest and the sealed key (hub-trust.ts: pinned at enrolment or learned from the last verified bundle), payload matching its digest and well formed, for this terminal's
 * checkpoint and building, not older than the bundle in force (rollback), and the subject key opening with this
 * terminal's own X25519 key. Any failure leaves the last good bundle in force.
 */
import type { KeyObject } from 'node:crypto';
import type { BundleContent, SignedBundle } from '../../core/contract/hub-protocol.js';
import { bundleSignatureText, subjectKeySealInfo } from '../../core/contract/hub-signing.js';
import { z } from 'zod';
import { isValidVersionRange } from '../../core/version/app-version.js';
import type { TerminalIdentity } from './hub-identity.js';
import { learnedHubKeys, verifiedSigners, type TrustedHubKey } from './hub-trust.js';
import { openSealedKey, sha256Hex } from './sync-crypto.js';
import { SyncError } from './sync-failure.js';

/** Shape check of a payload whose signature verified: a bug on the hub must not crash the gate or set nonsense policy. */
const kinds = z.enum(['declaration', 'eu-dcc', 'cccd', 'pc-covid', 'staff-badge', 'paper', 'unknown']);
const ms = z.number().int().min(0);
const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/);
/** One weekday of per-weekday opening hours: a range, or null/missing = closed. */
const day = z.object({ opens: hhmm, closes: hhmm }).nullable().optional();

const policySchema = z.object({
  maxDeclarationAgeMs: ms,
  acceptedKinds: z.array(kinds).min(1),
  admittingDeclarationResults: z.array(z.enum(['clear', 'medical-check', 'isolate'])).min(1),
  clockSkewMs: ms,
  onClockNotSynchronised: z.enum(['warn', 'review']),
  certificates: z.object({
    vaccination: z.object({ accepted: z.boolean(), minDaysAfterLastDose: z.number().min(0), maxDaysAfterLastDose: z.number().min(0) }),
    test: z.object({ accepted: z.boolean(), maxHoursAfterSample: z.number().min(0), acceptedTypes: z.array(z.string()) }),
    recovery: z.object({ accepted: z.boolean(), minDaysAfterPositive: z.number().min(0), maxDaysAfterPositive: z.number().min(0) }),
  }),
  visitors: z.enum(['allowed', 'staff-only']),
  department: z.string().optional(),
  staffNeedDeclaration: z.boolean(),
  antiPassbackWindowMs: ms,
  chain: z.object({ buildingDoorWithinMs: ms, visitorsNeedHost: z.boolean() }).optional(),
  openingHours: z
    .union([
      z.object({ opens: hhmm, closes: hhmm }),
      z.object({ weekly: z.object({ mon: day, tue: day, wed: day, thu: day, fri: day, sat: day, sun: day }) }),
    ])
    .optional(),
});

export const bundleContentSchema = z.object({
  format: z.literal(1),
  version: z.number().int().min(1),
  issuedAt: ms,
  buildingId: z.string().min(1),
  checkpointId: z.string().min(1),
  checkpointName: z.string().min(1),
  policy: policySchema,
  issuers: z.array(z.object({ name: z.string(), publicKey: z.string().length(44) })),
  revocations: z.array(z.string().min(1)),
  declarations: z.array(z.object({ subjectRef: z.string().min(1), declaredAt: ms, expiresAt: ms, result: z.enum(['clear', 'medical-check', 'isolate']) })),
  staff: z.array(z.object({ badgeId: z.string().min(1), department: z.string(), status: z.enum(['active', 'suspended', 'left']) })),
  declarationPageUrl: z.url().optional(),
  hosts: z.array(z.object({ hostId: z.string().min(1), department: z.string().min(1), displayName: z.string().min(1) })).optional(),
  appVersion: z.string().refine(isValidVersionRange, 'not a version or semver range').optional(),
  dccSigners: z.array(z.object({ kid: z.string().regex(/^[0-9a-f]{2,128}$/), country: z.string().max(8), certificate: z.string().min(1) })).optional(),
  dccValueSets: z
    .object({
      version: z.string().max(8192),
      sets: z.array(z.object({ id: z.string().regex(/^[a-z0-9-]{1,80}$/), date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/), codes: z.array(z.string().min(1).max(200)) })),
    })
    .optional(),
  hubKeys: z.array(z.object({ keyId: z.string().regex(/^[0-9a-f]{16}$/), publicKey: z.string().length(44), role: z.enum(['current', 'next', 'previous']) })).min(1).optional(),
});

export interface VerifiedBundle {
  readonly content: BundleContent;
  /** The building's key: what the register stores is HMAC(subjectKey, "subject:" + reference). */
  readonly subjectKey: Buffer;
  /** The hub deployment's identity key: the reference of an ID number (docs/identity-qr.md § One subject identity). */
  readonly identityKey: Buffer;
  /** The hub keys to trust from now on (the bundle's hubKeys), undefined when it carries none (an older hub). */
  readonly hubKeys: readonly TrustedHubKey[] | undefined;
}

export interface BundleKeys {
  /** The hub keys trusted now (hub-trust.ts trustedHubKeys). */
  readonly trustedHubKeys: readonly TrustedHubKey[];
  readonly agreementKey: KeyObject;
}

export function verifyBundle(signed: SignedBundle, identity: TerminalIdentity, keys: BundleKeys, versionInForce: number | undefined): VerifiedBundle {
  if (signed.terminalId !== identity.terminalId) {
    throw new SyncError('BUNDLE_SIGNATURE_INVALID', `the bundle is addressed to terminal ${String(signed.terminalId)}, not ${identity.terminalId}`);
  }
  if (typeof signed.payload !== 'string') throw new SyncError('BUNDLE_SIGNATURE_INVALID', 'the bundle has no payload; the last good bundle stays in force');
  const signers = verifiedSigners(bundleSignatureText(signed), signed, keys.trustedHubKeys);
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
  const hubKeys = learnedHubKeys(content.hubKeys, signers);
  let sealed: Buffer;
  try {
    sealed = openSealedKey(signed.sealedSubjectKey, keys.agreementKey, subjectKeySealInfo(identity.terminalId));
  } catch {
    throw new SyncError('BUNDLE_SIGNATURE_INVALID', 'the subject key in the bundle does not open with this terminal key');
  }
  // 64 bytes: the deployment's identity key, then the building's subject key. 32 bytes: a hub from before issue 15,
  // whose building key made both the reference and the stored HMAC.
  if (sealed.length === 64) return { content, identityKey: sealed.subarray(0, 32), subjectKey: sealed.subarray(32), hubKeys };
  if (sealed.length === 32) return { content, identityKey: sealed, subjectKey: sealed, hubKeys };
  throw new SyncError('BUNDLE_MALFORMED', `the sealed subject keys have ${sealed.length} bytes, 64 (or 32) expected`);
}
