import type { CredentialKind } from './decision.js';

/** Per-checkpoint rules. Distributed by the hub later; for now read from the terminal's config. */
export interface CheckpointPolicy {
  /** A declaration older than this is refused even if its token has not expired. */
  readonly maxDeclarationAgeMs: number;
  readonly acceptedKinds: readonly CredentialKind[];
  /** Tolerated clock difference between issuer and terminal for not-before checks. */
  readonly clockSkewMs: number;
  /** What an unsynchronised terminal clock does to an otherwise admitting decision. */
  readonly onClockNotSynchronised: 'warn' | 'review';
}

export const HOUR_MS = 3_600_000;

export const DEFAULT_POLICY: CheckpointPolicy = {
  maxDeclarationAgeMs: 24 * HOUR_MS,
  acceptedKinds: ['declaration'],
  clockSkewMs: 5 * 60_000,
  onClockNotSynchronised: 'warn',
};
