// Server-Sent Events over fetch. EventSource cannot send an Authorization header, so the console reads
// the stream itself: SseParser implements the line format of the HTML standard
// (https://html.spec.whatwg.org/multipage/server-sent-events.html#event-stream-interpretation), and
// LiveConnection keeps one stream open with reconnects, backoff and a liveness watchdog.

import { ApiError, toApiError } from './api.ts';

export interface SseEvent {
  /** "message" when the server sent no event: field. */
  type: string;
  data: string;
  /** The last event ID seen on this stream ("" if none). */
  lastEventId: string;
}

export interface SseHandlers {
  onEvent(ev: SseEvent): void;
  onComment?(text: string): void;
  onRetry?(ms: number): void;
}

/** Incremental parser: feed decoded text in any chunking; events come out as they complete. */
export class SseParser {
  private buf = '';
  private sawFirstChunk = false;
  private pendingCR = false;
  private eventType = '';
  private data = '';
  private hasData = false;
  private lastEventId = '';

  constructor(private readonly handlers: SseHandlers) {}

  push(chunk: string): void {
    if (!this.sawFirstChunk && chunk.length > 0) {
      this.sawFirstChunk = true;
      if (chunk.charCodeAt(0) === 0xfeff) chunk = chunk.slice(1);
    }
    // A CR that ended the previous chunk already ended its line; a LF right after it belongs to it.
    if (this.pendingCR) {
      this.pendingCR = false;
      if (chunk.startsWith('\n')) chunk = chunk.slice(1);
    }
    this.buf += chunk;
    let start = 0;
    for (let i = 0; i < this.buf.length; i++) {
      const c = this.buf.charCodeAt(i);
      if (c !== 0x0a && c !== 0x0d) continue;
      this.line(this.buf.slice(start, i));
      if (c === 0x0d) {
        if (i + 1 < this.buf.length) {
          if (this.buf.charCodeAt(i + 1) === 0x0a) i++;
        } else {
          this.pendingCR = true;
        }
      }
      start = i + 1;
    }
    this.buf = this.buf.slice(start);
  }

  /** End of stream: an event not yet ended by a blank line is discarded, as the standard says. */
  end(): void {
    this.buf = '';
    this.eventType = '';
    this.data = '';
    this.hasData = false;
  }

  private line(line: string): void {
    if (line === '') {
      this.dispatch();
      return;
    }
    if (line.startsWith(':')) {
      this.handlers.onComment?.(line.slice(1).replace(/^ /, ''));
      return;
    }
    const colon = line.indexOf(':');
    const field = colon < 0 ? line : line.slice(0, colon);
    let value = colon < 0 ? '' : line.slice(colon + 1);
    if (value.startsWith(' ')) value = value.slice(1);
    switch (field) {
      case 'event':
        this.eventType = value;
        break;
      case 'data':
        this.data += value + '\n';
        this.hasData = true;
        break;
      case 'id':
        if (!value.includes('\0')) this.lastEventId = value;
        break;
      case 'retry':
        if (/^\d+$/.test(value)) this.handlers.onRetry?.(Number(value));
        break;
      default:
        break; // Unknown fields are ignored.
    }
  }

  private dispatch(): void {
    if (!this.hasData) {
      this.eventType = '';
      return;
    }
    const ev: SseEvent = {
      type: this.eventType || 'message',
      data: this.data.endsWith('\n') ? this.data.slice(0, -1) : this.data,
      lastEventId: this.lastEventId,
    };
    this.eventType = '';
    this.data = '';
    this.hasData = false;
    this.handlers.onEvent(ev);
  }
}

export type LiveState = 'connecting' | 'connected' | 'disconnected';

export interface LiveOptions {
  /** Path with query, e.g. /api/v1/events?topics=system,audit */
  path: string;
  token: () => string | null;
  onState(state: LiveState, detail: { retryInMs?: number; error?: ApiError | Error }): void;
  onEvent(ev: SseEvent): void;
  /** The server said 401: the token is no longer valid. The connection stops. */
  onUnauthorized(): void;
  /** No bytes at all (not even a ping) for this long means the stream is dead. Default 45 s. */
  idleTimeoutMs?: number;
  minBackoffMs?: number;
  maxBackoffMs?: number;
}

/** One live stream: connecting → connected (after "hello") → disconnected → reconnect with backoff. */
export class LiveConnection {
  private stopped = true;
  private abort: AbortController | null = null;
  private wake: (() => void) | null = null;
  private attempt = 0;
  private baseBackoffMs: number;
  private readonly onOnline = (): void => this.wake?.();

  constructor(private readonly opts: LiveOptions) {
    this.baseBackoffMs = opts.minBackoffMs ?? 1000;
  }

  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    window.addEventListener('online', this.onOnline);
    void this.loop();
  }

  stop(): void {
    this.stopped = true;
    window.removeEventListener('online', this.onOnline);
    this.abort?.abort();
    this.wake?.();
  }

  private async loop(): Promise<void> {
    while (!this.stopped) {
      this.opts.onState('connecting', {});
      let error: ApiError | Error | undefined;
      try {
        await this.once();
      } catch (e) {
        error = e instanceof Error ? e : new Error(String(e));
      }
      if (this.stopped) break;
      if (error instanceof ApiError && error.status === 401) {
        this.stop();
        this.opts.onUnauthorized();
        break;
      }
      const max = this.opts.maxBackoffMs ?? 30000;
      const exp = Math.min(max, this.baseBackoffMs * 2 ** Math.min(this.attempt, 10));
      const delay = Math.round(exp / 2 + Math.random() * (exp / 2));
      this.attempt++;
      this.opts.onState('disconnected', error ? { retryInMs: delay, error } : { retryInMs: delay });
      await this.sleep(delay);
    }
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = window.setTimeout(done, ms);
      function done(): void {
        window.clearTimeout(timer);
        resolve();
      }
      this.wake = () => {
        this.wake = null;
        done();
      };
    });
  }

  /** One connection, until the stream ends or fails. */
  private async once(): Promise<void> {
    const abort = new AbortController();
    this.abort = abort;
    const idleMs = this.opts.idleTimeoutMs ?? 45000;
    let idleTimer = 0;
    const kick = (): void => {
      window.clearTimeout(idleTimer);
      idleTimer = window.setTimeout(() => abort.abort(), idleMs);
    };
    kick();
    try {
      const headers: Record<string, string> = { Accept: 'text/event-stream' };
      const token = this.opts.token();
      if (token) headers['Authorization'] = `Bearer ${token}`;
      const res = await fetch(this.opts.path, {
        headers,
        cache: 'no-store',
        credentials: 'same-origin',
        signal: abort.signal,
      });
      if (!res.ok) throw await toApiError(res);
      if (!(res.headers.get('Content-Type') ?? '').startsWith('text/event-stream') || !res.body) {
        throw new Error('not an event stream');
      }
      const parser = new SseParser({
        onEvent: (ev) => {
          if (ev.type === 'hello') {
            this.attempt = 0;
            this.opts.onState('connected', {});
          }
          this.opts.onEvent(ev);
        },
        onRetry: (ms) => {
          this.baseBackoffMs = Math.max(250, ms);
        },
      });
      const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        kick();
        parser.push(value);
      }
      parser.end();
    } finally {
      window.clearTimeout(idleTimer);
      abort.abort();
      if (this.abort === abort) this.abort = null;
    }
  }
}
