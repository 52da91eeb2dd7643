// Pure rules of the licence-plate page (capability "vision", routes under /api/v1/plates, /api/v1/watchlists/plates,
// /api/v1/cameras): who sees what, the watchlist form's request body and its checks, search parameters, answers read
// defensively, camera health in words and colours, and alerts kept newest first. No DOM here: the page is
// plates.ts; the unit tests are test/plates.test.mjs.

import { m, type Msg } from '../../../shared/i18n.ts';

const SEARCH_ROLES = ['investigator', 'supervisor', 'dispatcher'] as const;
const WATCH_ROLES = ['investigator', 'supervisor'] as const;
const CAMERA_ROLES = ['admin', 'supervisor'] as const;

/** The page is for the roles that may search reads, and for camera administrators (cameras only). */
export function isPlatesRole(role: string): boolean {
  return canSearch(role) || canManageCameras(role);
}
export function canSearch(role: string): boolean {
  return (SEARCH_ROLES as readonly string[]).includes(role);
}
export function canWatch(role: string): boolean {
  return (WATCH_ROLES as readonly string[]).includes(role);
}
export function canManageCameras(role: string): boolean {
  return (CAMERA_ROLES as readonly string[]).includes(role);
}
/** Alerts arrive live to those who may search. */
export function platesTopics(role: string): string[] {
  return canSearch(role) ? ['plates.alert'] : [];
}

// ---- plates and patterns ----

/** Plate text as the server normalizes it: capitals and digits only, Đ as D. */
export function normalizePlate(text: string): string {
  return text.toUpperCase().replace(/Đ/g, 'D').replace(/[^0-9A-Z]/g, '');
}

/** A search pattern: plate characters with * and ?; separators dropped; at most 32 characters. */
export function normalizePattern(text: string): string {
  return text.toUpperCase().replace(/Đ/g, 'D').replace(/[^0-9A-Z*?]/g, '').replace(/\*+/g, '*');
}

export function isPattern(text: string): boolean {
  return /[*?]/.test(text);
}

// ---- watchlist form ----

export type WatchField = 'value' | 'reason' | 'legal_basis' | 'owner' | 'expires_at';

export interface WatchForm {
  value: string;       // a plate, or a pattern with * and ?
  reason: string;
  legal_basis: string;
  owner: string;
  expires: string;     // YYYY-MM-DD (the end of that day in Hà Nội, UTC+7)
}

export interface WatchBody {
  plate?: string;
  pattern?: string;
  reason: string;
  legal_basis: string;
  owner: string;
  expires_at: string;
}

export const FIELD_MSG: Record<WatchField, Msg> = {
  value: m('Nhập biển số (vd 30K-123.45) hoặc mẫu có * và ?', 'Enter a plate (e.g. 30K-123.45) or a pattern with * and ?'),
  reason: m('Nêu lý do theo dõi', 'State the reason'),
  legal_basis: m('Nêu căn cứ pháp lý (quyết định, văn bản)', 'State the legal basis (decision, document)'),
  owner: m('Nêu cán bộ hoặc đơn vị phụ trách', 'Name the officer or unit responsible'),
  expires_at: m('Chọn ngày hết hạn trong vòng một năm tới', 'Choose an expiry date within the next year'),
};

/** The request body, or the fields that are not right yet. `today` is YYYY-MM-DD in Hà Nội. */
export function buildWatchBody(form: WatchForm, today: string): { body: WatchBody } | { errors: WatchField[] } {
  const errors: WatchField[] = [];
  const value = form.value.trim();
  const chars = normalizePattern(value);
  if (!chars.replace(/[*?]/g, '') || chars.length > 32) errors.push('value');
  for (const k of ['reason', 'legal_basis', 'owner'] as const) {
    const v = form[k].trim();
    if (!v || new TextEncoder().encode(v).length > (k === 'owner' ? 200 : 1000)) errors.push(k);
  }
  const expires = /^\d{4}-\d{2}-\d{2}$/.test(form.expires) ? form.expires : '';
  const maxDay = addDays(today, 365);
  if (!expires || expires < today || expires > maxDay) errors.push('expires_at');
  if (errors.length) return { errors };
  const body: WatchBody = {
    reason: form.reason.trim(),
    legal_basis: form.legal_basis.trim(),
    owner: form.owner.trim(),
    // The end of the chosen day in Hà Nội.
    expires_at: `${expires}T23:59:59+07:00`,
  };
  if (isPattern(value)) body.pattern = value;
  else body.plate = value;
  return { body };
}

export function addDays(day: string, n: number): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}

