/**
 * A scan as it enters the decision path. Produced by the host from any scanner (wedge, HID, serial, camera) or typed in
 * by the guard; core never reads a device or a clock itself.
 */
export type ScanSource = 'wedge' | 'hid' | 'serial' | 'camera' | 'manual' | 'simulated';

export const SCAN_SOURCES: readonly ScanSource[] = ['wedge', 'hid', 'serial', 'camera', 'manual', 'simulated'];

export interface ScanEvent {
  readonly source: ScanSource;
  /** The decoded text exactly as the scanner delivered it (terminators already stripped by the framer). */
  readonly payload: string;
  /** Wall-clock time of the read, ms since the Unix epoch (may jump when NTP corrects the clock). */
  readonly wallTime: number;
  /** Monotonic time of the read in microseconds since boot (never jumps; pairs with the host's boot id). */
  readonly monoTime: number;
}

export type Direction = 'in' | 'out';
/** What a checkpoint serves: one direction only, or both with a toggle on the guard screen. */
export type DirectionMode = Direction | 'both';
