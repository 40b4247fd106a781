/**
 * What went wrong with an enrolment, as a refusal code the setup screen shows in the registry's words (core/refusals.ts,
 * Vietnamese first, in their enrolment wording) and an English message for logs and the CLI. Hub refusals keep the
 * hub's own code when the registry knows it (ENROLMENT_TOKEN_USED, CHECKPOINT_MISMATCH, …).
 */
import type { GateError } from '../../core/index.js';
import { SyncError } from '../sync/sync-failure.js';

const LOCAL_MESSAGES = {
  ENROLMENT_TOKEN_MALFORMED: 'this is not an enrolment token (expected GTE1.<id>.<secret>, as create-enrolment-token prints it)',
  NOT_AN_ENROLMENT_CODE: 'the scanned code is not an enrolment QR; scan the QR from the hub admin',
  ENROLMENT_FILE_INVALID: 'holds no enrolment token (expected {"token": "GTE1…"})',
} as const;

function isLocalCode(value: string): value is keyof typeof LOCAL_MESSAGES {
  return Object.prototype.hasOwnProperty.call(LOCAL_MESSAGES, value);
}

/** A hub refusal of a request as too far from its clock: the terminal's date and time are wrong. */
const CLOCK_REFUSALS = new Set(['REQUEST_EXPIRED']);

export function enrolmentError(error: unknown, detail?: string): GateError {
  if (typeof error === 'string' && isLocalCode(error)) {
    const message = LOCAL_MESSAGES[error];
    return { code: error, message: detail ? `${detail}: ${message}` : message };
  }
  if (error instanceof SyncError) {
    if (error.code === 'HUB_REFUSED' && error.hubCode && CLOCK_REFUSALS.has(error.hubCode)) return { code: 'CLOCK_OFF', message: error.message };
    if (error.code === 'HUB_TIMEOUT') return { code: 'HUB_UNREACHABLE', message: error.message };
    return error.asGateError;
  }
  return { code: 'ENROLMENT_FAILED', message: (error as Error).message ?? String(error) };
}
