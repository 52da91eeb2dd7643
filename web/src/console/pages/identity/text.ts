// Texts of the chip ID card verification page, Vietnamese first, English second, and labels for codes.

import { m, type Msg } from '../../../shared/i18n.ts';
import { formatSize, type CheckState, type DumpFileStatus, type FieldProblem, type ProofState } from './logic.ts';

export const T = {
  title: m('Xác thực thẻ căn cước gắn chip', 'Chip ID card verification'),
  lead: m(
    'Chỉ kết luận “thẻ thật” khi dữ liệu trên chip có chữ ký hợp lệ của cơ quan cấp và chính con chip chứng minh được nó giữ khóa bí mật của mình (xác thực chip CA hoặc xác thực chủ động AA). Bản sao các tệp của chip không bao giờ chứng minh được con chip.',
    '“Genuine” only when the chip\'s data carries the issuer\'s valid signature and the chip itself proves it holds its own private key (chip authentication CA or active authentication AA). A copy of the chip\'s files can never prove the chip.',
  ),

  // The request
  requestTitle: m('Yêu cầu xác thực', 'Verification request'),
  purpose: m('Mục đích', 'Purpose'),
  purposeHint: m(
    'Bắt buộc, 3–200 ký tự; được ghi vào nhật ký kiểm toán cùng lượt xác thực.',
    'Required, 3 to 200 characters; recorded in the audit log with the verification.',
  ),
  source: m('Nguồn dữ liệu', 'Source'),
  sourceReader: m('Đọc thẻ qua đầu đọc', 'Read the card on a reader'),
  sourceDump: m('Tệp trích xuất từ chip', 'Files dumped from the chip'),
  reader: m('Đầu đọc', 'Reader'),
  readersLoading: m('Đang tìm đầu đọc…', 'Looking for readers…'),
  noReaders: m('Không có đầu đọc nào.', 'No readers.'),
  refreshReaders: m('Tìm lại đầu đọc', 'Look for readers again'),
  kindSoftware: m('thẻ mô phỏng', 'simulated card'),
  kindPcsc: m('đầu đọc PC/SC', 'PC/SC reader'),
  pcscError: m('Không dùng được đầu đọc PC/SC:', 'PC/SC readers cannot be used:'),
  access: m('Khóa truy cập chip', 'Chip access key'),
  accessMrz: m('Dữ liệu MRZ (số thẻ, ngày sinh, ngày hết hạn)', 'MRZ data (document number, date of birth, date of expiry)'),
  accessCan: m('Số CAN (6 chữ số in trên thẻ)', 'CAN (the 6 digits printed on the card)'),
  documentNumber: m('Số thẻ (trong MRZ)', 'Document number (in the MRZ)'),
  dateOfBirth: m('Ngày sinh (YYMMDD)', 'Date of birth (YYMMDD)'),
  dateOfExpiry: m('Ngày hết hạn (YYMMDD)', 'Date of expiry (YYMMDD)'),
  dateHint: m('Năm, tháng, ngày — 6 chữ số, như trong MRZ: 920315 là 15/03/1992.', 'Year, month, day — 6 digits, as in the MRZ: 920315 is 15 March 1992.'),
  can: m('Số CAN', 'CAN'),
  canHint: m('6 chữ số in ở mặt thẻ.', 'The 6 digits printed on the card.'),
  prefilled: m('Đã điền sẵn khóa truy cập của thẻ mô phỏng.', 'Filled in with the simulated card\'s access key.'),
  files: m('Các tệp của chip', 'The chip\'s files'),
  filesHint: m(
    'EF_COM.bin, EF_SOD.bin, EF_CardAccess.bin, DG1.bin … DG16.bin (mỗi tệp tối đa 1 MB, tối đa 32 tệp). Chứng thư và ghi chú bên cạnh được bỏ qua. Tệp trích xuất không bao giờ chứng minh được con chip.',
    'EF_COM.bin, EF_SOD.bin, EF_CardAccess.bin, DG1.bin … DG16.bin (at most 1 MB each, at most 32 files). Certificates and notes beside them are left out. Dumped files can never prove the chip.',
  ),
  chooseFiles: m('Chọn tệp…', 'Choose files…'),
  noFiles: m('Chưa chọn tệp nào.', 'No files chosen yet.'),
  remove: m('Bỏ', 'Remove'),
  removeFile: (name: string) => m(`Bỏ tệp ${name}`, `Remove ${name}`),
  clearFiles: m('Bỏ tất cả', 'Remove all'),
  submit: m('Xác thực', 'Verify'),
  submitting: m('Đang đọc thẻ và xác thực…', 'Reading the card and verifying…'),
  submittingDump: m('Đang xác thực các tệp…', 'Verifying the files…'),
  fixFields: m('Hãy sửa các ô được đánh dấu.', 'Please correct the fields marked.'),
  readFailed: (name: string) => m(`Không đọc được tệp ${name}.`, `Could not read the file ${name}.`),

  // The report
  reportTitle: m('Kết quả xác thực', 'Verification result'),
  verificationNo: (id: number) => m(`Lượt xác thực #${id}`, `Verification #${id}`),
  verifiedAt: m('Thời điểm', 'Verified at'),
  reasoning: m('Lập luận', 'Reasoning'),
  holder: m('Thông tin người được cấp thẻ', 'The holder'),
  photo: m('Ảnh chân dung trong chip', 'Portrait from the chip'),
  photoAlt: (name: string) => m(`Ảnh chân dung trong chip${name ? ` của ${name}` : ''}`, `Portrait from the chip${name ? ` of ${name}` : ''}`),
  facesWithheld: m(
    'Ảnh chân dung không được hiển thị: vai trò của bạn không được xem ảnh trong chip.',
    'The portrait is not shown: your role may not see the chip\'s photo.',
  ),
  noPhoto: m('Chip không có ảnh chân dung (hoặc không đọc được).', 'The chip has no portrait (or it could not be read).'),
  noHolder: m('Không có thông tin người được cấp thẻ.', 'No holder data.'),
  mrz: m('Vùng đọc bằng máy (MRZ)', 'Machine-readable zone (MRZ)'),
  checks: m('Các bước kiểm tra', 'Checks'),
  checkCounts: (p: number, f: number, i: number) =>
    m(`${p} đạt · ${f} không đạt · ${i} thông tin`, `${p} passed · ${f} failed · ${i} informational`),
  noChecks: m('Không có bước kiểm tra nào.', 'No checks.'),
  check: m('Bước kiểm tra', 'Check'),
  result: m('Kết quả', 'Result'),
  detail: m('Chi tiết', 'Detail'),
  session: m('Phiên đọc thẻ', 'Reader session'),
  live: m('Đọc trực tiếp từ chip', 'Read live from the chip'),
  yes: m('Có', 'Yes'),
  no: m('Không', 'No'),
  accessControl: m('Kiểm soát truy cập', 'Access control'),
  steps: m('Các bước của phiên', 'Session steps'),
  noSteps: m('Không có bước nào (tệp trích xuất).', 'No steps (dump files).'),
  ca: m('Xác thực chip (CA, DG14)', 'Chip authentication (CA, DG14)'),
  aa: m('Xác thực chủ động (AA, DG15)', 'Active authentication (AA, DG15)'),
  protocol: m('Giao thức', 'Protocol'),
  filesRead: m('Các tệp đã đọc', 'Files read'),
  noFilesRead: m('Không có tệp nào.', 'No files.'),
  signer: m('Người ký tài liệu (DS)', 'Document signer (DS)'),
  csca: m('CSCA (gốc tin cậy)', 'CSCA (trust anchor)'),
  none: m('—', '—'),
  newVerification: m('Xác thực thẻ khác', 'Verify another card'),

  // History
  historyTitle: m('Các lượt xác thực gần đây', 'Recent verifications'),
  historyLead: m('20 lượt mới nhất; số giấy tờ đã được che bớt.', 'The 20 latest; document numbers are masked.'),
  historyEmpty: m('Chưa có lượt xác thực nào.', 'No verifications yet.'),
  historyNeedsPurpose: m(
    'Nhập mục đích ở trên rồi bấm “Tải lại” để xem các lượt xác thực gần đây.',
    'Enter the purpose above, then press “Refresh”, to see the recent verifications.',
  ),
  no_: m('Số', 'No.'),
  when: m('Thời điểm', 'When'),
  officer: m('Cán bộ', 'Officer'),
  verdict: m('Kết luận', 'Verdict'),
  document: m('Số giấy tờ', 'Document'),
};

