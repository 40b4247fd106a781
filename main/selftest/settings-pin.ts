/**
 * The settings-screen PIN. The config holds only an scrypt hash (`gate-terminal set-pin` writes it there), compared in
 * the host in constant time; the renderer never sees it. Checking runs the asynchronous `crypto.scrypt` (libuv's
 * thread pool), so the ~50 ms of hashing never stalls the gate's event loop, where scans are decided.
 *
 * Wrong PINs lock out, escalating: `maxFailures` free tries, then a lock of `firstLockMs`, and from then on every
 * wrong PIN (until a right one) locks again for twice as long, up to `maxLockMs` — 1, 2, 4, … 32 min, then an hour
 * per try: a 4-digit PIN takes about 200 days on average to guess at the kiosk (the flat minute it replaced: 17 h).
 * The count survives a restart (`store`), so pulling the plug does not buy fresh tries. Checks run one at a time, so
 * a burst of parallel tries is counted exactly like the same tries in a row.
 */
import { randomBytes, scrypt, scryptSync, timingSafeEqual } from 'node:crypto';

const SCRYPT = { N: 16384, r: 8, p: 1 } as const;
const KEY_BYTES = 32;
const FORMAT = /^scrypt\$([0-9a-f]{32})\$([0-9a-f]{64})$/;

/** For the CLI and tests (never on the gate's event loop): the hash the config holds. */
export function hashPin(pin: string, salt: Buffer = randomBytes(16)): string {
  return `scrypt$${salt.toString('hex')}$${scryptSync(pin.normalize('NFC'), salt, KEY_BYTES, SCRYPT).toString('hex')}`;
}

export function verifyPin(pin: string, stored: string): Promise<boolean> {
  const match = FORMAT.exec(stored);
  if (!match) return Promise.resolve(false);
  const expected = Buffer.from(match[2]!, 'hex');
  return new Promise((resolve, reject) =>
    scrypt(pin.normalize('NFC'), Buffer.from(match[1]!, 'hex'), KEY_BYTES, SCRYPT, (error, actual) => (error ? reject(error) : resolve(timingSafeEqual(actual, expected)))),
  );
}

export type PinCheck = { readonly ok: true } | { readonly ok: false; readonly code: 'BAD_PIN' | 'PIN_LOCKED' | 'PIN_NOT_SET'; readonly message: string };

/** The lockout as it survives a restart: the remaining lock counts from the new start (the wall clock may be wrong). */
export interface PinLockState {
  readonly failures: number;
  readonly lockouts: number;
  readonly lockRemainingMs: number;
}

export interface PinLockStore {
  load(): PinLockState | undefined;
  save(state: PinLockState): void;
}

export interface PinGuardOptions {
  readonly maxFailures?: number;
  readonly firstLockMs?: number;
  readonly maxLockMs?: number;
  /** Monotonic milliseconds. */
  readonly now?: () => number;
  readonly store?: PinLockStore;
}

export const PIN_LOCKOUT = { maxFailures: 5, firstLockMs: 60_000, maxLockMs: 3_600_000 } as const;

/** The lock after the `lockouts`-th lockout (1-based): doubling from `firstLockMs`, capped at `maxLockMs`. */
export function lockMsAfter(lockouts: number, firstLockMs: number = PIN_LOCKOUT.firstLockMs, maxLockMs: number = PIN_LOCKOUT.maxLockMs): number {
  return Math.min(maxLockMs, firstLockMs * 2 ** Math.min(Math.max(0, lockouts - 1), 30));
}

export class PinGuard {
  private failures = 0;
  private lockouts = 0;
  private lockedUntil = 0;
  private queue: Promise<unknown> = Promise.resolve();
  private readonly max: number;
  private readonly now: () => number;

  /** `pinHash`: the configured hash, or a function asked on every check (a PIN set while the terminal runs). */
  constructor(
    private readonly pinHash: string | undefined | (() => string | undefined),
    private readonly options: PinGuardOptions = {},
  ) {
    this.max = options.maxFailures ?? PIN_LOCKOUT.maxFailures;
    this.now = options.now ?? (() => performance.now());
    const saved = options.store?.load();
    if (saved) {
      this.failures = saved.failures;
      this.lockouts = saved.lockouts;
      this.lockedUntil = saved.lockRemainingMs > 0 ? this.now() + saved.lockRemainingMs : 0;
    }
  }

  configured(): boolean {
    return this.hash() !== undefined;
  }

  check(pin: string): Promise<PinCheck> {
    const run = this.queue.then(() => this.checkNow(pin));
    this.queue = run.catch(() => undefined);
    return run;
  }

  private hash(): string | undefined {
    return typeof this.pinHash === 'function' ? this.pinHash() : this.pinHash;
  }

  private async checkNow(pin: string): Promise<PinCheck> {
    const hash = this.hash();
    if (!hash) return { ok: false, code: 'PIN_NOT_SET', message: 'no settings PIN is configured: run gate-terminal set-pin on the terminal' };
    if (this.now() < this.lockedUntil) {
      return { ok: false, code: 'PIN_LOCKED', message: `too many wrong PINs; try again in ${Math.ceil((this.lockedUntil - this.now()) / 1000)} s` };
    }
    if (await verifyPin(pin, hash)) {
      [this.failures, this.lockouts, this.lockedUntil] = [0, 0, 0];
      this.save();
      return { ok: true };
    }
    this.failures++;
    if (this.failures >= this.max) {
      this.lockouts++;
      this.lockedUntil = this.now() + lockMsAfter(this.lockouts, this.options.firstLockMs, this.options.maxLockMs);
      // From now on every wrong PIN locks again, for longer, until a right one.
      this.failures = this.max - 1;
    }
    this.save();
    return { ok: false, code: 'BAD_PIN', message: 'wrong PIN' };
  }

  private save(): void {
    this.options.store?.save({ failures: this.failures, lockouts: this.lockouts, lockRemainingMs: Math.max(0, this.lockedUntil - this.now()) });
  }
}
