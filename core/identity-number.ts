/**
 * The one normal form of an identity number (CCCD, CMND, passport) before it is keyed-hashed, shared by every path
 * that admits a person (terminal: CCCD / PC-Covid QR, paper form, staff-badge issuing; hub: its declaration page,
 * uploaded declarations, the admin person search and contact tracing). Two spellings of one number must give one
 * HMAC, or the person splits in two: so spaces (also no-break), dots, dashes and surrounding blanks go, letters are
 * upper-cased. Pure; the number itself never leaves the caller except as the HMAC (docs/identity-qr.md § One subject).
 */
import type { Language } from './reasons.js';

/** Separators people and scanners put into numbers: blanks of every kind, dots, dashes, slashes. */
const SEPARATORS = /[\s.\u00b7\u2010-\u2015\u2212/-]/g;

/** Removes separators and upper-cases; says nothing about validity (see checkIdNumber). */
export function canonicalIdNumber(idNumber: string): string {
  return idNumber.normalize('NFKC').replace(SEPARATORS, '').toUpperCase();
}

export type IdNumberProblem = 'id-empty' | 'id-not-alphanumeric' | 'id-format';

export type IdNumberCheck = { readonly ok: true; readonly idNumber: string } | { readonly ok: false; readonly problem: IdNumberProblem };

/**
 * A number the system could ever have recorded: CMND (9 digits), CCCD (12 digits), or a passport / other document
 * number of 6–14 letters and digits with at least one letter (as the PC-Covid QR parser accepts). Anything else could
 * never match an entry, so a search for it is refused with its reason instead of answering "nobody".
 */
export function checkIdNumber(typed: string): IdNumberCheck {
  const idNumber = canonicalIdNumber(typed);
  if (idNumber === '') return { ok: false, problem: 'id-empty' };
  if (!/^[0-9A-Z]+$/.test(idNumber)) return { ok: false, problem: 'id-not-alphanumeric' };
  if (/^(?:\d{9}|\d{12})$/.test(idNumber) || /^(?=.*[A-Z])[0-9A-Z]{6,14}$/.test(idNumber)) return { ok: true, idNumber };
  return { ok: false, problem: 'id-format' };
}

export const ID_NUMBER_PROBLEM_TEXT: Readonly<Record<IdNumberProblem, Readonly<Record<Language, string>>>> = {
  'id-empty': { vi: 'Nhập số CCCD, CMND hoặc hộ chiếu.', en: 'Enter the citizen ID, old ID card or passport number.' },
  'id-not-alphanumeric': {
    vi: 'Số giấy tờ chỉ gồm chữ và số (dấu cách, dấu chấm, gạch ngang được bỏ qua). Nhập lại.',
    en: 'An ID number has only letters and digits (spaces, dots and dashes are ignored). Type it again.',
  },
  'id-format': {
    vi: 'Không phải số giấy tờ hợp lệ: CCCD 12 chữ số, CMND 9 chữ số, hộ chiếu 6–14 chữ và số. Kiểm tra rồi nhập lại.',
    en: 'Not a valid ID number: citizen ID 12 digits, old ID card 9 digits, passport 6–14 letters and digits. Check it and type it again.',
  },
};
