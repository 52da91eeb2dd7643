// Pure rules of the reports console pages (modules/reports/README.md): who sees what, routes, the workflow's
// allowed moves, the queue's filter and order, live events, number formatting. No DOM and no imports, so
// `npm test` runs these in Node (test/reports.test.mjs).

// ---- roles and live topics ----

export const REPORT_ROLES = ['clerk', 'investigator', 'supervisor'] as const;

export function isReportsRole(role: string): boolean {
  return (REPORT_ROLES as readonly string[]).includes(role);
}
/** GET /api/v1/reports/stats, and the deadline flags. */
export function canReadReportStats(role: string): boolean {
  return role === 'supervisor';
}
export function hearsDeadlines(role: string): boolean {
  return role === 'supervisor';
}

/** The topics a role subscribes to for this capability; any other role gets none (the server would refuse). */
export function reportsTopics(role: string): string[] {
  if (!isReportsRole(role)) return [];
  const topics = ['reports'];
  if (hearsDeadlines(role)) topics.push('reports.deadlines');
  return topics;
}

// ---- hash routes: #/reports[/queue | /stats | /report/<id>] (the leading slash is optional) ----

export type ReportsView = 'queue' | 'report' | 'stats';
export interface ReportsRoute {
  view: ReportsView | null;
  id: number | null;
}

