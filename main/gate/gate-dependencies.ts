/**
 * What the gate service is built from (main/composition/ wires it): settings, the decision source (policy, trust and
 * declaration data, asked per decision), the register, the clock and the hardware. Kept apart so the service reads as
 * the gate loop.
 */
import type { DirectionMode } from '../../core/index.js';
import type { Scanner } from '../../hardware/scanner/scanner.js';
import type { Buzzer, SignalLights } from '../../hardware/signal-lights/signal-lights.js';
import type { TurnstileRelay } from '../../hardware/turnstile/turnstile-relay.js';
import type { HostClock } from '../platform/clock.js';
import type { Logger } from '../platform/logger.js';
import type { EntryRegister } from '../storage/entry-register.js';
import type { DecisionContextSource } from './decision-source.js';

export interface GateSettings {
  readonly directionMode: DirectionMode;
  readonly timeZone: string;
  readonly pulseMs: number;
}

export interface GateDependencies {
  readonly settings: GateSettings;
  /** Policy, trust, declarations, revocations, passages, building entries and hosts in force at a decision's time. */
  readonly source: DecisionContextSource;
  readonly register: EntryRegister;
  readonly clock: HostClock;
  readonly clockSynchronised: () => boolean;
  readonly lights: SignalLights;
  readonly buzzer: Buzzer;
  readonly relay: TurnstileRelay;
  readonly scanners: readonly Scanner[];
  readonly logger: Logger;
  /**
   * Turnstile passage confirmation (main/gate/passage-tracker.ts), when a passage sensor is configured: told of each
   * admit; the gate subscribes to its results and stores them on the entry.
   */
  readonly passageWatch?: {
    expect(entryId: string): void;
    onPassageResult(listener: (entryId: string, result: 'passed' | 'not-passed') => void): () => void;
  };
  /** While the register cannot be written: how often to probe whether it can again (default 3000 ms). */
  readonly storageProbeMs?: number;
}
