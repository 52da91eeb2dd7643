// Texts of the citizen report pages, Vietnamese first, English second.

import { m, type Msg } from '../../shared/i18n.ts';
import { deadlineText, splitBilingual, type DeadlineInfo, type ReportRule } from './logic.ts';

export const R = {
  // Home
  homeTitle: m('Phản ánh, kiến nghị', 'Reports and petitions'),
  homeLead: m(
    'Báo cho công an những việc không khẩn cấp — tiếng ồn, cờ bạc, đỗ xe sai quy định, nguy cơ cháy nổ, mất giấy tờ, lừa đảo qua mạng… — không cần tài khoản, rồi theo dõi kết quả bằng mã tra cứu.',
    'Tell the police about non-emergency matters — noise, gambling, illegal parking, fire hazards, lost documents, online fraud… — without an account, then follow what happens with a tracking code.',
  ),
  goReport: m('Gửi phản ánh', 'Report something'),
  goLookup: m('Tra cứu phản ánh', 'Look up a report'),
  notEmergency: m(
    'Không dùng cho trường hợp khẩn cấp: khi có nguy hiểm, hãy gọi 113 (công an), 114 (cứu hỏa), 115 (cấp cứu).',
    'Not for emergencies: when someone is in danger, call 113 (police), 114 (fire) or 115 (ambulance).',
  ),
  home: m('← Trang chủ', '← Home'),
  loading: m('Đang tải…', 'Loading…'),

  // Report form
  reportTitle: m('Gửi phản ánh', 'Report something'),
  reportLead: m(
    'Các ô có dấu * là bắt buộc. Thông tin liên hệ chỉ cán bộ xử lý được xem.',
    'Fields marked * are required. Only the officers handling the report can see your contact details.',
  ),
  category: m('Loại việc cần phản ánh *', 'What is it about? *'),
  chooseCategory: m('— Chọn loại phản ánh —', '— Choose a category —'),
  deadline: m('Thời hạn xử lý', 'Time limit'),
  unverified: m('⚠ chưa xác minh', '⚠ unverified'),
  legalBasis: m('Căn cứ', 'Legal basis'),
  extension: m('Gia hạn', 'Extension'),
  anonymousAllowedNote: m('Được gửi ẩn danh.', 'May be sent anonymously.'),
  description: m('Nội dung *', 'Description *'),
  descriptionHint: m(
    'Việc gì, ở đâu, khi nào, ai liên quan. Từ 10 đến 4000 byte (chữ có dấu chiếm 2–3 byte).',
    'What, where, when, who. 10 to 4000 bytes (letters with diacritics take 2–3 bytes).',
  ),
  location: m('Vị trí *', 'Location *'),
  locationHint: m(
    'Chạm vào bản đồ để đánh dấu nơi xảy ra, hoặc nhập địa chỉ (hoặc cả hai).',
    'Tap the map to mark the place, or type an address (or both).',
  ),
  mapLabel: m('Bản đồ: chạm để chọn vị trí', 'Map: tap to choose the place'),
  noBaseMap: m('Không có bản đồ nền — lưới tọa độ', 'No base map — coordinate grid'),
  pointChosen: (lat: string, lon: string) => m(`Đã chọn: vĩ độ ${lat}, kinh độ ${lon}`, `Chosen: latitude ${lat}, longitude ${lon}`),
  noPoint: m('Chưa chọn điểm trên bản đồ.', 'No point chosen on the map.'),
  clearPoint: m('Bỏ điểm đã chọn', 'Remove the point'),
  myLocation: m('Dùng vị trí của tôi', 'Use my location'),
  locating: m('Đang lấy vị trí…', 'Finding your location…'),
  locateFailed: m('Không lấy được vị trí của thiết bị.', 'Could not get the device location.'),
  address: m('Địa chỉ', 'Address'),
  addressHint: m('Số nhà, ngõ, đường, phường/xã (tối đa 300 byte).', 'House number, alley, street, ward (at most 300 bytes).'),
  occurredAt: m('Thời điểm xảy ra (không bắt buộc)', 'When it happened (optional)'),
  photos: m('Ảnh (không bắt buộc, tối đa 3 ảnh)', 'Photos (optional, up to 3)'),
  photosHint: m(
    'Chấp nhận JPEG, PNG, WebP, mỗi ảnh tối đa 10 MiB. Không nhận ảnh HEIC (iPhone): hãy chọn “Tương thích nhất” trong Cài đặt › Camera › Định dạng, hoặc chụp màn hình ảnh. Mọi thông tin ẩn trong ảnh (máy chụp, thời gian, vị trí GPS) được xóa khi nhận.',
    'JPEG, PNG and WebP are accepted, up to 10 MiB each. HEIC photos (iPhone) are refused: choose “Most Compatible” in Settings › Camera › Formats, or send a screenshot. All hidden photo metadata (camera, time, GPS position) is removed on receipt.',
  ),
  sharePhotoLocation: m(
    'Chia sẻ vị trí GPS trong ảnh (nếu có) để xác định nơi xảy ra',
    'Share the GPS position in the photo (if any) to locate the report',
  ),
  removePhoto: m('Bỏ ảnh', 'Remove'),
  contact: m('Thông tin liên hệ', 'Contact'),
  contactLead: m(
    'Để cán bộ liên hệ khi cần và gửi thông báo kết quả. Nếu cho số điện thoại, 4 số cuối sẽ dùng để tra cứu.',
    'So that officers can reach you and tell you the outcome. If you give a phone number, its last 4 digits are used to look the report up.',
  ),
  anonymous: m('Gửi ẩn danh (không để lại thông tin liên hệ)', 'Send anonymously (leave no contact details)'),
  anonymousNote: m(
    'Loại phản ánh này cho phép gửi ẩn danh: tên, số điện thoại và e-mail không được lưu. Bạn cần tự chọn mã bí mật để tra cứu.',
    'This category may be reported anonymously: no name, phone or e-mail is kept. You need to choose a secret to look it up.',
  ),
  anonymousNotAllowed: m(
    'Loại phản ánh này cần thông tin liên hệ (chỉ tố giác, tin báo mới được gửi ẩn danh).',
    'This category needs a contact (only denunciations and tip-offs may be anonymous).',
  ),
  name: m('Họ và tên', 'Name'),
  phone: m('Số điện thoại', 'Phone number'),
  email: m('E-mail', 'E-mail'),
  secret: m('Mã bí mật (4–12 chữ số)', 'Secret (4–12 digits)'),
  secretHint: m(
    'Bắt buộc khi gửi ẩn danh hoặc không cho số điện thoại. Hãy ghi nhớ: cần mã này cùng mã phản ánh để tra cứu.',
    'Needed when you send anonymously or give no phone number. Remember it: you need it with the tracking code to look the report up.',
  ),
  website: m('Trang web (để trống)', 'Website (leave empty)'),
  submit: m('Gửi phản ánh', 'Send report'),
  preparing: m('Đang chuẩn bị gửi (kiểm tra chống gửi tự động)…', 'Preparing (anti-spam check)…'),
  solving: (pct: number) => m(`Đang kiểm tra chống gửi tự động… ${pct}%`, `Anti-spam check… ${pct}%`),
  sending: m('Đang gửi…', 'Sending…'),
  powFallback: m(
    'Trang không chạy qua kết nối bảo mật: việc kiểm tra có thể chậm hơn.',
    'This page is not on a secure connection: the check may take longer.',
  ),
  fixErrors: m('Vui lòng sửa các ô được đánh dấu.', 'Please correct the marked fields.'),
  categoriesFailed: m('Không tải được danh sách loại phản ánh.', 'Could not load the categories.'),
  retry: m('Thử lại', 'Try again'),

  // Result
  doneTitle: m('Đã gửi phản ánh', 'Report sent'),
  yourCode: m('Mã tra cứu của bạn', 'Your tracking code'),
  keepCode: m('Hãy ghi lại hoặc chụp màn hình mã này.', 'Write this code down or take a screenshot.'),
  copy: m('Sao chép mã', 'Copy code'),
  copied: m('Đã sao chép', 'Copied'),
  copyFailed: m('Không sao chép được — hãy ghi lại mã.', 'Could not copy — please write the code down.'),
  secondFactor: m('Để tra cứu, bạn cần mã trên và', 'To look it up you need the code above and'),
  status: m('Trạng thái', 'Status'),
  receivedAt: m('Tiếp nhận lúc', 'Received'),
  dueAt: m('Hạn xử lý', 'Due by'),
  lookupNow: m('Tra cứu phản ánh này', 'Look up this report'),
  another: m('Gửi phản ánh khác', 'Send another report'),

  // Lookup
  lookupTitle: m('Tra cứu phản ánh', 'Look up a report'),
  lookupLead: m(
    'Nhập mã tra cứu (dạng XXXX-XXXX-XXX) và 4 số cuối số điện thoại bạn đã cho, hoặc mã bí mật bạn đã chọn.',
    'Enter the tracking code (XXXX-XXXX-XXX) and the last 4 digits of the phone number you gave, or the secret you chose.',
  ),
  code: m('Mã tra cứu', 'Tracking code'),
  lookupSecret: m('4 số cuối số điện thoại hoặc mã bí mật', 'Last 4 digits of your phone, or your secret'),
  lookupSubmit: m('Tra cứu', 'Look up'),
  looking: m('Đang tra cứu…', 'Looking up…'),
  badCode: m('Mã tra cứu gồm 11 ký tự, dạng XXXX-XXXX-XXX.', 'A tracking code has 11 characters: XXXX-XXXX-XXX.'),
  badSecret: m('Gồm 4 đến 12 chữ số.', '4 to 12 digits.'),
  notFound: m(
    'Không tìm thấy phản ánh với mã và thông tin này. Hãy kiểm tra lại mã và 4 số cuối điện thoại (hoặc mã bí mật).',
    'No report matches this code and these digits. Check the code and the last 4 phone digits (or the secret).',
  ),
  tooMany: m('Bạn đã tra cứu quá nhiều lần.', 'Too many lookups.'),
  category_: m('Loại phản ánh', 'Category'),
  reason: m('Lý do', 'Reason'),
  updatedAt: m('Cập nhật lúc', 'Updated'),
  history: m('Quá trình xử lý', 'History'),
  noHistory: m('Chưa có thay đổi nào.', 'No changes yet.'),
  replies: m('Trả lời của cơ quan công an', 'Replies from the police'),
  noReplies: m('Chưa có trả lời.', 'No replies yet.'),
  overdue: m('đã quá hạn', 'overdue'),
} as const;