export function parseReportsRoute(hash: string): ReportsRoute {
  const parts = hash.replace(/^#\/?/, '').split('?')[0]!.split('/').filter((p) => p !== '');
  if (parts[0] !== 'reports') return { view: null, id: null };
  const v = parts[1] ?? '';
  if (v === 'queue' || v === 'stats') return { view: v, id: null };
  if (v === 'report' && /^\d{1,15}$/.test(parts[2] ?? '')) return { view: 'report', id: Number(parts[2]) };
  return { view: null, id: null };
}

export function reportsHash(view: ReportsView, id?: number): string {
  return view === 'report' && id !== undefined ? `#/reports/report/${id}` : `#/reports/${view}`;
}

/** Tabs a role may open, in order (a report's detail is reached from the queue). */
export function reportViewsFor(role: string): ReportsView[] {
  if (!isReportsRole(role)) return [];
  return canReadReportStats(role) ? ['queue', 'stats'] : ['queue'];
}

export function reportViewAllowed(role: string, view: ReportsView): boolean {
  return view === 'report' ? isReportsRole(role) : reportViewsFor(role).includes(view);
}

// ---- the workflow (modules/reports/src/workflow.cpp) ----

export const REPORT_STATUSES = ['received', 'accepted', 'in_progress', 'forwarded', 'resolved', 'rejected', 'closed'] as const;
export const OPEN_STATUSES = ['received', 'accepted', 'in_progress', 'forwarded'] as const;

export interface StatusMove {
  to: string;
  /** What the officer must give with the move: a reason the citizen reads, or where the report goes. */
  needs: 'reason' | 'forwarded_to' | null;
}

const NEXT: Record<string, string[]> = {
  received: ['accepted', 'rejected', 'forwarded'],
  accepted: ['in_progress', 'forwarded', 'rejected'],
  in_progress: ['resolved', 'forwarded'],
  forwarded: ['accepted', 'closed'],
  resolved: ['closed', 'in_progress'],
  rejected: ['closed'],
  closed: [],
};

/** The status changes the workflow allows from `status`, with what each needs. */
export function nextStatuses(status: string): StatusMove[] {
  return (NEXT[status] ?? []).map((to) => ({
    to,
    needs: to === 'rejected' ? 'reason' : to === 'forwarded' ? 'forwarded_to' : null,
  }));
}

export function isOpenStatus(status: string): boolean {
  return (OPEN_STATUSES as readonly string[]).includes(status);
}

// ---- the queue ----

export interface QueueReport {
  id: number;
  code?: string;
  category: string;
  status: string;
  unit_id?: string | null;
  received_at?: string | null;
  due_at?: string | null;
  updated_at?: string | null;
  due_state?: string | null;
}

export type DueFilter = '' | 'overdue' | 'due_soon';

export interface QueueFilter {
  /** "" (all), "open", or a status code. */
  status: string;
  category: string;
  unit: string;
  due: DueFilter;
}

export const DEFAULT_FILTER: QueueFilter = { status: 'open', category: '', unit: '', due: '' };

/** The query string of GET /api/v1/reports for a filter (empty filters left out). */
export function filterQuery(f: QueueFilter, limit: number, offset = 0): string {
  const q: string[] = [];
  if (f.status) q.push(`status=${encodeURIComponent(f.status)}`);
  if (f.category) q.push(`category=${encodeURIComponent(f.category)}`);
  if (f.unit) q.push(`unit=${encodeURIComponent(f.unit)}`);
  if (f.due) q.push(`due=${f.due}`);
  q.push(`limit=${limit}`);
  if (offset > 0) q.push(`offset=${offset}`);
  return q.join('&');
}

function ms(iso: string | null | undefined): number {
  const t = Date.parse(iso ?? '');
  return Number.isNaN(t) ? Number.POSITIVE_INFINITY : t;
}

/** The due state to show: the server's, or overdue when an open report's due time has passed since. */
export function dueState(r: QueueReport, now: number): 'on_track' | 'due_soon' | 'overdue' | 'done' {
  if (!isOpenStatus(r.status)) return 'done';
  if (ms(r.due_at) <= now) return 'overdue';
  if (r.due_state === 'overdue' || r.due_state === 'due_soon') return r.due_state;
  return 'on_track';
}

/** Does a report (from a live event) belong in the queue under this filter? */
export function matchesFilter(r: QueueReport, f: QueueFilter, now: number): boolean {
  if (f.status === 'open' ? !isOpenStatus(r.status) : f.status !== '' && r.status !== f.status) return false;
  if (f.category && r.category !== f.category) return false;
  if (f.unit && (r.unit_id ?? '') !== f.unit) return false;
  if (f.due) {
    const d = dueState(r, now);
    if (f.due === 'overdue' ? d !== 'overdue' : d !== 'due_soon') return false;
  }
  return true;
}

/** Open reports first by due time (the most urgent on top), then the others, most recently changed first. */
export function sortReports<T extends QueueReport>(items: Iterable<T>): T[] {
  return [...items].sort((a, b) => {
    const oa = isOpenStatus(a.status) ? 0 : 1;
    const ob = isOpenStatus(b.status) ? 0 : 1;
    if (oa !== ob) return oa - ob;
    if (oa === 0) return ms(a.due_at) - ms(b.due_at) || ms(a.received_at) - ms(b.received_at) || a.id - b.id;
    const ua = Date.parse(a.updated_at ?? a.received_at ?? '') || 0;
    const ub = Date.parse(b.updated_at ?? b.received_at ?? '') || 0;
    return ub - ua || b.id - a.id;
  });
}

// ---- live events (topics reports, reports.deadlines) ----

export type ReportsEvent =
  | { kind: 'report'; type: string; report: Record<string, unknown> & QueueReport }
  | { kind: 'deadline'; type: 'report.due_soon' | 'report.overdue'; report: Record<string, unknown> & QueueReport };

function obj(v: unknown): Record<string, unknown> | null {
  return v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : null;
}

/** A live event of the reports topics in a typed form; null for anything else. */
export function parseReportsEvent(topic: string, data: unknown): ReportsEvent | null {
  const d = obj(data);
  if (!d) return null;
  const type = typeof d['type'] === 'string' ? d['type'] : '';
  // The server sends {"type", "report": ReportSummary}; a bare summary is read too.
  const r = obj(d['report']) ?? (typeof d['id'] === 'number' ? d : null);
  if (!r || typeof r['id'] !== 'number' || typeof r['status'] !== 'string') return null;
  const report = r as Record<string, unknown> & QueueReport;
  if (topic === 'reports' && (type === 'report.created' || type === 'report.updated')) return { kind: 'report', type, report };
  if (topic === 'reports.deadlines' && (type === 'report.due_soon' || type === 'report.overdue')) {
    return { kind: 'deadline', type, report };
  }
  return null;
}

// ---- formatting ----

/** 36.5 → "1 ngày 12 giờ" / "1 d 12 h"; under an hour in minutes. */
export function formatHours(hours: number | null | undefined, lang: 'vi' | 'en'): string {
  if (hours === null || hours === undefined || !Number.isFinite(hours)) return '—';
  const totalMin = Math.max(0, Math.round(hours * 60));
  const d = Math.floor(totalMin / 1440);
  const hh = Math.floor((totalMin % 1440) / 60);
  const mm = totalMin % 60;
  const u = lang === 'vi' ? { d: 'ngày', h: 'giờ', m: 'phút' } : { d: 'd', h: 'h', m: 'min' };
  if (d > 0) return hh > 0 ? `${d} ${u.d} ${hh} ${u.h}` : `${d} ${u.d}`;
  if (hh > 0) return mm > 0 ? `${hh} ${u.h} ${mm} ${u.m}` : `${hh} ${u.h}`;
  return `${mm} ${u.m}`;
}

/** 0.125 → "12,5%" (vi) / "12.5%" (en); whole numbers without decimals. */
export function formatShare(share: number | null | undefined, lang: 'vi' | 'en'): string {
  if (share === null || share === undefined || !Number.isFinite(share)) return '—';
  const pct = Math.round(share * 1000) / 10;
  const s = Number.isInteger(pct) ? String(pct) : pct.toFixed(1);
  return `${lang === 'vi' ? s.replace('.', ',') : s}%`;
}

/** Time left until due (negative when overdue), as "3 giờ 20 phút" / "quá 2 giờ". */
export function dueIn(dueAt: string | null | undefined, now: number, lang: 'vi' | 'en'): string {
  const t = ms(dueAt);
  if (!Number.isFinite(t)) return '—';
  const h = (t - now) / 3_600_000;
  const text = formatHours(Math.abs(h), lang);
  if (h >= 0) return lang === 'vi' ? `còn ${text}` : `${text} left`;
  return lang === 'vi' ? `quá ${text}` : `${text} over`;
}

/** 120 → "120 m", 2100 → "2,1 km" (vi) / "2.1 km" (en). */
export function formatDistance(meters: number | null | undefined, lang: 'vi' | 'en'): string {
  if (meters === null || meters === undefined || !Number.isFinite(meters)) return '—';
  if (meters < 1000) return `${Math.round(meters)} m`;
  const km = (meters / 1000).toFixed(1);
  return `${lang === 'vi' ? km.replace('.', ',') : km} km`;
}

/** The bytes of a photo as a data: URL (the page policy allows data: images, not blob:). */
export function bytesToDataUrl(bytes: Uint8Array, type = 'image/jpeg'): string {
  const chunk = 0x8000;
  let bin = '';
  for (let i = 0; i < bytes.length; i += chunk) {
    bin += String.fromCharCode(...bytes.subarray(i, i + chunk));
  }
  return `data:${type};base64,${btoa(bin)}`;
}
