// Texts of the citizen chat with the assistant, Vietnamese first, English second.

import { m, type Msg } from '../../shared/i18n.ts';
import { MAX_TEXT, formatChecked } from './logic.ts';

export const A = {
  // Launcher and panel
  launcher: m('Hỏi trợ lý', 'Ask the assistant'),
  launcherUnread: (n: number) => m(`Hỏi trợ lý — ${n} tin nhắn mới`, `Ask the assistant — ${n} new message${n === 1 ? '' : 's'}`),
  title: m('Trợ lý ảo', 'Virtual assistant'),
  pageTitle: m('Hỏi trợ lý', 'Ask the assistant'),
  subtitle: m('Giải đáp thủ tục hành chính của công an', 'Answers about police administrative procedures'),
  close: m('Đóng khung trò chuyện', 'Close the chat'),
  fullPage: m('Mở toàn trang', 'Open as a full page'),
  restart: m('Bắt đầu lại', 'Start over'),
  restarted: m('Đã bắt đầu cuộc trò chuyện mới.', 'A new conversation has started.'),
  loading: m('Đang tải…', 'Loading…'),
  homeTitle: m('Trợ lý ảo', 'Virtual assistant'),
  homeLead: m(
    'Hỏi về thủ tục hành chính của công an — giấy tờ, lệ phí, thời hạn, nơi nộp — kèm căn cứ pháp lý; gửi phản ánh qua trò chuyện; khi cần, cán bộ trả lời trực tiếp.',
    'Ask about police administrative procedures — documents, fees, time limits, where to apply — with the legal basis; send a report by chat; an officer answers when needed.',
  ),

  // Introduction
  hello: m(
    'Xin chào! Tôi trả lời câu hỏi về thủ tục của công an — cư trú, căn cước, định danh điện tử, hộ chiếu, đăng ký xe, giấy phép lái xe, phòng cháy chữa cháy… — kèm căn cứ pháp lý, và có thể giúp bạn gửi phản ánh. Khi cần, một cán bộ sẽ trả lời bạn.',
    'Hello! I answer questions about police procedures — residence, ID cards, electronic identity, passports, vehicle registration, driving licences, fire safety… — with their legal basis, and I can help you send a report. When needed, an officer will answer you.',
  ),
  privacy: m(
    'Đừng gửi mật khẩu, mã OTP hay số tài khoản ngân hàng. Công an không bao giờ hỏi những thông tin này qua tin nhắn.',
    'Never send passwords, OTP codes or bank account numbers. The police never ask for them by message.',
  ),
  emergencyNote: m('Khẩn cấp? Gọi ngay', 'Emergency? Call'),
  starters: m('Bạn có thể hỏi, ví dụ:', 'You could ask, for example:'),
  starterQuestions: {
    vi: ['Làm căn cước cần giấy tờ gì?', 'Phí làm hộ chiếu bao nhiêu?', 'Đăng ký tạm trú online được không?'],
    en: ['What do I need for an ID card?', 'How much is a passport?', 'Can I register temporary residence online?'],
  },

  // Transcript
  transcript: m('Cuộc trò chuyện', 'Conversation'),
  you: m('Bạn', 'You'),
  assistant: m('Trợ lý', 'Assistant'),
  officer: m('Cán bộ', 'Officer'),
  typing: m('Trợ lý đang trả lời…', 'The assistant is replying…'),
  relayed: m('Đã chuyển cho cán bộ', 'Passed to the officer'),
  restoring: m('Đang tải lại cuộc trò chuyện…', 'Loading the conversation again…'),
  expired: m(
    'Cuộc trò chuyện trước không còn nữa; tin nhắn của bạn đã được gửi trong một cuộc trò chuyện mới.',
    'The earlier conversation is no longer there; your message was sent in a new conversation.',
  ),

  // Reply parts
  legalBasis: m('Căn cứ pháp lý', 'Legal basis'),
  unverified: m('⚠ chưa xác minh', '⚠ unverified'),
  checked: (date: string) => m(`Thông tin được kiểm tra ngày ${formatChecked(date, 'vi')}`, `Information checked on ${formatChecked(date, 'en')}`),
  suggestions: m('Gợi ý câu hỏi tiếp', 'You could ask next'),
  clarify: m('Bạn muốn hỏi về:', 'Did you mean:'),

  // Emergency
  call: (line: string) => m(`Gọi ${line}`, `Call ${line}`),
  incidentRaised: m(
    'Trung tâm chỉ huy đã nhận được thông báo từ cuộc trò chuyện này — nhưng bạn vẫn cần gọi ngay để được hỗ trợ nhanh nhất.',
    'The command centre has been alerted from this conversation — but you still need to call now for the fastest help.',
  ),

  // Report
  reportTitle: m('Đang ghi nhận phản ánh', 'Taking your report'),
  reportStep: (n: number, total: number) => m(`Bước ${n}/${total}`, `Step ${n} of ${total}`),
  reportCategory: m('Loại phản ánh', 'Category'),
  reportFiled: m('Đã gửi phản ánh', 'Report sent'),
  reportCancelled: m('Đã hủy phản ánh.', 'The report was cancelled.'),
  trackingCode: m('Mã tra cứu', 'Tracking code'),
  secret: m('Mã bí mật', 'Secret'),
  keepBoth: m(
    'Hãy ghi lại hoặc chụp màn hình: cần mã tra cứu và mã bí mật để xem kết quả.',
    'Write these down or take a screenshot: you need the tracking code and the secret to see the outcome.',
  ),
  keepCode: m(
    'Hãy ghi lại mã tra cứu: cần mã này và 4 số cuối số điện thoại bạn đã cho để xem kết quả.',
    'Write the tracking code down: you need it and the last 4 digits of the phone number you gave to see the outcome.',
  ),
  lookupLink: m('Tra cứu phản ánh này', 'Look up this report'),

  // Officer
  handoffWaiting: m('Đang chờ cán bộ trả lời. Bạn có thể để trang này mở.', 'Waiting for an officer. You can keep this page open.'),
  handoffActive: m('Một cán bộ đang trả lời bạn.', 'An officer is answering you.'),
  handoffClosed: m('Cán bộ đã kết thúc; trợ lý tiếp tục trả lời bạn.', 'The officer has finished; the assistant answers you again.'),

  // Composer
  inputLabel: m('Câu hỏi của bạn', 'Your question'),
  placeholder: m('Nhập câu hỏi…', 'Type your question…'),
  hint: m('Enter để gửi, Shift+Enter để xuống dòng.', 'Enter sends, Shift+Enter starts a new line.'),
  send: m('Gửi', 'Send'),
  sending: m('Đang gửi…', 'Sending…'),
  counter: (n: number) => m(`${n}/${MAX_TEXT} ký tự`, `${n}/${MAX_TEXT} characters`),
  empty: m('Hãy nhập câu hỏi.', 'Please type a question.'),
  tooLong: m(`Tối đa ${MAX_TEXT} ký tự.`, `At most ${MAX_TEXT} characters.`),
  tooMany: m('Bạn gửi quá nhanh.', 'You are sending too fast.'),
  pollFailed: m('Mất kết nối với máy chủ — đang thử lại…', 'Lost the connection to the server — retrying…'),
} as const;

