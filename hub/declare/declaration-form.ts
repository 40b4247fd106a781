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

type Text = { readonly vi: string; readonly en: string };
export type FormField = 'fullName' | 'birthYear' | 'idKind' | 'idNumber' | 'phone' | HealthQuestion;
export type HealthQuestion = keyof HealthAnswers;

/** The three questions as the page asks them (legend) and as an error names them (short). */
export const HEALTH_QUESTIONS: Readonly<Record<HealthQuestion, { readonly ask: Text; readonly short: Text }>> = {
  symptoms: {
    ask: { vi: 'Sốt, ho, khó thở, đau họng, mất vị giác/khứu giác?', en: 'Fever, cough, shortness of breath, sore throat, loss of taste/smell?' },
    short: { vi: 'Câu 1 (sốt, ho, khó thở…)', en: 'Question 1 (fever, cough…)' },
  },
  contact: {
    ask: { vi: 'Tiếp xúc với ca bệnh hoặc người nghi nhiễm COVID-19?', en: 'Contact with a COVID-19 case or suspected case?' },
    short: { vi: 'Câu 2 (tiếp xúc ca bệnh)', en: 'Question 2 (contact with a case)' },
  },
  travel: {
    ask: { vi: 'Đi qua vùng có dịch?', en: 'Travel through an outbreak area?' },
    short: { vi: 'Câu 3 (đi qua vùng có dịch)', en: 'Question 3 (outbreak area)' },
  },
};

/**
 * What each field needs, in the words shown beside it: the page shows the same text when the phone's own check
 * (required, pattern) fails, before anything is sent; the hub sends it (or a more precise one) when its check fails.
 */
export function fieldMessages(currentYear: number): Readonly<Record<FormField, Text>> {
  const answer = (q: HealthQuestion) => ({ vi: `${HEALTH_QUESTIONS[q].short.vi}: chưa trả lời, hãy chọn Có hoặc Không.`, en: `${HEALTH_QUESTIONS[q].short.en}: not answered, choose Yes or No.` });
  return {
    fullName: { vi: 'Họ và tên: 2–100 chữ cái.', en: 'Full name: 2–100 letters.' },
    birthYear: { vi: `Năm sinh: 4 chữ số, từ ${currentYear - 120} đến ${currentYear}.`, en: `Year of birth: 4 digits, ${currentYear - 120} to ${currentYear}.` },
    idKind: { vi: 'Chọn loại giấy tờ: CCCD, CMND hoặc hộ chiếu.', en: 'Choose the document: CCCD, CMND or passport.' },
    idNumber: { vi: 'Số giấy tờ: CCCD 12 chữ số, CMND 9 hoặc 12 chữ số, hộ chiếu 1–2 chữ cái rồi 7–8 chữ số.', en: 'ID number: CCCD 12 digits, CMND 9 or 12 digits, passport 1–2 letters then 7–8 digits.' },
    phone: { vi: 'Số điện thoại di động Việt Nam: 10 chữ số, bắt đầu bằng 03, 05, 07, 08 hoặc 09.', en: 'Vietnamese mobile number: 10 digits starting 03, 05, 07, 08 or 09.' },
    symptoms: answer('symptoms'),
    contact: answer('contact'),
    travel: answer('travel'),
  };
}

export function parseDeclarationForm(body: Record<string, unknown>, currentYear: number): { ok: true; form: DeclarationForm } | { ok: false; problems: FieldProblem[] } {
  const problems: FieldProblem[] = [];
  const messages = fieldMessages(currentYear);
  const problem = (field: FormField, text: Text = messages[field]) => problems.push({ field, ...text });
  const fullName = asText(body.fullName);
  if (fullName.length < 2 || fullName.length > 100 || !/^[\p{L}\p{M}' .-]+$/u.test(fullName)) problem('fullName');
  const birthYear = Number(asText(body.birthYear));
  if (!Number.isInteger(birthYear) || birthYear < currentYear - 120 || birthYear > currentYear) problem('birthYear');
  const idKind = asText(body.idKind) as IdKind;
  const idNumber = asText(body.idNumber).replace(/[\s-]/g, '').toUpperCase();
  if (!(idKind in ID_PATTERNS)) {
    problem('idKind');
  } else if (!ID_PATTERNS[idKind].test(idNumber)) {
    const hint = { cccd: ['CCCD có 12 chữ số.', 'A CCCD has 12 digits.'], cmnd: ['CMND có 9 hoặc 12 chữ số.', 'A CMND has 9 or 12 digits.'], passport: ['Hộ chiếu: 1–2 chữ cái rồi 7–8 chữ số.', 'Passport: 1–2 letters, then 7–8 digits.'] }[idKind];
    problem('idNumber', { vi: `Số giấy tờ không hợp lệ. ${hint[0]}`, en: `The ID number is not valid. ${hint[1]}` });
  }
  const phone = asText(body.phone).replace(/[\s.-]/g, '');
  if (!VN_PHONE.test(phone)) problem('phone');
  for (const question of ['symptoms', 'contact', 'travel'] as const) {
    if (!['yes', 'no', true, false, 'true', 'false'].includes(body[question] as string)) problem(question);
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
