/**
 * The one typed contract between the guard screen and the host. Implemented over Electron IPC (preload +
 * contextBridge) and over a WebSocket (browser host); the renderer only sees `GateBridge` and cannot tell which.
 * Types only, plus the channel names: both transports carry exactly these messages.
 */
import type { GateDecision, Outcome } from '../decision.js';
import type { ReasonCode } from '../reasons.js';
import type { RefusalCode } from '../refusals.js';
import type { OverrideReason } from '../override.js';
import type { PaperDeclarationForm } from '../paper-declaration.js';
import type { PassageCounters } from '../passage/presence-tally.js';
import type { Direction, DirectionMode, ScanSource } from '../scan.js';
import type { HostList } from '../visitor-host.js';

export interface EntryView {
  readonly entryId: string;
  readonly seq: number;
  readonly decision: GateDecision;
  readonly scanSource: ScanSource;
  /** Wall time at which the row was durably committed (ms since epoch). */
  readonly committedAt: number;
  /** Set on a guard override: the entry it overrides. */
  readonly overrideOf?: string;
  /** Set on the entry decided again with a host the guard picked (department checkpoints): the host's opaque id. */
  readonly hostId?: string;
  /** Admits only, with a turnstile / door sensor: confirmed passage, or "granted, not passed" after the timeout. */
  readonly passage?: 'passed' | 'not-passed';
}

export type LightColor = 'off' | 'green' | 'red' | 'amber';
export interface LightsState {
  readonly color: LightColor;
  readonly blinking: boolean;
}

export type RelayPosition = 'locked' | 'released';
export interface RelayState {
  readonly position: RelayPosition;
  readonly safePosition: RelayPosition;
  readonly pulses: number;
}

export type ScannerHealth = 'connected' | 'reconnecting' | 'absent';
export interface ScannerStatusView {
  readonly id: string;
  readonly kind: string;
  readonly health: ScannerHealth;
  readonly detail?: string;
}

/** One step of the hardware self-test (settings screen and `gate-terminal selftest`). */
export interface SelfTestStep {
  /** English, for the CLI table and the logs. */
  readonly name: string;
  /** `running` while it runs; `manual` = done, but only a person can tell (did the lamp light?). */
  readonly result: 'pending' | 'running' | 'pass' | 'fail' | 'manual';
  /** English, for the CLI table and the logs. */
  readonly detail: string;
  /** What the screens show, in each language (Vietnamese first): step name and detail or instruction. */
  readonly text: Readonly<Record<'vi' | 'en', { readonly name: string; readonly detail: string }>>;
}

export interface SelfTestReport {
  readonly runId: number;
  readonly finished: boolean;
  readonly steps: readonly SelfTestStep[];
}

export interface TerminalInfo {
  readonly terminalId: string;
  readonly checkpointId: string;
  readonly checkpointName: string;
  readonly directionMode: DirectionMode;
  readonly version: string;
  readonly hostMode: 'electron' | 'browser';
  readonly simulatedHardware: boolean;
  /** True when the built-in TEST issuer key is trusted: the screen shows a warning banner. */
  readonly testIssuerTrusted: boolean;
  /** A settings PIN is configured; without one the settings screen says how to set it (`gate-terminal set-pin`). */
  readonly settingsPinSet: boolean;
  readonly clockSynchronised: boolean;
  readonly timeZone: string;
  readonly display: { readonly language: 'vi' | 'en'; readonly resultHoldSeconds: number };
}

/** What the settings screen shows behind the PIN: the terminal's configuration and its link to the hub. */
export interface TerminalDetails {
  readonly terminal: TerminalInfo;
  /** Department checkpoint (policy.department), or null for a building door. */
  readonly department: string | null;
  /** Null when no hub is configured (standalone terminal). */
  readonly hub: {
    readonly url: string;
    /** Set once enrolled: the hub's terminal id and the building the checkpoint belongs to. */
    readonly enrolment: { readonly hubTerminalId: string; readonly buildingId: string; readonly buildingName: string; readonly enrolledAt: number } | null;
    readonly sync: SyncStatusView | null;
  } | null;
}

export interface GateSnapshot {
  readonly terminal: TerminalInfo;
  readonly direction: Direction;
  readonly counters: PassageCounters;
  readonly recent: readonly EntryView[];
  readonly lights: LightsState;
  readonly relay: RelayState;
  readonly scanners: readonly ScannerStatusView[];
  readonly alarm: GateAlarm | null;
  /** Hub sync, when a hub is configured (main/sync). */
  readonly sync?: SyncStatusView;
  /** First boot / enrolment on the device, when a hub is configured (main/setup). */
  readonly setup?: SetupStatusView;
  /** The latest phone check-ins at this checkpoint (newest first), relayed live by the hub. */
  readonly phoneCheckins?: readonly PhoneCheckinView[];
  /** A check-in raised within the result hold time: a screen that (re)connects after the event still raises it. */
  readonly raisedCheckin?: PhoneCheckinView;
}

