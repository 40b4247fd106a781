/**
 * The host side of the test-only contract (core/contract/test-contract.ts): handlers and parameter schemas of the
 * controls a test uses to look inside the simulated drivers. createContractHandler adds them only when asked to
 * (`testControls`, set from GATE_TERMINAL_TEST=1 by the browser host and the Electron main); a production host
 * answers them UNKNOWN_METHOD like any other method it does not have.
 */
import { z } from 'zod';
import type { GateTestCalls, GateTestMethod } from '../../core/index.js';
import type { GateApp } from '../composition/create-gate-app.js';
import { ContractError } from './contract-error.js';

export const testParamSchemas: { [M in GateTestMethod]: z.ZodType } = {
  getSimulatedHardwareLog: z.strictObject({}).optional(),
};

export type TestImplementations = { [M in GateTestMethod]: (params: GateTestCalls[M]['params']) => GateTestCalls[M]['result'] };

export function testControlImplementations(app: Pick<GateApp, 'hardware'>): TestImplementations {
  return {
    getSimulatedHardwareLog: () => {
      const sim = app.hardware.simulated;
      if (!sim) throw new ContractError('NOT_SIMULATED', 'the hardware log exists only for simulated hardware');
      return { relayCommands: [...sim.relay.commands], lightsHistory: [...sim.lights.history], buzzerPatterns: [...sim.buzzer.played] };
    },
  };
}