/** Today's date in Hà Nội (UTC+7) for `now`. */
export function hanoiToday(now: Date): string {
  return new Date(now.getTime() + 7 * 3600e3).toISOString().slice(0, 10);
}

// ---- search ----

export interface SearchForm {
  pattern: string;
  camera: string;
  from: string;  // datetime-local value (Hà Nội time) or ''
  to: string;
  lookAlike: boolean;
}

/** The query string of GET /api/v1/plates/reads. */
export function searchQuery(f: SearchForm, limit = 100): string {
  const p = new URLSearchParams();
  const pattern = f.pattern.trim();
  if (pattern) p.set('plate', pattern);
  if (f.camera) p.set('camera', f.camera);
  if (f.from) p.set('from', localToUtc(f.from));
  if (f.to) p.set('to', localToUtc(f.to));
  if (!f.lookAlike) p.set('look_alike', 'false');
  p.set('limit', String(limit));
  return p.toString();
}

/** A datetime-local value read as Hà Nội time, as RFC 3339 UTC. */
export function localToUtc(local: string): string {
  const withSeconds = local.length === 16 ? `${local}:00` : local;
  return new Date(`${withSeconds}+07:00`).toISOString().replace('.000Z', 'Z');
}

// ---- answers ----

export interface NearUnit {
  call_sign: string;
  eta_s: number;
}

export interface PlateRead {
  id: number;
  camera_id: string;
  seen_at: string;
  plate: string;
  display: string;
  rows: number;
  vehicle_kind: string;
  colour: string;
  confidence: number;
  frames: number;
  crop_url: string | null;
  match: string | null;
}

export interface WatchEntry {
  id: number;
  kind: 'plate' | 'pattern';
  value: string;
  /** The printed form of a plate entry (30K-555.66); the pattern itself for a pattern. */
  display: string;
  reason: string;
  legal_basis: string;
  owner: string;
  created_by: string;
  expires_at: string;
  active: boolean;
  revoked_at: string | null;
}

export interface PlateAlert {
  id: number;
  read_id: number;
  at: string;
  camera: string;
  plate: string;
  display: string;
  match: string;
  reason: string;
  legal_basis: string;
  owner: string;
  incident_id: number | null;
  nearest: NearUnit[];
  crop: string | null;  // data: URL (live alerts) or an API path (the list)
  dispatch_error: string | null;
}

export interface CameraRow {
  id: string;
  name: string;
  source: string;
  url: string;
  sample_fps: number;
  state: string;
  frames_decoded: number;
  frames_analysed: number;
  frames_skipped_motion: number;
  reads: number;
  reconnects: number;
  last_frame_at: string | null;
  last_error: string | null;
}

const str = (v: unknown): string => (typeof v === 'string' ? v : '');
const num = (v: unknown): number => (typeof v === 'number' && Number.isFinite(v) ? v : 0);
const obj = (v: unknown): Record<string, unknown> => (v && typeof v === 'object' ? (v as Record<string, unknown>) : {});
const list = (v: unknown, key: string): unknown[] => {
  const a = obj(v)[key];
  return Array.isArray(a) ? a : [];
};

export function parseReads(answer: unknown): PlateRead[] {
  return list(answer, 'reads')
    .map(obj)
    .filter((r) => typeof r.id === 'number' && str(r.plate))
    .map((r) => ({
      id: num(r.id),
      camera_id: str(r.camera_id),
      seen_at: str(r.seen_at),
      plate: str(r.plate),
      display: str(r.display) || str(r.plate),
      rows: num(r.rows) === 2 ? 2 : 1,
      vehicle_kind: str(r.vehicle_kind),
      colour: str(r.colour),
      confidence: num(r.confidence),
      frames: num(r.frames),
      crop_url: str(r.crop_url) || null,
      match: str(r.match) || null,
    }));
}

export function parseWatchlist(answer: unknown): WatchEntry[] {
  return list(answer, 'entries')
    .map(obj)
    .filter((e) => typeof e.id === 'number')
    .map((e) => ({
      id: num(e.id),
      kind: str(e.kind) === 'pattern' ? 'pattern' : 'plate',
      value: str(e.plate) || str(e.pattern),
      display: str(e.display) || str(e.plate) || str(e.pattern),
      reason: str(e.reason),
      legal_basis: str(e.legal_basis),
      owner: str(e.owner),
      created_by: str(e.created_by),
      expires_at: str(e.expires_at),
      active: e.active === true,
      revoked_at: str(e.revoked_at) || null,
    }));
}

