/** Screen words for hardware: scanner status details, passage results, the settings screen and its self-test. */
import type { Language, SelfTestStep } from '../../core/index.js';

export interface HardwareText {
  readonly settings: string;
  readonly settingsTitle: string;
  readonly pin: string;
  readonly runSelfTest: string;
  readonly close: string;
  readonly selfTestRunning: string;
  readonly selfTestDone: string;
  readonly stepResult: Record<SelfTestStep['result'], string>;
  readonly errors: Record<string, string>;
  readonly passage: Record<'passed' | 'not-passed', string>;
}

export const HARDWARE_TEXT: Readonly<Record<Language, HardwareText>> = {
  vi: {
    settings: 'Cài đặt',
    settingsTitle: 'Cài đặt',
    pin: 'Mã PIN',
    runSelfTest: 'Chạy kiểm tra',
    close: 'Đóng',
    selfTestRunning: 'Đang kiểm tra… làm theo hướng dẫn từng bước',
    selfTestDone: 'Kiểm tra xong',
    stepResult: { pending: 'chờ', running: 'đang chạy', pass: 'ĐẠT', fail: 'LỖI', manual: 'XEM' },
    errors: { BAD_PIN: 'Sai mã PIN', PIN_LOCKED: 'Nhập sai quá nhiều lần, thử lại sau', PIN_NOT_SET: 'Chưa cấu hình mã PIN', SELFTEST_RUNNING: 'Đang có một lần kiểm tra' },
    passage: { passed: 'đã qua cổng', 'not-passed': 'được vào, không qua' },
  },
  en: {
    settings: 'Settings',
    settingsTitle: 'Settings',
    pin: 'PIN',
    runSelfTest: 'Run self-test',
    close: 'Close',
    selfTestRunning: 'Testing… follow the instructions of each step',
    selfTestDone: 'Self-test finished',
    stepResult: { pending: 'waiting', running: 'running', pass: 'PASS', fail: 'FAIL', manual: 'CHECK' },
    errors: { BAD_PIN: 'Wrong PIN', PIN_LOCKED: 'Too many wrong PINs, try again later', PIN_NOT_SET: 'No settings PIN is configured', SELFTEST_RUNNING: 'A self-test is already running' },
    passage: { passed: 'passed', 'not-passed': 'granted, not passed' },
  },
};
