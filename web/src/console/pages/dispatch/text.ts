// Texts of the dispatch pages, Vietnamese first, English second, and labels for codes (from the taxonomy
// when the server gives one, else the built-in ones here).

import { lang, m, type Msg } from '../../../shared/i18n.ts';
import { formatDistance, formatDuration, type Coded, type ScoreBand, type Taxonomy } from './logic.ts';

export const D = {
  title: m('Điều phối 113/114', '113/114 dispatch'),
  tabs: m('Các màn hình điều phối', 'Dispatch views'),
  intake: m('Tiếp nhận cuộc gọi', 'Call intake'),
  board: m('Bảng điều phối', 'Dispatch board'),
  units: m('Đơn vị', 'Units'),
  stats: m('Thống kê', 'Statistics'),
  training: m('Huấn luyện', 'Training'),
  incident: (id: number) => m(`Sự vụ #${id}`, `Incident #${id}`),
  notAllowed: m('Vai trò của bạn không được mở màn hình này.', 'Your role may not open this view.'),
  notForRole: m('không dành cho vai trò của bạn', 'not for your role'),

  // Intake
  intakeLead: m(
    'Nhập nhanh bằng bàn phím: Tab để sang ô tiếp theo, Alt+1/2/3 chọn cách nhập vị trí, Ctrl+Enter để ghi nhận.',
    'Keyboard entry: Tab to the next field, Alt+1/2/3 picks how the location is given, Ctrl+Enter records the call.',
  ),
  line: m('Đầu số', 'Line'),
  line113: m('113 — Cảnh sát', '113 — Police'),
  line114: m('114 — Cứu hỏa, cứu nạn', '114 — Fire and rescue'),
  lineOther: m('Số khác', 'Other number'),
  lineOtherNumber: m('Số đã gọi', 'Number dialled'),
  lineOtherHint: m('Ví dụ 115, 111, 112: cuộc gọi được ghi nhận và chuyển tiếp.', 'E.g. 115, 111, 112: the call is recorded and transferred.'),
  caller: m('Số người gọi', 'Caller number'),
  callerHint: m('Số 0… được đổi thành +84…', 'A 0… number becomes +84…'),
  category: m('Loại sự vụ', 'Category'),
  chooseCategory: m('— Chọn loại sự vụ —', '— Choose a category —'),
  description: m('Nội dung', 'Description'),
  type: m('Chi tiết loại (không bắt buộc)', 'Type detail (optional)'),
  location: m('Vị trí', 'Location'),
  modeCoords: m('Tọa độ', 'Coordinates'),
  modeAml: m('Tin nhắn AML', 'AML SMS'),
  modeAddress: m('Địa chỉ', 'Address'),
  lat: m('Vĩ độ', 'Latitude'),
  lon: m('Kinh độ', 'Longitude'),
  accuracy: m('Sai số (m)', 'Accuracy (m)'),
  coordsHint: m('Có thể dán "21.0285, 105.8542" vào ô vĩ độ.', 'You can paste "21.0285, 105.8542" into latitude.'),
  aml: m('Nội dung tin nhắn AML', 'AML message text'),
  amlHint: m('Dán nguyên văn tin nhắn bắt đầu bằng A"ML=', 'Paste the whole message starting with A"ML='),
  amlUnconfirmed: m(
    '⚠ Chưa xác nhận AML đã được nhà mạng và hệ điều hành kích hoạt tại Việt Nam: tin nhắn AML có thể không đến.',
    '⚠ Whether AML is activated in Vietnam (by the networks and phone makers) is unconfirmed: AML messages may not arrive.',
  ),
  amlUnreadable: m('Chưa đọc được vị trí trong tin nhắn.', 'No position found in the message yet.'),
  amlPreview: (lat: number, lon: number, r: number | null) =>
    m(
      `Vĩ độ ${lat}, kinh độ ${lon}${r !== null ? `, bán kính ${r} m` : ''}`,
      `Latitude ${lat}, longitude ${lon}${r !== null ? `, radius ${r} m` : ''}`,
    ),
  address: m('Địa chỉ', 'Address'),
  addressHint: m('Số nhà, đường, phường/xã, quận/huyện.', 'House number, street, ward, district.'),
  record: m('Ghi nhận cuộc gọi', 'Record call'),
  recording: m('Đang ghi nhận…', 'Recording…'),
  clearForm: m('Làm mới', 'Clear'),
  badNumber: m('Không phải số hợp lệ.', 'Not a valid number.'),
  needBoth: m('Cần cả vĩ độ và kinh độ.', 'Both latitude and longitude are needed.'),
  needOtherNumber: m('Nhập số đã gọi.', 'Enter the number dialled.'),
  results: m('Kết quả', 'Results'),
  incidentCreated: (id: number) => m(`Đã tạo sự vụ #${id}`, `Incident #${id} created`),
  callLinked: (id: number) => m(`Đã gộp cuộc gọi vào sự vụ #${id}`, `Call linked to incident #${id}`),
  transferred: (to: string) => m(`Đã ghi nhận và chuyển cuộc gọi sang ${to}`, `Call recorded and transferred to ${to}`),
  duplicatesTitle: m('Có thể trùng với sự vụ đang mở', 'Possibly the same as an open incident'),
  duplicatesLead: m(
    'Cuộc gọi đã được lưu. Xác nhận trùng với một sự vụ, hoặc từ chối để tạo sự vụ mới.',
    'The call is saved. Confirm it is the same as an incident, or reject to create a new incident.',
  ),
  score: m('Mức giống', 'Score'),
  distance: m('Khoảng cách', 'Distance'),
  age: m('Cách đây', 'Age'),
  reason: m('Lý do', 'Reason'),
  confirmDuplicate: (id: number) => m(`Trùng với #${id}`, `Same as #${id}`),
  rejectDuplicate: m('Không trùng — tạo sự vụ mới', 'Not a duplicate — create a new incident'),
  openIncident: m('Mở sự vụ', 'Open incident'),
  priorityReason: m('Lý do ưu tiên', 'Priority reason'),

  // Board
  queue: m('Hàng đợi sự vụ', 'Incident queue'),
  queueEmpty: m('Không có sự vụ đang mở.', 'No open incidents.'),
  map: m('Bản đồ', 'Map'),
  noBaseMap: m('Không có bản đồ nền', 'No base map'),
  legend: m('Chú giải', 'Legend'),
  unacked: m('chưa tiếp nhận', 'not acknowledged'),
  waiting: m('Chờ', 'Waiting'),
  noPosition: m('chưa có vị trí', 'no position'),
  mapFailed: m('Không hiển thị được bản đồ.', 'The map could not be shown.'),

  // Incident
  back: m('← Bảng điều phối', '← Dispatch board'),
  details: m('Thông tin', 'Details'),
  status: m('Trạng thái', 'Status'),
  priority: m('Mức ưu tiên', 'Priority'),
  receivedAt: m('Nhận cuộc gọi lúc', 'Call received'),
  createdAt: m('Tạo lúc', 'Created'),
  acknowledgedAt: m('Tiếp nhận lúc', 'Acknowledged'),
  dispatchedAt: m('Điều động lúc', 'Dispatched'),
  onSceneAt: m('Đến hiện trường lúc', 'On scene'),
  clearedAt: m('Hoàn tất lúc', 'Cleared'),
  closedAt: m('Đóng lúc', 'Closed'),
  escalatedAt: m('Cảnh báo chậm lúc', 'Escalated'),
  callCount: m('Số cuộc gọi', 'Calls'),
  area: m('Địa bàn', 'Area'),
  coordinates: m('Tọa độ', 'Coordinates'),
  source: m('Nguồn vị trí', 'Location source'),
  by: (who: string) => m(`bởi ${who}`, `by ${who}`),
  actions: m('Xử lý', 'Actions'),
  acknowledge: m('Tiếp nhận', 'Acknowledge'),
  acknowledged: m('Đã tiếp nhận', 'Acknowledged'),
  closureCode: m('Kết quả xử lý', 'Closure code'),
  chooseClosure: m('— Chọn kết quả —', '— Choose a closure code —'),
  closeNote: m('Ghi chú khi đóng (không bắt buộc)', 'Closing note (optional)'),
  closeIncident: m('Đóng sự vụ', 'Close incident'),
  closedNotice: m('Sự vụ đã đóng.', 'The incident is closed.'),
  assigned: m('Đơn vị được điều động', 'Assigned units'),
  noAssigned: m('Chưa điều động đơn vị nào.', 'No unit assigned yet.'),
  assignedAt: m('Điều động lúc', 'Assigned'),
  eta: m('Dự kiến đến', 'ETA'),
  cancelled: m('đã hủy', 'cancelled'),
  recommendations: m('Đề xuất đơn vị', 'Recommended units'),
  required: m('Năng lực cần', 'Required capabilities'),
  noRecommendations: m('Không có đơn vị phù hợp đang sẵn sàng.', 'No suitable unit is available.'),
  dispatchUnit: m('Điều động', 'Dispatch'),
  dispatching: m('Đang điều động…', 'Dispatching…'),
  dispatchedUnit: (cs: string) => m(`Đã điều động ${cs}.`, `${cs} dispatched.`),
  timeline: m('Diễn biến', 'Timeline'),
  noEvents: m('Chưa có diễn biến.', 'No events yet.'),
  note: m('Ghi chú', 'Note'),
  addNote: m('Thêm ghi chú', 'Add note'),
  calls: m('Cuộc gọi', 'Calls'),
  showCallers: m('Xem thông tin người gọi', 'Show caller details'),
  callerShown: m('Dữ liệu cá nhân — việc xem đã được ghi vào nhật ký kiểm toán.', 'Personal data — this view is recorded in the audit log.'),
  amlDetails: m('Dữ liệu AML', 'AML data'),

  // Units
  unitsLead: m('Trạng thái cập nhật trực tiếp.', 'Statuses update live.'),
  callSign: m('Hiệu đơn vị', 'Call sign'),
  kind: m('Loại', 'Kind'),
  station: m('Đơn vị quản lý', 'Station'),
  incidentCol: m('Sự vụ', 'Incident'),
  position: m('Vị trí', 'Position'),
  updated: m('Cập nhật', 'Updated'),
  change: m('Chuyển trạng thái', 'Change status'),
  noUnits: m('Chưa có đơn vị nào.', 'No units yet.'),
  allStatuses: m('Tất cả trạng thái', 'All statuses'),
  filter: m('Lọc', 'Filter'),

  // Stats
  from: m('Từ', 'From'),
  to: m('Đến', 'To'),
  groupBy: m('Nhóm theo', 'Group by'),
  show: m('Xem', 'Show'),
  byLine: m('Đầu số', 'Line'),
  byCategory: m('Loại sự vụ', 'Category'),
  byArea: m('Địa bàn', 'Area'),
  byHour: m('Giờ trong ngày', 'Hour'),
  group: m('Nhóm', 'Group'),
  incidents: m('Sự vụ', 'Incidents'),
  dispatched: m('Đã điều động', 'Dispatched'),
  arrived: m('Đã đến', 'Arrived'),
  toDispatch: m('Thời gian đến khi điều động', 'Time to dispatch'),
  toArrive: m('Thời gian đến hiện trường', 'Time to arrive'),
  median: m('trung vị', 'median'),
  p90: m('p90', 'p90'),
  total: m('Tổng', 'Total'),
  noData: m('Không có dữ liệu trong khoảng thời gian này.', 'No data in this period.'),
  newData: m('Có sự vụ mới sau lần tải gần nhất.', 'New incidents since the last load.'),
  statsNote: m('Thời gian tính từ lúc nhận cuộc gọi.', 'Times are measured from when the call was received.'),
  badRange: m('Khoảng thời gian không hợp lệ.', 'The period is not valid.'),

  // Training
  trainingBadge: m('BÀI TẬP HUẤN LUYỆN', 'TRAINING EXERCISE'),
  trainingNote: m(
    'Bài tập huấn luyện: cuộc gọi giả lập, không tạo sự vụ thật.',
    'Training exercise: a simulated call; no real incident is created.',
  ),
  trainingLead: m(
    'Nghe (đọc) lời người gọi và nhập cuộc gọi như thật. Ctrl+Enter để chấm bài.',
    'Listen to (read) the caller and enter the call as you would a real one. Ctrl+Enter checks it.',
  ),
  enterCall: m('Nhập cuộc gọi', 'Enter the call'),
  incomingCall: m('Cuộc gọi đến', 'Incoming call'),
  exercise: (id: string) => m(`Bài số ${id}`, `Exercise ${id}`),
  timer: m('Thời gian', 'Time'),
  callerSays: m('Người gọi nói', 'The caller says'),
  callerOriginal: m('Nguyên văn tiếng Việt', 'In the caller’s own (Vietnamese) words'),
  amlReceived: m('Tin nhắn AML đến kèm cuộc gọi', 'AML message received with the call'),
  amlPasteHint: m(
    'Sao chép rồi dán vào ô Vị trí (Alt+2 chọn Tin nhắn AML).',
    'Copy it, then paste it into Location (Alt+2 picks AML SMS).',
  ),
  copy: m('Sao chép', 'Copy'),
  copied: m('Đã sao chép.', 'Copied.'),
  copySelected: m('Đã chọn nội dung: nhấn Ctrl+C để sao chép.', 'Selected: press Ctrl+C to copy.'),
  nextExercise: m('Bài tiếp theo', 'Next exercise'),
  loadingExercise: m('Đang tải bài tập…', 'Loading the exercise…'),
  check: m('Chấm bài', 'Check my answer'),
  checking: m('Đang chấm…', 'Checking…'),
  trainingResult: m('Kết quả bài tập', 'Exercise result'),
  trainingResultEmpty: m('Nhập cuộc gọi rồi bấm “Chấm bài” để xem điểm.', 'Enter the call, then press “Check my answer” to see your score.'),
  points: m('Điểm', 'Score'),
  timeTaken: m('Thời gian làm bài', 'Time taken'),
  right: m('Đúng', 'Right'),
  wrong: m('Chưa đúng', 'Not right'),
  youEntered: m('Bạn nhập', 'You entered'),
  leadsTo: m('Nội dung bạn nhập dẫn đến', 'Your entry leads to'),
  answer: m('Đáp án', 'Answer'),
  nothingEntered: m('(chưa nhập)', '(nothing entered)'),
  answers: m('Đáp án của bài', 'The answers'),
  rule: m('Quy tắc', 'Rule'),
  checkedHint: m(
    'Bài này đã được chấm. Bấm “Bài tiếp theo” để làm bài mới.',
    'This exercise is checked. Press “Next exercise” for a new one.',
  ),

  // Escalations
  escalated: (id: number, prio: string) =>
    m(`Sự vụ ${prio} #${id} chưa được tiếp nhận quá thời hạn!`, `${prio} incident #${id} is not acknowledged in time!`),
  dismiss: m('Ẩn', 'Dismiss'),
} as const;

