/**
 * Keyboard-wedge decoding, pure (no DOM): key events in, payloads out.
 *
 * A payload is the characters typed between terminators (Enter / NumpadEnter / Tab), decoded from `event.code` and
 * Shift with the fixed US table — never `event.key`, which depends on the machine's layout (AZERTY, QWERTZ) and input
 * method. Alt + keypad digits give the character with that code (how scanners send Vietnamese letters; see
 * core/input/us-keyboard.ts). A gap longer than `maxGapMs` between two keys starts a new payload, so stray key presses
 * never glue onto a scan; slow scanners send a key every ~80 ms, hence the default of 150 ms. At the terminator the
 * burst is classified (burst-classifier.ts): a person typing is not a scan and is reported, not delivered.
 * Unknown keys are counted, not guessed: a payload containing them is still delivered (core refuses it with a reason)
 * so the guard sees that something was read.
 */
import { altCodeCharacter } from '../../core/input/us-keyboard.js';
import { classifyBurst, type BurstKey, type BurstClassifierOptions } from './burst-classifier.js';
import { US_KEYMAP } from './us-keymap.js';

export interface WedgeKeyEvent {
  readonly code: string;
  readonly shiftKey: boolean;
  readonly ctrlKey?: boolean;
  readonly altKey?: boolean;
  readonly metaKey?: boolean;
  /** Only to recognise input methods (`Process`); never decoded. */
  readonly key?: string;
  readonly repeat?: boolean;
  readonly isComposing?: boolean;
  /** ms, from `event.timeStamp` */
  readonly timeStamp: number;
}

export interface WedgeOptions extends BurstClassifierOptions {
  readonly maxGapMs?: number;
  readonly terminators?: readonly string[];
  readonly prefix?: string;
  readonly suffix?: string;
  /** A burst that was a person typing: not delivered. */
  readonly onHumanTyping?: (why: string) => void;
}

/** Longest pause between two keys of one scan; a longer one starts a new payload. */
export const DEFAULT_MAX_GAP_MS = 150;

const MODIFIERS = new Set(['ShiftLeft', 'ShiftRight', 'CapsLock', 'ControlLeft', 'ControlRight', 'AltLeft', 'AltRight', 'MetaLeft', 'MetaRight']);
/** Keys a person presses to operate the screen; never part of a scan, they end any partial one. */
const OPERATING_KEYS = /^(Arrow|F\d|Escape|Backspace|Delete|Home|End|Page|Insert|ContextMenu|PrintScreen|ScrollLock|Pause|NumLock|Audio|Media|Browser|Launch)/;
const KEYPAD_DIGIT = /^Numpad([0-9])$/;

export class WedgeDecoder {
  private buffer = '';
  private burst: BurstKey[] = [];
  private altDigits: string | undefined;
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
    const ime = event.key === 'Process' || event.isComposing === true || event.code === '';
    if (MODIFIERS.has(event.code)) {
      // Alt pressed again: the previous Alt + keypad character is complete.
      if (event.code.startsWith('Alt')) this.finishAltCode();
      // A scanner's own Shift / Alt presses keep its burst alive (a slow scanner spends ~80 ms on each).
      if (event.timeStamp - this.lastTime <= this.maxGapMs) this.lastTime = event.timeStamp;
      return false;
    }
    const altDigit = event.altKey && !event.ctrlKey && !event.metaKey ? KEYPAD_DIGIT.exec(event.code) : null;
    if (!altDigit && !ime && (event.ctrlKey || event.altKey || event.metaKey || OPERATING_KEYS.test(event.code))) {
      this.reset();
      return false;
    }
    if (event.timeStamp - this.lastTime > this.maxGapMs) this.clear();
    this.lastTime = event.timeStamp;
    this.burst.push({ timeStamp: event.timeStamp, ...(event.repeat ? { repeat: true } : {}), ...(ime ? { ime: true } : {}) });
    if (altDigit) {
      this.altDigits = (this.altDigits ?? '') + altDigit[1]!;
      return true;
    }
    this.finishAltCode();
    if (this.terminators.has(event.code)) return this.terminate();
    const entry = ime ? undefined : US_KEYMAP[event.code];
    this.buffer += entry ? (event.shiftKey ? entry[1] : entry[0]) : '\ufffd';
    return true;
  }

  reset(): void {
    this.clear();
    this.lastTime = Number.NEGATIVE_INFINITY;
  }

  private terminate(): boolean {
    const payload = this.buffer;
    const verdict = classifyBurst(this.burst, this.options);
    this.clear();
    // A lone Enter/Tab is a person operating the screen, not a scan: let it through.
    if (payload === '') return false;
    if (verdict.kind === 'human') {
      this.options.onHumanTyping?.(verdict.why);
      return false;
    }
    this.onPayload(this.stripAffixes(payload));
    return true;
  }

  private finishAltCode(): void {
    if (this.altDigits === undefined) return;
    this.buffer += altCodeCharacter(this.altDigits) ?? '\ufffd';
    this.altDigits = undefined;
  }

  private clear(): void {
    this.buffer = '';
    this.burst = [];
    this.altDigits = undefined;
  }

  private stripAffixes(payload: string): string {
    let out = payload;
    const { prefix, suffix } = this.options;
    if (prefix && out.startsWith(prefix)) out = out.slice(prefix.length);
    if (suffix && out.endsWith(suffix)) out = out.slice(0, -suffix.length);
    return out;
  }
}
