// Typed client of the routes of the identity module (/api/v1/identity...). A verification and the list of recent
// ones are personal data: they carry the purpose the officer stated, in the header X-Purpose when it is plain ASCII
// and as ?purpose= otherwise (purposeTransport in logic.ts), so these calls go through fetch here rather than
// through Api (whose requests send the purpose only as ?purpose=).

import { ApiError, NETWORK_ERROR, toApiError } from '../../../shared/api.ts';
import { m } from '../../../shared/i18n.ts';
import type { Api } from '../../session.ts';
import {
  normalizeReport,
  parseHistory,
  parseReaders,
  purposeTransport,
  withPurposeQuery,
  type HistoryRow,
  type Reader,
  type Report,
  type VerifyBody,
} from './logic.ts';

const BAD_RESPONSE = m('Máy chủ trả lời không đúng định dạng', 'Unexpected response from the server');

export class IdentityApi {
  constructor(readonly api: Api) {}

  async readers(): Promise<{ readers: Reader[]; pcscError: string | null }> {
    return parseReaders(await this.api.json<unknown>('/api/v1/identity/readers'));
  }

  /** Reads the card (or checks the dump) and verifies it: resolves with the report the server stored. */
  async verify(body: VerifyBody, purpose: string, signal?: AbortSignal): Promise<Report> {
    return normalizeReport(await this.send('POST', '/api/v1/identity/verifications', purpose, body, signal));
  }

  /** The latest verifications; `purpose` may be empty (the server then says whether it needs one). */
  async history(limit: number, purpose: string): Promise<HistoryRow[]> {
    return parseHistory(await this.send('GET', `/api/v1/identity/verifications?limit=${limit}`, purpose));
  }

  private async send(method: 'GET' | 'POST', path: string, purpose: string, body?: unknown, signal?: AbortSignal): Promise<unknown> {
    const headers: Record<string, string> = { Accept: 'application/json', Authorization: `Bearer ${this.api.token}` };
    let url = path;
    if (purpose.trim()) {
      const how = purposeTransport(purpose);
      if ('header' in how) headers['X-Purpose'] = how.header;
      else url = withPurposeQuery(path, how.query);
    }
    const init: RequestInit = { method, headers, cache: 'no-store', credentials: 'same-origin' };
    if (body !== undefined) {
      headers['Content-Type'] = 'application/json';
      init.body = JSON.stringify(body);
    }
    if (signal) init.signal = signal;
    let res: Response;
    try {
      res = await fetch(url, init);
    } catch (e) {
      if (e instanceof DOMException && e.name === 'AbortError') throw e;
      throw new ApiError(0, {}, undefined, NETWORK_ERROR);
    }
    if (!res.ok) {
      const err = await toApiError(res);
      if (err.status === 401) this.api.unauthorized();
      throw err;
    }
    try {
      return await res.json();
    } catch {
      throw new ApiError(res.status, {}, undefined, BAD_RESPONSE);
    }
  }
}

const clients = new WeakMap<Api, IdentityApi>();

/** One client per signed-in session (the Api object lives as long as the session). */
export function identityApi(api: Api): IdentityApi {
  let c = clients.get(api);
  if (!c) {
    c = new IdentityApi(api);
    clients.set(api, c);
  }
  return c;
}
