// Texts of the reports console pages, Vietnamese first, English second, and labels for codes.

import { lang, m, type Msg } from '../../../shared/i18n.ts';
import type { Category, Station } from './api.ts';
import { formatDistance, formatHours } from './logic.ts';

export const T = {
  title: m('Phản ánh & kiến nghị', 'Reports and petitions'),
  tabs: m('Các màn hình phản ánh', 'Report views'),
  queue: m('Hàng đợi', 'Queue'),
  stats: m('Thống kê', 'Statistics'),
  report: (code: string) => m(`Phản ánh ${code}`, `Report ${code}`),
  reportId: (id: number) => m(`Phản ánh #${id}`, `Report #${id}`),
  notAllowed: m('Vai trò của bạn không được mở màn hình này.', 'Your role may not open this view.'),

  // Queue
  filters: m('Lọc', 'Filters'),
  status: m('Trạng thái', 'Status'),
  allStatuses: m('Tất cả', 'All'),
  openStatuses: m('Đang mở (chưa xong)', 'Open (not done)'),
  category: m('Loại', 'Category'),
  allCategories: m('Tất cả các loại', 'All categories'),
  unit: m('Đơn vị', 'Unit'),
  allUnits: m('Tất cả đơn vị', 'All units'),
  due: m('Thời hạn', 'Due'),
  anyDue: m('Bất kỳ', 'Any'),
  overdue: m('Quá hạn', 'Overdue'),
  dueSoon: m('Sắp đến hạn', 'Due soon'),
  apply: m('Lọc', 'Apply'),
  reset: m('Bỏ lọc', 'Reset'),
  code: m('Mã', 'Code'),
  received: m('Nhận lúc', 'Received'),
  dueAt: m('Hạn xử lý', 'Due'),
  photos: m('Ảnh', 'Photos'),
  hasPhotos: m('Có ảnh', 'Has photos'),
  suggestions: m('Có thể trùng', 'Possible duplicates'),
  suggestionsN: (n: number) => m(`${n} phản ánh có thể trùng`, `${n} possible duplicate${n === 1 ? '' : 's'}`),
  duplicateOf: (id: number) => m(`trùng #${id}`, `duplicate of #${id}`),
  queueEmpty: m('Không có phản ánh nào khớp bộ lọc.', 'No reports match the filters.'),
  shown: (n: number, total: number) => m(`Đang hiện ${n} / ${total}`, `Showing ${n} of ${total}`),
  more: m('Tải thêm', 'Load more'),
  liveNote: m('Danh sách tự cập nhật khi có phản ánh mới hoặc thay đổi.', 'The list updates itself as reports arrive or change.'),
  anonymousShort: m('ẩn danh', 'anonymous'),
  unassigned: m('chưa giao', 'unassigned'),

  // Detail
  back: m('← Hàng đợi', '← Queue'),
  details: m('Thông tin', 'Details'),
  description: m('Nội dung', 'Description'),
  occurredAt: m('Thời điểm xảy ra', 'Happened'),
  address: m('Địa chỉ', 'Address'),
  coordinates: m('Tọa độ', 'Coordinates'),
  noLocation: m('Không có tọa độ.', 'No coordinates.'),
  noBaseMap: m('Không có bản đồ nền', 'No base map'),
  channel: m('Kênh', 'Channel'),
  routing: m('Lý do giao đơn vị', 'Why this unit'),
  assignedTo: m('Cán bộ phụ trách', 'Officer'),
  statusReason: m('Lý do / ghi chú trạng thái', 'Status reason'),
  resolvedAt: m('Giải quyết lúc', 'Resolved'),
  closedAt: m('Đóng lúc', 'Closed'),
  contact: m('Người phản ánh', 'Citizen'),
  name: m('Họ tên', 'Name'),
  phone: m('Điện thoại', 'Phone'),
  email: m('E-mail', 'E-mail'),
  anonymous: m('Gửi ẩn danh: không lưu thông tin liên hệ.', 'Sent anonymously: no contact details kept.'),
  noContact: m('Không để lại thông tin liên hệ.', 'No contact details given.'),
  notifyLanguage: m('Ngôn ngữ thông báo', 'Notification language'),
  photosTitle: m('Ảnh đính kèm', 'Photos'),
  noPhotos: m('Không có ảnh.', 'No photos.'),
  photoAlt: (n: number) => m(`Ảnh ${n} do người dân gửi`, `Photo ${n} sent by the citizen`),
  photosNote: m('Ảnh đã được máy chủ làm sạch (JPEG, không còn siêu dữ liệu).', 'Photos were cleaned by the server (JPEG, no metadata).'),
  history: m('Lịch sử xử lý', 'History'),
  noHistory: m('Chưa có gì.', 'Nothing yet.'),
  publicEntry: m('người dân xem được', 'visible to the citizen'),
  internalEntry: m('nội bộ', 'internal'),
  actions: m('Xử lý', 'Actions'),
  moveTo: m('Chuyển trạng thái', 'Change status'),
  noMoves: m('Phản ánh đã đóng: không còn bước xử lý.', 'The report is closed: no further steps.'),
  reason: m('Lý do (người dân sẽ đọc)', 'Reason (the citizen will read it)'),
  reasonOptional: m('Ghi chú kèm trạng thái (không bắt buộc, người dân đọc được)', 'Note with the status (optional, the citizen can read it)'),
  forwardedTo: m('Chuyển đến đơn vị / cơ quan', 'Forward to unit / agency'),
  confirm: m('Xác nhận', 'Confirm'),
  cancel: m('Hủy', 'Cancel'),
  needReason: m('Cần nhập lý do.', 'A reason is needed.'),
  needForwardedTo: m('Cần ghi nơi chuyển đến.', 'Name where it goes.'),
  changed: (s: Msg) => m(`Đã chuyển sang “${s.vi}”.`, `Changed to “${s.en}”.`),
  reply: m('Trả lời người dân', 'Reply to the citizen'),
  replyHint: m('Người dân đọc được trên trang tra cứu và nhận thông báo.', 'The citizen reads this on the lookup page and gets a notification.'),
  sendReply: m('Gửi trả lời', 'Send reply'),
  replySent: m('Đã gửi trả lời.', 'Reply sent.'),
  note: m('Ghi chú nội bộ', 'Internal note'),
  noteHint: m('Chỉ cán bộ xem được.', 'Officers only.'),
  addNote: m('Thêm ghi chú', 'Add note'),
  noteAdded: m('Đã thêm ghi chú.', 'Note added.'),
  needText: m('Cần nhập nội dung.', 'Some text is needed.'),
  assign: m('Giao xử lý', 'Assign'),
  assignUnit: m('Đơn vị', 'Unit'),
  keepUnit: m('— Giữ nguyên đơn vị —', '— Keep the unit —'),
  assignOfficer: m('Cán bộ (tên đăng nhập)', 'Officer (username)'),
  assignOfficerHint: m('Không bắt buộc; ví dụ investigator.', 'Optional; e.g. investigator.'),
  doAssign: m('Giao', 'Assign'),
  assigned: m('Đã giao.', 'Assigned.'),
  needUnitOrOfficer: m('Chọn đơn vị hoặc nhập cán bộ.', 'Choose a unit or enter an officer.'),
  duplicates: m('Có thể trùng với', 'Possibly the same as'),
  noSuggestions: m('Không có gợi ý trùng.', 'No duplicate suggestions.'),
  markDuplicate: (id: number) => m(`Đánh dấu trùng #${id}`, `Mark as duplicate of #${id}`),
  markedDuplicate: (id: number) => m(`Đã đánh dấu trùng với #${id}.`, `Marked as a duplicate of #${id}.`),
  duplicateConfirm: (id: number) =>
    m(`Đánh dấu phản ánh này trùng với #${id} và đóng lại?`, `Mark this report as a duplicate of #${id} and close it?`),
  openReport: m('Mở', 'Open'),
  ageHours: m('cách', 'age'),
  updatedLive: m('Phản ánh vừa được cập nhật.', 'The report was just updated.'),

  // Stats
  from: m('Từ', 'From'),
  to: m('Đến', 'To'),
  show: m('Xem', 'Show'),
  badRange: m('Khoảng thời gian không hợp lệ.', 'Invalid time range.'),
  total: m('Tổng số phản ánh', 'Reports in total'),
  medianResolve: m('Thời gian giải quyết (trung vị)', 'Median time to resolve'),
  shareOverdue: m('Tỷ lệ quá hạn', 'Share overdue'),
  byCategory: m('Theo loại', 'By category'),
  byUnit: m('Theo đơn vị', 'By unit'),
  byStatus: m('Theo trạng thái', 'By status'),
  count: m('Số lượng', 'Count'),
  noData: m('Không có phản ánh trong khoảng thời gian này.', 'No reports in this period.'),
  newData: m('Có phản ánh mới; số liệu có thể đã cũ.', 'New reports arrived; the figures may be out of date.'),

  // Deadline banner
  deadlinesLabel: m('Cảnh báo thời hạn phản ánh', 'Report deadline alerts'),
  flaggedOverdue: (code: string) => m(`Phản ánh ${code} đã quá hạn xử lý`, `Report ${code} is overdue`),
  flaggedDueSoon: (code: string) => m(`Phản ánh ${code} sắp đến hạn xử lý`, `Report ${code} is due soon`),
  dismiss: m('Ẩn', 'Dismiss'),
} as const;

