/**
 * Reason codes: the explicit "why" of every gate decision.
 *
 * Contract: every code carries a Vietnamese and an English message and a next step for the person at the door.
 * The guard screen, the register and the hub all speak in these codes; texts live only here so that a code can never
 * be shown without its explanation. Adding a code means adding all four texts (the table test enforces it).
 */

import { REASON_TEXTS, SEE_GUARD_TEXT } from './reason-texts.js';

export const ReasonCode = {
  // admitting reasons
  DeclarationValid: 'DECLARATION_VALID',
  DeclarationOnFile: 'DECLARATION_ON_FILE',
  DccValid: 'DCC_VALID',
  StaffBadgeValid: 'STAFF_BADGE_VALID',
  GuardOverrideAdmit: 'GUARD_OVERRIDE_ADMIT',
  PaperDeclarationValid: 'PAPER_DECLARATION_VALID',
  // payload-level problems (before any credential is recognised)
  PayloadEmpty: 'PAYLOAD_EMPTY',
  PayloadTooLarge: 'PAYLOAD_TOO_LARGE',
  PayloadUnreadable: 'PAYLOAD_UNREADABLE',
  CredentialUnsupported: 'CREDENTIAL_UNSUPPORTED',
  UnsupportedUrl: 'UNSUPPORTED_URL',
  UnsupportedSmartHealthCard: 'UNSUPPORTED_SMART_HEALTH_CARD',
  UnsupportedBarcode: 'UNSUPPORTED_BARCODE',
  UnsupportedText: 'UNSUPPORTED_TEXT',
  CredentialKindNotAccepted: 'CREDENTIAL_KIND_NOT_ACCEPTED',
  CredentialRevoked: 'CREDENTIAL_REVOKED',
  // signed declaration token
  TokenMalformed: 'TOKEN_MALFORMED',
  TokenUnknownIssuer: 'TOKEN_UNKNOWN_ISSUER',
  TokenSignatureInvalid: 'TOKEN_SIGNATURE_INVALID',
  TokenExpired: 'TOKEN_EXPIRED',
  TokenNotYetValid: 'TOKEN_NOT_YET_VALID',
  DeclarationTooOld: 'DECLARATION_TOO_OLD',
  DeclarationNeedsMedicalCheck: 'DECLARATION_NEEDS_MEDICAL_CHECK',
  DeclarationMustIsolate: 'DECLARATION_MUST_ISOLATE',
  // CCCD / PC-Covid identity QR looked up in the synced declaration set
  IdentityQrMalformed: 'IDENTITY_QR_MALFORMED',
  IdentityQrNumberHidden: 'IDENTITY_QR_NUMBER_HIDDEN',
  DeclarationNotFound: 'DECLARATION_NOT_FOUND',
  DeclarationOnFileExpired: 'DECLARATION_ON_FILE_EXPIRED',
  DeclarationSetStale: 'DECLARATION_SET_STALE',
  // EU Digital COVID Certificate
  DccMalformed: 'DCC_MALFORMED',
  DccUnknownSigner: 'DCC_UNKNOWN_SIGNER',
  DccSignatureInvalid: 'DCC_SIGNATURE_INVALID',
  DccSignerNotValid: 'DCC_SIGNER_NOT_VALID',
  DccWrongCertificateType: 'DCC_WRONG_CERTIFICATE_TYPE',
  DccExpired: 'DCC_EXPIRED',
  DccNotYetValid: 'DCC_NOT_YET_VALID',
  DccSchemaInvalid: 'DCC_SCHEMA_INVALID',
  DccCodeNotInValueSet: 'DCC_CODE_NOT_IN_VALUE_SET',
  DccTypeNotAccepted: 'DCC_TYPE_NOT_ACCEPTED',
  DccVaccinationIncomplete: 'DCC_VACCINATION_INCOMPLETE',
  DccVaccinationTooRecent: 'DCC_VACCINATION_TOO_RECENT',
  DccVaccinationTooOld: 'DCC_VACCINATION_TOO_OLD',
  DccTestPositive: 'DCC_TEST_POSITIVE',
  DccTestTooOld: 'DCC_TEST_TOO_OLD',
  DccRecoveryTooRecent: 'DCC_RECOVERY_TOO_RECENT',
  DccRecoveryTooOld: 'DCC_RECOVERY_TOO_OLD',
  // staff badges and checkpoint rules
  StaffWrongDepartment: 'STAFF_WRONG_DEPARTMENT',
  StaffOnlyCheckpoint: 'STAFF_ONLY_CHECKPOINT',
  StaffNeedsDeclaration: 'STAFF_NEEDS_DECLARATION',
  // passage state
  AlreadyInside: 'ALREADY_INSIDE',
  ExitWithoutEntry: 'EXIT_WITHOUT_ENTRY',
  GuardOverrideRefuse: 'GUARD_OVERRIDE_REFUSE',
  GuardOverrideUndone: 'GUARD_OVERRIDE_UNDONE',
  // chained policy of department checkpoints
  NoBuildingEntry: 'NO_BUILDING_ENTRY',
  BuildingDataStale: 'BUILDING_DATA_STALE',
  VisitorNeedsHost: 'VISITOR_NEEDS_HOST',
  OutsideOpeningHours: 'OUTSIDE_OPENING_HOURS',
  ClosedToday: 'CLOSED_TODAY',
  // phone check-in at the checkpoint's poster (hub/declare): shown on the guard screen, never in the register
  PhoneCheckinSeeGuard: 'PHONE_CHECKIN_SEE_GUARD',
  // terminal state
  ClockNotSynchronised: 'CLOCK_NOT_SYNCHRONISED',
  InternalError: 'INTERNAL_ERROR',
} as const;

