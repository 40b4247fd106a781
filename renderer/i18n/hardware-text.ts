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
  readonly passage: Record<'passed' | 'not-passed', string>;
  /** Settings with no PIN configured: how to set the first one (main/cli/set-pin-command.ts), then check again. */
  readonly noPin: { readonly title: string; readonly run: string; readonly then: string; readonly checkAgain: string };
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
    passage: { passed: 'đã qua cổng', 'not-passed': 'được vào, không qua' },
    noPin: {
      title: 'Chưa đặt mã PIN cho phần cài đặt.',
      run: 'Người quản trị đặt mã: trên máy này, mở cửa sổ lệnh và chạy',
      then: 'rồi nhập mã mới hai lần và bấm "Kiểm tra lại".',
      checkAgain: 'Kiểm tra lại',
    },
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
    passage: { passed: 'passed', 'not-passed': 'granted, not passed' },
    noPin: {
      title: 'No settings PIN has been set yet.',
      run: 'The administrator sets one: on this machine, open a terminal and run',
      then: 'type the new PIN twice, then press "Check again".',
      checkAgain: 'Check again',
    },
  },
};
