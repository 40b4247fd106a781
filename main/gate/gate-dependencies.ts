/**
 * What the gate service is built from (main/composition/create-gate-app.ts wires it): settings, trust and
 * declaration data, the register, the clock and the hardware. Kept apart so the service reads as the gate loop.
 */
import type {
  BuildingEntryView,
  CheckpointPolicy,
  CryptoPort,
  DeclarationSet,
  DirectionMode,
  HostList,
  PassageView,
  RevocationSet,
  TrustStore,
} from '../../core/index.js';
import type { Scanner } from '../../hardware/scanner/scanner.js';
import type { Buzzer, SignalLights } from '../../hardware/signal-lights/signal-lights.js';
import type { TurnstileRelay } from '../../hardware/turnstile/turnstile-relay.js';
import type { HostClock } from '../platform/clock.js';
import type { Logger } from '../platform/logger.js';
import type { EntryRegister } from '../storage/entry-register.js';

export interface GateSettings {
  readonly directionMode: DirectionMode;
  readonly timeZone: string;
  readonly pulseMs: number;
  readonly policy: CheckpointPolicy;
}

export interface GateDependencies {
  readonly settings: GateSettings;
  readonly trust: TrustStore;
  readonly crypto: CryptoPort;
  readonly declarations: DeclarationSet;
  readonly revocations: RevocationSet;
  readonly passages: PassageView;
  /** Building-door entries relayed by the hub (department checkpoints); absent without a hub. */
  readonly buildingEntries?: BuildingEntryView;
  readonly register: EntryRegister;
  readonly clock: HostClock;
  readonly clockSynchronised: () => boolean;
  readonly lights: SignalLights;
  readonly buzzer: Buzzer;
  readonly relay: TurnstileRelay;
  readonly scanners: readonly Scanner[];
  readonly logger: Logger;
  /** Turnstile passage confirmation (main/gate/passage-tracker.ts), when a passage sensor is configured. */
  readonly passageWatch?: { expect(entryId: string): void };
  /** While the register cannot be written: how often to probe whether it can again (default 3000 ms). */
  readonly storageProbeMs?: number;
  /** The department's synced host list (hub bundle), for the guard's host picker; absent = no hosts. */
  readonly hosts?: () => HostList;
}
