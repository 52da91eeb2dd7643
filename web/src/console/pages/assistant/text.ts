// Texts of the assistant's console pages, Vietnamese first, English second, and labels for codes.

import { m, type Msg } from '../../../shared/i18n.ts';
import { MAX_REPLY, waitedFor } from './logic.ts';

export const T = {
  title: m('Trợ lý ảo', 'Virtual assistant'),
  tabs: m('Các màn hình trợ lý ảo', 'Assistant views'),
  queue: m('Chuyển cán bộ', 'Handoffs'),
  unanswered: m('Câu hỏi chưa trả lời được', 'Unanswered questions'),
  notAllowed: m('Vai trò của bạn không được mở màn hình này.', 'Your role may not open this view.'),

  // Queue
  state: m('Trạng thái', 'State'),
  waitingSince: m('Chờ từ', 'Waiting since'),
  waited: m('Đã chờ', 'Waited'),
  language: m('Ngôn ngữ', 'Language'),
  officer: m('Cán bộ', 'Officer'),
  lastText: m('Tin nhắn cuối', 'Last message'),
  reason: m('Lý do chuyển', 'Reason'),
  open: m('Mở', 'Open'),
  queueEmpty: m('Không có cuộc trò chuyện nào.', 'No conversations.'),
  queueEmptyOpen: m('Không có người dân nào đang chờ cán bộ.', 'No citizen is waiting for an officer.'),
  liveNote: m(
    'Danh sách tự cập nhật khi có cuộc trò chuyện mới hoặc thay đổi (và mỗi 10 giây).',
    'The list updates itself as conversations arrive or change (and every 10 seconds).',
  ),
  shown: (n: number) => m(`${n} cuộc trò chuyện`, `${n} conversation${n === 1 ? '' : 's'}`),
  waitingCount: (n: number) => m(`${n} đang chờ`, `${n} waiting`),
  longWait: m('chờ lâu', 'long wait'),
  nobody: m('—', '—'),

  // Conversation
  back: m('← Danh sách', '← Handoffs'),
  conversation: (id: string) => m(`Cuộc trò chuyện ${id}`, `Conversation ${id}`),
  startedAt: m('Bắt đầu lúc', 'Started'),
  transcript: m('Nội dung trò chuyện', 'Transcript'),
  noMessages: m('Chưa có tin nhắn.', 'No messages yet.'),
  citizen: m('Người dân', 'Citizen'),
  assistant: m('Trợ lý', 'Assistant'),
  officerAuthor: m('Cán bộ', 'Officer'),
  claim: m('Nhận xử lý', 'Claim'),
  claimed: m('Bạn đã nhận cuộc trò chuyện này.', 'You have claimed this conversation.'),
  close: m('Kết thúc', 'Close'),
  closeConfirm: m(
    'Kết thúc việc hỗ trợ? Trợ lý ảo sẽ tiếp tục trả lời người dân.',
    'End the handoff? The assistant will answer the citizen again.',
  ),
  confirm: m('Xác nhận', 'Confirm'),
  cancel: m('Hủy', 'Cancel'),
  closedOk: m('Đã kết thúc; trợ lý ảo trả lời tiếp.', 'Closed; the assistant answers again.'),
  reply: m('Trả lời người dân', 'Reply to the citizen'),
  replyHint: m(
    `Người dân thấy câu trả lời ngay trong khung trò chuyện. Ctrl+Enter để gửi; tối đa ${MAX_REPLY} ký tự.`,
    `The citizen sees the reply in the chat straight away. Ctrl+Enter sends; at most ${MAX_REPLY} characters.`,
  ),
  sendReply: m('Gửi trả lời', 'Send reply'),
  replySent: m('Đã gửi trả lời.', 'Reply sent.'),
  needText: m('Cần nhập nội dung.', 'Some text is needed.'),
  tooLong: m(`Tối đa ${MAX_REPLY} ký tự.`, `At most ${MAX_REPLY} characters.`),
  counter: (n: number) => m(`${n}/${MAX_REPLY}`, `${n}/${MAX_REPLY}`),
  claimToReply: m('Nhận xử lý để trả lời người dân.', 'Claim the conversation to reply to the citizen.'),
  otherOfficer: (o: string) => m(`Cán bộ ${o} đang xử lý cuộc trò chuyện này.`, `Officer ${o} is handling this conversation.`),
  closedNote: m('Cuộc trò chuyện không còn chờ cán bộ.', 'The conversation is no longer with an officer.'),
  updatedLive: m('Có tin nhắn mới.', 'New messages.'),

  // Unanswered
  question: m('Câu hỏi', 'Question'),
  count: m('Số lần hỏi', 'Times asked'),
  lastAsked: m('Lần cuối', 'Last asked'),
  bestGuess: m('Chủ đề gần nhất', 'Best guess'),
  confidence: m('Độ tin cậy', 'Confidence'),
  action: m('Xử lý', 'Action'),
  resolve: m('Đã xử lý', 'Resolved'),
  resolveLabel: (text: string) => m(`Đánh dấu đã xử lý: ${text}`, `Mark as resolved: ${text}`),
  resolvedBadge: m('đã xử lý', 'resolved'),
  resolvedOk: m('Đã đánh dấu đã xử lý.', 'Marked as resolved.'),
  includeResolved: m('Hiện cả câu hỏi đã xử lý', 'Include resolved questions'),
  unansweredLead: m(
    'Những câu người dân hỏi mà trợ lý chưa trả lời được, gộp theo nội dung. Sau khi bổ sung cơ sở tri thức (data/kb/), đánh dấu “Đã xử lý”.',
    'Questions citizens asked that the assistant could not answer, grouped. Once the knowledge base (data/kb/) covers one, mark it “Resolved”.',
  ),
  shownQuestions: (n: number) => m(`${n} câu hỏi`, `${n} question${n === 1 ? '' : 's'}`),
  unansweredEmpty: m('Không có câu hỏi nào.', 'No questions.'),
  noGuess: m('không có', 'none'),
} as const;

