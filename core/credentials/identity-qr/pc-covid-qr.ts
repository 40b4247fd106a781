/**
 * The unified personal QR code of the COVID-19 apps (PC-Covid, VNeID, Sổ sức khỏe điện tử), version 1.1 of the
 * Ministry of Information and Communications' technical guidance (in force from 11 September 2021; VNeID adopted it
 * from 1 November 2021). Sources and what is uncertain: docs/identity-qr.md.
 *
 *   SoGiayTo|HoTen|NgaySinh|LoaiDinhDanh|QID|EXT
 *   001093029317|NGUYEN LE KHA HAN|1987-01-18|0|162979388586171100|<1<<<
 *
 * SoGiayTo is a CMND (9 digits), CCCD (12 digits) or passport number; the apps hide its first 6 characters behind
 * `*` by default, and such a code cannot be looked up (its own reason, so the person knows to show the full number).
 * HoTen is upper case without diacritics by the guidance (accepted with them too); NgaySinh is YYYY-MM-DD, day and
 * month possibly hidden as `**`; LoaiDinhDanh is 0 (own declaration) or 1 (declared on someone's behalf); QID is the
 * national QR platform's user id; EXT holds `<`-separated extensions, not used here.
 */
import { calendarDate, checkName, splitFields, type FieldResult } from './qr-fields.js';
import { cleanField } from './scanned-text.js';

export const PC_COVID_FIELD_COUNT = 6;

export interface PcCovidRecord {
  /** CMND, CCCD or passport number, upper case. Only ever handed to CryptoPort.identityRef; never stored or shown. */
  readonly documentNumber: string;
  readonly name: string;
  readonly birthYear: number;
  /** False when declared on the holder's behalf (LoaiDinhDanh = 1). */
  readonly selfDeclared: boolean;
  readonly qid: string;
}

export type PcCovidResult = FieldResult<PcCovidRecord> | { readonly ok: false; readonly detail: string; readonly numberHidden: true; readonly name: string };

const DOCUMENT_NUMBER = /^(\d{9}|\d{12}|(?=[0-9]*[A-Z])[A-Z0-9]{6,14})$/;
const HIDDEN_DOCUMENT_NUMBER = /^\*+[A-Z0-9]*$/;
const BIRTH_DATE = /^(\d{4})-(\d{2}|\*\*)-(\d{2}|\*\*)$/;

function checkBirthDate(text: string): number | undefined {
  const m = BIRTH_DATE.exec(text);
  if (!m) return undefined;
  const [, year, month, day] = m as unknown as [string, string, string, string];
  if (month === '**' || day === '**') {
    // Hidden day or month: only the year can be checked (and a month shown with a hidden day, or the reverse).
    if (month !== '**' && (Number(month) < 1 || Number(month) > 12)) return undefined;
    return calendarDate(Number(year), 1, 1) ? Number(year) : undefined;
  }
  return calendarDate(Number(year), Number(month), Number(day))?.year;
}

export function parsePcCovidQr(payload: string): PcCovidResult {
  const split = splitFields(payload, PC_COVID_FIELD_COUNT, 'a PC-Covid QR');
  if (!split.ok) return split;
  const [numberField, nameField, birthField, typeField, qidField] = split.value.map(cleanField) as [string, string, string, string, string, string];
  const documentNumber = numberField.toUpperCase();
  const numberHidden = HIDDEN_DOCUMENT_NUMBER.test(documentNumber);
  if (!numberHidden && !DOCUMENT_NUMBER.test(documentNumber)) {
    return { ok: false, detail: 'field 1 (document number) must be a CMND (9 digits), CCCD (12 digits) or passport number' };
  }
  const name = checkName(nameField, 'field 2 (name)');
  if (!name.ok) return name;
  const birthYear = checkBirthDate(birthField);
  if (birthYear === undefined) return { ok: false, detail: 'field 3 (date of birth) must be YYYY-MM-DD (day and month may be **)' };
  if (typeField !== '0' && typeField !== '1') return { ok: false, detail: 'field 4 (identity type) must be 0 or 1' };
  if (!/^[0-9A-Za-z_-]{1,64}$/.test(qidField)) return { ok: false, detail: 'field 5 (QID) must be 1–64 letters or digits' };
  if (numberHidden) return { ok: false, detail: 'field 1 (document number) is hidden behind *', numberHidden: true, name: name.value };
  return { ok: true, value: { documentNumber, name: name.value, birthYear, selfDeclared: typeField === '0', qid: qidField } };
}