const STATUS: Record<string, Msg> = {
  received: m('Đã tiếp nhận', 'Received'),
  accepted: m('Đã thụ lý', 'Accepted'),
  in_progress: m('Đang xử lý', 'In progress'),
  forwarded: m('Đã chuyển đơn vị khác', 'Forwarded'),
  resolved: m('Đã giải quyết', 'Resolved'),
  rejected: m('Không thụ lý', 'Rejected'),
  closed: m('Đã đóng', 'Closed'),
};

export function statusMsg(code: string): Msg {
  return STATUS[code] ?? m(code, code);
}

/** Button texts for a move, by target status. */
const ACTION: Record<string, Msg> = {
  accepted: m('Thụ lý', 'Accept'),
  in_progress: m('Bắt đầu xử lý', 'Start work'),
  forwarded: m('Chuyển đơn vị khác', 'Forward'),
  resolved: m('Đã giải quyết', 'Resolve'),
  rejected: m('Không thụ lý', 'Reject'),
  closed: m('Đóng', 'Close'),
};

export function actionMsg(to: string, from: string): Msg {
  if (to === 'in_progress' && from === 'resolved') return m('Mở lại để xử lý tiếp', 'Reopen');
  if (to === 'accepted' && from === 'forwarded') return m('Nhận lại để thụ lý', 'Take back');
  return ACTION[to] ?? statusMsg(to);
}

