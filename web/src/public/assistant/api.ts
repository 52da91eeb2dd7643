// The citizen routes of the assistant module (modules/assistant/README.md, "Citizens"): no account; the
// conversation id is the citizen's key to the conversation. Replies are read defensively: a missing list is empty.

import { requestJson, type RequestOptions } from '../../shared/api.ts';
import { isHandoffState, type ChatMessage, type HandoffState, type MessageBody, type ReportStage } from './logic.ts';

export interface Citation {
  title: string;
  reference: string;
  unconfirmed: boolean;
}

export interface ReportProgress {
  stage: ReportStage | string;
  category: { code: string; name: string } | null;
  tracking_code?: string;
  secret?: string;
}

export interface Emergency {
  line: '113' | '114' | '115' | string;
  incident_raised: boolean;
}

export interface AssistantReply {
  conversation_id: string;
  seq: number;
  kind: string;
  lang: string;
  reply: string;
  procedure: { id: string; title: string } | null;
  facets: string[];
  citations: Citation[];
  unconfirmed: string[];
  checked: string | null;
  confidence: number | null;
  handoff: boolean;
  handoff_state: HandoffState;
  suggestions: string[];
  report: ReportProgress | null;
  emergency: Emergency | null;
}

export interface MessagesPage {
  messages: ChatMessage[];
  handoff_state: HandoffState;
}

const strings = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);
const obj = (v: unknown): Record<string, unknown> | null =>
  v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : null;
const str = (v: unknown): string => (typeof v === 'string' ? v : '');

function citations(v: unknown): Citation[] {
  if (!Array.isArray(v)) return [];
  const out: Citation[] = [];
  for (const x of v) {
    const c = obj(x);
    if (!c) continue;
    const title = str(c['title']);
    const reference = str(c['reference']);
    if (title || reference) out.push({ title, reference, unconfirmed: c['unconfirmed'] === true });
  }
  return out;
}

function report(v: unknown): ReportProgress | null {
  const r = obj(v);
  if (!r) return null;
  const cat = obj(r['category']);
  const out: ReportProgress = {
    stage: str(r['stage']),
    category: cat ? { code: str(cat['code']), name: str(cat['name']) } : null,
  };
  if (str(r['tracking_code'])) out.tracking_code = str(r['tracking_code']);
  if (str(r['secret'])) out.secret = str(r['secret']);
  return out;
}

function emergency(v: unknown): Emergency | null {
  const e = obj(v);
  if (!e) return null;
  return { line: str(e['line']) || '113', incident_raised: e['incident_raised'] === true };
}

/** A reply as the page uses it (every field present, lists possibly empty). */
export function normalizeReply(raw: unknown): AssistantReply {
  const r = obj(raw) ?? {};
  const proc = obj(r['procedure']);
  const state = r['handoff_state'];
  return {
    conversation_id: str(r['conversation_id']),
    seq: typeof r['seq'] === 'number' ? r['seq'] : 0,
    kind: str(r['kind']) || 'answer',
    lang: str(r['lang']),
    reply: str(r['reply']),
    procedure: proc && (str(proc['title']) || str(proc['id'])) ? { id: str(proc['id']), title: str(proc['title']) } : null,
    facets: strings(r['facets']),
    citations: citations(r['citations']),
    unconfirmed: strings(r['unconfirmed']),
    checked: str(r['checked']) || null,
    confidence: typeof r['confidence'] === 'number' ? r['confidence'] : null,
    handoff: r['handoff'] === true,
    handoff_state: isHandoffState(state) ? state : 'none',
    suggestions: strings(r['suggestions']),
    report: report(r['report']),
    emergency: emergency(r['emergency']),
  };
}

/** POST /api/v1/assistant/messages: the citizen's message; starts a conversation when there is none. */
export async function sendMessage(body: MessageBody, signal?: AbortSignal): Promise<AssistantReply> {
  const opts: RequestOptions = { method: 'POST', body };
  if (signal) opts.signal = signal;
  return normalizeReply(await requestJson<unknown>('/api/v1/assistant/messages', opts));
}

/** GET /api/v1/assistant/conversations/{id}/messages?after=N: the messages after N and the handoff state. */
export async function messagesAfter(conversationId: string, after: number, signal?: AbortSignal): Promise<MessagesPage> {
  const path = `/api/v1/assistant/conversations/${encodeURIComponent(conversationId)}/messages?after=${Math.max(0, Math.floor(after))}`;
  const opts: RequestOptions = {};
  if (signal) opts.signal = signal;
  const r = obj(await requestJson<unknown>(path, opts)) ?? {};
  const messages: ChatMessage[] = [];
  if (Array.isArray(r['messages'])) {
    for (const x of r['messages']) {
      const msg = obj(x);
      if (!msg || typeof msg['seq'] !== 'number') continue;
      messages.push({ seq: msg['seq'], author: str(msg['author']), text: str(msg['text']), at: str(msg['at']), kind: str(msg['kind']) });
    }
  }
  const state = r['handoff_state'];
  return { messages, handoff_state: isHandoffState(state) ? state : 'none' };
}