const INCIDENT_STATUS: Record<string, Msg> = {
  new: m('Mới', 'New'),
  dispatched: m('Đã điều động', 'Dispatched'),
  en_route: m('Đang đến', 'En route'),
  on_scene: m('Tại hiện trường', 'On scene'),
  cleared: m('Đã xử lý xong', 'Cleared'),
  closed: m('Đã đóng', 'Closed'),
};

const UNIT_STATUS: Record<string, Msg> = {
  available: m('Sẵn sàng', 'Available'),
  dispatched: m('Đã điều động', 'Dispatched'),
  en_route: m('Đang di chuyển', 'En route'),
  on_scene: m('Tại hiện trường', 'On scene'),
  clearing: m('Đang hoàn tất', 'Clearing'),
  out_of_service: m('Ngừng hoạt động', 'Out of service'),
};

/** Button texts for a status change, by target status. */
const UNIT_ACTION: Record<string, Msg> = {
  en_route: m('Xuất phát', 'En route'),
  on_scene: m('Đã đến hiện trường', 'On scene'),
  clearing: m('Đang hoàn tất', 'Clearing'),
  available: m('Sẵn sàng', 'Available'),
  out_of_service: m('Ngừng hoạt động', 'Out of service'),
};
export const CANCEL_ASSIGNMENT = m('Hủy điều động', 'Cancel assignment');

