// Typed client of the officer routes of the reports module (modules/reports/README.md, "Officer routes").
// Categories and stations are fetched once per sign-in and shared by the reports pages.

import { requestJson } from '../../../shared/api.ts';
import type { Api } from '../../session.ts';
import { bytesToDataUrl, filterQuery, type QueueFilter } from './logic.ts';

export interface Deadline {
  amount: number;
  unit: string;
  text_vi?: string;
  text_en?: string;
  legal_basis: string;
  extension?: string;
  confirmed: boolean;
  note?: string;
}

export interface Category {
  code: string;
  name_vi: string;
  name_en: string;
  description_vi: string;
  description_en: string;
  group: string;
  anonymous_allowed: boolean;
  handled_by?: string;
  deadline: Deadline;
}

export interface Station {
  id: string;
  name_vi: string;
  name_en: string;
  kind: string;
  lat: number;
  lon: number;
}

export interface Suggestion {
  id: number;
  distance_m: number;
  age_h: number;
  reason_vi: string;
  reason_en: string;
}

export interface ReportSummary {
  id: number;
  code: string;
  category: string;
  status: string;
  unit_id: string;
  assigned_to: string;
  channel?: string;
  received_at: string;
  due_at: string;
  updated_at?: string;
  due_state: 'on_track' | 'due_soon' | 'overdue' | 'done' | string;
  lat: number | null;
  lon: number | null;
  address: string;
  anonymous?: boolean;
  has_photos: boolean;
  duplicate_of: number | null;
  suggestions: Suggestion[];
}

export interface HistoryEntry {
  id: number;
  at: string;
  kind: string;
  actor: string;
  from_status: string;
  to_status: string;
  text: string;
  public: boolean;
}

export interface Report extends ReportSummary {
  description: string;
  occurred_at: string | null;
  status_reason: string;
  unit_reason_vi?: string;
  unit_reason_en?: string;
  contact: { name: string; phone: string; email: string };
  language?: string;
  resolved_at: string | null;
  closed_at: string | null;
  photos: number[];
  history: HistoryEntry[];
}

export interface Stats {
  from: string;
  to: string;
  total: number;
  by_category: { key: string; count: number }[];
  by_unit: { key: string; count: number }[];
  by_status: { key: string; count: number }[];
  median_resolve_h: number | null;
  share_overdue: number;
}

export class ReportsApi {
  private categoriesP: Promise<Category[]> | null = null;
  private unitsP: Promise<Station[]> | null = null;

  constructor(readonly api: Api) {}

  /** The public list of categories (no token needed, none sent). */
  categories(): Promise<Category[]> {
    if (!this.categoriesP) {
      const p = requestJson<{ categories: Category[] }>('/api/v1/reports/categories')
        .then((r) => (Array.isArray(r?.categories) ? r.categories : []));
      this.categoriesP = p;
      p.catch(() => {
        if (this.categoriesP === p) this.categoriesP = null;
      });
    }
    return this.categoriesP;
  }

  units(): Promise<Station[]> {
    if (!this.unitsP) {
      const p = this.api.json<{ units: Station[] }>('/api/v1/reports/units')
        .then((r) => (Array.isArray(r?.units) ? r.units : []));
      this.unitsP = p;
      p.catch(() => {
        if (this.unitsP === p) this.unitsP = null;
      });
    }
    return this.unitsP;
  }

  async list(filter: QueueFilter, limit = 100, offset = 0): Promise<{ reports: ReportSummary[]; total: number }> {
    const r = await this.api.json<{ reports: ReportSummary[]; total: number }>(`/api/v1/reports?${filterQuery(filter, limit, offset)}`);
    const reports = Array.isArray(r?.reports) ? r.reports : [];
    return { reports, total: Number.isFinite(r?.total) ? r.total : reports.length };
  }

  /** Personal data: needs a purpose. */
  report(id: number, purpose: string | null): Promise<Report> {
    return this.api.json<Report>(`/api/v1/reports/${id}`, { purpose });
  }

  /** Personal data: a photo (always a plain JPEG) as a data: URL for an <img>. */
  async photo(id: number, photoId: number, purpose: string | null): Promise<string> {
    const res = await this.api.raw(`/api/v1/reports/${id}/photos/${photoId}`, { purpose, accept: 'image/jpeg' });
    const bytes = new Uint8Array(await res.arrayBuffer());
    return bytesToDataUrl(bytes, 'image/jpeg');
  }

  setStatus(id: number, status: string, details: { reason?: string; forwarded_to?: string } = {}): Promise<ReportSummary> {
    const body: Record<string, string> = { status };
    if (details.reason) body['reason'] = details.reason;
    if (details.forwarded_to) body['forwarded_to'] = details.forwarded_to;
    return this.api.json<ReportSummary>(`/api/v1/reports/${id}/status`, { method: 'POST', body });
  }

  reply(id: number, text: string): Promise<{ id: number; at: string; text: string }> {
    return this.api.json(`/api/v1/reports/${id}/replies`, { method: 'POST', body: { text } });
  }

  note(id: number, text: string): Promise<{ id: number; at: string; text: string }> {
    return this.api.json(`/api/v1/reports/${id}/notes`, { method: 'POST', body: { text } });
  }

  assign(id: number, to: { unit_id?: string; officer?: string }): Promise<ReportSummary> {
    const body: Record<string, string> = {};
    if (to.unit_id) body['unit_id'] = to.unit_id;
    if (to.officer) body['officer'] = to.officer;
    return this.api.json<ReportSummary>(`/api/v1/reports/${id}/assign`, { method: 'POST', body });
  }

  markDuplicate(id: number, of: number): Promise<ReportSummary> {
    return this.api.json<ReportSummary>(`/api/v1/reports/${id}/duplicate`, { method: 'POST', body: { of } });
  }

  stats(from: string, to: string): Promise<Stats> {
    const q = new URLSearchParams({ from, to });
    return this.api.json<Stats>(`/api/v1/reports/stats?${q.toString()}`);
  }
}

const clients = new WeakMap<Api, ReportsApi>();

/** One client per signed-in session (the Api object lives as long as the session). */
export function reportsApi(api: Api): ReportsApi {
  let c = clients.get(api);
  if (!c) {
    c = new ReportsApi(api);
    clients.set(api, c);
  }
  return c;
}