function parseNearest(v: unknown): NearUnit[] {
  return (Array.isArray(v) ? v : []).map(obj).filter((u) => str(u.call_sign)).map((u) => ({ call_sign: str(u.call_sign), eta_s: num(u.eta_s) }));
}

/** One alert, from the live topic (crop inline) or from GET /api/v1/plates/alerts (crop by URL). */
export function parseAlert(data: unknown): PlateAlert | null {
  const a = obj(data);
  if (typeof a.id !== 'number' || !str(a.plate)) return null;
  const camera = obj(a.camera);
  const inline = str(a.crop_jpeg_base64);
  return {
    id: num(a.id),
    read_id: num(a.read_id),
    at: str(a.at),
    camera: str(camera.name) || str(camera.id),
    plate: str(a.plate),
    display: str(a.display) || str(a.plate),
    match: str(a.match),
    reason: str(a.reason),
    legal_basis: str(a.legal_basis),
    owner: str(a.owner),
    incident_id: typeof a.incident_id === 'number' ? a.incident_id : null,
    nearest: parseNearest(a.nearest_units),
    crop: inline ? `data:image/jpeg;base64,${inline}` : str(a.crop_url) || null,
    dispatch_error: str(a.dispatch_error) || null,
  };
}

export function parseAlerts(answer: unknown): PlateAlert[] {
  return list(answer, 'alerts').map(parseAlert).filter((a): a is PlateAlert => a !== null);
}

/** Adds a live alert to the list, newest first, without repeats, at most `max`. */
export function mergeAlert(alerts: PlateAlert[], a: PlateAlert, max = 50): PlateAlert[] {
  const rest = alerts.filter((x) => x.id !== a.id);
  return [a, ...rest].slice(0, max);
}

export function parseCameras(answer: unknown): CameraRow[] {
  return list(answer, 'cameras')
    .map(obj)
    .filter((c) => str(c.id))
    .map((c) => {
      const health = obj(c.health);
      return {
        id: str(c.id),
        name: str(c.name),
        source: str(c.source),
        url: str(c.url),
        sample_fps: num(c.sample_fps),
        state: str(health.state) || 'unknown',
        frames_decoded: num(health.frames_decoded),
        frames_analysed: num(health.frames_analysed),
        frames_skipped_motion: num(health.frames_skipped_motion),
        reads: num(health.reads),
        reconnects: num(health.reconnects),
        last_frame_at: str(health.last_frame_at) || null,
        last_error: str(health.last_error) || null,
      };
    });
}

// ---- words and colours ----

export type Tone = 'ok' | 'warn' | 'bad' | 'muted';

/** A camera is healthy when it streams and gave a frame within `staleS` seconds. */
export function cameraTone(c: CameraRow, now: Date, staleS = 30): Tone {
  if (c.state === 'streaming') {
    if (!c.last_frame_at) return 'warn';
    const age = (now.getTime() - Date.parse(c.last_frame_at)) / 1000;
    return age <= staleS ? 'ok' : 'warn';
  }
  if (c.state === 'reconnecting' || c.state === 'connecting' || c.state === 'starting') return 'warn';
  if (c.state === 'stopped') return 'bad';
  return 'muted';
}

export function cameraStateLabel(state: string): Msg {
  switch (state) {
    case 'streaming': return m('Đang nhận hình', 'Streaming');
    case 'connecting': return m('Đang kết nối', 'Connecting');
    case 'reconnecting': return m('Mất tín hiệu, đang kết nối lại', 'Signal lost, reconnecting');
    case 'starting': return m('Đang khởi động', 'Starting');
    case 'stopped': return m('Đã dừng', 'Stopped');
    case 'disabled': return m('Tắt', 'Disabled');
    default: return m('Không rõ', 'Unknown');
  }
}

/** Share of sampled frames the motion gate skipped, as a whole percentage. */
export function motionSkipPercent(c: CameraRow): number {
  const sampled = c.frames_analysed + c.frames_skipped_motion;
  return sampled > 0 ? Math.round((100 * c.frames_skipped_motion) / sampled) : 0;
}

export function matchLabel(match: string): Msg {
  switch (match) {
    case 'exact': return m('Khớp chính xác', 'Exact match');
    case 'look-alike': return m('Khớp gần đúng (ký tự dễ nhầm) — cần kiểm tra ảnh', 'Look-alike match — check the picture');
    case 'pattern': return m('Khớp mẫu', 'Pattern match');
    default: return m('Khớp', 'Match');
  }
}

export function etaText(seconds: number): string {
  const min = Math.max(1, Math.round(seconds / 60));
  return `${min}′`;
}
