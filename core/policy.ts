import type { DeclarationResult } from './credentials/declaration-token.js';
import type { CredentialKind } from './decision.js';

/** EU DCC acceptance windows (all configurable per checkpoint). */
export interface CertificateRules {
  readonly vaccination: { readonly accepted: boolean; readonly minDaysAfterLastDose: number; readonly maxDaysAfterLastDose: number };
  readonly test: {
    readonly accepted: boolean;
    readonly maxHoursAfterSample: number;
    /** LOINC test types accepted: LP6464-4 (NAAT/PCR), LP217198-3 (rapid antigen). */
    readonly acceptedTypes: readonly string[];
  };
  readonly recovery: { readonly accepted: boolean; readonly minDaysAfterPositive: number; readonly maxDaysAfterPositive: number };
}

/**
 * Chained policy of a department checkpoint inside a shared building: the person must have been admitted at one of
 * the building's doors shortly before (known from the building passages the terminal syncs from the hub).
 */
export interface ChainRule {
  /** A building-door entry older than this does not count. */
  readonly buildingDoorWithinMs: number;
  /** Visitors (anything but a staff badge) need a host of this department, picked by the guard. */
  readonly visitorsNeedHost: boolean;
}

/** Local opening hours of a checkpoint ("HH:MM", the checkpoint's time zone); closes before opens spans midnight. */
export interface DailyHours {
  readonly opens: string;
  readonly closes: string;
}

export type Weekday = 'mon' | 'tue' | 'wed' | 'thu' | 'fri' | 'sat' | 'sun';

/** Hours per weekday; a weekday missing or null is closed all day (core/passage/opening-hours.ts). */
export interface WeeklyOpeningHours {
  readonly weekly: Readonly<Partial<Record<Weekday, DailyHours | null>>>;
}

/** `{ opens, closes }` applies to every day (the original form); `{ weekly }` per weekday. */
export type OpeningHours = DailyHours | WeeklyOpeningHours;

/** Per-checkpoint rules. Distributed by the hub later; for now read from the terminal's config. */
export interface CheckpointPolicy {
  /** A declaration older than this is refused even if its token has not expired. */
  readonly maxDeclarationAgeMs: number;
  readonly acceptedKinds: readonly CredentialKind[];
  /** Declaration results that admit; `isolate` never does. Default: clear only (medical-check → review). */
  readonly admittingDeclarationResults: readonly DeclarationResult[];
  /** Tolerated clock difference between issuer and terminal for not-before checks. */
  readonly clockSkewMs: number;
  /** What an unsynchronised terminal clock does to an otherwise admitting decision. */
  readonly onClockNotSynchronised: 'warn' | 'review';
  readonly certificates: CertificateRules;
  /** `staff-only` refuses everything but staff badges. */
  readonly visitors: 'allowed' | 'staff-only';
  /** Department checkpoints: staff badges of other departments are refused. */
  readonly department?: string;
  /** Staff must also have a valid declaration on file (looked up by their badge's subject). */
  readonly staffNeedDeclaration: boolean;
  /** Entering again without an exit within this window → review "already inside". 0 turns the check off. */
  readonly antiPassbackWindowMs: number;
  /** Department checkpoints of a shared building: entries must follow a building-door entry. */
  readonly chain?: ChainRule;
  /** Entries outside these hours are refused; exits are always recorded. */
  readonly openingHours?: OpeningHours;
}

export const HOUR_MS = 3_600_000;
export const DAY_MS = 24 * HOUR_MS;

export const DEFAULT_CERTIFICATE_RULES: CertificateRules = {
  vaccination: { accepted: true, minDaysAfterLastDose: 14, maxDaysAfterLastDose: 270 },
  test: { accepted: true, maxHoursAfterSample: 72, acceptedTypes: ['LP6464-4', 'LP217198-3'] },
  recovery: { accepted: true, minDaysAfterPositive: 11, maxDaysAfterPositive: 180 },
};

export const DEFAULT_POLICY: CheckpointPolicy = {
  maxDeclarationAgeMs: 24 * HOUR_MS,
  acceptedKinds: ['declaration', 'eu-dcc', 'cccd', 'pc-covid', 'staff-badge'],
  admittingDeclarationResults: ['clear'],
  clockSkewMs: 5 * 60_000,
  onClockNotSynchronised: 'warn',
  certificates: DEFAULT_CERTIFICATE_RULES,
  visitors: 'allowed',
  staffNeedDeclaration: false,
  antiPassbackWindowMs: 12 * HOUR_MS,
};
