// Pure rules of the citizen chat with the assistant (modules/assistant/README.md, "Citizens"): what may be sent,
// the request body, which replies need polling, merging the messages a poll returns with what is already shown,
// report stages, call links, dates. No DOM and no imports, so `npm test` runs these in Node
// (test/assistant.test.mjs).

/** sessionStorage key of the conversation id: a reload in the same tab continues the conversation. */
export const CONVERSATION_KEY = 'precinct.assistant.conversation';
/** The longest message the server takes (characters). */
export const MAX_TEXT = 1000;
/** How often the widget asks for officer messages while an officer is involved. */
export const POLL_MS = 3000;
/** After a failed poll (network), the next try waits this long. */
export const POLL_RETRY_MS = 10_000;

export type ReplyKind = 'answer' | 'clarify' | 'handoff' | 'relayed' | 'report' | 'emergency' | 'greeting' | 'smalltalk';
export type HandoffState = 'none' | 'waiting' | 'active' | 'closed';
export type Author = 'citizen' | 'assistant' | 'officer';
export type ReportStage = 'what' | 'where' | 'when' | 'contact' | 'confirm' | 'filed' | 'cancelled';

/** The stages a report goes through in the chat before it is filed, in order. */
export const REPORT_STEPS = ['what', 'where', 'when', 'contact', 'confirm'] as const;

// ---- what the citizen types ----

/** Length as the server counts it: characters (code points), not UTF-16 units or bytes. */
export function textLength(text: string): number {
  return Array.from(text).length;
}

/** Why a message cannot be sent ("empty" after trimming, "too_long" over 1,000 characters), or null. */
export function validateText(text: string): 'empty' | 'too_long' | null {
  const t = text.trim();
  if (t === '') return 'empty';
  if (textLength(t) > MAX_TEXT) return 'too_long';
  return null;
}

/** "12 / 1000" and whether the counter should warn (near or over the limit). */
export function counterState(text: string): { count: number; over: boolean; near: boolean } {
  const count = textLength(text);
  return { count, over: count > MAX_TEXT, near: count > MAX_TEXT * 0.9 };
}

/** What Enter does in the message box: send, or nothing special (Shift+Enter: a new line; an IME composing). */
export function enterSends(ev: { key: string; shiftKey: boolean; isComposing?: boolean; keyCode?: number }): boolean {
  if (ev.key !== 'Enter' || ev.shiftKey) return false;
  // Vietnamese input methods (Telex, VNI) compose: Enter then ends the composition, it must not send.
  if (ev.isComposing || ev.keyCode === 229) return false;
  return true;
}

/** A conversation id as kept in storage (the server gives 32 hex digits; anything plausible is kept). */
export function isConversationId(id: unknown): id is string {
  return typeof id === 'string' && /^[A-Za-z0-9_-]{8,128}$/.test(id);
}

export interface MessageBody {
  conversation_id?: string;
  text: string;
  lang?: 'vi' | 'en';
}

/**
 * The body of POST /api/v1/assistant/messages: the conversation (when there is one) and the language only when the
 * citizen chose it with the page's switch; otherwise the server tells it from the text.
 */
export function messageBody(text: string, conversationId: string | null, chosenLang: 'vi' | 'en' | null): MessageBody {
  const body: MessageBody = { text: text.trim() };
  if (conversationId && isConversationId(conversationId)) body.conversation_id = conversationId;
  if (chosenLang === 'vi' || chosenLang === 'en') body.lang = chosenLang;
  return body;
}

// ---- the officer's part ----

/** While an officer is waited for or is answering, the widget polls for their messages. */
export function polls(state: string | null | undefined): boolean {
  return state === 'waiting' || state === 'active';
}

export function isHandoffState(s: unknown): s is HandoffState {
  return s === 'none' || s === 'waiting' || s === 'active' || s === 'closed';
}

export interface ChatMessage {
  seq: number;
  author: string;
  text: string;
  at?: string;
  kind?: string;
}

export interface SyncState {
  /** The `after` of the next poll: every message up to it has been looked at. */
  cursor: number;
  /** Sequence numbers already shown. */
  shown: ReadonlySet<number>;
  /** Texts the citizen sent from this page whose sequence numbers are not known (each shown once already). */
  pending: readonly string[];
}

