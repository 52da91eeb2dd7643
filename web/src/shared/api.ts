// HTTP calls to the platform API. Every error the server sends is RFC 9457 problem JSON; errors that
// do not come from the server (network down, a proxy's HTML page) are turned into the same shape so the
// UI has a single way to show them.

import { m, type Msg } from './i18n.ts';

export interface Problem {
  type?: string;
  title?: string;
  status?: number;
  detail?: string;
  field?: string;
  instance?: string;
  request_id?: string;
}

export class ApiError extends Error {
  readonly status: number;
  readonly problem: Problem;
  /** Seconds to wait, from Retry-After (429/503), if the server sent it. */
  readonly retryAfter: number | undefined;
  /** Text to show when the server gave no problem JSON (network failure, non-JSON body). */
  readonly localTitle: Msg | undefined;

  constructor(status: number, problem: Problem, retryAfter?: number, localTitle?: Msg) {
    super(problem.title ?? localTitle?.en ?? `HTTP ${status}`);
    this.name = 'ApiError';
    this.status = status;
    this.problem = problem;
    this.retryAfter = retryAfter;
    this.localTitle = localTitle;
  }
}

export const NETWORK_ERROR = m('Không kết nối được máy chủ', 'Cannot reach the server');
const BAD_RESPONSE = m('Máy chủ trả lời không đúng định dạng', 'Unexpected response from the server');

/** Retry-After is either delay-seconds or an HTTP date. */
export function parseRetryAfter(value: string | null, now = Date.now()): number | undefined {
  if (value === null) return undefined;
  const v = value.trim();
  if (/^\d+$/.test(v)) return Number(v);
  const at = Date.parse(v);
  if (Number.isNaN(at)) return undefined;
  return Math.max(0, Math.ceil((at - now) / 1000));
}

export interface RequestOptions {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  body?: unknown;
  token?: string | null;
  /** Purpose of a read of personal data; sent as ?purpose= (UTF-8, percent-encoded). */
  purpose?: string | null;
  signal?: AbortSignal;
  accept?: string;
}

export function withPurpose(path: string, purpose: string | null | undefined): string {
  if (!purpose) return path;
  return `${path}${path.includes('?') ? '&' : '?'}purpose=${encodeURIComponent(purpose)}`;
}

/** Sends a request; resolves with the Response when it is 2xx, else throws ApiError. */
export async function request(path: string, opts: RequestOptions = {}): Promise<Response> {
  const headers: Record<string, string> = { Accept: opts.accept ?? 'application/json' };
  if (opts.token) headers['Authorization'] = `Bearer ${opts.token}`;
  let body: string | undefined;
  if (opts.body !== undefined) {
    headers['Content-Type'] = 'application/json';
    body = JSON.stringify(opts.body);
  }
  let res: Response;
  try {
    const init: RequestInit = {
      method: opts.method ?? 'GET',
      headers,
      cache: 'no-store',
      credentials: 'same-origin',
    };
    if (body !== undefined) init.body = body;
    if (opts.signal) init.signal = opts.signal;
    res = await fetch(withPurpose(path, opts.purpose), init);
  } catch (e) {
    if (e instanceof DOMException && e.name === 'AbortError') throw e;
    throw new ApiError(0, {}, undefined, NETWORK_ERROR);
  }
  if (res.ok) return res;
  throw await toApiError(res);
}

export async function toApiError(res: Response): Promise<ApiError> {
  const retryAfter = parseRetryAfter(res.headers.get('Retry-After'));
  let problem: Problem = { status: res.status };
  let fromServer = false;
  const ct = res.headers.get('Content-Type') ?? '';
  if (ct.includes('json')) {
    try {
      const parsed: unknown = await res.json();
      if (parsed !== null && typeof parsed === 'object') {
        problem = { status: res.status, ...(parsed as Problem) };
        fromServer = typeof problem.title === 'string';
      }
    } catch {
      // Fall through to the local title.
    }
  }
  const local = fromServer ? undefined : m(`Lỗi HTTP ${res.status}`, `HTTP error ${res.status}`);
  return new ApiError(res.status, problem, retryAfter, local);
}

/** GET/POST returning JSON. A 204 resolves to undefined. */
export async function requestJson<T>(path: string, opts: RequestOptions = {}): Promise<T> {
  const res = await request(path, opts);
  if (res.status === 204) return undefined as T;
  try {
    return (await res.json()) as T;
  } catch {
    throw new ApiError(res.status, {}, undefined, BAD_RESPONSE);
  }
}
