/**
 * The QR code on the front of the Vietnamese chip citizen identity card (CCCD gắn chip, model of Thông tư 06/2021/TT-BCA),
 * as documented in docs/identity-qr.md:
 *
 *   id|oldId|name|DDMMYYYY|sex|address|issueDate
 *   001099012345|012345678|Nguyễn Văn An|15081999|Nam|Số 1 Phố Huế, Hai Bà Trưng, Hà Nội|01052021
 *
 * Parsed strictly (exactly 7 fields, 12-digit id, 9-digit or empty old CMND, real dates, sex Nam / Nữ); the text
 * fields are repaired first (scanned-text.ts). The code is not signed: it says who the card names, not that a
 * declaration exists — that is looked up (identity-decision.ts).
 */
import { checkName, compareDates, MAX_ADDRESS_LENGTH, parseDdMmYyyy, splitFields, type CalendarDate, type FieldResult } from './qr-fields.js';
import { cleanField } from './scanned-text.js';

export const CCCD_FIELD_COUNT = 7;

export type Sex = 'male' | 'female';

export interface CccdRecord {
  /** Số định danh cá nhân: 12 digits. Only ever handed to CryptoPort.identityRef; never stored or shown. */
  readonly idNumber: string;
  /** The old 9-digit CMND number, or '' when the card has none. Same rule as idNumber. */
  readonly oldIdNumber: string;
  /** NFC, repaired, as printed on the card. */
  readonly name: string;
  readonly birthDate: CalendarDate;
  readonly sex: Sex;
  readonly address: string;
  readonly issueDate: CalendarDate;
}

/**
 * "Nam" / "Nữ" in any case; "Nu" (diacritics dropped) and "N" (a scanner that drops the letters it cannot type —
 * "Nam" is plain ASCII and never loses a letter) are the same two values mangled.
 */
export function parseSex(text: string): Sex | undefined {
  const value = text.toLowerCase();
  if (value === 'nam') return 'male';
  if (value === 'nữ' || value === 'nu' || value === 'n') return 'female';
  return undefined;
}

export function parseCccdQr(payload: string): FieldResult<CccdRecord> {
  const split = splitFields(payload, CCCD_FIELD_COUNT, 'a CCCD QR');
  if (!split.ok) return split;
  const [idField, oldIdField, nameField, birthField, sexField, addressField, issueField] = split.value.map(cleanField) as [string, string, string, string, string, string, string];
  if (!/^\d{12}$/.test(idField)) return { ok: false, detail: 'field 1 (ID number) must be 12 digits' };
  if (!/^(\d{9})?$/.test(oldIdField)) return { ok: false, detail: 'field 2 (old CMND number) must be 9 digits or empty' };
  const name = checkName(nameField, 'field 3 (name)');
  if (!name.ok) return name;
  const birthDate = parseDdMmYyyy(birthField);
  if (!birthDate) return { ok: false, detail: 'field 4 (date of birth) must be a date DDMMYYYY' };
  const sex = parseSex(sexField);
  if (!sex) return { ok: false, detail: 'field 5 (sex) must be Nam or Nữ' };
  if (addressField === '' || addressField.length > MAX_ADDRESS_LENGTH) return { ok: false, detail: `field 6 (address) must be 1–${MAX_ADDRESS_LENGTH} characters` };
  const issueDate = parseDdMmYyyy(issueField);
  if (!issueDate) return { ok: false, detail: 'field 7 (date of issue) must be a date DDMMYYYY' };
  if (compareDates(issueDate, birthDate) < 0) return { ok: false, detail: 'field 7 (date of issue) lies before the date of birth' };
  return { ok: true, value: { idNumber: idField, oldIdNumber: oldIdField, name: name.value, birthDate, sex, address: addressField, issueDate } };
}

/** The QR text of a record (the inverse of parseCccdQr, for tests and samples). */
export function formatCccdQr(record: CccdRecord): string {
  const date = (d: CalendarDate) => `${String(d.day).padStart(2, '0')}${String(d.month).padStart(2, '0')}${d.year}`;
  return [record.idNumber, record.oldIdNumber, record.name, date(record.birthDate), record.sex === 'male' ? 'Nam' : 'Nữ', record.address, date(record.issueDate)].join('|');
}
