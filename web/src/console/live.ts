// The console's live events: one SSE stream per signed-in session, a small in-memory feed of what
// arrived, and subscribers (the overview's feed, the audit table, the header indicator).

import { LiveConnection, type LiveState, type SseEvent } from '../shared/sse.ts';
import type { ApiError } from '../shared/api.ts';

export interface FeedItem {
  receivedAt: string;
  topic: string;
  id: string;
  data: unknown;
  raw: string;
}

export interface StateInfo {
  state: LiveState;
  retryInMs?: number;
  error?: ApiError | Error;
}

export const FEED_MAX = 50;

export class Live {
  readonly feed: FeedItem[] = [];
  private stateInfo: StateInfo = { state: 'connecting' };
  private readonly eventSubs = new Set<(item: FeedItem) => void>();
  private readonly stateSubs = new Set<(s: StateInfo) => void>();
  private readonly conn: LiveConnection;

  constructor(topics: string[], token: () => string | null, onUnauthorized: () => void) {
    this.conn = new LiveConnection({
      path: `/api/v1/events?topics=${topics.map(encodeURIComponent).join(',')}`,
      token,
      onUnauthorized,
      onState: (state, detail) => {
        this.stateInfo = { state, ...detail };
        for (const fn of this.stateSubs) fn(this.stateInfo);
      },
      onEvent: (ev) => this.receive(ev),
    });
  }

  start(): void {
    this.conn.start();
  }

  stop(): void {
    this.conn.stop();
    this.eventSubs.clear();
    this.stateSubs.clear();
  }

  get state(): StateInfo {
    return this.stateInfo;
  }

  onEvent(fn: (item: FeedItem) => void): () => void {
    this.eventSubs.add(fn);
    return () => this.eventSubs.delete(fn);
  }

  onState(fn: (s: StateInfo) => void): () => void {
    this.stateSubs.add(fn);
    fn(this.stateInfo);
    return () => this.stateSubs.delete(fn);
  }

  private receive(ev: SseEvent): void {
    let data: unknown = ev.data;
    try {
      data = JSON.parse(ev.data);
    } catch {
      // Not JSON: keep the text.
    }
    const item: FeedItem = {
      receivedAt: new Date().toISOString(),
      topic: ev.type,
      id: ev.lastEventId,
      data,
      raw: ev.data,
    };
    this.feed.unshift(item);
    if (this.feed.length > FEED_MAX) this.feed.length = FEED_MAX;
    for (const fn of this.eventSubs) fn(item);
  }
}