/** A message computed for the language shown (numbers with the language's decimal mark). */
export function byLang(fn: (l: 'vi' | 'en') => string): () => Msg {
  return () => m(fn('vi'), fn('en'));
}

export function sizeMsg(bytes: number): () => Msg {
  return byLang((l) => formatSize(bytes, l));
}

const CHECK_STATES: Record<CheckState, Msg> = {
  passed: m('Đạt', 'Passed'),
  failed: m('Không đạt', 'Failed'),
  info: m('Thông tin', 'Informational'),
};

export function checkStateMsg(s: CheckState): Msg {
  return CHECK_STATES[s];
}

const PROOF_STATES: Record<ProofState, Msg> = {
  passed: m('Đạt: chip chứng minh được khóa của nó', 'Passed: the chip proved its key'),
  failed: m('Không đạt: chip không chứng minh được khóa', 'Failed: the chip did not prove its key'),
  not_performed: m('Chip có hỗ trợ nhưng chưa thực hiện', 'Supported by the chip, not performed'),
  unsupported: m('Chip không hỗ trợ', 'Not supported by the chip'),
};

export function proofStateMsg(s: ProofState): Msg {
  return PROOF_STATES[s];
}

const FILE_STATUS: Record<DumpFileStatus, Msg> = {
  send: m('sẽ gửi', 'to be sent'),
  companion: m('chứng thư hoặc ghi chú — không gửi', 'a certificate or note — not sent'),
  other: m('không phải tệp của chip — không gửi', 'not a chip file — not sent'),
  too_large: m('lớn hơn 1 MB — máy chủ sẽ từ chối', 'larger than 1 MB — the server refuses it'),
  empty: m('tệp rỗng', 'the file is empty'),
  duplicate: m('hai tệp cùng là một tệp của chip — hãy bỏ bớt một', 'two files stand for the same chip file — remove one'),
};

