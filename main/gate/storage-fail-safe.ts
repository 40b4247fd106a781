/**
 * The gate's answer to a register write that failed (main/storage/storage-failure.ts): relay to its configured safe
 * position, red lights and the deny tone, an alarm naming the cause; then a probe every `probeMs` that rewrites one
 * fsync'd row, and back to normal operation (relay armed, alarm cleared) once a write succeeds — the probe's or a
 * scan's — without a restart.
 */
import { dirname } from 'node:path';
import type { GateAlarm } from '../../core/index.js';
import type { Buzzer, SignalLights } from '../../hardware/signal-lights/signal-lights.js';
import { LIGHT_PATTERNS } from '../../hardware/signal-lights/signal-patterns.js';
import type { TurnstileRelay } from '../../hardware/turnstile/turnstile-relay.js';
import type { HostClock } from '../platform/clock.js';
import type { Logger } from '../platform/logger.js';
import type { EntryRegister } from '../storage/entry-register.js';
import { classifyStorageFailure, STORAGE_ALARMS, type StorageFailureCode } from '../storage/storage-failure.js';

export interface StorageFailSafeDependencies {
  readonly register: Pick<EntryRegister, 'probeWrite' | 'database'>;
  readonly relay: TurnstileRelay;
  readonly lights: SignalLights;
  readonly buzzer: Buzzer;
  readonly clock: HostClock;
  readonly logger: Logger;
  readonly setAlarm: (alarm: GateAlarm | null) => void;
  readonly probeMs: number;
}

export class StorageFailSafe {
  private failure: StorageFailureCode | null = null;
  private probe: NodeJS.Timeout | undefined;

  constructor(private readonly deps: StorageFailSafeDependencies) {}

  /** A register write failed: fail safe, raise the alarm, start probing. Returns the failure's code. */
  failed(error: unknown): StorageFailureCode {
    const code = classifyStorageFailure(error, dirname(this.deps.register.database.name));
    this.deps.logger.error('register-write-failed', { code, error });
    try {
      this.deps.relay.toSafePosition();
      this.deps.lights.show(LIGHT_PATTERNS.deny);
      this.deps.buzzer.play('deny');
    } finally {
      this.deps.setAlarm(STORAGE_ALARMS[code]);
      this.failure = code;
      this.probe ??= setInterval(() => this.tryProbe(), this.deps.probeMs);
      this.probe.unref();
    }
    return code;
  }

  /** The relay is held in its safe position until a write succeeds again. */
  get failing(): boolean {
    return this.failure !== null;
  }

  /** A register write succeeded: if the gate was failing, it resumes normal operation. */
  succeeded(): void {
    if (this.failure === null) return;
    clearInterval(this.probe);
    this.probe = undefined;
    this.deps.logger.info('storage-recovered', { code: this.failure });
    this.failure = null;
    this.deps.relay.arm();
    this.deps.setAlarm(null);
  }

  close(): void {
    clearInterval(this.probe);
    this.probe = undefined;
  }

  private tryProbe(): void {
    try {
      this.deps.register.probeWrite(this.deps.clock.wallNow());
    } catch {
      return; // still failing: the alarm stays
    }
    this.succeeded();
  }
}
