// Texts of the document digitization pages, Vietnamese first, English second, and labels for codes.

import { lang, m, type Msg } from '../../../shared/i18n.ts';
import type { DocType } from './api.ts';
import { formatBytes, formatPercent, type DocFields } from './logic.ts';

export const T = {
  title: m('Số hóa tài liệu', 'Document digitization'),
  tabs: m('Các màn hình số hóa tài liệu', 'Document digitization views'),
  upload: m('Tải lên', 'Upload'),
  list: m('Danh sách', 'Documents'),
  search: m('Tìm kiếm', 'Search'),
  notAllowed: m('Vai trò của bạn không được mở màn hình này.', 'Your role may not open this view.'),
  documentId: (id: number) => m(`Tài liệu #${id}`, `Document #${id}`),

  // Upload
  uploadTitle: m('Tải bản quét lên', 'Upload scans'),
  uploadLead: m(
    'Ảnh PNG, JPEG, TIFF (cả TIFF nhiều trang) hoặc PDF, mỗi tệp tối đa 100 MB. Các tệp được gửi lần lượt; máy chủ nhận dạng chữ (OCR) rồi tạo PDF tìm kiếm được.',
    'PNG, JPEG, TIFF (multi-page too) or PDF images, at most 100 MB each. Files are sent one after the other; the server reads the text (OCR) and makes a searchable PDF.',
  ),
  chooseFiles: m('Chọn tệp', 'Choose files'),
  dropHint: m('…hoặc kéo và thả tệp vào đây', '…or drag and drop files here'),
  language: m('Ngôn ngữ của văn bản', 'Language of the text'),
  langHint: m('Tài liệu có cả tiếng Anh thì để mặc định.', 'Keep the default when the documents have English too.'),
  docTitle: m('Tiêu đề (không bắt buộc)', 'Title (optional)'),
  titleHint: m('Dùng cho mọi tệp trong lượt tải này.', 'Used for every file of this upload.'),
  chosen: m('Tệp đã chọn', 'Chosen files'),
  noneChosen: m('Chưa chọn tệp nào.', 'No files chosen yet.'),
  remove: m('Bỏ', 'Remove'),
  removeFile: (name: string) => m(`Bỏ tệp ${name}`, `Remove ${name}`),
  send: m('Tải lên', 'Upload'),
  sendN: (n: number) => m(`Tải lên ${n} tệp`, `Upload ${n} file${n === 1 ? '' : 's'}`),
  needFiles: m('Hãy chọn ít nhất một tệp hợp lệ.', 'Choose at least one valid file.'),
  badFormat: m('Định dạng không hỗ trợ (chỉ PNG, JPEG, TIFF, PDF).', 'Format not supported (PNG, JPEG, TIFF, PDF only).'),
  tooLarge: m('Tệp lớn hơn 100 MB.', 'The file is larger than 100 MB.'),
  emptyFile: m('Tệp rỗng.', 'The file is empty.'),
  queueTitle: m('Tiến độ', 'Progress'),
  queueEmpty: m('Chưa có tệp nào được gửi trong phiên này.', 'No files sent in this session yet.'),
  clearFinished: m('Xóa các mục đã xong', 'Clear finished'),
  cancel: m('Hủy', 'Cancel'),
  cancelFile: (name: string) => m(`Hủy gửi ${name}`, `Cancel ${name}`),
  open: m('Mở', 'Open'),
  leaveWarning: m('Đang tải tệp lên; rời trang sẽ dừng việc tải.', 'Files are uploading; leaving stops the upload.'),
  waiting: m('Đang chờ gửi', 'Waiting to be sent'),
  uploading: (sent: number, total: number) => () =>
    m(`Đang gửi ${formatBytes(sent, 'vi')} / ${formatBytes(total, 'vi')}`, `Sending ${formatBytes(sent, 'en')} of ${formatBytes(total, 'en')}`),
  uploaded: m('Đã gửi; đang chờ xử lý', 'Sent; waiting to be processed'),
  cancelled: m('Đã hủy', 'Cancelled'),
  uploadFailed: m('Không gửi được', 'Upload failed'),
  progressLabel: (name: string) => m(`Tiến độ của ${name}`, `Progress of ${name}`),

  // Statuses and progress
  status: m('Trạng thái', 'Status'),
  allStatuses: m('Tất cả', 'All'),
  pagesOf: (done: number, total: number) => m(`${done}/${total} trang`, `${done} of ${total} pages`),
  pagesUnknown: m('đang đếm trang…', 'counting pages…'),
  pagesFailed: (k: number) => m(`${k} trang lỗi`, `${k} page${k === 1 ? '' : 's'} failed`),
  pagesBlank: (k: number) => m(`${k} trang trắng`, `${k} blank page${k === 1 ? '' : 's'}`),
  doneWith: (conf: number | null) => () =>
    m(`độ tin cậy trung bình ${formatPercent(conf, 'vi')}`, `mean confidence ${formatPercent(conf, 'en')}`),

  // List
  listTitle: m('Tài liệu đã tải lên', 'Uploaded documents'),
  listLead: m('Mới nhất ở trên; tiến độ tự cập nhật.', 'Newest first; progress updates itself.'),
  listEmpty: m('Không có tài liệu nào.', 'No documents.'),
  id: m('Số', 'No.'),
  file: m('Tệp', 'File'),
  progress: m('Tiến độ', 'Progress'),
  fields: m('Thông tin văn bản', 'Document details'),
  confidence: m('Độ tin cậy', 'Confidence'),
  createdAt: m('Tải lên lúc', 'Uploaded'),
  createdBy: m('Người tải', 'Uploaded by'),

  // Fields
  number: m('Số, ký hiệu', 'Number'),
  type: m('Loại văn bản', 'Type'),
  allTypes: m('Tất cả các loại', 'All types'),
  date: m('Ngày ban hành', 'Date'),
  place: m('Địa danh', 'Place'),
  issuer: m('Cơ quan ban hành', 'Issuer'),
  noFields: m('chưa nhận ra', 'not recognised'),

  // Search
  searchTitle: m('Tìm trong nội dung tài liệu', 'Search the documents’ text'),
  query: m('Từ khóa', 'Words to find'),
  queryHint: m(
    'Tìm không dấu cũng được. "cụm từ" trong ngoặc kép, -từ để loại trừ, tiền_tố* để tìm theo đầu từ.',
    'Accents optional. "a phrase" in quotes, -word to exclude, prefix* for words that start with it.',
  ),
  dateFrom: m('Ban hành từ ngày', 'Dated from'),
  dateTo: m('đến ngày', 'to'),
  doSearch: m('Tìm', 'Search'),
  reset: m('Xóa điều kiện', 'Clear'),
  needCriteria: m('Hãy nhập từ khóa hoặc chọn ít nhất một điều kiện.', 'Type words to find or set at least one filter.'),
  badDate: m('Ngày không hợp lệ.', 'Not a valid date.'),
  dateOrder: m('Ngày bắt đầu phải trước ngày kết thúc.', 'The start date must not be after the end date.'),
  results: m('Kết quả', 'Results'),
  noResults: m('Không tìm thấy tài liệu nào.', 'No documents found.'),
  searchFirst: m('Nhập từ khóa rồi bấm Tìm.', 'Type what to find, then Search.'),
  range: (from: number, to: number, total: number) => m(`${from}–${to} trên ${total}`, `${from}–${to} of ${total}`),
  rangeAtLeast: (from: number, to: number, total: number) => m(`${from}–${to} trên hơn ${total}`, `${from}–${to} of over ${total}`),
  prev: m('← Trang trước', '← Previous'),
  next: m('Trang sau →', 'Next →'),
  pagerLabel: m('Chuyển trang kết quả', 'Result pages'),
  onPage: (p: number) => m(`trang ${p}`, `page ${p}`),
  openPage: (p: number) => m(`Mở trang ${p}`, `Open page ${p}`),

  // Viewer
  backList: m('← Danh sách', '← Documents'),
  backSearch: m('← Kết quả tìm kiếm', '← Search results'),
  details: m('Thông tin', 'Details'),
  fileName: m('Tên tệp', 'File name'),
  format: m('Định dạng', 'Format'),
  size: m('Dung lượng', 'Size'),
  sha256: m('Mã băm SHA-256 của tệp', 'SHA-256 of the file'),
  pages: m('Số trang', 'Pages'),
  finishedAt: m('Xử lý xong lúc', 'Finished'),
  error: m('Lỗi', 'Error'),
  downloads: m('Tải về', 'Downloads'),
  pdf: m('PDF tìm kiếm được', 'Searchable PDF'),
  text: m('Văn bản (.txt)', 'Text (.txt)'),
  json: m('Kết quả (JSON)', 'Result (JSON)'),
  downloading: m('Đang tải về…', 'Downloading…'),
  downloadsLater: m('Tải về được khi xử lý xong.', 'Downloads are ready once processing is done.'),
  pageList: m('Các trang', 'Pages'),
  pageN: (p: number) => m(`Trang ${p}`, `Page ${p}`),
  pageOf: (p: number, total: number) => m(`Trang ${p} / ${total}`, `Page ${p} of ${total}`),
  prevPage: m('← Trang trước', '← Previous page'),
  nextPage: m('Trang sau →', 'Next page →'),
  zoom: m('Phóng to', 'Zoom in'),
  image: m('Ảnh trang (đã chỉnh nghiêng)', 'Page image (deskewed)'),
  imageAlt: (p: number) => m(`Ảnh trang ${p} của tài liệu`, `Image of page ${p} of the document`),
  recognised: m('Văn bản nhận dạng', 'Recognised text'),
  textHint: m(
    'Bấm vào một từ để thấy vị trí của nó trên ảnh; khi khung văn bản đang được chọn, dùng phím ← → để đi qua các từ, Esc để bỏ.',
    'Click a word to see where it is on the image; with the text box focused, ← → step through the words, Esc clears.',
  ),
  lowConfidence: m('độ tin cậy thấp: hãy đối chiếu với ảnh', 'low confidence: check against the image'),
  wordConf: (w: string, c: string) => m(`“${w}” · độ tin cậy ${c}`, `“${w}” · confidence ${c}`),
  pagePending: m('Trang này chưa được xử lý xong; trang sẽ hiện ra khi xong.', 'This page is not processed yet; it appears once done.'),
  pageBlank: m('Trang trắng: không có chữ.', 'Blank page: no text.'),
  pageFailed: m('Không nhận dạng được trang này.', 'This page could not be read.'),
  pageNoText: m('Trang không có chữ nhận dạng được.', 'No text was recognised on this page.'),
  noImage: m('Không tải được ảnh trang.', 'Could not load the page image.'),
  skew: m('Độ nghiêng đã chỉnh', 'Skew corrected'),
  rotation: m('Xoay', 'Rotation'),
  noPages: m('Tài liệu chưa có trang nào.', 'The document has no pages yet.'),
  documentFailed: m('Không xử lý được tài liệu.', 'The document could not be processed.'),
} as const;

