/**
 * The host side of the contract: validates every call's params (the renderer is untrusted input like any scanner)
 * and dispatches to the gate. Both transports (WebSocket, Electron IPC) call `handle` and forward `events`.
 */
import { z } from 'zod';
import { MAX_OVERRIDE_NOTE_LENGTH, MAX_PAPER_NAME_LENGTH, OverrideReason, PAPER_QUESTIONS, type GateCalls, type GateMethod, type GateSnapshot, type TerminalDetails } from '../../core/index.js';
import type { GateApp } from '../composition/create-gate-app.js';
import { GateUnavailableError } from '../gate/gate-unavailable-error.js';
import { loadIdentity } from '../sync/hub-identity.js';
import { ContractError } from './contract-error.js';
import { testControlImplementations, testParamSchemas } from './test-controls.js';

export { ContractError, toGateError } from './contract-error.js';

const empty = z.strictObject({}).optional();
const paramSchemas: { [M in GateMethod]: z.ZodType } = {
  getSnapshot: empty,
  // The payload is bounded by the transport only: an oversized scan must reach core and be denied with a reason.
  submitScan: z.strictObject({ payload: z.string(), source: z.enum(['wedge', 'manual', 'simulated', 'camera']) }),
  setDirection: z.strictObject({ direction: z.enum(['in', 'out']) }),
  overrideEntry: z.strictObject({
    entryId: z.string().min(1).max(64),
    action: z.enum(['admit', 'refuse']),
    reason: z.enum(Object.values(OverrideReason) as [OverrideReason, ...OverrideReason[]]),
    note: z.string().max(MAX_OVERRIDE_NOTE_LENGTH),
  }),
  undoOverride: z.strictObject({ entryId: z.string().min(1).max(64) }),
  submitPaperDeclaration: z.strictObject({
    fullName: z.string().max(MAX_PAPER_NAME_LENGTH * 2),
    phone: z.string().max(32),
    idNumber: z.string().max(32),
    answers: z.strictObject(Object.fromEntries(PAPER_QUESTIONS.map((q) => [q, z.boolean()])) as Record<(typeof PAPER_QUESTIONS)[number], z.ZodBoolean>),
  }),
  runSelfTest: z.strictObject({ pin: z.string().min(1).max(32) }),
  getTerminalDetails: z.strictObject({ pin: z.string().min(1).max(32) }),
  heartbeat: empty,
  // A pasted text may be a whole create-enrolment-token output (QR blocks and all); the token is found inside it.
  enrolTerminal: z.strictObject({ token: z.string().min(1).max(16_384), source: z.enum(['paste', 'camera', 'wedge']), pin: z.string().min(1).max(32).optional() }),
  listHosts: empty,
  admitWithHost: z.strictObject({ entryId: z.string().min(1).max(64), hostId: z.string().min(1).max(64) }),
};

export const RECENT_ENTRIES = 30;

/**
 * `getTerminalDetails` for the settings screen: configuration (checkpoint, direction, department), version, ids and the
 * hub link (URL, enrolment from the identity file, sync state). Behind the settings PIN because it reveals
 * configuration a passer-by at the kiosk has no business reading. The identity file is read on each call: enrolment
 * may happen while the terminal runs.
 */
async function terminalDetails(app: GateApp, pin: string): Promise<TerminalDetails> {
  await app.selfTest.checkPin(pin);
  const { config } = app;
  const identity = config.hub ? loadIdentity(config.storage.dataDir) : undefined;
  const enrolment = identity
    ? { hubTerminalId: identity.terminalId, buildingId: identity.buildingId, buildingName: identity.buildingName, enrolledAt: identity.enrolledAt }
    : null;
  return {
    terminal: app.terminalInfo(),
    department: config.policy.department ?? null,
    hub: config.hub ? { url: config.hub.url, enrolment, sync: app.sync ? app.sync.status() : null } : null,
  };
}

export type ContractHandler = (method: string, params: unknown) => unknown;

