/** Screen words of the guard's host picker (department checkpoints): Vietnamese first, English second. */
import type { Language } from '../../core/index.js';

export interface HostPickerText {
  readonly open: string;
  readonly title: (visitor: string) => string;
  readonly search: string;
  readonly searchHint: string;
  readonly loading: string;
  readonly noMatch: string;
  /** The department has no synced hosts: the picker cannot help, the normal override remains. */
  readonly empty: string;
  /** The list came with hub data older than allowed: it may be out of date. */
  readonly stale: string;
  readonly count: (shown: number, total: number) => string;
  /** More matches than the list shows at once. */
  readonly more: (hidden: number) => string;
  readonly cancel: string;
  readonly errors: Record<string, string>;
}

export const HOST_PICKER_TEXT: Readonly<Record<Language, HostPickerText>> = {
  vi: {
    open: 'Chọn người tiếp đón',
    title: (visitor) => `Chọn người tiếp đón cho ${visitor || 'khách'}`,
    search: 'Tìm theo tên',
    searchHint: 'Gõ tên, không cần dấu (vd. "tran binh")',
    loading: 'Đang tải danh sách…',
    noMatch: 'Không có ai khớp với tên đã gõ.',
    empty: 'Chưa có danh sách người tiếp đón của bộ phận này (chưa đồng bộ từ máy chủ). Bảo vệ dùng nút «Bảo vệ cho vào» hoặc «Bảo vệ từ chối» như thường.',
    stale: 'Danh sách người tiếp đón đã cũ (mất kết nối máy chủ), có thể thiếu người mới. Nếu không thấy, dùng nút «Bảo vệ cho vào» như thường.',
    count: (shown, total) => `${shown} / ${total} người`,
    more: (hidden) => `Còn ${hidden} người nữa — gõ thêm để lọc.`,
    cancel: 'Hủy',
    errors: {
      HOST_NOT_FOUND: 'Người này không còn trong danh sách của bộ phận. Chọn người khác.',
      HOST_PICK_EXPIRED: 'Lượt quét này đã quá lâu (hoặc máy đã khởi động lại). Quét lại thẻ của khách.',
      HOST_NOT_NEEDED: 'Lượt này không cần chọn người tiếp đón.',
      ALREADY_OVERRIDDEN: 'Lượt này đã được xử lý rồi.',
      OVERRIDE_TOO_LATE: 'Lượt quét đã quá 10 phút. Quét lại thẻ của khách.',
    },
  },
  en: {
    open: 'Choose host',
    title: (visitor) => `Choose the host for ${visitor || 'the visitor'}`,
    search: 'Search by name',
    searchHint: 'Type a name, accents optional (e.g. "tran binh")',
    loading: 'Loading the list…',
    noMatch: 'Nobody matches that name.',
    empty: 'No host list for this department yet (not synced from the hub). Use “Guard admits” or “Guard refuses” as usual.',
    stale: 'The host list is out of date (no hub connection) and may miss new people. If the host is not listed, use “Guard admits” as usual.',
    count: (shown, total) => `${shown} of ${total}`,
    more: (hidden) => `${hidden} more — type to narrow the list.`,
    cancel: 'Cancel',
    errors: {
      HOST_NOT_FOUND: 'This person is no longer on the department list. Pick someone else.',
      HOST_PICK_EXPIRED: 'This scan is too old (or the terminal restarted). Scan the visitor again.',
      HOST_NOT_NEEDED: 'This entry does not need a host.',
      ALREADY_OVERRIDDEN: 'This entry has already been handled.',
      OVERRIDE_TOO_LATE: 'The scan is more than 10 minutes old. Scan the visitor again.',
    },
  },
};