/**
 * A person who checked in with their phone at this checkpoint's poster QR (docs/declaration-page.md). Shown next to
 * scanned entries; the hub holds the entry, the terminal's register does not (so nothing is counted twice).
 */
export interface PhoneCheckinView {
  readonly checkinId: string;
  readonly displayName: string; // made safe for display on the host (core/display-name.ts)
  readonly result: 'clear' | 'medical-check' | 'isolate';
  readonly checkedInAt: number;
  /** How this checkpoint's policy takes the result (core/passage/door-rules.ts): anything but admit needs the guard. */
  readonly outcome: Outcome;
  readonly reasons: readonly ReasonCode[];
}

/**
 * A check-in as it arrives. `alert`: it needs the guard and was made within PHONE_CHECKIN_ALERT_MS (hub time): the
 * screen raises it like a scan's result (the host has shown it on lights and buzzer); others are only listed.
 */
export interface PhoneCheckinEvent extends PhoneCheckinView {
  readonly alert: boolean;
}
export const PHONE_CHECKIN_ALERT_MS = 2 * 60_000;

/** The hub's declaration page for this checkpoint, for the guard's "declare here" (Khai báo tại chỗ) screen. */
export interface DeclareHereView {
  readonly url: string;
  /** The URL as a QR code: an SVG data URL made on the host (the renderer fetches nothing remote). */
  readonly qrDataUrl: string;
}

/**
 * Enrolment on the device. `required`: a hub is configured and this terminal holds no hub identity, so the screen
 * shows the setup flow (language → enrolment QR / pasted token / enroll.json on a USB stick → self-test).
 */
export interface SetupStatusView {
  readonly required: boolean;
  readonly phase: 'waiting' | 'enrolling' | 'self-test' | 'done' | 'failed';
  /** Where the token being used came from. */
  readonly source: EnrolmentSource | null;
  /** On `failed`: ENROLMENT_TOKEN_MALFORMED, ENROLMENT_TOKEN_EXPIRED, ENROLMENT_TOKEN_USED, HUB_UNREACHABLE, … */
  readonly error: GateError | null;
  readonly hubUrl: string;
  readonly checkpointId: string;
  readonly terminalId: string | null;
  readonly checkpointName: string | null;
  /** The self-test run started after enrolment (its steps arrive as `selfTest` events). */
  readonly selfTestRunId: number | null;
  /** Folders watched for enroll.json (USB sticks). */
  readonly usbWatch: readonly string[];
}

export type EnrolmentSource = 'paste' | 'camera' | 'wedge' | 'scanner' | 'usb';

/** The hub sync as the guard sees it. It never blocks a decision; it only informs. */
export interface SyncStatusView {
  readonly state: 'not-enrolled' | 'online' | 'offline' | 'refused';
  /** Entries committed here and not yet acknowledged by the hub. */
  readonly queued: number;
  readonly lastSuccessAt: number | null;
  readonly lastError: GateError | null;
  /** When the hub last confirmed that the data in force (policy, lists) is current; null = never. */
  readonly dataConfirmedAt: number | null;
  /** Older than the configured limit: amber warning on screen (the policy may also refuse ID-card lookups). */
  readonly dataStale: boolean;
  readonly dataVersion: number | null;
  readonly terminalId: string | null;
  /** From the bundle, once the hub publishes its declaration page; null until then. */
  readonly declareHere?: DeclareHereView | null;
  /** This app's version against the hub's pin in the bundle in force: "update required" on screen when outside. */
  readonly appVersion?: { readonly running: string; readonly required: string | null; readonly updateRequired: boolean };
}

export type GuardScanSource = Extract<ScanSource, 'wedge' | 'manual' | 'simulated' | 'camera'>;