export interface ContractHandlerOptions {
  /** Called on every renderer heartbeat (the watchdog's renderer liveness). */
  readonly onRendererBeat?: () => void;
  /**
   * Adds the test-only controls (core/contract/test-contract.ts). Hosts set it from GATE_TERMINAL_TEST=1; without it
   * those methods do not exist (UNKNOWN_METHOD), so a production terminal's contract holds exactly GATE_METHODS.
   */
  readonly testControls?: boolean;
}

function raisedCheckin(app: GateApp): Pick<GateSnapshot, 'raisedCheckin'> {
  const raised = app.gate.raisedCheckin(app.config.display.resultHoldSeconds * 1000);
  return raised ? { raisedCheckin: raised } : {};
}

export function createContractHandler(app: GateApp, options: ContractHandlerOptions = {}): ContractHandler {
  const { gate, hardware, register } = app;
  const implementations: { [M in GateMethod]: (params: GateCalls[M]['params']) => GateCalls[M]['result'] | Promise<GateCalls[M]['result']> } = {
    getSnapshot: (): GateSnapshot => ({
      terminal: app.terminalInfo(),
      direction: gate.currentDirection(),
      counters: gate.counters(),
      recent: register.recent(RECENT_ENTRIES),
      lights: hardware.lights.state(),
      relay: hardware.relay.state(),
      scanners: gate.scannerStatuses(),
      alarm: gate.alarm(),
      ...(app.sync ? { sync: app.sync.status(), phoneCheckins: app.sync.phoneCheckins() } : {}),
      ...raisedCheckin(app),
      ...(app.setup ? { setup: app.setup.status() } : {}),
    }),
    submitScan: (p) => gate.submitFromScreen(p.source, p.payload),
    setDirection: (p) => ({ direction: gate.setDirection(p.direction) }),
    overrideEntry: (p) => gate.overrideEntry(p.entryId, { action: p.action, reason: p.reason, note: p.note }),
    undoOverride: (p) => gate.undoOverride(p.entryId),
    submitPaperDeclaration: (p) => gate.submitPaperDeclaration(p),
    runSelfTest: (p) => app.selfTest.start(p.pin),
    getTerminalDetails: (p) => terminalDetails(app, p.pin),
    heartbeat: () => {
      options.onRendererBeat?.();
      return { ok: true };
    },
    enrolTerminal: (p) => {
      if (!app.setup) throw new ContractError('NO_HUB_CONFIGURED', 'this terminal has no hub in its config (hub.url): there is nothing to enrol with');
      return app.setup.enrol(p.token, p.source, p.pin);
    },
    listHosts: () => gate.hostList(),
    admitWithHost: (p) => gate.admitWithHost(p.entryId, p.hostId),
  };

  const schemas: Record<string, z.ZodType> = options.testControls ? { ...paramSchemas, ...testParamSchemas } : { ...paramSchemas };
  const handlers: Record<string, (params: never) => unknown> = options.testControls ? { ...implementations, ...testControlImplementations(app) } : { ...implementations };

  return (method, params) => {
    if (!Object.prototype.hasOwnProperty.call(handlers, method)) throw new ContractError('UNKNOWN_METHOD', `unknown method ${method}`);
    const parsed = schemas[method]!.safeParse(params ?? undefined);
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      throw new ContractError('BAD_PARAMS', `${method}: ${issue.path.join('.') || 'params'}: ${issue.message}`);
    }
    const asContractError = (error: unknown) => (error instanceof GateUnavailableError ? new ContractError(error.code, error.message) : error);
    try {
      const result = (handlers[method] as (p: unknown) => unknown)(parsed.data ?? {});
      // The PIN checks answer asynchronously (scrypt off the event loop); the transports await a promise.
      return result instanceof Promise ? result.catch((error: unknown) => Promise.reject(asContractError(error))) : result;
    } catch (error) {
      throw asContractError(error);
    }
  };
}
