/**
 * Refusal codes: why the terminal refused a call from the screen, or why something it was asked to do failed — the
 * register cannot be written, an override is too late, the PIN is wrong, the hub is unreachable. A ReasonCode says
 * why a *person* was admitted or refused and lands in the register; a RefusalCode says why the *terminal* could not do
 * what the guard or the screen asked, and travels as `GateError.code` through the contract (core/contract).
 *
 * Contract: every code carries a Vietnamese and an English message and a next step (refusal-texts.ts), and the screen
 * shows only these words — never the raw code (it stays in a data-code attribute for IT and the tests). The host may
 * throw only registered codes (`GateUnavailableError`, `ContractError` take a RefusalCode: a typo fails tsc), and
 * test/unit/core/refusals.test.ts checks the texts and scans main/ for codes thrown outside the registry.
 */
import { REFUSAL_TEXTS, REFUSAL_TEXTS_DURING_ENROLMENT, UNKNOWN_REFUSAL_TEXT } from './refusal-texts.js';
import type { Language, ReasonText } from './reasons.js';

export const RefusalCode = {
  // the screen's own link to the host (set by the renderer's bridge)
  ConnectionLost: 'CONNECTION_LOST',
  Timeout: 'TIMEOUT',
  /** The renderer caught something that is not a refusal at all (a bug): said as a generic terminal error. */
  Unknown: 'UNKNOWN',
  // the contract itself
  BadMessage: 'BAD_MESSAGE',
  BadParams: 'BAD_PARAMS',
  UnknownMethod: 'UNKNOWN_METHOD',
  ForbiddenSender: 'FORBIDDEN_SENDER',
  Internal: 'INTERNAL',
  // the register (main/storage/storage-failure.ts): the gate fails closed
  RegisterWriteFailed: 'REGISTER_WRITE_FAILED',
  StorageFull: 'STORAGE_FULL',
  StorageReadOnly: 'STORAGE_READ_ONLY',
  StorageIoError: 'STORAGE_IO_ERROR',
  // what the guard does by hand: direction, paper form, overrides and their undo, the host pick
  DirectionFixed: 'DIRECTION_FIXED',
  PaperFormInvalid: 'PAPER_FORM_INVALID',
  EntryNotFound: 'ENTRY_NOT_FOUND',
  AlreadyOverridden: 'ALREADY_OVERRIDDEN',
  OverrideNotAllowed: 'OVERRIDE_NOT_ALLOWED',
  OverrideTooLate: 'OVERRIDE_TOO_LATE',
  UndoNotAllowed: 'UNDO_NOT_ALLOWED',
  UndoTooLate: 'UNDO_TOO_LATE',
  HostNotNeeded: 'HOST_NOT_NEEDED',
  HostNotFound: 'HOST_NOT_FOUND',
  HostPickExpired: 'HOST_PICK_EXPIRED',
  // behind the settings PIN
  BadPin: 'BAD_PIN',
  PinLocked: 'PIN_LOCKED',
  PinNotSet: 'PIN_NOT_SET',
  SelfTestRunning: 'SELFTEST_RUNNING',
  /** Test controls only (core/contract/test-contract.ts). */
  NotSimulated: 'NOT_SIMULATED',
  // enrolment with the hub (main/setup); the hub's own refusals keep their code
  NoHubConfigured: 'NO_HUB_CONFIGURED',
  EnrolmentRunning: 'ENROLMENT_RUNNING',
  EnrolmentTokenMalformed: 'ENROLMENT_TOKEN_MALFORMED',
  NotAnEnrolmentCode: 'NOT_AN_ENROLMENT_CODE',
  EnrolmentFileInvalid: 'ENROLMENT_FILE_INVALID',
  EnrolmentTokenUnknown: 'ENROLMENT_TOKEN_UNKNOWN',
  EnrolmentTokenUsed: 'ENROLMENT_TOKEN_USED',
  EnrolmentTokenExpired: 'ENROLMENT_TOKEN_EXPIRED',
  CheckpointMismatch: 'CHECKPOINT_MISMATCH',
  AlreadyEnrolled: 'ALREADY_ENROLLED',
  EnrolmentFailed: 'ENROLMENT_FAILED',
  // hub sync (main/sync/sync-failure.ts): never stops the gate, only informs
  HubUnreachable: 'HUB_UNREACHABLE',
  HubTimeout: 'HUB_TIMEOUT',
  HubRefused: 'HUB_REFUSED',
  HubAnswerInvalid: 'HUB_ANSWER_INVALID',
  BundleSignatureInvalid: 'BUNDLE_SIGNATURE_INVALID',
  BundleSignerUnknown: 'BUNDLE_SIGNER_UNKNOWN',
  BundleMalformed: 'BUNDLE_MALFORMED',
  BundleRollback: 'BUNDLE_ROLLBACK',
  IdentityMismatch: 'IDENTITY_MISMATCH',
  IdentityDamaged: 'IDENTITY_DAMAGED',
  RequestExpired: 'REQUEST_EXPIRED',
  ClockOff: 'CLOCK_OFF',
  HubGapUnrecoverable: 'HUB_GAP_UNRECOVERABLE',
  QueueNotDrained: 'QUEUE_NOT_DRAINED',
  TerminalRevoked: 'TERMINAL_REVOKED',
  TerminalUnknown: 'TERMINAL_UNKNOWN',
} as const;

export type RefusalCode = (typeof RefusalCode)[keyof typeof RefusalCode];

export type RefusalTexts = Readonly<Record<Language, ReasonText>>;

/**
 * Where the refusal is met, when that changes what to do: an unreachable hub during enrolment means "check the
 * address and try again", during the sync "scans are kept here" (the terminal retries by itself).
 */
export type RefusalContext = 'enrolment';

export function isRefusalCode(value: string): value is RefusalCode {
  return Object.prototype.hasOwnProperty.call(REFUSAL_TEXTS, value);
}

/**
 * What the screen says for a refusal. `code` is a string because it arrives over a transport (a host of another
 * version may send a code this renderer does not know): an unknown code gets words that still say what to do.
 */
export function refusalText(code: string, language: Language, context?: RefusalContext): ReasonText {
  if (!isRefusalCode(code)) return UNKNOWN_REFUSAL_TEXT[language];
  return ((context === 'enrolment' ? REFUSAL_TEXTS_DURING_ENROLMENT[code] : undefined) ?? REFUSAL_TEXTS[code])[language];
}

/** One line for a dialog or a status box: what happened, then what to do. */
export function refusalLine(code: string, language: Language, context?: RefusalContext): string {
  const { message, next } = refusalText(code, language, context);
  return `${message} ${next}`;
}

export { REFUSAL_TEXTS };
