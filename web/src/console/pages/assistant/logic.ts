// Pure rules of the assistant's console pages (modules/assistant/README.md, "Officers"): who sees what, routes,
// the handoff queue's filter and order, waiting times, what an officer may do with a conversation, live events,
// the unanswered questions. No DOM and no imports, so `npm test` runs these in Node (test/assistant.test.mjs).

// ---- roles and live topics ----

export const ASSISTANT_ROLES = ['clerk', 'investigator', 'supervisor'] as const;

export function isAssistantRole(role: string): boolean {
  return (ASSISTANT_ROLES as readonly string[]).includes(role);
}

/** The topics a role subscribes to for this capability; any other role gets none (the server would refuse). */
export function assistantTopics(role: string): string[] {
  return isAssistantRole(role) ? ['assistant'] : [];
}

// ---- hash routes: #/assistant[/queue | /unanswered | /conversation/<id>] (the leading slash is optional) ----

export type AssistantView = 'queue' | 'conversation' | 'unanswered';
export interface AssistantRoute {
  view: AssistantView | null;
  id: string | null;
}

export function isConversationId(id: string): boolean {
  return /^[A-Za-z0-9_-]{1,128}$/.test(id);
}

export function parseAssistantRoute(hash: string): AssistantRoute {
  const parts = hash.replace(/^#\/?/, '').split('?')[0]!.split('/').filter((p) => p !== '');
  if (parts[0] !== 'assistant') return { view: null, id: null };
  const v = parts[1] ?? '';
  if (v === 'queue' || v === 'unanswered') return { view: v, id: null };
  if (v === 'conversation') {
    let id = '';
    try {
      id = decodeURIComponent(parts[2] ?? '');
    } catch {
      id = '';
    }
    if (isConversationId(id)) return { view: 'conversation', id };
  }
  return { view: null, id: null };
}

export function assistantHash(view: AssistantView, id?: string): string {
  if (view === 'conversation' && id) return `#/assistant/conversation/${encodeURIComponent(id)}`;
  return view === 'unanswered' ? '#/assistant/unanswered' : '#/assistant/queue';
}

/** Tabs, in order (a conversation is reached from the queue). */
export function assistantViewsFor(role: string): AssistantView[] {
  return isAssistantRole(role) ? ['queue', 'unanswered'] : [];
}

// ---- the handoff queue ----

export type HandoffState = 'none' | 'waiting' | 'active' | 'closed';
export type StateFilter = 'open' | 'waiting' | 'active' | 'closed';
export const STATE_FILTERS: readonly StateFilter[] = ['open', 'waiting', 'active', 'closed'];

export interface HandoffItem {
  conversation_id: string;
  handoff_state: string;
  waiting_since?: string | null;
  updated_at?: string | null;
  lang?: string | null;
  officer?: string | null;
  last_text?: string | null;
  reason?: string | null;
}

export function isStateFilter(s: string): s is StateFilter {
  return (STATE_FILTERS as readonly string[]).includes(s);
}

/** Does a handoff belong in the list under this filter (open = waiting + active)? */
export function matchesState(item: { handoff_state: string }, filter: StateFilter): boolean {
  if (filter === 'open') return item.handoff_state === 'waiting' || item.handoff_state === 'active';
  return item.handoff_state === filter;
}

function ms(iso: string | null | undefined): number {
  const t = Date.parse(iso ?? '');
  return Number.isNaN(t) ? Number.NaN : t;
}

const RANK: Record<string, number> = { waiting: 0, active: 1, closed: 2, none: 3 };

/**
 * Waiting first, the longest-waiting on top; then active ones, the longest-waiting on top too; then closed ones, the
 * most recently changed first.
 */
export function sortHandoffs<T extends HandoffItem>(items: Iterable<T>): T[] {
  const key = (x: T): number => {
    const t = ms(x.waiting_since ?? x.updated_at);
    return Number.isNaN(t) ? Number.POSITIVE_INFINITY : t;
  };
  return [...items].sort((a, b) => {
    const ra = RANK[a.handoff_state] ?? 4;
    const rb = RANK[b.handoff_state] ?? 4;
    if (ra !== rb) return ra - rb;
    if (a.handoff_state === 'closed') {
      const ua = ms(a.updated_at);
      const ub = ms(b.updated_at);
      return (Number.isNaN(ub) ? 0 : ub) - (Number.isNaN(ua) ? 0 : ua) || a.conversation_id.localeCompare(b.conversation_id);
    }
    return key(a) - key(b) || a.conversation_id.localeCompare(b.conversation_id);
  });
}

/** Time since `since`: "vừa xong" / "just now" under a minute, "12 phút", "1 giờ 5 phút", "2 ngày 3 giờ"; "—" unknown. */
export function waitedFor(since: string | null | undefined, now: number, lang: 'vi' | 'en'): string {
  const t = ms(since);
  if (Number.isNaN(t)) return '—';
  const min = Math.max(0, Math.floor((now - t) / 60_000));
  if (min < 1) return lang === 'vi' ? 'vừa xong' : 'just now';
  const d = Math.floor(min / 1440);
  const hh = Math.floor((min % 1440) / 60);
  const mm = min % 60;
  const u = lang === 'vi' ? { d: 'ngày', h: 'giờ', m: 'phút' } : { d: 'd', h: 'h', m: 'min' };
  if (d > 0) return hh > 0 ? `${d} ${u.d} ${hh} ${u.h}` : `${d} ${u.d}`;
  if (hh > 0) return mm > 0 ? `${hh} ${u.h} ${mm} ${u.m}` : `${hh} ${u.h}`;
  return `${mm} ${u.m}`;
}

/** Waiting longer than this is marked in the queue. */
export const LONG_WAIT_MS = 5 * 60_000;

export function waitsLong(item: HandoffItem, now: number): boolean {
  if (item.handoff_state !== 'waiting') return false;
  const t = ms(item.waiting_since);
  return !Number.isNaN(t) && now - t >= LONG_WAIT_MS;
}

/** A one-line excerpt: whitespace folded, at most `max` characters with an ellipsis. */
export function excerpt(text: string | null | undefined, max = 120): string {
  const s = (text ?? '').replace(/\s+/g, ' ').trim();
  const chars = Array.from(s);
  return chars.length > max ? `${chars.slice(0, max - 1).join('')}…` : s;
}

// ---- one conversation: who may do what ----

export interface Me {
  id: string | number;
  username: string;
  display_name?: string;
}

/** Is the officer named by the server this signed-in officer? (The server may name by username or display name.) */
export function isMe(officer: string | null | undefined, me: Me): boolean {
  const o = (officer ?? '').trim();
  if (!o) return false;
  return o === me.username || o === String(me.id) || (!!me.display_name && o === me.display_name);
}

export interface ConversationActions {
  claim: boolean;
  close: boolean;
  reply: boolean;
}

/**
 * The buttons a conversation shows: claim while it waits; close while it waits or is active; the reply box once
 * this officer has it (the server names them, or the claim from this page succeeded).
 */
export function conversationActions(state: string, officer: string | null | undefined, me: Me, claimedHere = false): ConversationActions {
  return {
    claim: state === 'waiting',
    close: state === 'waiting' || state === 'active',
    reply: state === 'active' && (isMe(officer, me) || claimedHere),
  };
}

export const MAX_REPLY = 2000;

/** Why a reply cannot be sent ("empty", "too_long" over 2,000 characters), or null. */
export function validateReply(text: string): 'empty' | 'too_long' | null {
  const t = text.trim();
  if (!t) return 'empty';
  return Array.from(t).length > MAX_REPLY ? 'too_long' : null;
}

// ---- live events (topic "assistant") ----

/** The README names handoff, message, claimed and closed; the server also sends reply (an officer's): any type is taken. */
export interface AssistantEvent {
  type: string;
  conversation_id: string;
  data: Record<string, unknown>;
}

/** A live event of the topic "assistant" in a typed form; null for anything else. */
export function parseAssistantEvent(topic: string, data: unknown): AssistantEvent | null {
  if (topic !== 'assistant') return null;
  if (!data || typeof data !== 'object' || Array.isArray(data)) return null;
  const d = data as Record<string, unknown>;
  const type = d['type'];
  const id = d['conversation_id'];
  if (typeof type !== 'string' || !type) return null;
  if (typeof id !== 'string' || !id) return null;
  return { type, conversation_id: id, data: d };
}

// ---- unanswered questions ----

export interface UnansweredItem {
  id: number | string;
  text: string;
  count: number;
  first_at?: string | null;
  last_at?: string | null;
  best_guess?: { id: string; title: string } | null;
  confidence?: number | null;
  resolved?: boolean;
}

export function unansweredQuery(limit: number, includeResolved: boolean): string {
  return `limit=${Math.max(1, Math.floor(limit))}${includeResolved ? '&include_resolved=true' : ''}`;
}

/** Open ones first, then the most asked, then the most recent. */
export function sortUnanswered<T extends UnansweredItem>(items: Iterable<T>): T[] {
  return [...items].sort((a, b) => {
    const ra = a.resolved ? 1 : 0;
    const rb = b.resolved ? 1 : 0;
    if (ra !== rb) return ra - rb;
    const c = (b.count ?? 0) - (a.count ?? 0);
    if (c) return c;
    const la = ms(a.last_at);
    const lb = ms(b.last_at);
    return (Number.isNaN(lb) ? 0 : lb) - (Number.isNaN(la) ? 0 : la);
  });
}

/** 0.93 → "93%"; "—" when there is no confidence. */
export function formatConfidence(c: number | null | undefined): string {
  if (c === null || c === undefined || !Number.isFinite(c)) return '—';
  return `${Math.round(Math.min(1, Math.max(0, c)) * 100)}%`;
}
