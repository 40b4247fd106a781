/** Texts of the "declare here" screen and the phone check-in list (docs/declaration-page.md). */
import type { Language } from '../../core/index.js';

export interface DeclareHereText {
  readonly open: string;
  readonly title: string;
  readonly instructions: string;
  readonly close: string;
  /** Under a deny for a missing or expired declaration. */
  readonly hint: string;
  readonly checkinsTitle: string;
  readonly noCheckins: string;
  readonly phone: string;
  /** The meta line of a check-in raised in the result panel. */
  readonly checkinResult: string;
  readonly result: Record<'clear' | 'medical-check' | 'isolate', string>;
}

export const DECLARE_HERE_TEXT: Readonly<Record<Language, DeclareHereText>> = {
  vi: {
    open: 'Khai báo tại chỗ',
    title: 'Khai báo tại chỗ',
    instructions: 'Quét mã này bằng điện thoại để khai báo y tế, rồi quét lại mã khai báo tại cổng.',
    close: 'Đóng',
    hint: 'Chưa có tờ khai hợp lệ: quét mã bên cạnh để khai báo tại chỗ, rồi quét lại.',
    checkinsTitle: 'Check-in bằng điện thoại',
    noCheckins: 'Chưa có ai check-in bằng điện thoại.',
    phone: 'điện thoại',
    checkinResult: 'Check-in bằng điện thoại',
    result: { clear: 'Bình thường', 'medical-check': 'Cần kiểm tra y tế', isolate: 'Phải cách ly' },
  },
  en: {
    open: 'Declare here',
    title: 'Declare here',
    instructions: 'Scan this code with a phone to make the health declaration, then scan the declaration code at the gate.',
    close: 'Close',
    hint: 'No valid declaration: scan the code beside to declare here, then scan again.',
    checkinsTitle: 'Phone check-ins',
    noCheckins: 'No phone check-ins yet.',
    phone: 'phone',
    checkinResult: 'Phone check-in',
    result: { clear: 'Clear', 'medical-check': 'Needs a medical check', isolate: 'Must isolate' },
  },
};
