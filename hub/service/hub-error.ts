/** Errors the hub answers with: a code a terminal or an IT person can act on, an HTTP status, and a sentence. */
import type { HubErrorCode } from '../protocol.js';

const STATUS: Readonly<Record<HubErrorCode, number>> = {
  BAD_REQUEST: 400,
  ENROLMENT_TOKEN_MALFORMED: 400,
  ENROLMENT_TOKEN_UNKNOWN: 401,
  ENROLMENT_TOKEN_USED: 409,
  ENROLMENT_TOKEN_EXPIRED: 410,
  ENROLMENT_PROOF_INVALID: 401,
  CHECKPOINT_MISMATCH: 409,
  CHECKPOINT_UNKNOWN: 404,
  SIGNATURE_MISSING: 401,
  SIGNATURE_INVALID: 401,
  BODY_DIGEST_MISMATCH: 400,
  TERMINAL_UNKNOWN: 401,
  TERMINAL_REVOKED: 403,
  REQUEST_EXPIRED: 401,
  REQUEST_REPLAYED: 401,
  ENTRY_TERMINAL_MISMATCH: 403,
  ENTRY_CHECKPOINT_MISMATCH: 403,
  ADMIN_UNAUTHORISED: 401,
  NOT_FOUND: 404,
  INTERNAL: 500,
};

export class HubError extends Error {
  readonly status: number;

  constructor(
    readonly code: HubErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'HubError';
    this.status = STATUS[code];
  }
}
