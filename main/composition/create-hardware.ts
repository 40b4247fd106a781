/**
 * The only place that constructs hardware drivers: config in, role-named interfaces out. Real drivers (serial, HID,
 * GPIO) plug in here and import their native modules lazily, so a simulated terminal never loads them.
 */
import { SimulatedScanner } from '../../hardware/scanner/simulated-scanner.js';
import type { Scanner } from '../../hardware/scanner/scanner.js';
import type { Buzzer, SignalLights } from '../../hardware/signal-lights/signal-lights.js';
import { SimulatedBuzzer, SimulatedSignalLights } from '../../hardware/signal-lights/simulated-signal-lights.js';
import { SimulatedTurnstileRelay } from '../../hardware/turnstile/simulated-turnstile-relay.js';
import type { TurnstileRelay } from '../../hardware/turnstile/turnstile-relay.js';
import type { GateConfig } from '../config/load-config.js';

export interface GateHardware {
  readonly scanners: readonly Scanner[];
  readonly lights: SignalLights;
  readonly buzzer: Buzzer;
  readonly relay: TurnstileRelay;
  /** Present only when every driver is simulated: their test controls and records. */
  readonly simulated?: {
    readonly scanners: readonly SimulatedScanner[];
    readonly lights: SimulatedSignalLights;
    readonly buzzer: SimulatedBuzzer;
    readonly relay: SimulatedTurnstileRelay;
  };
}

export interface HardwareProbes {
  /** Highest register sequence durably committed, read at relay time by the simulated relay. */
  readonly committedSeq: () => number;
  readonly wallNow: () => number;
}

/** Creates the relay first and on its own: it must reach its safe position before anything else can fail. */
export function createRelay(config: GateConfig, probes: HardwareProbes): TurnstileRelay {
  const t = config.hardware.turnstile;
  switch (t.kind) {
    case 'simulated':
      return new SimulatedTurnstileRelay(t.safePosition, probes.committedSeq, probes.wallNow);
  }
}

export function createHardware(config: GateConfig, relay: TurnstileRelay): GateHardware {
  const scanners = config.hardware.scanners.map((s) => {
    switch (s.kind) {
      case 'simulated':
        return new SimulatedScanner(s.id);
    }
  });
  const lights = new SimulatedSignalLights();
  const buzzer = new SimulatedBuzzer();
  const simulated =
    relay instanceof SimulatedTurnstileRelay ? { scanners: scanners.filter((s) => s instanceof SimulatedScanner), lights, buzzer, relay } : undefined;
  return { scanners, lights, buzzer, relay, ...(simulated ? { simulated } : {}) };
}