export interface GateCalls {
  getSnapshot: { params: Record<string, never>; result: GateSnapshot };
  submitScan: { params: { payload: string; source: GuardScanSource }; result: EntryView };
  setDirection: { params: { direction: Direction }; result: { direction: Direction } };
  overrideEntry: { params: { entryId: string; action: 'admit' | 'refuse'; reason: OverrideReason; note: string }; result: EntryView };
  /** Undoes an override within UNDO_WINDOW_MS: a new entry restoring the original outcome; `entryId` is the override's. */
  undoOverride: { params: { entryId: string }; result: EntryView };
  /** A paper declaration typed in by the guard; the answers decide and are not stored. */
  submitPaperDeclaration: { params: PaperDeclarationForm; result: EntryView };
  /** Starts the hardware self-test behind the settings PIN; progress and results arrive as `selfTest` events. */
  runSelfTest: { params: { pin: string }; result: { runId: number } };
  /** The settings screen's terminal information; behind the same PIN (and the same wrong-PIN lockout) as the self-test. */
  getTerminalDetails: { params: { pin: string }; result: TerminalDetails };
  /**
   * The guard screen's liveness beat, every RENDERER_HEARTBEAT_MS: the host pets the systemd watchdog only while
   * these arrive (main/process/watchdog-heartbeat.ts), so a frozen screen gets the terminal restarted.
   */
  heartbeat: { params: Record<string, never>; result: { ok: true } };
  /**
   * Enrols with the configured hub using an enrolment token (`create-enrolment-token`'s string). Without a PIN only
   * while setup is required (first boot); re-enrolling an enrolled terminal needs the settings PIN. Answers at once;
   * progress and the outcome arrive as `setup` events.
   */
  enrolTerminal: { params: { token: string; source: Exclude<EnrolmentSource, 'usb' | 'scanner'>; pin?: string }; result: SetupStatusView };
  /** The department's synced host list for the host picker (empty outside department checkpoints / without a hub). */
  listHosts: { params: Record<string, never>; result: HostList };
  /**
   * Decides a VISITOR_NEEDS_HOST review again with the picked host (core.decide, all rules apply): a new entry that
   * points at the reviewed one and carries the host id. Within the override window, once per entry.
   */
  admitWithHost: { params: { entryId: string; hostId: string }; result: EntryView };
}

export const RENDERER_HEARTBEAT_MS = 2_000;

/** A condition the guard must see until it clears (e.g. the register cannot be written). `null` clears it. */
export interface GateAlarm {
  readonly code: RefusalCode;
  readonly vi: string;
  readonly en: string;
}

export interface GateEvents {
  entry: EntryView;
  alarm: GateAlarm | null;
  counters: PassageCounters;
  lights: LightsState;
  relay: RelayState;
  direction: { direction: Direction };
  scanners: readonly ScannerStatusView[];
  sync: SyncStatusView;
  passage: { entryId: string; passage: 'passed' | 'not-passed' };
  selfTest: SelfTestReport;
  setup: SetupStatusView;
  phoneCheckin: PhoneCheckinEvent;
}

export type GateMethod = keyof GateCalls;
export type GateEventName = keyof GateEvents;
export type GateEventMessage = { [K in GateEventName]: { name: K; data: GateEvents[K] } }[GateEventName];

export const GATE_METHODS: readonly GateMethod[] = ['getSnapshot', 'submitScan', 'setDirection', 'overrideEntry', 'undoOverride', 'submitPaperDeclaration', 'runSelfTest', 'heartbeat', 'getTerminalDetails', 'enrolTerminal', 'listHosts', 'admitWithHost'];

/** A refused call, a failed enrolment or sync: the screen shows the registry's words for `code` (core/refusals.ts). */
export interface GateError {
  readonly code: RefusalCode;
  readonly message: string;
}

/** What the renderer holds: a transport-agnostic client of the contract. */
export interface GateBridge {
  call<M extends GateMethod>(method: M, params: GateCalls[M]['params']): Promise<GateCalls[M]['result']>;
  onEvent(listener: (event: GateEventMessage) => void): () => void;
}

/** Answer envelope of a call: errors travel as data (Electron would mangle a thrown Error's fields). */
export type CallEnvelope = { readonly ok: true; readonly result: unknown } | { readonly ok: false; readonly error: GateError };

/** What the Electron preload exposes on `window[PRELOAD_GLOBAL]`; the renderer wraps it into a GateBridge. */
export interface PreloadApi {
  invoke(method: GateMethod, params: unknown): Promise<CallEnvelope>;
  onEvent(listener: (event: GateEventMessage) => void): () => void;
}

// Wire shapes (WebSocket) and channel names (IPC).
export type ClientMessage = { readonly type: 'call'; readonly id: number; readonly method: GateMethod; readonly params: unknown };
export type ServerMessage =
  | { readonly type: 'result'; readonly id: number; readonly result: unknown }
  | { readonly type: 'error'; readonly id: number; readonly error: GateError }
  | ({ readonly type: 'event' } & GateEventMessage);

export const IPC_CALL_CHANNEL = 'gate:call';
export const IPC_EVENT_CHANNEL = 'gate:event';
/** Name under which the Electron preload exposes the bridge on `window`. */
export const PRELOAD_GLOBAL = 'gateBridge';
export const WEBSOCKET_PATH = '/bridge';