const UNIT_KIND: Record<string, Msg> = {
  patrol_car: m('Xe tuần tra', 'Patrol car'),
  motorbike: m('Mô tô tuần tra', 'Patrol motorbike'),
  fire_engine: m('Xe chữa cháy', 'Fire engine'),
  ladder: m('Xe thang', 'Ladder truck'),
  rescue: m('Xe cứu nạn, cứu hộ', 'Rescue vehicle'),
};

const CAPABILITY: Record<string, Msg> = {
  police: m('cảnh sát', 'police'),
  traffic: m('giao thông', 'traffic'),
  fire_suppression: m('chữa cháy', 'fire suppression'),
  ladder: m('thang cứu hộ', 'ladder'),
  rescue: m('cứu nạn', 'rescue'),
  hazmat: m('hóa chất nguy hiểm', 'hazardous materials'),
  water_rescue: m('cứu nạn dưới nước', 'water rescue'),
  first_aid: m('sơ cứu', 'first aid'),
};

const LINE: Record<string, Msg> = {
  '113': m('113 — Cảnh sát', '113 — Police'),
  '114': m('114 — Cứu hỏa, cứu nạn', '114 — Fire and rescue'),
  '115': m('115 — Cấp cứu y tế', '115 — Medical emergency'),
  '111': m('111 — Bảo vệ trẻ em', '111 — Child protection'),
  '112': m('112 — Tìm kiếm cứu nạn', '112 — Search and rescue'),
};

