/**
 * Words of the guard screen's newer parts: the strip of earlier results, the camera's hints and status, and the
 * settings screen's terminal information. Vietnamese first; English is the toggle.
 */
import type { Language } from '../../core/index.js';
import type { CameraHint } from '../camera/frame-hints.js';

export interface GuardScreenText {
  /** Name of the landmark holding the scanner input and the banners. */
  readonly notices: string;
  readonly earlierTitle: string;
  readonly seen: string;
  readonly seenAll: string;
  readonly camera: {
    readonly hints: Record<CameraHint, string>;
    readonly torchOn: string;
    readonly torchOff: string;
    readonly fps: string;
    readonly detection: string;
  };
  readonly info: {
    readonly title: string;
    readonly checkpointId: string;
    readonly checkpointName: string;
    readonly direction: string;
    readonly directionMode: Record<'in' | 'out' | 'both', string>;
    readonly building: string;
    readonly department: string;
    readonly none: string;
    readonly terminalId: string;
    readonly version: string;
    readonly hostMode: string;
    readonly hub: string;
    readonly hubNone: string;
    readonly language: string;
    readonly camera: string;
    readonly cameraOff: string;
    readonly unlock: string;
    readonly selfTest: string;
    readonly hubBuilding: string;
    readonly notEnrolled: string;
    readonly queued: string;
  };
}

export const GUARD_SCREEN_TEXT: Record<Language, GuardScreenText> = {
  vi: {
    notices: 'Thông báo',
    earlierTitle: 'Kết quả trước đó',
    seen: 'Đã xem',
    seenAll: 'Đã xem tất cả',
    camera: {
      hints: {
        ok: 'Đưa mã QR vào khung hình',
        'too-dark': 'Quá tối — bật đèn hoặc đưa mã ra chỗ sáng',
        'too-bright': 'Quá chói — nghiêng mã để tránh phản chiếu',
        'too-small': 'Mã QR quá nhỏ — đưa mã lại gần camera',
        'hold-still': 'Giữ yên mã QR',
      },
      torchOn: 'Bật đèn',
      torchOff: 'Tắt đèn',
      fps: 'khung hình/giây',
      detection: 'nhận mã',
    },
    info: {
      title: 'Thông tin máy',
      checkpointId: 'Mã điểm kiểm soát',
      checkpointName: 'Tên điểm kiểm soát',
      direction: 'Chiều',
      directionMode: { in: 'Chỉ vào', out: 'Chỉ ra', both: 'Vào và ra' },
      building: 'Tòa nhà',
      department: 'Đơn vị (phòng ban)',
      none: '—',
      terminalId: 'Mã máy',
      version: 'Phiên bản',
      hostMode: 'Chế độ chạy',
      hub: 'Máy chủ',
      hubNone: 'Chưa kết nối máy chủ (chạy độc lập)',
      language: 'Ngôn ngữ',
      camera: 'Camera',
      cameraOff: 'Camera đang tắt',
      unlock: 'Mở khóa',
      selfTest: 'Kiểm tra phần cứng',
      hubBuilding: 'Tòa nhà (theo máy chủ)',
      notEnrolled: 'chưa đăng ký',
      queued: 'chờ gửi',
    },
  },
  en: {
    notices: 'Notices',
    earlierTitle: 'Earlier results',
    seen: 'Seen',
    seenAll: 'All seen',
    camera: {
      hints: {
        ok: 'Hold the QR code in view',
        'too-dark': 'Too dark — turn on the light or move the code into the light',
        'too-bright': 'Too bright — tilt the code to avoid glare',
        'too-small': 'QR code too small — bring it closer to the camera',
        'hold-still': 'Hold the QR code still',
      },
      torchOn: 'Light on',
      torchOff: 'Light off',
      fps: 'frames/s',
      detection: 'codes found',
    },
    info: {
      title: 'Terminal information',
      checkpointId: 'Checkpoint id',
      checkpointName: 'Checkpoint name',
      direction: 'Direction',
      directionMode: { in: 'In only', out: 'Out only', both: 'In and out' },
      building: 'Building',
      department: 'Department',
      none: '—',
      terminalId: 'Terminal id',
      version: 'Version',
      hostMode: 'Host mode',
      hub: 'Hub',
      hubNone: 'No hub configured (standalone)',
      language: 'Language',
      camera: 'Camera',
      cameraOff: 'Camera is off',
      unlock: 'Unlock',
      selfTest: 'Hardware self-test',
      hubBuilding: 'Building (from the hub)',
      notEnrolled: 'not enrolled',
      queued: 'queued',
    },
  },
};
