/**
 * systemd watchdog heartbeats that mean "the gate works", not merely "the process exists". After the host is up it
 * sends READY=1; then, every half watchdog interval, WATCHDOG=1 — but only while
 *   - the guard screen's renderer beats (the `heartbeat` contract call, every RENDERER_HEARTBEAT_MS), and
 *   - the gate answers: the gate check (the register can be read) passes, and this timer itself ran on time
 *     (a blocked event loop runs it late or never).
 * When a check fails the beat is withheld and STATUS= says why; systemd then kills and restarts the unit, and the
 * relay drops to its safe position (fail-safe handlers, and the wiring on power loss).
 *
 * The clock, the timers and the notifier are arguments, so the logic is tested with a fake clock
 * (test/unit/process/watchdog-heartbeat.test.ts) and end to end over a real NOTIFY_SOCKET.
 */
import { RENDERER_HEARTBEAT_MS } from '../../core/index.js';

export interface Notifier {
  /** One sd_notify assignment, e.g. "WATCHDOG=1". */
  send(assignment: string): void;
  close(): void;
}

export interface HeartbeatTimers {
  now(): number;
  setInterval(fn: () => void, ms: number): unknown;
  clearInterval(handle: unknown): void;
}

export interface WatchdogHeartbeatOptions {
  readonly notifier: Notifier;
  /** systemd's WATCHDOG_USEC in ms; beats go out at half of it. */
  readonly watchdogMs: number;
  readonly timers: HeartbeatTimers;
  /** Returns why the gate is not healthy, or null. Must not throw (a throw counts as unhealthy). */
  readonly gateCheck: () => string | null;
  /** The renderer's first beat may take this long after READY=1 (window creation, page load on a slow board). */
  readonly startupGraceMs?: number;
  readonly onWithheld?: (reason: string) => void;
}

/** The renderer is taken for dead after this much silence: a few missed beats, and never less than the watchdog. */
export function rendererSilenceLimitMs(watchdogMs: number): number {
  return Math.max(2.5 * RENDERER_HEARTBEAT_MS, watchdogMs);
}

export const DEFAULT_STARTUP_GRACE_MS = 60_000;

export class WatchdogHeartbeat {
  private handle: unknown;
  private readyAt = 0;
  private lastRendererBeat: number | undefined;
  private lastTick = 0;
  private withheldReason: string | null = null;

  constructor(private readonly options: WatchdogHeartbeatOptions) {}

  /** Sends READY=1 and starts the periodic check. */
  start(): void {
    const { timers, notifier } = this.options;
    this.readyAt = this.lastTick = timers.now();
    notifier.send('READY=1');
    notifier.send('STATUS=gate running');
    this.handle = timers.setInterval(() => this.tick(), this.intervalMs());
  }

  rendererBeat(): void {
    this.lastRendererBeat = this.options.timers.now();
  }

  /** Why the next beat would be withheld, or null when the gate is healthy. */
  problem(now: number): string | null {
    const silenceLimit = rendererSilenceLimitMs(this.options.watchdogMs);
    // Interval timers fire late when the event loop is blocked (which also silences the renderer's calls): checked
    // first, as the better explanation. Three intervals late means scans were stuck too.
    if (now - this.lastTick > 3 * this.intervalMs()) return `the host's event loop stalled for ${Math.round((now - this.lastTick) / 1000)} s`;
    if (this.lastRendererBeat === undefined) {
      const grace = this.options.startupGraceMs ?? DEFAULT_STARTUP_GRACE_MS;
      if (now - this.readyAt > grace) return `the guard screen has not started within ${Math.round(grace / 1000)} s`;
    } else if (now - this.lastRendererBeat > silenceLimit) {
      return `the guard screen has been silent for ${Math.round((now - this.lastRendererBeat) / 1000)} s`;
    }
    try {
      return this.options.gateCheck();
    } catch (error) {
      return `the gate check failed: ${(error as Error).message}`;
    }
  }

  tick(): void {
    const now = this.options.timers.now();
    const problem = this.problem(now);
    this.lastTick = now;
    if (problem === null) {
      if (this.withheldReason !== null) this.options.notifier.send('STATUS=gate running');
      this.withheldReason = null;
      this.options.notifier.send('WATCHDOG=1');
      return;
    }
    // Reported once per kind of problem, not again each time its number of seconds grows.
    const kind = problem.replace(/\d+/g, '#');
    if (kind !== this.withheldReason) {
      this.withheldReason = kind;
      this.options.notifier.send(`STATUS=watchdog withheld: ${problem}`);
      this.options.onWithheld?.(problem);
    }
  }

  /** Tells systemd the stop is deliberate, then stops beating. */
  stop(): void {
    if (this.handle !== undefined) this.options.timers.clearInterval(this.handle);
    this.handle = undefined;
    this.options.notifier.send('STOPPING=1');
    this.options.notifier.close();
  }

  private intervalMs(): number {
    return Math.max(50, Math.floor(this.options.watchdogMs / 2));
  }
}
