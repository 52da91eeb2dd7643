// Pure rules of the dispatch pages: who sees what, routes, the queue order, the unit status table, reading
// what a call-taker pastes (AML SMS, "lat, lon"), and number formatting. No DOM and no imports, so
// `npm test` runs these in Node (test/dispatch.test.mjs).

// ---- roles and live topics (modules/dispatch/README.md, "Roles" and "Live events") ----

export const DISPATCH_ROLES = ['call_taker', 'dispatcher', 'supervisor'] as const;

export function isDispatchRole(role: string): boolean {
  return (DISPATCH_ROLES as readonly string[]).includes(role);
}
/** POST /api/v1/calls and …/link. */
export function canRecordCalls(role: string): boolean {
  return role === 'call_taker' || role === 'supervisor';
}
/** Acknowledge, assign, change unit status, close. */
export function canDispatch(role: string): boolean {
  return role === 'dispatcher' || role === 'supervisor';
}
/** GET /api/v1/dispatch/training/scenario and POST …/check. */
export function canTrain(role: string): boolean {
  return role === 'call_taker' || role === 'supervisor';
}
export function canReadStats(role: string): boolean {
  return role === 'supervisor';
}
export function hearsEscalations(role: string): boolean {
  return role === 'dispatcher' || role === 'supervisor';
}

/** The dispatch topics a role may subscribe to; any other role gets none (the server would refuse them). */
export function dispatchTopics(role: string): string[] {
  if (!isDispatchRole(role)) return [];
  const topics = ['dispatch', 'dispatch.positions'];
  if (hearsEscalations(role)) topics.push('dispatch.escalations');
  return topics;
}

// ---- hash routes: #/dispatch/<view>[/<id>] (the leading slash is optional) ----

export type DispatchView = 'intake' | 'board' | 'incident' | 'units' | 'stats' | 'training';
export interface DispatchRoute {
  view: DispatchView | null;
  id: number | null;
}

const VIEWS: readonly DispatchView[] = ['intake', 'board', 'incident', 'units', 'stats', 'training'];