const FACETS: Record<string, Msg> = {
  fee: m('lệ phí', 'the fee'),
  time: m('thời hạn giải quyết', 'the time limit'),
  documents: m('giấy tờ cần có', 'the documents'),
  where: m('nơi nộp hồ sơ', 'where to apply'),
  online: m('việc làm trực tuyến', 'applying online'),
  eligibility: m('đối tượng được làm', 'who may apply'),
  who: m('đối tượng được làm', 'who may apply'),
  steps: m('các bước thực hiện', 'the steps'),
  legal: m('căn cứ pháp lý', 'the legal basis'),
};

/** "⚠ Chưa xác minh: lệ phí, thời hạn giải quyết. …" for the facets of an answer whose facts are not confirmed. */
export function unconfirmedMsg(facets: string[]): Msg {
  const names = (lang: 'vi' | 'en'): string => facets.map((f) => FACETS[f]?.[lang] ?? f).join(', ');
  return m(
    `⚠ Thông tin sau chưa được xác minh: ${names('vi')}. Hãy hỏi lại cơ quan công an trước khi nộp hồ sơ.`,
    `⚠ Not yet verified: ${names('en')}. Please check with the police before you apply.`,
  );
}

const LINES: Record<string, Msg> = {
  '113': m('Công an', 'Police'),
  '114': m('Cứu hỏa, cứu nạn', 'Fire and rescue'),
  '115': m('Cấp cứu', 'Ambulance'),
};

export function lineMsg(line: string): Msg {
  return LINES[line] ?? m(line, line);
}

const STAGES: Record<string, Msg> = {
  what: m('Việc gì đã xảy ra', 'What happened'),
  where: m('Ở đâu', 'Where'),
  when: m('Khi nào', 'When'),
  contact: m('Thông tin liên hệ', 'Contact'),
  confirm: m('Xác nhận', 'Confirm'),
  filed: m('Đã gửi', 'Sent'),
  cancelled: m('Đã hủy', 'Cancelled'),
};

export function stageMsg(stage: string): Msg {
  return STAGES[stage] ?? m(stage, stage);
}

const STATES: Record<string, Msg> = {
  waiting: A.handoffWaiting,
  active: A.handoffActive,
  closed: A.handoffClosed,
};

/** The line under the transcript while an officer is involved (none for "none"). */
export function handoffMsg(state: string): Msg | null {
  return STATES[state] ?? null;
}

export function authorMsg(author: string): Msg {
  return author === 'citizen' ? A.you : author === 'officer' ? A.officer : A.assistant;
}