const STATES: Record<string, Msg> = {
  open: m('Đang mở (chờ + đang xử lý)', 'Open (waiting + active)'),
  waiting: m('Đang chờ', 'Waiting'),
  active: m('Đang xử lý', 'Active'),
  closed: m('Đã kết thúc', 'Closed'),
  none: m('Trợ lý trả lời', 'Assistant'),
};

export function stateMsg(code: string): Msg {
  return STATES[code] ?? m(code, code);
}

const REASONS: Record<string, Msg> = {
  asked_for_human: m('Người dân muốn gặp cán bộ', 'The citizen asked for an officer'),
  low_confidence: m('Trợ lý không chắc câu trả lời', 'The assistant was not sure'),
  report_failed: m('Không gửi được phản ánh', 'The report could not be filed'),
};

export function reasonMsg(code: string): Msg {
  return REASONS[code] ?? m(code, code);
}

export function langMsg(code: string | null | undefined): Msg {
  if (code === 'vi') return m('Tiếng Việt', 'Vietnamese');
  if (code === 'en') return m('Tiếng Anh', 'English');
  return code ? m(code, code) : m('—', '—');
}

export function authorMsg(author: string): Msg {
  return author === 'citizen' ? T.citizen : author === 'officer' ? T.officerAuthor : T.assistant;
}

const KINDS: Record<string, Msg> = {
  answer: m('trả lời', 'answer'),
  clarify: m('hỏi lại', 'clarify'),
  handoff: m('chuyển cán bộ', 'handoff'),
  relayed: m('chuyển tiếp', 'relayed'),
  report: m('phản ánh', 'report'),
  emergency: m('khẩn cấp', 'emergency'),
  greeting: m('chào hỏi', 'greeting'),
  smalltalk: m('trò chuyện', 'small talk'),
};

export function kindMsg(kind: string): Msg | null {
  return KINDS[kind] ?? (kind ? m(kind, kind) : null);
}

export function waitedMsg(since: string | null | undefined, now: number): () => Msg {
  return () => m(waitedFor(since, now, 'vi'), waitedFor(since, now, 'en'));
}
