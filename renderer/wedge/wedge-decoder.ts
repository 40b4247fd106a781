/**
 * Keyboard-wedge decoding, pure (no DOM): key events in, payloads out.
 *
 * A payload is the characters typed between terminators (Enter / NumpadEnter / Tab). A gap longer than `maxGapMs`
 * between two keys starts a new payload, so stray human key presses never glue onto a scan; slow scanners send a key
 * every ~80 ms, hence the default of 150 ms. Unknown keys are counted, not guessed: a payload containing them is
 * still delivered (core will refuse it with a reason) so the guard sees that something was read.
 */
import { US_KEYMAP } from './us-keymap.js';

export interface WedgeKeyEvent {
  readonly code: string;
  readonly shiftKey: boolean;
  readonly ctrlKey?: boolean;
  readonly altKey?: boolean;
  readonly metaKey?: boolean;
  /** ms, from `event.timeStamp` */
  readonly timeStamp: number;
}

export interface WedgeOptions {
  readonly maxGapMs?: number;
  readonly terminators?: readonly string[];
  readonly prefix?: string;
  readonly suffix?: string;
}

/** Longest pause between two keys of one scan; a longer one starts a new payload. */
export const DEFAULT_MAX_GAP_MS = 150;

const MODIFIERS = new Set(['ShiftLeft', 'ShiftRight', 'CapsLock', 'ControlLeft', 'ControlRight', 'AltLeft', 'AltRight', 'MetaLeft', 'MetaRight']);
/** Keys a person presses to operate the screen; never part of a scan, they end any partial one. */
const OPERATING_KEYS = /^(Arrow|F\d|Escape|Backspace|Delete|Home|End|Page|Insert|ContextMenu|PrintScreen|ScrollLock|Pause|NumLock|Audio|Media|Browser|Launch)/;

export class WedgeDecoder {
  private buffer = '';
  private lastTime = Number.NEGATIVE_INFINITY;
  private readonly maxGapMs: number;
  private readonly terminators: ReadonlySet<string>;

  constructor(
    private readonly onPayload: (payload: string) => void,
    private readonly options: WedgeOptions = {},
  ) {
    this.maxGapMs = options.maxGapMs ?? DEFAULT_MAX_GAP_MS;
    this.terminators = new Set(options.terminators ?? ['Enter', 'NumpadEnter', 'Tab']);
  }

  /** Returns true when the key belongs to a scan (the caller then prevents its default action). */
  feed(event: WedgeKeyEvent): boolean {
    if (MODIFIERS.has(event.code)) return false;
    if (event.ctrlKey || event.altKey || event.metaKey || OPERATING_KEYS.test(event.code)) {
      this.reset();
      return false;
    }
    if (event.timeStamp - this.lastTime > this.maxGapMs) this.buffer = '';
    this.lastTime = event.timeStamp;
    if (this.terminators.has(event.code)) {
      const payload = this.buffer;
      this.buffer = '';
      // A lone Enter/Tab is a person operating the screen, not a scan: let it through.
      if (payload === '') return false;
      this.onPayload(this.stripAffixes(payload));
      return true;
    }
    const entry = US_KEYMAP[event.code];
    if (!entry) {
      this.buffer += '\ufffd';
      return true;
    }
    this.buffer += event.shiftKey ? entry[1] : entry[0];
    return true;
  }

  reset(): void {
    this.buffer = '';
    this.lastTime = Number.NEGATIVE_INFINITY;
  }

  private stripAffixes(payload: string): string {
    let out = payload;
    const { prefix, suffix } = this.options;
    if (prefix && out.startsWith(prefix)) out = out.slice(prefix.length);
    if (suffix && out.endsWith(suffix)) out = out.slice(0, -suffix.length);
    return out;
  }
}
