/**
 * Paper health declarations, for people without a smartphone: the guard types the person's name, phone and ID number
 * and answers the declaration questions from the paper form. The answers decide the outcome and are then dropped:
 * the register keeps the person (as a keyed hash of the ID number) and the outcome, never the health answers.
 * Pure: the same validation runs on the screen (to show the guard what to fix) and in the host (the screen is untrusted).
 */
import type { DeclarationResult } from './credentials/declaration-token.js';
import type { Language } from './reasons.js';

export const PAPER_QUESTIONS = ['fever', 'cough', 'breathing', 'lossOfTaste', 'contact', 'abroad'] as const;
export type PaperQuestion = (typeof PAPER_QUESTIONS)[number];

/** The questions of the paper form, as printed (Vietnamese first). `isolate` answers mean "stay home". */
export const PAPER_QUESTION_TEXT: Readonly<Record<PaperQuestion, Readonly<Record<Language, string>> & { readonly yesMeans: DeclarationResult }>> = {
  fever: { vi: 'Sốt trong 14 ngày qua?', en: 'Fever in the last 14 days?', yesMeans: 'medical-check' },
  cough: { vi: 'Ho, đau họng?', en: 'Cough or sore throat?', yesMeans: 'medical-check' },
  breathing: { vi: 'Khó thở?', en: 'Shortness of breath?', yesMeans: 'medical-check' },
  lossOfTaste: { vi: 'Mất vị giác hoặc khứu giác?', en: 'Loss of taste or smell?', yesMeans: 'medical-check' },
  contact: { vi: 'Tiếp xúc gần với ca bệnh (F0) trong 14 ngày?', en: 'Close contact with a confirmed case in 14 days?', yesMeans: 'isolate' },
  abroad: { vi: 'Về từ nước ngoài trong 14 ngày?', en: 'Arrived from abroad in the last 14 days?', yesMeans: 'medical-check' },
};

export type PaperAnswers = Readonly<Record<PaperQuestion, boolean>>;

export interface PaperDeclarationForm {
  readonly fullName: string;
  readonly phone: string;
  readonly idNumber: string;
  readonly answers: PaperAnswers;
}

export type PaperField = 'fullName' | 'phone' | 'idNumber';
export type PaperProblem = 'required' | 'name-too-long' | 'phone-format' | 'id-format';

export const MAX_PAPER_NAME_LENGTH = 80;

/** Vietnamese mobile and landline numbers: 0 + 9 digits (10 digits), or +84 / 84 + 9 digits; spaces and dots allowed. */
export function normalisePhone(phone: string): string | undefined {
  const digits = phone.replace(/[\s.-]/g, '');
  const match = /^(?:\+?84|0)([1-9]\d{8})$/.exec(digits);
  return match ? `0${match[1]}` : undefined;
}

/** CCCD (12 digits) or the older CMND (9 digits). */
export function normaliseIdNumber(idNumber: string): string | undefined {
  const digits = idNumber.replace(/\s/g, '');
  return /^(?:\d{9}|\d{12})$/.test(digits) ? digits : undefined;
}

/** Field problems of a paper form; empty when it may be submitted. */
export function validatePaperForm(form: Pick<PaperDeclarationForm, PaperField>): Partial<Record<PaperField, PaperProblem>> {
  const problems: Partial<Record<PaperField, PaperProblem>> = {};
  const name = form.fullName.trim();
  if (name === '') problems.fullName = 'required';
  else if (name.length > MAX_PAPER_NAME_LENGTH) problems.fullName = 'name-too-long';
  if (form.phone.trim() === '') problems.phone = 'required';
  else if (!normalisePhone(form.phone)) problems.phone = 'phone-format';
  if (form.idNumber.trim() === '') problems.idNumber = 'required';
  else if (!normaliseIdNumber(form.idNumber)) problems.idNumber = 'id-format';
  return problems;
}

/** The declaration result the answers amount to: any contact → isolate; any symptom or travel → medical check. */
export function paperDeclarationResult(answers: PaperAnswers): DeclarationResult {
  const yes = PAPER_QUESTIONS.filter((q) => answers[q]);
  if (yes.some((q) => PAPER_QUESTION_TEXT[q].yesMeans === 'isolate')) return 'isolate';
  return yes.length > 0 ? 'medical-check' : 'clear';
}

export const PAPER_PROBLEM_TEXT: Readonly<Record<PaperProblem, Readonly<Record<Language, string>>>> = {
  required: { vi: 'Bắt buộc nhập', en: 'Required' },
  'name-too-long': { vi: `Tối đa ${MAX_PAPER_NAME_LENGTH} ký tự`, en: `At most ${MAX_PAPER_NAME_LENGTH} characters` },
  'phone-format': { vi: 'Số điện thoại gồm 10 chữ số, bắt đầu bằng 0 (hoặc +84)', en: '10 digits starting with 0 (or +84)' },
  'id-format': { vi: 'CCCD 12 chữ số hoặc CMND 9 chữ số', en: 'Citizen ID: 12 digits (old ID card: 9)' },
};
