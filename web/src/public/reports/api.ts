// The citizen routes of the reports module (modules/reports/README.md, "Citizen routes"): no account.

import { ApiError, NETWORK_ERROR, requestJson, toApiError } from '../../shared/api.ts';
import { m } from '../../shared/i18n.ts';
import type { CategoryInfo, DeadlineInfo } from './logic.ts';

export interface Challenge {
  token: string;
  bits: number;
  expires_at: string;
}

export interface FiledReport {
  code: string;
  status: string;
  received_at?: string;
  due_at: string;
  deadline: DeadlineInfo;
  lookup: 'phone_last4' | 'secret' | string;
  lookup_vi?: string;
  lookup_en?: string;
}

export interface CitizenView {
  code: string;
  category: string;
  category_vi?: string;
  category_en?: string;
  status: string;
  status_label_vi: string;
  status_label_en: string;
  status_reason: string;
  received_at: string;
  due_at: string;
  updated_at: string;
  deadline?: DeadlineInfo | null;
  history: { at: string; status: string; text: string }[];
  replies: { at: string; text: string }[];
}

let categoriesP: Promise<CategoryInfo[]> | null = null;

/** GET /api/v1/reports/categories, once per page load. */
export function categories(): Promise<CategoryInfo[]> {
  if (!categoriesP) {
    const p = requestJson<{ categories: CategoryInfo[] }>('/api/v1/reports/categories')
      .then((r) => (Array.isArray(r?.categories) ? r.categories : []));
    categoriesP = p;
    p.catch(() => {
      if (categoriesP === p) categoriesP = null;
    });
  }
  return categoriesP;
}

export function challenge(): Promise<Challenge> {
  return requestJson<Challenge>('/api/v1/reports/challenge');
}

/** POST /api/v1/reports as multipart/form-data (the browser sets the boundary). */
export async function fileReport(form: FormData, signal?: AbortSignal): Promise<FiledReport> {
  let res: Response;
  try {
    const init: RequestInit = {
      method: 'POST',
      body: form,
      headers: { Accept: 'application/json' },
      cache: 'no-store',
      credentials: 'same-origin',
    };
    if (signal) init.signal = signal;
    res = await fetch('/api/v1/reports', init);
  } catch (e) {
    if (e instanceof DOMException && e.name === 'AbortError') throw e;
    throw new ApiError(0, {}, undefined, NETWORK_ERROR);
  }
  if (!res.ok) throw await toApiError(res);
  try {
    return (await res.json()) as FiledReport;
  } catch {
    throw new ApiError(res.status, {}, undefined, m('Máy chủ trả lời không đúng định dạng', 'Unexpected response from the server'));
  }
}

export function lookup(code: string, secret: string): Promise<CitizenView> {
  return requestJson<CitizenView>('/api/v1/reports/lookup', { method: 'POST', body: { code, secret } });
}