export const RULE_TEXT: Record<ReportRule, Msg> = {
  required: m('Vui lòng chọn.', 'Please choose one.'),
  description_length: m('Nội dung cần từ 10 đến 4000 byte.', 'The description needs 10 to 4000 bytes.'),
  location_required: m('Hãy chạm vào bản đồ hoặc nhập địa chỉ.', 'Tap the map or type an address.'),
  address_length: m('Địa chỉ tối đa 300 byte.', 'The address may be at most 300 bytes.'),
  future: m('Thời điểm không được ở tương lai.', 'The time may not be in the future.'),
  anonymous_not_allowed: m('Loại phản ánh này không cho phép gửi ẩn danh.', 'This category may not be sent anonymously.'),
  name_length: m('Họ tên tối đa 200 byte.', 'The name may be at most 200 bytes.'),
  phone_chars: m('Chỉ gồm chữ số, dấu cách, + và -.', 'Digits, spaces, + and - only.'),
  phone_digits: m('Số điện thoại gồm 9 đến 15 chữ số.', 'A phone number has 9 to 15 digits.'),
  email: m('Địa chỉ e-mail không hợp lệ.', 'Not a valid e-mail address.'),
  secret_format: m('Mã bí mật gồm 4 đến 12 chữ số.', 'The secret is 4 to 12 digits.'),
  secret_required: m(
    'Khi gửi ẩn danh hoặc không cho số điện thoại, hãy chọn mã bí mật 4–12 chữ số.',
    'When you send anonymously or give no phone number, choose a secret of 4–12 digits.',
  ),
  photo_count: m('Tối đa 3 ảnh.', 'At most 3 photos.'),
  photo_heic: m(
    'Không nhận ảnh HEIC/HEIF. Hãy gửi ảnh JPEG, PNG hoặc WebP.',
    'HEIC/HEIF photos are not accepted. Please send JPEG, PNG or WebP.',
  ),
  photo_type: m('Chỉ nhận ảnh JPEG, PNG hoặc WebP.', 'Only JPEG, PNG or WebP photos are accepted.'),
  photo_size: m('Mỗi ảnh tối đa 10 MiB.', 'Each photo may be at most 10 MiB.'),
};