export function statusMsg(code: string): Msg {
  switch (code) {
    case 'queued': return m('Đang chờ', 'Queued');
    case 'processing': return m('Đang xử lý', 'Processing');
    case 'done': return m('Xong', 'Done');
    case 'failed': return m('Lỗi', 'Failed');
    default: return m(code, code);
  }
}

export function pageStatusMsg(code: string): Msg {
  switch (code) {
    case 'pending': return m('chưa xử lý', 'pending');
    case 'done': return m('xong', 'done');
    case 'failed': return m('lỗi', 'failed');
    case 'blank': return m('trang trắng', 'blank');
    default: return m(code, code);
  }
}

export function langMsg(code: string): Msg {
  switch (code) {
    case 'vie+eng': return m('Tiếng Việt và tiếng Anh', 'Vietnamese and English');
    case 'vie': return m('Tiếng Việt', 'Vietnamese');
    case 'eng': return m('Tiếng Anh', 'English');
    default: return m(code, code);
  }
}

/** The type of a document: the names the server gave with the fields, else the list of types, else the code. */
export function typeMsg(f: Pick<DocFields, 'type' | 'type_vi' | 'type_en'>, types: DocType[] = []): Msg | null {
  if (f.type_vi || f.type_en) return m(f.type_vi || f.type_en, f.type_en || f.type_vi);
  if (!f.type) return null;
  const t = types.find((x) => x.code === f.type);
  return t ? m(t.name_vi || t.name_en || t.code, t.name_en || t.name_vi || t.code) : m(f.type, f.type);
}

export function currentLang(): 'vi' | 'en' {
  return lang();
}

/** A message computed for whichever language is current. */
export function byLang(fn: (lang: 'vi' | 'en') => string): () => Msg {
  return () => m(fn('vi'), fn('en'));
}