const EVENT_KIND: Record<string, Msg> = {
  received: m('Nhận cuộc gọi', 'Call received'),
  created: m('Tạo sự vụ', 'Incident created'),
  call_linked: m('Gộp cuộc gọi trùng', 'Call linked'),
  acknowledged: m('Tiếp nhận', 'Acknowledged'),
  dispatched: m('Điều động', 'Dispatched'),
  en_route: m('Xuất phát', 'En route'),
  on_scene: m('Đến hiện trường', 'On scene'),
  cleared: m('Hoàn tất', 'Cleared'),
  closed: m('Đóng sự vụ', 'Closed'),
  note: m('Ghi chú', 'Note'),
  escalated: m('Cảnh báo chậm tiếp nhận', 'Escalated'),
};

const SOURCE: Record<string, Msg> = {
  aml: m('AML (điện thoại tự gửi)', 'AML (sent by the phone)'),
  caller: m('Người gọi cung cấp', 'Given by the caller'),
  address: m('Địa chỉ', 'Address'),
};

const SCORE_BAND: Record<ScoreBand, Msg> = {
  excellent: m('Xuất sắc', 'Excellent'),
  good: m('Đạt', 'Good'),
  fair: m('Cần luyện thêm', 'Needs practice'),
  poor: m('Chưa đạt', 'Not yet'),
};

