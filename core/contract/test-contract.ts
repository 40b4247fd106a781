/**
 * The test-only extension of the contract: controls that let a test look inside the simulated drivers. They are not
 * part of the production contract (`GateCalls`, `GATE_METHODS`): a host registers them only when it was started with
 * GATE_TERMINAL_TEST=1 (main/host/test-controls.ts), and otherwise answers them as UNKNOWN_METHOD on both transports,
 * exactly like a method that does not exist. The renderer never calls them (test/unit/contract/test-controls.test.ts).
 */
import type { LightsState, RelayPosition } from './gate-contract.js';

export interface RelayCommandRecord {
  /** `lock`: a deny or review ended an admit's release early (core/passage/door-rules.ts). */
  readonly action: 'pulse' | 'lock' | 'safe-state';
  readonly position: RelayPosition;
  readonly pulseMs?: number;
  /** Register sequence number that was already committed when the command fired (pulse and lock). */
  readonly committedSeq?: number;
  readonly wallTime: number;
}

/** What the simulated drivers did; refused (NOT_SIMULATED) when the hardware is real. */
export interface SimulatedHardwareLog {
  readonly relayCommands: readonly RelayCommandRecord[];
  readonly lightsHistory: readonly LightsState[];
  readonly buzzerPatterns: readonly string[];
}

export interface GateTestCalls {
  getSimulatedHardwareLog: { params: Record<string, never>; result: SimulatedHardwareLog };
}

export type GateTestMethod = keyof GateTestCalls;

export const GATE_TEST_METHODS: readonly GateTestMethod[] = ['getSimulatedHardwareLog'];

/** The environment variable (value "1") that makes a host register the test controls. */
export const TEST_CONTROLS_ENV = 'GATE_TERMINAL_TEST';

export function testControlsRequested(env: Readonly<Record<string, string | undefined>>): boolean {
  return env[TEST_CONTROLS_ENV] === '1';
}