const DUE: Record<string, Msg> = {
  overdue: m('quá hạn', 'overdue'),
  due_soon: m('sắp đến hạn', 'due soon'),
  on_track: m('trong hạn', 'on track'),
  done: m('đã xong', 'done'),
};

export function dueMsg(code: string): Msg {
  return DUE[code] ?? m(code, code);
}

const KIND: Record<string, Msg> = {
  filed: m('Tiếp nhận', 'Filed'),
  status: m('Đổi trạng thái', 'Status'),
  reply: m('Trả lời người dân', 'Reply'),
  note: m('Ghi chú nội bộ', 'Note'),
  assign: m('Giao xử lý', 'Assignment'),
  duplicate: m('Trùng lặp', 'Duplicate'),
};

export function kindMsg(code: string): Msg {
  return KIND[code] ?? m(code, code);
}

const CHANNEL: Record<string, Msg> = {
  web: m('Cổng công dân', 'Citizen portal'),
  open311: m('Open311', 'Open311'),
  assistant: m('Trợ lý ảo (trò chuyện)', 'Virtual assistant (chat)'),
};

export function channelMsg(code: string): Msg {
  return CHANNEL[code] ?? m(code, code);
}

export function categoryMsg(code: string, cats?: Category[]): Msg {
  const c = cats?.find((x) => x.code === code);
  return c ? m(c.name_vi || code, c.name_en || c.name_vi || code) : m(code, code);
}

export function unitMsg(id: string | null | undefined, units?: Station[]): Msg {
  if (!id) return T.unassigned;
  const u = units?.find((x) => x.id === id);
  return u ? m(u.name_vi || id, u.name_en || u.name_vi || id) : m(id, id);
}

export function pair(vi: string | null | undefined, en: string | null | undefined): Msg {
  const v = vi ?? '';
  const e = en ?? '';
  return m(v || e, e || v);
}

export function currentLang(): 'vi' | 'en' {
  return lang();
}

export function hoursMsg(h: number | null | undefined): () => Msg {
  return () => m(formatHours(h, 'vi'), formatHours(h, 'en'));
}

export function distanceMsg(meters: number | null | undefined): () => Msg {
  return () => m(formatDistance(meters, 'vi'), formatDistance(meters, 'en'));
}