export type ReasonCode = (typeof ReasonCode)[keyof typeof ReasonCode];

export type Language = 'vi' | 'en';

/**
 * The outcome a reason implies on its own. `info` reasons never decide: they ride along as warnings
 * (an unsynchronised clock, an exit without a recorded entry).
 */
export type ReasonSeverity = 'admit' | 'deny' | 'review' | 'info';

export interface ReasonText {
  /** What happened, one short sentence the person understands at a glance. */
  readonly message: string;
  /** What the person must do now. */
  readonly next: string;
}

export type ReasonTexts = Readonly<Record<Language, ReasonText>>;


const SEVERITY_OVERRIDES: Partial<Record<ReasonCode, ReasonSeverity>> = {
  DECLARATION_VALID: 'admit',
  DECLARATION_ON_FILE: 'admit',
  DCC_VALID: 'admit',
  STAFF_BADGE_VALID: 'admit',
  GUARD_OVERRIDE_ADMIT: 'admit',
  PAPER_DECLARATION_VALID: 'admit',
  DECLARATION_NEEDS_MEDICAL_CHECK: 'review',
  ALREADY_INSIDE: 'review',
  DECLARATION_SET_STALE: 'review',
  BUILDING_DATA_STALE: 'review',
  VISITOR_NEEDS_HOST: 'review',
  DCC_CODE_NOT_IN_VALUE_SET: 'review',
  PHONE_CHECKIN_SEE_GUARD: 'review',
  INTERNAL_ERROR: 'review',
  CLOCK_NOT_SYNCHRONISED: 'info',
  EXIT_WITHOUT_ENTRY: 'info',
};

/** Default severity of a reason: everything not listed refuses entry. */
export function reasonSeverity(code: ReasonCode): ReasonSeverity {
  return SEVERITY_OVERRIDES[code] ?? 'deny';
}

/**
 * Reasons about the terminal's own state — its clock, the age of its synced data — rather than about the person:
 * the admin web shows them apart, as notices, never among the reasons for a denial.
 */
const NOTICE_REASONS: ReadonlySet<string> = new Set<ReasonCode>(['CLOCK_NOT_SYNCHRONISED', 'DECLARATION_SET_STALE', 'BUILDING_DATA_STALE']);

export function isNoticeReason(code: string): boolean {
  return NOTICE_REASONS.has(code);
}

/** The outcome a decisive reason implies (info reasons are never decisive; treated as review defensively). */
export function reasonOutcome(code: ReasonCode): 'admit' | 'deny' | 'review' {
  const severity = reasonSeverity(code);
  return severity === 'info' ? 'review' : severity;
}

export { REASON_TEXTS, SEE_GUARD_TEXT };

/** The texts of a reason, with `{name}` placeholders filled from `params` (unknown ones shown as "…"). */
export function reasonText(code: ReasonCode, lang: Language, params?: Readonly<Record<string, string>>): ReasonText {
  const text = REASON_TEXTS[code][lang];
  if (!text.message.includes('{') && !text.next.includes('{')) return text;
  const fill = (s: string) => s.replace(/\{(\w+)\}/g, (_, name: string) => params?.[name] ?? '…');
  return { message: fill(text.message), next: fill(text.next) };
}

export function isReasonCode(value: string): value is ReasonCode {
  return Object.prototype.hasOwnProperty.call(REASON_TEXTS, value);
}
