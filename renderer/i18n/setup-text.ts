/** Screen words for first boot / enrolment on the device (setup screen and the settings section), Vietnamese first. */
import type { Language } from '../../core/index.js';

export interface SetupText {
  readonly title: string;
  readonly intro: string;
  readonly chooseLanguage: string;
  readonly scanHint: string;
  readonly usbHint: string;
  readonly pasteLabel: string;
  readonly enrol: string;
  readonly camera: string;
  readonly pin: string;
  readonly enrolling: string;
  readonly enrolled: (terminalId: string, checkpoint: string) => string;
  readonly selfTest: string;
  readonly done: string;
  readonly continue: string;
  readonly settingsTitle: string;
  readonly current: (terminalId: string | null, hubUrl: string) => string;
  readonly source: Record<string, string>;
}

export const SETUP_TEXT: Readonly<Record<Language, SetupText>> = {
  vi: {
    title: 'Cài đặt lần đầu',
    intro: 'Máy chưa được đăng ký với máy chủ. Làm theo các bước dưới đây.',
    chooseLanguage: '1. Chọn ngôn ngữ',
    scanHint: '2. Quét mã QR đăng ký (từ trang quản trị máy chủ) bằng máy quét hoặc camera, hoặc dán mã bên dưới.',
    usbHint: 'Hoặc cắm USB có tệp enroll.json.',
    pasteLabel: 'Mã đăng ký',
    enrol: 'Đăng ký',
    camera: 'Camera',
    pin: 'Mã PIN cài đặt',
    enrolling: 'Đang đăng ký với máy chủ…',
    enrolled: (id, cp) => `Đã đăng ký: ${id} — ${cp}`,
    selfTest: '3. Kiểm tra phần cứng',
    done: 'Hoàn tất. Máy sẵn sàng hoạt động.',
    continue: 'Vào màn hình cổng',
    settingsTitle: 'Đăng ký / đăng ký lại với máy chủ',
    current: (id, hub) => (id ? `Đang đăng ký: ${id} tại ${hub}` : `Chưa đăng ký với ${hub}`),
    source: { paste: 'mã dán', camera: 'camera', wedge: 'máy quét', scanner: 'máy quét', usb: 'USB' },
  },
  en: {
    title: 'First-time setup',
    intro: 'This terminal is not enrolled with the hub yet. Follow the steps below.',
    chooseLanguage: '1. Choose the language',
    scanHint: '2. Scan the enrolment QR (from the hub admin page) with the scanner or the camera, or paste the token below.',
    usbHint: 'Or plug in a USB stick holding enroll.json.',
    pasteLabel: 'Enrolment token',
    enrol: 'Enrol',
    camera: 'Camera',
    pin: 'Settings PIN',
    enrolling: 'Enrolling with the hub…',
    enrolled: (id, cp) => `Enrolled: ${id} — ${cp}`,
    selfTest: '3. Hardware self-test',
    done: 'Done. The terminal is ready.',
    continue: 'Go to the gate screen',
    settingsTitle: 'Enrol / re-enrol with the hub',
    current: (id, hub) => (id ? `Enrolled as ${id} at ${hub}` : `Not enrolled with ${hub}`),
    source: { paste: 'pasted token', camera: 'camera', wedge: 'scanner', scanner: 'scanner', usb: 'USB' },
  },
};
