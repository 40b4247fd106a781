/**
 * The declaration form: what the page posts, checked field by field (every problem named in Vietnamese and English),
 * and the result the configured rules give the health answers. Pure functions; `currentYear` is an argument.
 */
import { safeDisplayName, type DeclarationResult } from '../../core/index.js';
import type { DeclarationPageConfig } from './declaration-page-config.js';

export type IdKind = 'cccd' | 'cmnd' | 'passport';

export interface HealthAnswers {
  /** Fever, cough, shortness of breath, sore throat, loss of taste or smell… in the last 14 days. */
  readonly symptoms: boolean;
  /** Contact with a case (F0) or a suspected case in the last 14 days. */
  readonly contact: boolean;
  /** Travel through an outbreak area in the last 14 days. */
  readonly travel: boolean;
}

export interface DeclarationForm extends HealthAnswers {
  readonly fullName: string;
  readonly birthYear: number;
  readonly idKind: IdKind;
  readonly idNumber: string;
  readonly phone: string;
  readonly checkpointId: string | null;
}

export interface FieldProblem {
  readonly field: string;
  readonly vi: string;
  readonly en: string;
}

const ID_PATTERNS: Readonly<Record<IdKind, RegExp>> = {
  cccd: /^\d{12}$/,
  cmnd: /^(\d{9}|\d{12})$/,
  passport: /^[A-Z][0-9]{7,8}$|^[A-Z]{2}[0-9]{7}$/,
};

/** Vietnamese mobile numbers: 0 or +84 / 84, then a 3/5/7/8/9 prefix and 8 digits. */
const VN_PHONE = /^(?:\+?84|0)(3|5|7|8|9)\d{8}$/;

/** At most 4 KB of a field is read: a 1 MB "name" is refused as too long without normalising a megabyte. */
const asText = (value: unknown) => (typeof value === 'string' ? value.slice(0, 4096).normalize('NFC').trim().replace(/\s+/g, ' ') : '');
const asYes = (value: unknown) => value === true || value === 'yes' || value === 'on' || value === 'true';

export function parseDeclarationForm(body: Record<string, unknown>, currentYear: number): { ok: true; form: DeclarationForm } | { ok: false; problems: FieldProblem[] } {
  const problems: FieldProblem[] = [];
  const fullName = asText(body.fullName);
  if (fullName.length < 2 || fullName.length > 100 || !/^[\p{L}\p{M}' .-]+$/u.test(fullName)) {
    problems.push({ field: 'fullName', vi: 'Họ và tên: 2–100 chữ cái.', en: 'Full name: 2–100 letters.' });
  }
  const birthYear = Number(asText(body.birthYear));
  if (!Number.isInteger(birthYear) || birthYear < currentYear - 120 || birthYear > currentYear) {
    problems.push({ field: 'birthYear', vi: `Năm sinh: 4 chữ số, từ ${currentYear - 120} đến ${currentYear}.`, en: `Year of birth: 4 digits, ${currentYear - 120} to ${currentYear}.` });
  }
  const idKind = asText(body.idKind) as IdKind;
  const idNumber = asText(body.idNumber).replace(/[\s-]/g, '').toUpperCase();
  if (!(idKind in ID_PATTERNS)) {
    problems.push({ field: 'idKind', vi: 'Chọn loại giấy tờ: CCCD, CMND hoặc hộ chiếu.', en: 'Choose the document: CCCD, CMND or passport.' });
  } else if (!ID_PATTERNS[idKind].test(idNumber)) {
    const hint = { cccd: ['CCCD có 12 chữ số.', 'A CCCD has 12 digits.'], cmnd: ['CMND có 9 hoặc 12 chữ số.', 'A CMND has 9 or 12 digits.'], passport: ['Hộ chiếu: 1–2 chữ cái rồi 7–8 chữ số.', 'Passport: 1–2 letters, then 7–8 digits.'] }[idKind];
    problems.push({ field: 'idNumber', vi: `Số giấy tờ không hợp lệ. ${hint[0]}`, en: `The ID number is not valid. ${hint[1]}` });
  }
  const phone = asText(body.phone).replace(/[\s.-]/g, '');
  if (!VN_PHONE.test(phone)) {
    problems.push({ field: 'phone', vi: 'Số điện thoại di động Việt Nam: 10 chữ số, bắt đầu bằng 03, 05, 07, 08 hoặc 09.', en: 'Vietnamese mobile number: 10 digits starting 03, 05, 07, 08 or 09.' });
  }
  for (const question of ['symptoms', 'contact', 'travel'] as const) {
    if (!['yes', 'no', true, false, 'true', 'false'].includes(body[question] as string)) {
      problems.push({ field: question, vi: 'Hãy trả lời Có hoặc Không.', en: 'Answer Yes or No.' });
    }
  }
  const checkpoint = asText(body.checkpointId);
  // The name goes into a signed token every guard screen shows: it must already be what core's safeDisplayName leaves
  // unchanged (no control or bidi characters, no stacks of combining marks), never something cleaned up later.
  if (!problems.some((p) => p.field === 'fullName') && safeDisplayName(fullName) !== fullName) {
    problems.push({
      field: 'fullName',
      vi: 'Họ và tên có quá nhiều dấu chồng lên một chữ. Hãy gõ lại tên bằng bàn phím tiếng Việt.',
      en: 'The name has too many accents on one letter. Type the name again with a normal keyboard.',
    });
  }
  if (problems.length > 0) return { ok: false, problems };
  return {
    ok: true,
    form: {
      fullName,
      birthYear,
      idKind,
      idNumber,
      phone,
      symptoms: asYes(body.symptoms),
      contact: asYes(body.contact),
      travel: asYes(body.travel),
      checkpointId: /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/.test(checkpoint) ? checkpoint : null,
    },
  };
}

const SEVERITY: readonly DeclarationResult[] = ['clear', 'medical-check', 'isolate'];

/** The strictest result any "yes" answer maps to under the rules; all "no" → clear. */
export function resultOf(answers: HealthAnswers, rules: DeclarationPageConfig['rules']): DeclarationResult {
  let worst = 0;
  for (const question of ['symptoms', 'contact', 'travel'] as const) {
    if (answers[question]) worst = Math.max(worst, SEVERITY.indexOf(rules[question]));
  }
  return SEVERITY[worst]!;
}
