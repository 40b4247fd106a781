/**
 * Sync failures with a code the guard screen shows and an IT person can act on (they never stop the gate), and the
 * wait before the next attempt: exponential backoff with full jitter (a uniformly random wait between 0 and
 * min(cap, base·2^attempt)), so terminals that lost the hub together do not come back in lock-step and flatten it.
 */
import { isRefusalCode, type GateError, type RefusalCode } from '../../core/index.js';

export type SyncErrorCode =
  | 'HUB_UNREACHABLE'
  | 'HUB_TIMEOUT'
  | 'HUB_REFUSED'
  | 'HUB_ANSWER_INVALID'
  | 'BUNDLE_SIGNATURE_INVALID'
  | 'BUNDLE_SIGNER_UNKNOWN'
  | 'BUNDLE_ROLLBACK'
  | 'BUNDLE_MALFORMED'
  | 'IDENTITY_DAMAGED'
  | 'IDENTITY_MISMATCH'
  | 'HUB_GAP_UNRECOVERABLE'
  | 'ALREADY_ENROLLED'
  | 'QUEUE_NOT_DRAINED';

export class SyncError extends Error {
  constructor(
    readonly code: SyncErrorCode,
    message: string,
    /** For HUB_REFUSED: the hub's own error code (TERMINAL_REVOKED, ENROLMENT_TOKEN_USED, …). */
    readonly hubCode?: string,
    readonly status?: number,
  ) {
    super(message);
    this.name = 'SyncError';
  }

  /**
   * The code the screen shows: the hub's own refusal when the registry has words for it (TERMINAL_REVOKED,
   * ENROLMENT_TOKEN_USED, …), else this failure's code (an unknown hub code is a plain HUB_REFUSED on screen; the
   * message keeps it for the log).
   */
  get refusal(): RefusalCode {
    return this.hubCode !== undefined && isRefusalCode(this.hubCode) ? this.hubCode : this.code;
  }

  get asGateError(): GateError {
    return { code: this.refusal, message: this.hubCode && this.refusal !== this.hubCode ? `${this.hubCode}: ${this.message}` : this.message };
  }

  /** Worth retrying later (network trouble, hub overloaded or restarting); a refusal is not. */
  get retryable(): boolean {
    if (this.code === 'HUB_UNREACHABLE' || this.code === 'HUB_TIMEOUT') return true;
    return this.code === 'HUB_REFUSED' && (this.status === undefined || this.status >= 500 || this.status === 429);
  }
}

export interface BackoffSettings {
  readonly baseMs: number;
  readonly capMs: number;
}

export function fullJitterDelay(attempt: number, settings: BackoffSettings, random: () => number = Math.random): number {
  const ceiling = Math.min(settings.capMs, settings.baseMs * 2 ** Math.min(Math.max(attempt - 1, 0), 30));
  return Math.floor(random() * ceiling);
}
