import type { RelayCommandRecord, RelayPosition, RelayState } from '../../core/index.js';
import { Listeners } from '../common/listeners.js';
import type { TurnstileRelay } from './turnstile-relay.js';

/**
 * A relay without a device. Records every command; `committedSeq` (when a probe is given) captures the register's
 * highest durably committed sequence at the instant of a pulse or lock, so tests can prove "on disk before the relay fires".
 */
export class SimulatedTurnstileRelay implements TurnstileRelay {
  private position: RelayPosition;
  private pulses = 0;
  private timer: NodeJS.Timeout | undefined;
  private readonly changes = new Listeners<RelayState>();
  readonly commands: RelayCommandRecord[] = [];

  constructor(
    readonly safePosition: RelayPosition,
    private committedSeqProbe: () => number = () => 0,
    private readonly wallNow: () => number = Date.now,
  ) {
    this.position = safePosition;
    this.record('safe-state', safePosition);
  }

  /**
   * Reads the register's committed sequence from `probe` from now on. The relay exists before the register does (it
   * must be safe before anything can fail), so the composition root hands the probe over once storage is open.
   */
  observeCommits(probe: () => number): void {
    this.committedSeqProbe = probe;
  }

  arm(): void {
    this.set('locked');
  }

  pulse(ms: number): void {
    this.pulses++;
    this.record('pulse', 'released', { pulseMs: ms, committedSeq: this.committedSeqProbe() });
    this.set('released');
    clearTimeout(this.timer);
    this.timer = setTimeout(() => this.set('locked'), ms);
    this.timer.unref();
  }

  lock(): void {
    clearTimeout(this.timer);
    this.record('lock', 'locked', { committedSeq: this.committedSeqProbe() });
    this.set('locked');
  }

  toSafePosition(): void {
    clearTimeout(this.timer);
    this.record('safe-state', this.safePosition);
    this.set(this.safePosition);
  }

  state(): RelayState {
    return { position: this.position, safePosition: this.safePosition, pulses: this.pulses };
  }

  onChange(listener: (state: RelayState) => void): () => void {
    return this.changes.add(listener);
  }

  close(): void {
    this.toSafePosition();
  }

  private record(action: RelayCommandRecord['action'], position: RelayPosition, extra: Partial<RelayCommandRecord> = {}): void {
    this.commands.push({ action, position, wallTime: this.wallNow(), ...extra });
    if (this.commands.length > 10_000) this.commands.splice(0, this.commands.length - 10_000);
  }

  private set(position: RelayPosition): void {
    if (this.position === position) return;
    this.position = position;
    this.changes.emit(this.state());
  }
}
