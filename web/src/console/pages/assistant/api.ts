// Typed client of the officer routes of the assistant module (modules/assistant/README.md, "Officers").

import type { Api } from '../../session.ts';
import { unansweredQuery, type HandoffItem, type StateFilter, type UnansweredItem } from './logic.ts';

export interface Message {
  seq: number;
  author: 'citizen' | 'assistant' | 'officer' | string;
  text: string;
  at: string;
  kind: string;
}

export interface Conversation {
  conversation_id: string;
  handoff_state: string;
  officer: string | null;
  lang: string;
  started_at: string;
  messages: Message[];
}

export class AssistantApi {
  constructor(readonly api: Api) {}

  async handoffs(state: StateFilter): Promise<HandoffItem[]> {
    const r = await this.api.json<{ items: HandoffItem[] }>(`/api/v1/assistant/handoffs?state=${encodeURIComponent(state)}`);
    return Array.isArray(r?.items) ? r.items.filter((x) => x && typeof x.conversation_id === 'string') : [];
  }

  /** The whole conversation; an audited read (a purpose is asked for if the server wants one). */
  async conversation(id: string, purpose: string | null): Promise<Conversation> {
    const c = await this.api.json<Conversation>(`/api/v1/assistant/conversations/${encodeURIComponent(id)}`, { purpose });
    return { ...c, messages: Array.isArray(c?.messages) ? [...c.messages].sort((a, b) => a.seq - b.seq) : [] };
  }

  claim(id: string): Promise<unknown> {
    return this.api.json(`/api/v1/assistant/conversations/${encodeURIComponent(id)}/claim`, { method: 'POST' });
  }

  reply(id: string, text: string): Promise<unknown> {
    return this.api.json(`/api/v1/assistant/conversations/${encodeURIComponent(id)}/replies`, { method: 'POST', body: { text } });
  }

  close(id: string): Promise<unknown> {
    return this.api.json(`/api/v1/assistant/conversations/${encodeURIComponent(id)}/close`, { method: 'POST' });
  }

  async unanswered(includeResolved: boolean, limit = 200): Promise<UnansweredItem[]> {
    const r = await this.api.json<{ items: UnansweredItem[] }>(`/api/v1/assistant/unanswered?${unansweredQuery(limit, includeResolved)}`);
    return Array.isArray(r?.items) ? r.items : [];
  }

  resolve(id: number | string): Promise<unknown> {
    return this.api.json(`/api/v1/assistant/unanswered/${encodeURIComponent(String(id))}/resolve`, { method: 'POST' });
  }
}

const clients = new WeakMap<Api, AssistantApi>();

/** One client per signed-in session (the Api object lives as long as the session). */
export function assistantApi(api: Api): AssistantApi {
  let c = clients.get(api);
  if (!c) {
    c = new AssistantApi(api);
    clients.set(api, c);
  }
  return c;
}
