/**
 * The settings-screen PIN. The config holds only an scrypt hash (`gate-terminal selftest --hash-pin`), compared in the
 * host in constant time; the renderer never sees it. Wrong PINs are rate-limited: after `maxFailures` in a row the
 * PIN is refused for `lockMs`, so a 4–6 digit PIN cannot be guessed at the kiosk.
 */
import { randomBytes, scryptSync, timingSafeEqual } from 'node:crypto';

const SCRYPT = { N: 16384, r: 8, p: 1 } as const;
const KEY_BYTES = 32;
const FORMAT = /^scrypt\$([0-9a-f]{32})\$([0-9a-f]{64})$/;

export function hashPin(pin: string, salt: Buffer = randomBytes(16)): string {
  return `scrypt$${salt.toString('hex')}$${scryptSync(pin.normalize('NFC'), salt, KEY_BYTES, SCRYPT).toString('hex')}`;
}

export function verifyPin(pin: string, stored: string): boolean {
  const match = FORMAT.exec(stored);
  if (!match) return false;
  const expected = Buffer.from(match[2]!, 'hex');
  const actual = scryptSync(pin.normalize('NFC'), Buffer.from(match[1]!, 'hex'), KEY_BYTES, SCRYPT);
  return timingSafeEqual(actual, expected);
}

export type PinCheck = { readonly ok: true } | { readonly ok: false; readonly code: 'BAD_PIN' | 'PIN_LOCKED' | 'PIN_NOT_SET'; readonly message: string };

export class PinGuard {
  private failures = 0;
  private lockedUntil = 0;

  constructor(
    private readonly pinHash: string | undefined,
    private readonly options: { readonly maxFailures?: number; readonly lockMs?: number; readonly now?: () => number } = {},
  ) {}

  check(pin: string): PinCheck {
    const now = (this.options.now ?? Date.now)();
    if (!this.pinHash) return { ok: false, code: 'PIN_NOT_SET', message: 'no settings PIN is configured (hardware.selfTest.pinHash); use gate-terminal selftest on the terminal instead' };
    if (now < this.lockedUntil) {
      return { ok: false, code: 'PIN_LOCKED', message: `too many wrong PINs; try again in ${Math.ceil((this.lockedUntil - now) / 1000)} s` };
    }
    if (verifyPin(pin, this.pinHash)) {
      this.failures = 0;
      return { ok: true };
    }
    this.failures++;
    if (this.failures >= (this.options.maxFailures ?? 5)) {
      this.failures = 0;
      this.lockedUntil = now + (this.options.lockMs ?? 60_000);
    }
    return { ok: false, code: 'BAD_PIN', message: 'wrong PIN' };
  }
}