const TRAINING_ASPECT: Record<string, Msg> = {
  line: m('Đầu số', 'Line'),
  category: m('Loại sự vụ', 'Category'),
  priority: m('Mức ưu tiên', 'Priority'),
  location: m('Vị trí', 'Location'),
};

function fromTable(table: Record<string, Msg>, code: string | null | undefined): Msg {
  const c = code ?? '';
  return table[c] ?? m(c, c);
}

/** The server's label for a code; the built-in one when the server has none (or only repeats the code). */
function fromCoded(list: Coded[] | undefined, code: string | null | undefined, fallback: Msg): Msg {
  const c = list?.find((x) => x.code === code);
  if (!c || (c.label_vi === c.code && fallback.vi !== c.code)) return fallback;
  return m(c.label_vi, c.label_en || c.label_vi);
}

export function incidentStatusMsg(code: string, tax?: Taxonomy): Msg {
  return fromCoded(tax?.incidentStatuses, code, fromTable(INCIDENT_STATUS, code));
}
export function unitStatusMsg(code: string, tax?: Taxonomy): Msg {
  return fromCoded(tax?.unitStatuses, code, fromTable(UNIT_STATUS, code));
}
export function unitActionMsg(to: string, cancel: boolean): Msg {
  return cancel ? CANCEL_ASSIGNMENT : fromTable(UNIT_ACTION, to);
}
export function unitKindMsg(code: string, tax?: Taxonomy): Msg {
  return fromCoded(tax?.unitKinds, code, fromTable(UNIT_KIND, code));
}
export function lineMsg(code: string, tax?: Taxonomy): Msg {
  return LINE[code] ?? fromCoded(tax?.lines, code, m(code, code));
}
export function capabilityMsg(code: string): Msg {
  return fromTable(CAPABILITY, code);
}
export function eventKindMsg(code: string): Msg {
  return fromTable(EVENT_KIND, code);
}
export function sourceMsg(code: string): Msg {
  return fromTable(SOURCE, code);
}
export function scoreBandMsg(band: ScoreBand): Msg {
  return SCORE_BAND[band];
}
export function trainingAspectMsg(aspect: string): Msg {
  return fromTable(TRAINING_ASPECT, aspect);
}
export function categoryMsg(code: string, tax?: Taxonomy): Msg {
  return fromCoded(tax?.categories, code, m(code, code));
}
export function closureMsg(code: string, tax?: Taxonomy): Msg {
  return fromCoded(tax?.closureCodes, code, m(code, code));
}
export function areaMsg(code: string, tax?: Taxonomy): Msg {
  return fromCoded(tax?.areas, code, m(code, code));
}

/** Two server strings as a message (the English one falls back to the Vietnamese). */
export function pair(vi: string | null | undefined, en: string | null | undefined): Msg {
  return m(vi ?? '', en || vi || '');
}

/** Messages whose text depends on the language through a formatter. */
export function durationMsg(seconds: number | null | undefined): () => Msg {
  return () => m(formatDuration(seconds, 'vi'), formatDuration(seconds, 'en'));
}
export function distanceMsg(meters: number | null | undefined): () => Msg {
  return () => m(formatDistance(meters, 'vi'), formatDistance(meters, 'en'));
}

export function currentLang(): 'vi' | 'en' {
  return lang();
}
