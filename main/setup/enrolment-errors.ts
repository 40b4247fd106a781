/**
 * What went wrong with an enrolment, as a code the setup screen translates (renderer/i18n/setup-text.ts, Vietnamese
 * first) and an English message for logs and the CLI. Hub refusals keep the hub's own code.
 */
import type { GateError } from '../../core/index.js';
import { SyncError } from '../sync/sync-failure.js';

const LOCAL_MESSAGES = {
  ENROLMENT_TOKEN_MALFORMED: 'this is not an enrolment token (expected GTE1.<id>.<secret>, as create-enrolment-token prints it)',
  NOT_AN_ENROLMENT_CODE: 'the scanned code is not an enrolment QR; scan the QR from the hub admin',
  ENROLMENT_FILE_INVALID: 'holds no enrolment token (expected {"token": "GTE1…"})',
} as const;

/** A hub refusal of a request as too far from its clock: the terminal's date and time are wrong. */
const CLOCK_REFUSALS = new Set(['REQUEST_EXPIRED']);

export function enrolmentError(error: unknown, detail?: string): GateError {
  if (typeof error === 'string' && error in LOCAL_MESSAGES) {
    const message = LOCAL_MESSAGES[error as keyof typeof LOCAL_MESSAGES];
    return { code: error, message: detail ? `${detail}: ${message}` : message };
  }
  if (error instanceof SyncError) {
    if (error.code === 'HUB_REFUSED' && error.hubCode) {
      return { code: CLOCK_REFUSALS.has(error.hubCode) ? 'CLOCK_OFF' : error.hubCode, message: error.message };
    }
    if (error.code === 'HUB_TIMEOUT') return { code: 'HUB_UNREACHABLE', message: error.message };
    return { code: error.code, message: error.message };
  }
  return { code: 'ENROLMENT_FAILED', message: (error as Error).message ?? String(error) };
}
