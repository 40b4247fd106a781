/**
 * The decision bench's scan mix: 80 % valid declaration tokens (distinct people, alternating in/out), 10 % expired,
 * 5 % tampered, 5 % garbage of the kinds a gate scanner really reads; and the decision each kind must get.
 */
import { DECLARATION_TOKEN_PREFIX, ReasonCode, type Direction } from '../../core/index.js';
import { expiredToken, tamperedToken, validToken } from '../../test/support/tokens.js';
import { shuffle } from './bench.js';

export const PEOPLE = 4_000;
export const EXPIRED_TOKENS = 400;
export const TAMPERED_TOKENS = 300;

export type Kind = 'valid' | 'expired' | 'tampered' | 'garbage';
export interface PlannedScan {
  readonly kind: Kind;
  readonly payload: string;
  /** For valid tokens: the direction this person passes (alternating in/out per person). */
  readonly direction?: Direction;
}

const FAMILY = ['Nguyễn', 'Trần', 'Lê', 'Phạm', 'Hoàng', 'Huỳnh', 'Phan', 'Vũ', 'Võ', 'Đặng', 'Bùi', 'Đỗ', 'Hồ', 'Ngô', 'Dương', 'Lý'];
const MIDDLE = ['Văn', 'Thị', 'Hữu', 'Đức', 'Minh', 'Ngọc', 'Thanh', 'Quốc', 'Thu', 'Hoài'];
const GIVEN = ['An', 'Bình', 'Chi', 'Dũng', 'Giang', 'Hà', 'Hải', 'Hạnh', 'Hùng', 'Khoa', 'Lan', 'Linh', 'Mai', 'Nam', 'Phúc', 'Quân', 'Sơn', 'Trang', 'Tuấn', 'Vy'];
const BASE45 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:';

function pick<T>(items: readonly T[], random: () => number): T {
  return items[Math.floor(random() * items.length)]!;
}

function garbage(random: () => number): string {
  const len = (max: number) => 1 + Math.floor(random() * max);
  const chars = (alphabet: string, n: number) => Array.from({ length: n }, () => alphabet[Math.floor(random() * alphabet.length)]).join('');
  switch (Math.floor(random() * 6)) {
    case 0: // a URL QR code (menus, payment apps)
      return `https://example.vn/${chars('abcdefghijklmnopqrstuvwxyz0123456789/-', len(80))}`;
    case 1: // a product barcode read by the same scanner
      return chars('0123456789', 13);
    case 2: // looks like our token, random base45 after the prefix
      return DECLARATION_TOKEN_PREFIX + chars(BASE45, len(400));
    case 3: // printable noise
      return chars('ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789 !"#$%&()*+,-./:;<=>?@[]^_{}~', len(200));
    case 4: // a garbled read with control characters and replacement characters
      return chars('AB\u0001\u0002\u001b\ufffdxyz\u007f', len(60));
    default: // whitespace only
      return ' \t '.slice(0, len(3));
  }
}

export function plan(count: number, random: () => number, now: number): PlannedScan[] {
  const people = Array.from({ length: PEOPLE }, (_, i) => ({
    token: validToken({ name: `${pick(FAMILY, random)} ${pick(MIDDLE, random)} ${pick(GIVEN, random)} ${i}`, now }),
    next: 'in' as Direction,
  }));
  const expired = Array.from({ length: EXPIRED_TOKENS }, (_, i) => expiredToken({ name: `Hết Hạn ${i}`, now }));
  const tampered = Array.from({ length: TAMPERED_TOKENS }, (_, i) => tamperedToken(validToken({ name: `Phạm Văn Giả ${i}`, now })));
  const kinds: Kind[] = [];
  for (let i = 0; i < count; i++) {
    const r = i % 20; // exactly 80 / 10 / 5 / 5 %, then shuffled
    kinds.push(r < 16 ? 'valid' : r < 18 ? 'expired' : r < 19 ? 'tampered' : 'garbage');
  }
  return shuffle(kinds, random).map((kind): PlannedScan => {
    switch (kind) {
      case 'valid': {
        const person = pick(people, random);
        const direction = person.next;
        person.next = direction === 'in' ? 'out' : 'in';
        return { kind, payload: person.token, direction };
      }
      case 'expired':
        return { kind, payload: pick(expired, random) };
      case 'tampered':
        return { kind, payload: pick(tampered, random) };
      case 'garbage':
        return { kind, payload: garbage(random) };
    }
  });
}

export const EXPECTED: Record<Kind, (reasons: readonly string[], outcome: string) => boolean> = {
  valid: (r, o) => o === 'admit' && r[0] === ReasonCode.DeclarationValid,
  expired: (r, o) => o === 'deny' && r[0] === ReasonCode.TokenExpired,
  tampered: (r, o) => o === 'deny' && r[0] === ReasonCode.TokenSignatureInvalid,
  garbage: (_r, o) => o === 'deny',
};
