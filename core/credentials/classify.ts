/**
 * What a scanned payload looks like, before anything is verified. Cheap prefix and shape tests only; the credential
 * modules do the strict parsing. Order matters: signed formats first, then identity QRs, then the "unsupported" kinds
 * that get a precise reason naming what was scanned.
 */
import type { CredentialKind } from '../decision.js';

export type PayloadKind =
  | 'declaration-token'
  | 'staff-badge'
  | 'eu-dcc'
  | 'cccd'
  | 'pc-covid'
  | 'smart-health-card'
  | 'url'
  | 'barcode'
  | 'text';

export const DECLARATION_PREFIX = 'KBYT1:';
export const STAFF_BADGE_PREFIX = 'NVB1:';
export const DCC_PREFIX = 'HC1:';

function hasPrefix(payload: string, prefix: string): boolean {
  return payload.slice(0, prefix.length).toUpperCase() === prefix;
}

/**
 * CCCD chip-card QR (`id|oldId|name|DDMMYYYY|sex|address|issueDate`): a 12-digit ID, then the old CMND number (digits)
 * or nothing. Only the ASCII start is tested, so a name mangled by the scanner still reaches the CCCD parser.
 */
const CCCD_SHAPE = /^\d{12}\|\d*\|/;
/**
 * PC-Covid / VNeID personal QR (`SoGiayTo|HoTen|NgaySinh|LoaiDinhDanh|QID|EXT`): a document number (possibly with its
 * first digits hidden as `*`), a name without digits, then the date of birth (its year first).
 * A CCCD number can start both; the second field (digits vs a name) tells them apart.
 */
const PC_COVID_SHAPE = /^[0-9A-Za-z*]{6,20}\|[^|\d]+\|\d/;

export function classifyPayload(payload: string): PayloadKind {
  if (hasPrefix(payload, DECLARATION_PREFIX)) return 'declaration-token';
  if (hasPrefix(payload, STAFF_BADGE_PREFIX)) return 'staff-badge';
  if (hasPrefix(payload, DCC_PREFIX)) return 'eu-dcc';
  if (CCCD_SHAPE.test(payload)) return 'cccd';
  if (PC_COVID_SHAPE.test(payload)) return 'pc-covid';
  if (/^shc:\/\d/i.test(payload)) return 'smart-health-card';
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(payload) || /^www\./i.test(payload)) return 'url';
  if (/^\d{6,20}$/.test(payload)) return 'barcode';
  return 'text';
}

/** The credential kind a payload kind would be, for the policy's accepted-kinds check. */
export const CREDENTIAL_KIND_OF: Readonly<Record<PayloadKind, CredentialKind>> = {
  'declaration-token': 'declaration',
  'staff-badge': 'staff-badge',
  'eu-dcc': 'eu-dcc',
  cccd: 'cccd',
  'pc-covid': 'pc-covid',
  'smart-health-card': 'unknown',
  url: 'unknown',
  barcode: 'unknown',
  text: 'unknown',
};
