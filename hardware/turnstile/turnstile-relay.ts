/**
 * TurnstileRelay: the relay that releases a turnstile or door strike.
 *
 * Contract: `toSafePosition` is synchronous and idempotent, because it runs from process 'exit' and crash handlers
 * where nothing asynchronous completes. The safe position is configured per door: `locked` (fail-secure) or
 * `released` (fail-safe, where fire regulations demand it). Drivers go to it when created and when closed.
 */
import type { RelayPosition, RelayState } from '../../core/index.js';

export interface TurnstileRelay {
  readonly safePosition: RelayPosition;
  /** Normal operation: locked, ready to be pulsed. Called once the gate is ready to decide. */
  arm(): void;
  /** Releases for `ms`, then locks again. A new pulse restarts the timer. */
  pulse(ms: number): void;
  /**
   * Ends a release at once (a deny or review during an admit's window: core/passage/door-rules.ts); the pending
   * pulse timer is cancelled. Only called while released.
   */
  lock(): void;
  toSafePosition(): void;
  state(): RelayState;
  onChange(listener: (state: RelayState) => void): () => void;
  /** Driver faults (the relay line could not be set); logged and reported by the self-test. */
  onFault?(listener: (error: Error) => void): () => void;
  close(): void;
}