export function parseDispatchRoute(hash: string): DispatchRoute {
  const parts = hash.replace(/^#\/?/, '').split(/[?]/)[0]!.split('/').filter((p) => p !== '');
  if (parts[0] !== 'dispatch') return { view: null, id: null };
  const view = (VIEWS as readonly string[]).includes(parts[1] ?? '') ? (parts[1] as DispatchView) : null;
  if (view !== 'incident') return { view, id: null };
  const id = /^\d{1,15}$/.test(parts[2] ?? '') ? Number(parts[2]) : null;
  return id === null ? { view: null, id: null } : { view, id };
}

export function dispatchHash(view: DispatchView, id?: number): string {
  return view === 'incident' && id !== undefined ? `#/dispatch/incident/${id}` : `#/dispatch/${view}`;
}

/** The views a role may open, in tab order. */
export function viewsFor(role: string): DispatchView[] {
  if (!isDispatchRole(role)) return [];
  const v: DispatchView[] = [];
  if (canRecordCalls(role)) v.push('intake');
  v.push('board', 'units');
  if (canReadStats(role)) v.push('stats');
  if (canTrain(role)) v.push('training');
  return v;
}

export function defaultView(role: string): DispatchView {
  return role === 'call_taker' ? 'intake' : 'board';
}

export function viewAllowed(role: string, view: DispatchView): boolean {
  return view === 'incident' ? isDispatchRole(role) : viewsFor(role).includes(view);
}

// ---- the queue of open incidents ----

export interface QueueIncident {
  id: number;
  priority: string;
  status: string;
  received_at?: string | null;
  created_at?: string | null;
  acknowledged_at?: string | null;
}

export function priorityRank(p: string | null | undefined): number {
  const m = /^P([1-4])$/.exec(p ?? '');
  return m ? Number(m[1]) : 9;
}

function startMs(i: QueueIncident): number {
  const t = Date.parse(i.received_at ?? '') || Date.parse(i.created_at ?? '');
  return Number.isNaN(t) ? Number.POSITIVE_INFINITY : t;
}

export function isOpen(i: { status: string }): boolean {
  return i.status !== 'closed';
}

/** Open incidents, by priority (P1 first), then oldest first, then by id. */
export function sortQueue<T extends QueueIncident>(items: Iterable<T>): T[] {
  return [...items].filter(isOpen).sort((a, b) =>
    priorityRank(a.priority) - priorityRank(b.priority) || startMs(a) - startMs(b) || a.id - b.id);
}

export function isUnacknowledgedP1(i: QueueIncident): boolean {
  return i.priority === 'P1' && !i.acknowledged_at && isOpen(i);
}

/** Whole seconds since the incident's call was received (0 when unknown or in the future). */
export function ageSeconds(i: QueueIncident, now: number): number {
  const start = startMs(i);
  return Number.isFinite(start) ? Math.max(0, Math.floor((now - start) / 1000)) : 0;
}

// ---- unit status changes (modules/dispatch/src/units.hpp) ----

export const UNIT_STATUSES = ['available', 'dispatched', 'en_route', 'on_scene', 'clearing', 'out_of_service'] as const;

export interface StatusMove {
  to: string;
  /** A move back to available that cancels the assignment. */
  cancel: boolean;
}

const NEXT: Record<string, StatusMove[]> = {
  available: [{ to: 'out_of_service', cancel: false }],
  dispatched: [{ to: 'en_route', cancel: false }, { to: 'available', cancel: true }],
  en_route: [{ to: 'on_scene', cancel: false }, { to: 'available', cancel: true }],
  on_scene: [{ to: 'clearing', cancel: false }],
  clearing: [{ to: 'available', cancel: false }, { to: 'out_of_service', cancel: false }],
  out_of_service: [{ to: 'available', cancel: false }],
};

/** The status changes a dispatcher may ask for (dispatched is reached only by an assignment). */
export function nextStatuses(status: string): StatusMove[] {
  return NEXT[status] ?? [];
}

// ---- what the call-taker types or pastes into the location block ----

export type LocationMode = 'coords' | 'aml' | 'address';

/** An Advanced Mobile Location SMS starts with A"ML= (some gateways drop the quote). */
export function looksLikeAml(text: string): boolean {
  return /^\s*A"?ML=\d/i.test(text);
}

/** The key=value pairs of an AML message; the version is under "ML". */
export function parseAml(text: string): Record<string, string> | null {
  if (!looksLikeAml(text)) return null;
  const body = text.trim().replace(/^A"?/i, '');
  const out: Record<string, string> = {};
  for (const part of body.split(';')) {
    const eq = part.indexOf('=');
    if (eq <= 0) continue;
    const key = part.slice(0, eq).trim().toLowerCase();
    if (key) out[key] = part.slice(eq + 1).trim();
  }
  return out;
}

export interface AmlPreview {
  lat: number;
  lon: number;
  radius_m: number | null;
}

/** Position in an AML message, for a preview before sending (the server is the judge). */
export function amlPreview(text: string): AmlPreview | null {
  const kv = parseAml(text);
  if (!kv) return null;
  const lat = decimal(kv['lt'] ?? '');
  const lon = decimal(kv['lg'] ?? '');
  if (lat === null || lon === null || Math.abs(lat) > 90 || Math.abs(lon) > 180) return null;
  const rd = decimal(kv['rd'] ?? '');
  return { lat, lon, radius_m: rd !== null && rd >= 0 ? rd : null };
}

/** A number typed with a dot or a (Vietnamese) decimal comma; null when it is not one. */
export function decimal(text: string): number | null {
  let s = text.trim();
  if (/^[+-]?\d+,\d+$/.test(s)) s = s.replace(',', '.');
  if (!/^[+-]?(\d+(\.\d*)?|\.\d+)$/.test(s)) return null;
  const n = Number(s);
  return Number.isFinite(n) ? n : null;
}

/** "21.0285, 105.8542", "21.0285 105.8542" or "21,0285; 105,8542"; null unless both are in range. */
export function parseCoordinatePair(text: string): { lat: number; lon: number } | null {
  const s = text.trim();
  const m = /^([+-]?\d+(?:[.,]\d+)?)\s*[,;\s]\s*([+-]?\d+(?:[.,]\d+)?)$/.exec(s);
  if (!m) return null;
  const lat = decimal(m[1]!);
  const lon = decimal(m[2]!);
  if (lat === null || lon === null || Math.abs(lat) > 90 || Math.abs(lon) > 180) return null;
  return { lat, lon };
}

/** Which location mode pasted text belongs to. */
export function classifyLocationText(text: string): LocationMode {
  if (looksLikeAml(text)) return 'aml';
  if (parseCoordinatePair(text)) return 'coords';
  return 'address';
}

/** Caller number as E.164: spaces and separators dropped, a national 0… number made +84…, 00… made +…. */
export function normalizeCaller(text: string): string {
  const s = text.trim().replace(/[\s.\-()]/g, '');
  if (/^00\d+$/.test(s)) return `+${s.slice(2)}`;
  if (/^0\d{8,10}$/.test(s)) return `+84${s.slice(1)}`;
  return s;
}

/** The control of the intake form that a problem's `field` names. */
export type IntakeField =
  | 'line' | 'caller' | 'category' | 'description' | 'type' | 'received_at'
  | 'lat' | 'lon' | 'accuracy' | 'aml' | 'address' | 'location';

export function intakeFieldFor(field: string | null | undefined): IntakeField | null {
  const f = (field ?? '').trim();
  if (!f) return null;
  if (f === 'location.aml' || f.startsWith('location.aml.')) return 'aml';
  switch (f) {
    case 'line':
    case 'caller':
    case 'category':
    case 'description':
    case 'type':
    case 'received_at':
      return f;
    case 'location.lat':
      return 'lat';
    case 'location.lon':
      return 'lon';
    case 'location.accuracy_m':
      return 'accuracy';
    case 'location.address':
      return 'address';
    default:
      return f.startsWith('location') ? 'location' : null;
  }
}

/**
 * The control of the intake form that a refused training check names: the call is nested under "call", so
 * the server prefixes its fields ("call.caller", "call.location.aml.lt"); anything else (the scenario id) is
 * not a control of the form.
 */
export function trainingFieldFor(field: string | null | undefined): IntakeField | null {
  const f = (field ?? '').trim();
  return f.startsWith('call.') ? intakeFieldFor(f.slice('call.'.length)) : null;
}

/** The location mode a refused location field belongs to (null when any mode). */
export function modeOfField(f: IntakeField): LocationMode | null {
  if (f === 'lat' || f === 'lon' || f === 'accuracy') return 'coords';
  if (f === 'aml') return 'aml';
  if (f === 'address') return 'address';
  return null;
}

// ---- training ----

export type ScoreBand = 'excellent' | 'good' | 'fair' | 'poor';

/** The band of a training score (0..100): 90 and up excellent, 70 good, 50 fair, below that poor. */
export function scoreBand(score: number | null | undefined): ScoreBand {
  const s = typeof score === 'number' && Number.isFinite(score) ? score : 0;
  if (s >= 90) return 'excellent';
  if (s >= 70) return 'good';
  if (s >= 50) return 'fair';
  return 'poor';
}

/** A whole score between 0 and 100 (what the server sends, kept in range). */
export function clampScore(score: unknown): number {
  const n = typeof score === 'number' ? score : Number(score);
  return Number.isFinite(n) ? Math.min(100, Math.max(0, Math.round(n))) : 0;
}

/**
 * A caller number as a Vietnamese phone shows it: +84 mobile numbers in the national form "0912 345 678",
 * Hà Nội and Hồ Chí Minh City landlines "024 3826 4121"; anything else as it came.
 */
export function phoneDisplay(number: string | null | undefined): string {
  const s = (number ?? '').trim();
  const vn = /^\+84(\d+)$/.exec(s);
  if (!vn) return s;
  const d = vn[1]!;
  if (/^[35789]\d{8}$/.test(d)) return `0${d.slice(0, 3)} ${d.slice(3, 6)} ${d.slice(6)}`;
  if (/^2[48]\d{8}$/.test(d)) return `0${d.slice(0, 2)} ${d.slice(2, 6)} ${d.slice(6)}`;
  return s;
}

/**
 * A value of a training check item (expected or given) as text: a code as it is, a position as
 * "lat, lon" (5 decimals at most, about a metre), an address as written, both when both are there; "" for
 * nothing.
 */
export function trainingValueText(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (typeof v !== 'object' || Array.isArray(v)) return '';
  const o = v as Record<string, unknown>;
  const parts: string[] = [];
  if (typeof o['address'] === 'string' && o['address']) parts.push(o['address']);
  const deg = (n: number): string => String(Number(n.toFixed(5)));
  if (typeof o['lat'] === 'number' && typeof o['lon'] === 'number') parts.push(`${deg(o['lat'])}, ${deg(o['lon'])}`);
  return parts.join(' · ');
}

// ---- formatting ----

export type LangCode = 'vi' | 'en';

/** 65 → "1:05", 3725 → "1:02:05". */
export function formatClock(seconds: number): string {
  const s = Math.max(0, Math.floor(seconds));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const sec = String(s % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${sec}` : `${m}:${sec}`;
}

/** 312 → "5 phút 12 giây" / "5 min 12 s"; hours drop the seconds. */
export function formatDuration(seconds: number | null | undefined, lang: LangCode): string {
  if (seconds === null || seconds === undefined || !Number.isFinite(seconds)) return '—';
  const s = Math.max(0, Math.round(seconds));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const sec = s % 60;
  const u = lang === 'vi' ? { h: 'giờ', m: 'phút', s: 'giây' } : { h: 'h', m: 'min', s: 's' };
  if (h > 0) return m > 0 ? `${h} ${u.h} ${m} ${u.m}` : `${h} ${u.h}`;
  if (m > 0) return sec > 0 ? `${m} ${u.m} ${sec} ${u.s}` : `${m} ${u.m}`;
  return `${sec} ${u.s}`;
}

/** 120 → "120 m", 2100 → "2,1 km" (vi) / "2.1 km" (en). */
export function formatDistance(meters: number | null | undefined, lang: LangCode): string {
  if (meters === null || meters === undefined || !Number.isFinite(meters)) return '—';
  if (meters < 1000) return `${Math.round(meters)} m`;
  const km = (meters / 1000).toFixed(meters < 10000 ? 1 : 0);
  return `${lang === 'vi' ? km.replace('.', ',') : km} km`;
}

/** 0.824 → "82%". */
export function formatPercent(score: number | null | undefined): string {
  if (score === null || score === undefined || !Number.isFinite(score)) return '—';
  return `${Math.round(score * 100)}%`;
}

/** A Date as the value of <input type="datetime-local"> in local time ("2026-11-23T10:15"). */
export function toLocalInput(d: Date): string {
  const p = (n: number): string => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}T${p(d.getHours())}:${p(d.getMinutes())}`;
}

/** The value of a datetime-local input (local time) as RFC 3339 UTC; null when empty or invalid. */
export function fromLocalInput(value: string): string | null {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?$/.test(value)) return null;
  const d = new Date(value);
  return Number.isNaN(d.getTime()) ? null : d.toISOString();
}

// ---- reference data: GET /api/v1/dispatch/taxonomy, read leniently ----

export interface Coded {
  code: string;
  label_vi: string;
  label_en: string;
}
export interface CategoryInfo extends Coded {
  priority: string | null;
}
export interface Taxonomy {
  lines: Coded[];
  categories: CategoryInfo[];
  closureCodes: Coded[];
  unitKinds: Coded[];
  unitStatuses: Coded[];
  incidentStatuses: Coded[];
  areas: Coded[];
}

function str(v: unknown): string {
  return typeof v === 'string' ? v : typeof v === 'number' ? String(v) : '';
}

function coded(v: unknown, key?: string): Coded | null {
  if (typeof v === 'string' || typeof v === 'number') {
    const code = String(v);
    return { code, label_vi: code, label_en: code };
  }
  if (!v || typeof v !== 'object') return null;
  const o = v as Record<string, unknown>;
  const code = str(o['code']) || str(o['id']) || str(o['key']) || str(o['value']) || (key ?? '');
  if (!code) return null;
  const vi = str(o['label_vi']) || str(o['name_vi']) || str(o['vi']) || str(o['label']) || code;
  const en = str(o['label_en']) || str(o['name_en']) || str(o['en']) || vi;
  return { code, label_vi: vi, label_en: en };
}

function codedList(v: unknown): Coded[] {
  const out: Coded[] = [];
  if (Array.isArray(v)) {
    for (const item of v) {
      const c = coded(item);
      if (c) out.push(c);
    }
  } else if (v && typeof v === 'object') {
    // {"code": {...labels}} or {"code": "label"}
    for (const [k, item] of Object.entries(v as Record<string, unknown>)) {
      const c = typeof item === 'string' ? { code: k, label_vi: item, label_en: item } : coded(item, k);
      if (c) out.push(c);
    }
  }
  return out;
}

function pick(o: Record<string, unknown>, ...keys: string[]): unknown {
  for (const k of keys) if (o[k] !== undefined) return o[k];
  return undefined;
}

export function normalizeTaxonomy(raw: unknown): Taxonomy {
  const o = raw && typeof raw === 'object' ? (raw as Record<string, unknown>) : {};
  const units = o['units'] && typeof o['units'] === 'object' ? (o['units'] as Record<string, unknown>) : {};
  const catsRaw = pick(o, 'categories');
  const categories: CategoryInfo[] = [];
  const catArr = Array.isArray(catsRaw) ? catsRaw : catsRaw && typeof catsRaw === 'object'
    ? Object.entries(catsRaw as Record<string, unknown>).map(([k, v]) => (v && typeof v === 'object' ? { code: k, ...v } : v))
    : [];
  for (const item of catArr) {
    const c = coded(item);
    if (!c) continue;
    const obj = item && typeof item === 'object' ? (item as Record<string, unknown>) : {};
    const p = str(pick(obj, 'default_priority', 'priority'));
    categories.push({ ...c, priority: /^P[1-4]$/.test(p) ? p : null });
  }
  return {
    lines: codedList(pick(o, 'lines')),
    categories,
    closureCodes: codedList(pick(o, 'closure_codes', 'closures', 'closure')),
    unitKinds: codedList(pick(o, 'unit_kinds', 'kinds') ?? units['kinds']),
    unitStatuses: codedList(pick(o, 'unit_statuses', 'statuses') ?? units['statuses']),
    incidentStatuses: codedList(pick(o, 'incident_statuses')),
    areas: codedList(pick(o, 'areas', 'districts')),
  };
}

// ---- live events (topics dispatch, dispatch.positions, dispatch.escalations) ----

export interface PositionFix {
  id: number;
  lat: number;
  lon: number;
  fixed_at: string | null;
}

export type DispatchEvent =
  | { kind: 'objects'; type: string; incident: Record<string, unknown> | null; unit: Record<string, unknown> | null;
      call: Record<string, unknown> | null }
  | { kind: 'positions'; fixes: PositionFix[] }
  | { kind: 'escalated'; incident: Record<string, unknown> };

function obj(v: unknown): Record<string, unknown> | null {
  return v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : null;
}

/** A live event of the dispatch topics in a typed form; null for anything else. */
export function parseDispatchEvent(topic: string, data: unknown): DispatchEvent | null {
  const d = obj(data);
  if (!d) return null;
  const type = str(d['type']);
  if (topic === 'dispatch.positions') {
    const list = Array.isArray(d['units']) ? d['units'] : [];
    const fixes: PositionFix[] = [];
    for (const u of list) {
      const f = obj(u);
      if (!f) continue;
      const id = Number(f['id'] ?? f['unit_id']);
      const lat = Number(f['lat']);
      const lon = Number(f['lon']);
      if (!Number.isInteger(id) || !Number.isFinite(lat) || !Number.isFinite(lon)) continue;
      fixes.push({ id, lat, lon, fixed_at: typeof f['fixed_at'] === 'string' ? f['fixed_at'] : null });
    }
    return { kind: 'positions', fixes };
  }
  if (topic === 'dispatch.escalations') {
    const incident = obj(d['incident']);
    return incident ? { kind: 'escalated', incident } : null;
  }
  if (topic === 'dispatch') {
    return { kind: 'objects', type, incident: obj(d['incident']), unit: obj(d['unit']), call: obj(d['call']) };
  }
  return null;
}
