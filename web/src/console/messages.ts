// The console's fixed texts, Vietnamese first, English second.

import { m } from '../shared/i18n.ts';

export const M = {
  appName: m('Precinct — Bảng điều khiển cán bộ', 'Precinct — Officer console'),
  brand: m('Precinct', 'Precinct'),
  skip: m('Bỏ qua, đến nội dung chính', 'Skip to main content'),
  loading: m('Đang tải…', 'Loading…'),
  refresh: m('Tải lại', 'Refresh'),

  // Sign-in
  signInTitle: m('Đăng nhập', 'Sign in'),
  signInLead: m('Dành cho cán bộ được cấp tài khoản.', 'For officers with an account.'),
  username: m('Tên đăng nhập', 'Username'),
  password: m('Mật khẩu', 'Password'),
  signIn: m('Đăng nhập', 'Sign in'),
  signingIn: m('Đang đăng nhập…', 'Signing in…'),
  signOut: m('Đăng xuất', 'Sign out'),
  signedOut: m('Bạn đã đăng xuất.', 'You have signed out.'),
  sessionExpired: m(
    'Phiên đăng nhập đã hết hạn hoặc không còn hiệu lực. Vui lòng đăng nhập lại.',
    'Your session has expired or is no longer valid. Please sign in again.',
  ),
  publicPage: m('Trang thông tin công dân', 'Citizen information page'),

  // Header
  signedInAs: m('Đang đăng nhập với tài khoản', 'Signed in as'),
  role: m('Vai trò', 'Role'),
  mainNav: m('Điều hướng chính', 'Main navigation'),
  liveConnected: m('Trực tuyến', 'Live'),
  liveConnecting: m('Đang kết nối…', 'Connecting…'),
  liveDisconnected: m('Mất kết nối — đang thử lại', 'Disconnected — retrying'),
  liveLabel: m('Kết nối sự kiện trực tiếp', 'Live event connection'),

  // Navigation
  navOverview: m('Tổng quan', 'Overview'),
  navCapabilities: m('Nghiệp vụ', 'Operations'),
  navAdmin: m('Quản trị', 'Administration'),
  navUsers: m('Người dùng', 'Users'),
  navAudit: m('Nhật ký kiểm toán', 'Audit log'),
  notYetAvailable: m('chưa triển khai', 'not yet available'),
  capabilitiesFailed: m('Không tải được danh sách nghiệp vụ.', 'Could not load the list of operations.'),
  noConsolePage: m('chưa có trên bảng điều khiển', 'not yet in the console'),
  notForRole: m('không dành cho vai trò của bạn', 'not for your role'),

  // Overview
  system: m('Hệ thống', 'System'),
  name: m('Tên', 'Name'),
  version: m('Phiên bản', 'Version'),
  startedAt: m('Khởi động lúc', 'Started at'),
  database: m('Cơ sở dữ liệu', 'Database'),
  modules: m('Mô-đun', 'Modules'),
  enabled: m('đang bật', 'enabled'),
  disabled: m('đang tắt', 'disabled'),
  noModules: m('Chưa có mô-đun nào.', 'No modules.'),
  capabilities: m('Năng lực', 'Capabilities'),
  available: m('đã triển khai', 'available'),
  liveFeed: m('Sự kiện trực tiếp', 'Live events'),
  liveFeedEmpty: m('Chưa nhận được sự kiện nào.', 'No events received yet.'),
  liveFeedNote: m('Tối đa 50 sự kiện gần nhất, mới nhất ở trên.', 'Up to the 50 latest events, newest first.'),
  received: m('Nhận lúc', 'Received'),
  topic: m('Chủ đề', 'Topic'),
  content: m('Nội dung', 'Content'),

  // Users
  usersTitle: m('Người dùng', 'Users'),
  displayName: m('Họ và tên hiển thị', 'Display name'),
  status: m('Trạng thái', 'Status'),
  createdAt: m('Tạo lúc', 'Created'),
  active: m('Đang hoạt động', 'Active'),
  locked: m('Đã vô hiệu hóa', 'Disabled'),
  noUsers: m('Chưa có người dùng nào.', 'No users yet.'),
  addUser: m('Thêm người dùng', 'Add user'),
  adding: m('Đang thêm…', 'Adding…'),
  chooseRole: m('— Chọn vai trò —', '— Choose a role —'),
  userCreated: (u: string) => m(`Đã tạo người dùng “${u}”.`, `User “${u}” created.`),

  // Audit
  auditTitle: m('Nhật ký kiểm toán', 'Audit log'),
  auditLead: m(
    '100 mục mới nhất, mới nhất ở trên; mục mới hiện ra trực tiếp.',
    'The 100 newest entries, newest first; new entries appear live.',
  ),
  verify: m('Kiểm tra chuỗi băm', 'Verify hash chain'),
  verifying: m('Đang kiểm tra…', 'Verifying…'),
  exportLog: m('Xuất toàn bộ nhật ký (NDJSON)', 'Export the whole log (NDJSON)'),
  exporting: m('Đang xuất…', 'Exporting…'),
  seq: m('Số TT', 'Seq'),
  at: m('Thời điểm', 'Time'),
  actor: m('Người thực hiện', 'Actor'),
  action: m('Hành động', 'Action'),
  target: m('Đối tượng', 'Target'),
  purpose: m('Mục đích', 'Purpose'),
  sourceIp: m('IP nguồn', 'Source IP'),
  detail: m('Chi tiết', 'Detail'),
  noEntries: m('Nhật ký chưa có mục nào.', 'The log has no entries yet.'),
  verifyOk: (n: number, head: number) =>
    m(`Chuỗi băm toàn vẹn: ${n} mục, mục cuối #${head}.`, `Hash chain intact: ${n} entries, head #${head}.`),
  verifyBad: (seq: number | string) =>
    m(`Chuỗi băm bị hỏng từ mục #${seq}.`, `Hash chain broken from entry #${seq}.`),

  // Purpose of access to personal data
  purposeTitle: m('Mục đích truy cập dữ liệu cá nhân', 'Purpose of access to personal data'),
  purposeLead: m(
    'Trang này hiển thị dữ liệu cá nhân. Hãy ghi rõ mục đích; mục đích được lưu vào nhật ký kiểm toán.',
    'This page shows personal data. State your purpose; it is recorded in the audit log.',
  ),
  purposeLabel: m('Mục đích', 'Purpose'),
  purposeHint: m(
    'Ngắn gọn: 3 đến 200 byte (chữ có dấu chiếm 2–3 byte).',
    'Brief: 3 to 200 bytes (letters with diacritics take 2–3 bytes).',
  ),
  purposeSubmit: m('Tiếp tục', 'Continue'),

  notPermitted: m('Vai trò của bạn không được xem trang này.', 'Your role may not view this page.'),
} as const;