export function fileStatusMsg(s: DumpFileStatus): Msg {
  return FILE_STATUS[s];
}

/** What is wrong with a field, in words. */
export function fieldProblemMsg(p: FieldProblem): Msg {
  switch (p.field) {
    case 'purpose':
      return p.reason === 'required'
        ? m('Hãy nêu mục đích xác thực.', 'State the purpose of the verification.')
        : m('Mục đích phải dài 3–200 ký tự.', 'The purpose must be 3 to 200 characters long.');
    case 'reader':
      return m('Hãy chọn một đầu đọc.', 'Choose a reader.');
    case 'document_number':
      return p.reason === 'required'
        ? m('Hãy nhập số thẻ như trong MRZ.', 'Enter the document number as in the MRZ.')
        : m('Số thẻ chỉ gồm chữ và số, tối đa 22 ký tự.', 'The document number has letters and digits only, at most 22.');
    case 'date_of_birth':
    case 'date_of_expiry':
      return p.reason === 'required'
        ? m('Hãy nhập ngày theo dạng YYMMDD.', 'Enter the date as YYMMDD.')
        : m('Ngày không hợp lệ: cần 6 chữ số YYMMDD của một ngày có thật, ví dụ 920315.', 'Not a valid date: 6 digits YYMMDD of a real day, e.g. 920315.');
    case 'can':
      return p.reason === 'required'
        ? m('Hãy nhập số CAN.', 'Enter the CAN.')
        : m('Số CAN gồm đúng 6 chữ số.', 'The CAN is exactly 6 digits.');
    case 'files':
      if (p.reason === 'required') return m('Hãy chọn các tệp của chip.', 'Choose the chip\'s files.');
      if (p.reason === 'no_sod') return m('Thiếu EF_SOD.bin: không có gì để xác thực.', 'EF_SOD.bin is missing: nothing can be verified.');
      if (p.reason === 'unread') return m('Chưa đọc được nội dung các tệp.', 'The files could not be read.');
      return m('Hãy bỏ các tệp bị đánh dấu lỗi.', 'Remove the files marked in error.');
    case 'source':
      return m('Hãy chọn nguồn dữ liệu.', 'Choose a source.');
    case 'mrz':
      return m('Dữ liệu MRZ không đúng.', 'The MRZ data is not right.');
  }
}