/** Category groups (the server gives codes only). */
const GROUPS: Record<string, Msg> = {
  'public-order': m('Trật tự công cộng', 'Public order'),
  traffic: m('Giao thông', 'Traffic'),
  'fire-safety': m('Phòng cháy, chữa cháy', 'Fire safety'),
  'lost-documents': m('Mất giấy tờ', 'Lost documents'),
  'lost-property': m('Mất tài sản', 'Lost property'),
  fraud: m('Lừa đảo', 'Fraud'),
  'crime-tips': m('Tin báo, tố giác tội phạm', 'Crime tips and denunciations'),
  complaints: m('Khiếu nại, góp ý', 'Complaints and feedback'),
  other: m('Khác', 'Other'),
};

export function groupMsg(code: string): Msg {
  return GROUPS[code] ?? m(code, code);
}

/** Status labels as the server names them (modules/reports/src/workflow.cpp), for history entries. */
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

/** "24 giờ (⚠ chưa xác minh)" / "20 days": the limit, marked when the figure is not confirmed against the law. */
export function deadlineMsg(d: DeadlineInfo): Msg {
  const mark = (text: string, lang: 'vi' | 'en'): string =>
    d.confirmed || text.includes('⚠') ? text : `${text} ${R.unverified[lang]}`;
  return m(mark(deadlineText(d, 'vi'), 'vi'), mark(deadlineText(d, 'en'), 'en'));
}

/** A text the server gives as "Vietnamese / English" in one string, split by language when it has that form. */
export function slashPair(text: string): Msg {
  const p = splitBilingual(text);
  return m(p.vi, p.en);
}
