/**
 * Serial scanner bytes → payload frames, pure (no I/O, time passed in), so it is tested with recorded byte streams.
 *
 * Scanners end a read with CR, LF or CR LF depending on their "suffix" setting, and some send no suffix at all. The
 * framer accepts all three terminators (a CR LF split across two chunks is still one terminator) and, when
 * `interByteTimeoutMs` > 0, also ends a frame when the line stays idle that long — the only way to frame a scanner
 * without a suffix, and a safety net against a lost terminator. A frame longer than `maxFrameBytes` is line noise or a
 * wrong baud rate: it is dropped up to the next terminator / idle gap and reported as an overflow.
 */

export interface FramerOptions {
  /** `line`: CR, LF and CR LF end a frame. `idle`: only an idle gap does (scanners configured without a suffix). */
  readonly terminator: 'line' | 'idle';
  /** Idle gap that ends a pending frame; 0 turns the gap off (only sensible with `line`). */
  readonly interByteTimeoutMs: number;
  readonly maxFrameBytes: number;
}

export type Frame = { readonly kind: 'payload'; readonly bytes: Uint8Array } | { readonly kind: 'overflow'; readonly droppedBytes: number };

const CR = 0x0d;
const LF = 0x0a;

export const DEFAULT_FRAMER_OPTIONS: FramerOptions = { terminator: 'line', interByteTimeoutMs: 50, maxFrameBytes: 8192 };

export class PayloadFramer {
  private readonly buffer: Uint8Array;
  private length = 0;
  private dropped = 0;
  private afterCR = false;
  private lastByteAt = 0;

  constructor(private readonly options: FramerOptions = DEFAULT_FRAMER_OPTIONS) {
    if (options.terminator === 'idle' && options.interByteTimeoutMs <= 0) {
      throw new RangeError('a framer without terminators needs an inter-byte timeout');
    }
    this.buffer = new Uint8Array(options.maxFrameBytes);
  }

  /** Feeds bytes that arrived at `now` (ms); returns the frames they completed, oldest first. */
  push(chunk: Uint8Array, arrivedAt: number): Frame[] {
    // Arrival times never go backwards (a caller may date bytes read after a stall at the stall's start).
    const now = Math.max(arrivedAt, this.lastByteAt);
    const frames: Frame[] = [];
    if (this.pending() && this.idleSince(now)) this.finish(frames);
    const lineMode = this.options.terminator === 'line';
    for (const byte of chunk) {
      if (lineMode && (byte === CR || byte === LF)) {
        const secondHalfOfCrLf = byte === LF && this.afterCR;
        this.afterCR = byte === CR;
        if (!secondHalfOfCrLf) this.finish(frames);
        continue;
      }
      this.afterCR = false;
      if (this.length < this.buffer.length && this.dropped === 0) this.buffer[this.length++] = byte;
      else this.dropped++;
    }
    if (chunk.length > 0) this.lastByteAt = now;
    return frames;
  }

  /** When pending bytes become a frame if nothing else arrives; undefined when nothing is pending or no gap is set. */
  deadline(): number | undefined {
    if (!this.pending() || this.options.interByteTimeoutMs <= 0) return undefined;
    return this.lastByteAt + this.options.interByteTimeoutMs;
  }

  /** Ends the pending frame if the line has been idle long enough (call when the deadline passes). */
  flushIfIdle(now: number): Frame[] {
    const frames: Frame[] = [];
    if (this.pending() && this.idleSince(now)) this.finish(frames);
    return frames;
  }

  /** Forgets partial input, e.g. after the port was unplugged mid-read. */
  reset(): void {
    this.length = 0;
    this.dropped = 0;
    this.afterCR = false;
  }

  private pending(): boolean {
    return this.length > 0 || this.dropped > 0;
  }

  private idleSince(now: number): boolean {
    return this.options.interByteTimeoutMs > 0 && now - this.lastByteAt >= this.options.interByteTimeoutMs;
  }

  private finish(frames: Frame[]): void {
    if (this.dropped > 0) frames.push({ kind: 'overflow', droppedBytes: this.length + this.dropped });
    else if (this.length > 0) frames.push({ kind: 'payload', bytes: this.buffer.slice(0, this.length) });
    this.length = 0;
    this.dropped = 0;
  }
}
