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
  private conn: LiveConnection;
  private current: string[];
  private started = false;

  constructor(
    topics: string[],
    private readonly token: () => string | null,
    private readonly onUnauthorized: () => void,
  ) {
    this.current = [...topics];
    this.conn = this.connect(topics);
  }

  private connect(topics: string[]): LiveConnection {
    const conn: LiveConnection = new LiveConnection({
      path: `/api/v1/events?topics=${topics.map(encodeURIComponent).join(',')}`,
      token: this.token,
      onUnauthorized: this.onUnauthorized,
      onState: (state, detail) => {
        if (conn !== this.conn) return; // a stream replaced by setTopics
        this.stateInfo = { state, ...detail };
        for (const fn of this.stateSubs) fn(this.stateInfo);
      },
      onEvent: (ev) => {
        if (conn === this.conn) this.receive(ev);
      },
    });
    return conn;
  }

  get topics(): readonly string[] {
    return this.current;
  }

  /** Listens to another set of topics: the stream is opened again (subscribers and the feed stay). */
  setTopics(topics: string[]): void {
    if (topics.length === this.current.length && topics.every((t, i) => t === this.current[i])) return;
    this.current = [...topics];
    this.conn.stop();
    this.conn = this.connect(topics);
    if (this.started) this.conn.start();
  }

  start(): void {
    this.started = true;
    this.conn.start();
  }

  stop(): void {
    this.started = false;
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
