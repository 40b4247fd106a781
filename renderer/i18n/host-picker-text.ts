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
  },
};
