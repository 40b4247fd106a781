/**
 * The turnstile / door-strike relay on a GPIO line. The safe position is always the DE-ENERGISED one (line inactive),
 * whether that means locked (fail-secure strike) or released (fail-safe maglock, where fire rules require it): so power
 * loss, a released line and a dead host all end in the same, configured position. Wiring must match — docs/hardware.md.
 *
 * `toSafePosition` uses the line's synchronous write, so it works from exit and crash handlers.
 */
import type { RelayPosition, RelayState } from '../../core/index.js';
import { Listeners } from '../common/listeners.js';
import type { GpioLevel, GpioLine } from '../gpio/gpio-line.js';
import type { TurnstileRelay } from './turnstile-relay.js';

export class GpioTurnstileRelay implements TurnstileRelay {
  private position: RelayPosition;
  private pulses = 0;
  private timer: NodeJS.Timeout | undefined;
  private readonly changes = new Listeners<RelayState>();

  /** `line` must already be at the inactive (safe) level, as the drivers open outputs at their initial level. */
  constructor(
    private readonly line: GpioLine,
    readonly safePosition: RelayPosition,
  ) {
    this.position = safePosition;
  }

  /** Energised for the position that is not the safe one. */
  levelOf(position: RelayPosition): GpioLevel {
    return position === this.safePosition ? 0 : 1;
  }

  arm(): void {
    clearTimeout(this.timer);
    this.move('locked');
  }

  pulse(ms: number): void {
    this.pulses++;
    this.move('released', true);
    clearTimeout(this.timer);
    this.timer = setTimeout(() => this.move('locked'), ms);
    this.timer.unref();
  }

  lock(): void {
    clearTimeout(this.timer);
    this.move('locked');
  }

  toSafePosition(): void {
    clearTimeout(this.timer);
    this.line.writeSync(0);
    this.setPosition(this.safePosition);
  }

  state(): RelayState {
    return { position: this.position, safePosition: this.safePosition, pulses: this.pulses };
  }

  onChange(listener: (state: RelayState) => void): () => void {
    return this.changes.add(listener);
  }

  onFault(listener: (error: Error) => void): () => void {
    return this.line.onError(listener);
  }

  close(): void {
    clearTimeout(this.timer);
    this.line.close();
    this.setPosition(this.safePosition);
  }

  private move(position: RelayPosition, announce = false): void {
    this.line.write(this.levelOf(position));
    this.setPosition(position, announce);
  }

  private setPosition(position: RelayPosition, announce = false): void {
    if (this.position === position && !announce) return;
    this.position = position;
    this.changes.emit(this.state());
  }
}