/**
 * The messages of a poll that are new to the page, in order, and the state after them: a sequence number already
 * shown is skipped, and so is the citizen's own message that is already on screen (matched by its text, once).
 */
export function mergeMessages(incoming: readonly ChatMessage[], state: SyncState): { append: ChatMessage[]; state: SyncState } {
  const shown = new Set(state.shown);
  const pending = [...state.pending];
  let cursor = state.cursor;
  const append: ChatMessage[] = [];
  const sorted = [...incoming]
    .filter((x) => x && Number.isFinite(x.seq))
    .sort((a, b) => a.seq - b.seq);
  for (const msg of sorted) {
    cursor = Math.max(cursor, msg.seq);
    if (shown.has(msg.seq)) continue;
    shown.add(msg.seq);
    if (msg.author === 'citizen') {
      const i = pending.indexOf((msg.text ?? '').trim());
      if (i >= 0) {
        pending.splice(i, 1);
        continue;
      }
    }
    append.push(msg);
  }
  return { append, state: { cursor, shown, pending } };
}

/**
 * What a reply to POST tells about the transcript: its sequence number is shown (and the citizen's message just
 * before it, for a reply that has its own message); while nobody polls, the cursor moves to it.
 */
export function afterReply(state: SyncState, reply: { seq: number; kind: string; reply: string }, text: string, polling: boolean): SyncState {
  const shown = new Set(state.shown);
  const pending = [...state.pending];
  const seq = Number.isFinite(reply.seq) ? reply.seq : 0;
  const ownMessage = !(reply.kind === 'relayed' && reply.reply === '');
  if (seq > 0) {
    shown.add(seq);
    if (ownMessage && seq > 1) {
      shown.add(seq - 1);
      const i = pending.indexOf(text.trim());
      if (i >= 0) pending.splice(i, 1);
    }
  }
  return { cursor: polling ? state.cursor : Math.max(state.cursor, seq), shown, pending };
}

// ---- replies ----

/** "113" → "tel:113" (digits and + only); null when nothing callable is left. */
export function telHref(line: string | null | undefined): string | null {
  const digits = (line ?? '').replace(/[^0-9+]/g, '');
  return digits ? `tel:${digits}` : null;
}

/** 1-based position of a stage among the five steps of a report, or 0 (filed, cancelled, unknown). */
export function reportStep(stage: string | null | undefined): number {
  return (REPORT_STEPS as readonly string[]).indexOf(stage ?? '') + 1;
}

/** "2026-11-20" → "20/11/2026" (vi) or "20 Nov 2026" (en); other text as given, "" for nothing. */
export function formatChecked(date: string | null | undefined, lang: 'vi' | 'en'): string {
  const s = (date ?? '').trim();
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(s);
  if (!m) return s;
  const [, y, mo, d] = m as unknown as [string, string, string, string];
  if (lang === 'vi') return `${d}/${mo}/${y}`;
  const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
  const month = months[Number(mo) - 1];
  return month ? `${Number(d)} ${month} ${y}` : s;
}

/** An RFC 3339 time as "14:05" local time ("" when absent or unreadable). */
export function formatClock(iso: string | null | undefined): string {
  if (!iso) return '';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return '';
  const p = (n: number): string => String(n).padStart(2, '0');
  return `${p(d.getHours())}:${p(d.getMinutes())}`;
}

/**
 * Suggestions worth a chip: non-empty, short enough to send, each once, at most six. Beside an emergency's call
 * button, a suggestion naming the line ("Gọi 113") is the button's job, not a message to send: left out.
 */
export function chipTexts(suggestions: unknown, emergencyLine: string | null = null): string[] {
  if (!Array.isArray(suggestions)) return [];
  const out: string[] = [];
  for (const s of suggestions) {
    if (typeof s !== 'string') continue;
    const t = s.trim();
    if (emergencyLine && t.includes(emergencyLine)) continue;
    if (t && validateText(t) === null && !out.includes(t)) out.push(t);
    if (out.length === 6) break;
  }
  return out;
}

/** The look-up page for a filed report's code. */
export function lookupHash(code: string): string {
  return `#/lookup/${encodeURIComponent(code)}`;
}

/** "#/assistant" (the leading slash optional): the chat as a full page. */
export function isAssistantRoute(hash: string): boolean {
  const parts = hash.replace(/^#\/?/, '').split('?')[0]!.split('/').filter((p) => p !== '');
  return parts[0] === 'assistant';
}
