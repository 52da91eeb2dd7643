// Pure rules of the document digitization pages (capability "digitize", routes under /api/v1/documents): who sees
// what, hash routes, the upload checks, the search query and paging, live events, progress, the alignment of OCR
// words with the page text, number formatting. No DOM and no imports, so `npm test` runs these in Node
// (test/documents.test.mjs).

// ---- roles and live topics ----

export const DOCUMENT_ROLES = ['clerk', 'investigator', 'supervisor'] as const;

export function isDocumentsRole(role: string): boolean {
  return (DOCUMENT_ROLES as readonly string[]).includes(role);
}

/** POST /api/v1/documents: clerks and supervisors; investigators only read. */
export function canUpload(role: string): boolean {
  return role === 'clerk' || role === 'supervisor';
}

/** The topics a role subscribes to for this capability; any other role gets none (the server would refuse). */
export function documentsTopics(role: string): string[] {
  return isDocumentsRole(role) ? ['documents'] : [];
}

// ---- hash routes ----
// #/documents                      the role's usual view (upload for clerks and supervisors, search otherwise)
// #/documents/upload               upload
// #/documents/list[?status=&offset=]
// #/documents/search[?q=&type=&issuer=&number=&date_from=&date_to=&offset=]
// #/documents/<id>[?page=N]        the viewer
// The leading slash is optional.

export type DocumentsView = 'upload' | 'list' | 'search' | 'viewer';

export interface DocumentsRoute {
  view: DocumentsView | null;
  id: number | null;
  /** The page of the viewer (1-based), or null. */
  page: number | null;
  /** The query part of the hash (filters of the list and the search). */
  params: Record<string, string>;
}

export function parseDocumentsRoute(hash: string): DocumentsRoute {
  const raw = hash.replace(/^#\/?/, '');
  const q = raw.indexOf('?');
  const path = q < 0 ? raw : raw.slice(0, q);
  const params: Record<string, string> = {};
  if (q >= 0) {
    for (const [k, v] of new URLSearchParams(raw.slice(q + 1))) params[k] = v;
  }
  const parts = path.split('/').filter((p) => p !== '');
  const none: DocumentsRoute = { view: null, id: null, page: null, params };
  if (parts[0] !== 'documents') return none;
  const v = parts[1] ?? '';
  if (v === 'upload' || v === 'list' || v === 'search') return { view: v, id: null, page: null, params };
  if (/^\d{1,15}$/.test(v) && Number(v) > 0) {
    const page = /^\d{1,6}$/.test(params['page'] ?? '') && Number(params['page']) > 0 ? Number(params['page']) : null;
    return { view: 'viewer', id: Number(v), page, params };
  }
  return none;
}

function queryOf(params: Record<string, string | number | null | undefined>): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) {
    if (v === null || v === undefined || v === '' || (k === 'offset' && v === 0)) continue;
    q.set(k, String(v));
  }
  const s = q.toString();
  return s ? `?${s}` : '';
}

export function documentsHash(view: DocumentsView, opts: { id?: number; page?: number; params?: Record<string, string | number | null | undefined> } = {}): string {
  if (view === 'viewer' && opts.id !== undefined) {
    return `#/documents/${opts.id}${opts.page && opts.page > 1 ? `?page=${opts.page}` : ''}`;
  }
  const v = view === 'viewer' ? 'list' : view;
  return `#/documents/${v}${opts.params ? queryOf(opts.params) : ''}`;
}

/** Tabs a role may open, in order (the viewer is reached from the list or the search). */
export function documentViewsFor(role: string): DocumentsView[] {
  if (!isDocumentsRole(role)) return [];
  return canUpload(role) ? ['upload', 'list', 'search'] : ['list', 'search'];
}

export function defaultDocumentsView(role: string): DocumentsView {
  return canUpload(role) ? 'upload' : 'search';
}

export function documentViewAllowed(role: string, view: DocumentsView): boolean {
  return view === 'viewer' ? isDocumentsRole(role) : documentViewsFor(role).includes(view);
}

// ---- upload ----

export const MAX_UPLOAD_BYTES = 100 * 1024 * 1024;
export const UPLOAD_LANGS = ['vie+eng', 'vie', 'eng'] as const;
export type UploadLang = (typeof UPLOAD_LANGS)[number];
export const DEFAULT_LANG: UploadLang = 'vie+eng';

export type UploadFormat = 'png' | 'jpeg' | 'tiff' | 'pdf';

/** What the file picker offers (the server checks the content itself). */
export const ACCEPT = '.png,.jpg,.jpeg,.tif,.tiff,.pdf,image/png,image/jpeg,image/tiff,application/pdf';

const BY_EXT: Record<string, UploadFormat> = { png: 'png', jpg: 'jpeg', jpeg: 'jpeg', tif: 'tiff', tiff: 'tiff', pdf: 'pdf' };
const BY_TYPE: Record<string, UploadFormat> = {
  'image/png': 'png',
  'image/jpeg': 'jpeg',
  'image/pjpeg': 'jpeg',
  'image/tiff': 'tiff',
  'image/tif': 'tiff',
  'application/pdf': 'pdf',
  'application/x-pdf': 'pdf',
};

export type FileCheck = { ok: true; format: UploadFormat } | { ok: false; reason: 'format' | 'size' | 'empty' };

/** A first check of a chosen file by name, type and size, before sending it (the server has the last word). */
export function checkFile(name: string, type: string, size: number): FileCheck {
  const dot = name.lastIndexOf('.');
  const ext = dot >= 0 ? name.slice(dot + 1).toLowerCase() : '';
  const format = BY_TYPE[type.toLowerCase()] ?? BY_EXT[ext];
  if (!format) return { ok: false, reason: 'format' };
  if (size <= 0) return { ok: false, reason: 'empty' };
  if (size > MAX_UPLOAD_BYTES) return { ok: false, reason: 'size' };
  return { ok: true, format };
}

export function isUploadLang(v: string): v is UploadLang {
  return (UPLOAD_LANGS as readonly string[]).includes(v);
}

// ---- documents, statuses, progress ----

export const DOC_STATUSES = ['queued', 'processing', 'done', 'failed'] as const;
export type DocStatus = (typeof DOC_STATUSES)[number];

export function isDocStatus(v: string): v is DocStatus {
  return (DOC_STATUSES as readonly string[]).includes(v);
}

export function isFinished(status: string): boolean {
  return status === 'done' || status === 'failed';
}

export interface DocProgressLike {
  status: string;
  pages_total?: number | null;
  pages_done?: number | null;
  pages_failed?: number | null;
}

function n(v: unknown): number {
  return typeof v === 'number' && Number.isFinite(v) && v > 0 ? Math.floor(v) : 0;
}

/**
 * Progress of the OCR: pages handled of the total. The server's `pages_done` counts every page no longer pending
 * (read, blank or failed). `max` is 0 while the total is not known yet (queued, or a PDF still being opened): show
 * an indeterminate bar then.
 */
export function docProgress(d: DocProgressLike): { value: number; max: number } {
  const total = n(d.pages_total);
  const handled = pagesHandled(d);
  if (d.status === 'done') return { value: Math.max(total, 1), max: Math.max(total, 1) };
  return { value: total ? handled : 0, max: total };
}

/** Pages no longer pending (read, blank or failed), at most the total. */
export function pagesHandled(d: DocProgressLike): number {
  return Math.min(n(d.pages_total), n(d.pages_done));
}

export interface DocEvent {
  id: number;
  status: string;
  pages_done?: number;
  pages_total?: number;
  pages_failed?: number;
  pages_blank?: number;
}

function obj(v: unknown): Record<string, unknown> | null {
  return v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : null;
}

/** A live event of the topic "documents" in a typed form; null for anything else. */
export function parseDocumentsEvent(topic: string, data: unknown): DocEvent | null {
  if (topic !== 'documents') return null;
  const d0 = obj(data);
  // {"id", "status", ...}; a wrapped {"type", "document": {...}} is read too.
  const d = d0 ? (obj(d0['document']) ?? d0) : null;
  if (!d || typeof d['id'] !== 'number' || typeof d['status'] !== 'string') return null;
  const ev: DocEvent = { id: d['id'], status: d['status'] };
  for (const k of ['pages_done', 'pages_total', 'pages_failed', 'pages_blank'] as const) {
    const v = d[k];
    if (typeof v === 'number' && Number.isFinite(v)) ev[k] = v;
  }
  return ev;
}

/** A document with what a live event says of it (counts the event lacks stay as they were). */
export function applyDocEvent<T extends DocProgressLike & { id: number; pages_blank?: number | null }>(doc: T, ev: DocEvent): T {
  if (doc.id !== ev.id) return doc;
  const out = { ...doc, status: ev.status };
  for (const k of ['pages_done', 'pages_total', 'pages_failed', 'pages_blank'] as const) {
    const v = ev[k];
    if (v !== undefined) out[k] = v;
  }
  return out;
}

// ---- search ----

export interface SearchParams {
  q: string;
  type: string;
  issuer: string;
  number: string;
  date_from: string;
  date_to: string;
  offset: number;
}

export const SEARCH_PAGE = 20;
export const EMPTY_SEARCH: SearchParams = { q: '', type: '', issuer: '', number: '', date_from: '', date_to: '', offset: 0 };

const DATE_RE = /^\d{4}-\d{2}-\d{2}$/;

export function isIsoDate(s: string): boolean {
  if (!DATE_RE.test(s)) return false;
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
}

/** Search parameters from the hash's query (anything unusable left out). */
export function searchParamsFrom(p: Record<string, string>): SearchParams {
  const s = (k: string, max: number): string => (p[k] ?? '').trim().slice(0, max);
  const off = /^\d{1,9}$/.test(p['offset'] ?? '') ? Number(p['offset']) : 0;
  const df = s('date_from', 10);
  const dt = s('date_to', 10);
  return {
    q: s('q', 500),
    type: s('type', 64),
    issuer: s('issuer', 200),
    number: s('number', 100),
    date_from: isIsoDate(df) ? df : '',
    date_to: isIsoDate(dt) ? dt : '',
    offset: off,
  };
}

/** Is there anything to search for? */
export function hasCriteria(p: SearchParams): boolean {
  return Boolean(p.q || p.type || p.issuer || p.number || p.date_from || p.date_to);
}

export type SearchProblem = 'empty' | 'date_from' | 'date_to' | 'date_order' | null;

export function checkSearch(p: SearchParams): SearchProblem {
  if (p.date_from && !isIsoDate(p.date_from)) return 'date_from';
  if (p.date_to && !isIsoDate(p.date_to)) return 'date_to';
  if (p.date_from && p.date_to && p.date_from > p.date_to) return 'date_order';
  if (!hasCriteria(p)) return 'empty';
  return null;
}

/** The query string of GET /api/v1/documents/search (empty filters left out). */
export function searchQuery(p: SearchParams, limit = SEARCH_PAGE): string {
  const q = new URLSearchParams();
  if (p.q) q.set('q', p.q);
  for (const k of ['type', 'issuer', 'number', 'date_from', 'date_to'] as const) if (p[k]) q.set(k, p[k]);
  q.set('limit', String(limit));
  q.set('offset', String(Math.max(0, p.offset)));
  return q.toString();
}

/** The hash parameters for a search (what survives going to a document and back). */
export function searchHashParams(p: SearchParams): Record<string, string | number> {
  const out: Record<string, string | number> = {};
  for (const k of ['q', 'type', 'issuer', 'number', 'date_from', 'date_to'] as const) if (p[k]) out[k] = p[k];
  if (p.offset > 0) out['offset'] = p.offset;
  return out;
}

/** "N–M of total" for a page of results: from and to are 1-based, 0–0 when there is nothing. */
export function pageRange(offset: number, count: number, total: number): { from: number; to: number; total: number; prev: boolean; next: boolean } {
  const t = Math.max(0, total, offset + count);
  if (count <= 0) return { from: 0, to: 0, total: t, prev: offset > 0, next: false };
  return { from: offset + 1, to: offset + count, total: t, prev: offset > 0, next: offset + count < t };
}

export function prevOffset(offset: number, limit: number): number {
  return Math.max(0, offset - limit);
}

export interface SnippetPart {
  text: string;
  hit: boolean;
}

/** The snippet of a search result as parts (a plain string is one part without a hit). */
export function snippetParts(s: unknown): SnippetPart[] {
  if (typeof s === 'string') return s ? [{ text: s, hit: false }] : [];
  if (!Array.isArray(s)) return [];
  const out: SnippetPart[] = [];
  for (const p of s) {
    const o = obj(p);
    if (!o || typeof o['text'] !== 'string' || o['text'] === '') continue;
    out.push({ text: o['text'], hit: o['hit'] === true });
  }
  return out;
}

// ---- fields of a document ----

export interface DocFields {
  number: string;
  type: string;
  type_vi: string;
  type_en: string;
  date: string;
  place: string;
  issuer: string;
}

const FIELD_KEYS = ['number', 'type', 'type_vi', 'type_en', 'date', 'place', 'issuer'] as const;

export function docFields(v: unknown): DocFields {
  const o = obj(v) ?? {};
  const f = {} as Record<(typeof FIELD_KEYS)[number], string>;
  for (const k of FIELD_KEYS) {
    const v = o[k];
    f[k] = typeof v === 'string' ? v : '';
  }
  return f;
}

export function hasFields(f: DocFields): boolean {
  return Boolean(f.number || f.type || f.date || f.place || f.issuer);
}

/** "2024-03-05" → "05/03/2024" (both languages: day first); anything else as it is. */
export function formatDocDate(s: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  return m ? `${m[3]}/${m[2]}/${m[1]}` : s;
}

// ---- OCR words and the page text ----

export interface OcrWord {
  text: string;
  x: number;
  y: number;
  w: number;
  h: number;
  conf?: number | null;
}

export interface TextSegment {
  text: string;
  /** The index of the word in the page's word list, or null for text between words. */
  word: number | null;
}

/** How far past the last word a word's text is looked for in the page text (characters). */
const ALIGN_WINDOW = 48;

/**
 * The page text cut into segments, each word of the OCR's word list (in reading order) matched to its place in the
 * text so that it can be clicked; text between words (spaces, line breaks, anything the word list lacks) stays
 * plain. A word not found close after the previous one is left out (not clickable) rather than matched far away.
 * Without a text, the words joined by spaces are the text.
 */
export function alignWords(text: string, words: readonly OcrWord[]): TextSegment[] {
  const list = Array.isArray(words) ? words : [];
  const src = typeof text === 'string' && text !== '' ? text.normalize('NFC')
    : list.map((w) => (typeof w?.text === 'string' ? w.text.normalize('NFC') : '')).filter((s) => s).join(' ');
  const out: TextSegment[] = [];
  let cursor = 0;
  const plain = (upto: number): void => {
    if (upto > cursor) out.push({ text: src.slice(cursor, upto), word: null });
  };
  list.forEach((w, i) => {
    const wt = typeof w?.text === 'string' ? w.text.normalize('NFC') : '';
    if (!wt) return;
    const at = src.indexOf(wt, cursor);
    if (at < 0 || at - cursor > ALIGN_WINDOW) return;
    plain(at);
    out.push({ text: wt, word: i });
    cursor = at + wt.length;
  });
  plain(src.length);
  return out;
}

/** The word whose box holds the point (the smallest such box), or -1. */
export function wordAt(words: readonly OcrWord[], x: number, y: number): number {
  let best = -1;
  let bestArea = Infinity;
  words.forEach((w, i) => {
    if (!(w.w > 0 && w.h > 0)) return;
    if (x < w.x || y < w.y || x > w.x + w.w || y > w.y + w.h) return;
    const area = w.w * w.h;
    if (area < bestArea) {
      best = i;
      bestArea = area;
    }
  });
  return best;
}

/** A word's box as percentages of the page (for a box drawn over the image at any size). */
export function boxPercent(w: OcrWord, width: number, height: number): { left: number; top: number; width: number; height: number } | null {
  if (!(width > 0 && height > 0 && w.w > 0 && w.h > 0)) return null;
  const pct = (v: number, of: number): number => Math.round((v / of) * 100_000) / 1000;
  return { left: pct(w.x, width), top: pct(w.y, height), width: pct(w.w, width), height: pct(w.h, height) };
}

// ---- confidence, sizes, file names ----

export type ConfidenceLevel = 'high' | 'medium' | 'low' | 'none';

/** 85 and more: high; 60 to 85: medium (worth a look); under 60: low (check against the image). */
export function confidenceLevel(c: number | null | undefined): ConfidenceLevel {
  if (c === null || c === undefined || !Number.isFinite(c)) return 'none';
  return c >= 85 ? 'high' : c >= 60 ? 'medium' : 'low';
}

/** 87.46 → "87,5%" (vi) / "87.5%" (en); null → "—". */
export function formatPercent(c: number | null | undefined, lang: 'vi' | 'en'): string {
  if (c === null || c === undefined || !Number.isFinite(c)) return '—';
  const r = Math.round(c * 10) / 10;
  const s = Number.isInteger(r) ? String(r) : r.toFixed(1);
  return `${lang === 'vi' ? s.replace('.', ',') : s}%`;
}

/** 1536 → "1,5 KB" (vi) / "1.5 KB" (en), in steps of 1024. */
export function formatBytes(bytes: number, lang: 'vi' | 'en'): string {
  if (!Number.isFinite(bytes) || bytes < 0) return '—';
  if (bytes < 1024) return `${bytes} B`;
  const units = ['KB', 'MB', 'GB'];
  let v = bytes / 1024;
  let u = 0;
  while (v >= 1024 && u < units.length - 1) {
    v /= 1024;
    u++;
  }
  const s = v >= 100 ? String(Math.round(v)) : (Math.round(v * 10) / 10).toFixed(1).replace(/\.0$/, '');
  return `${lang === 'vi' ? s.replace('.', ',') : s} ${units[u]}`;
}

/** A safe file name for a download: the server's (Content-Disposition, incl. filename*=UTF-8''), else the fallback. */
export function downloadName(disposition: string | null | undefined, fallback: string): string {
  let name = '';
  if (disposition) {
    const star = /filename\*\s*=\s*(?:UTF-8|utf-8)''([^;]+)/.exec(disposition);
    if (star?.[1]) {
      try {
        name = decodeURIComponent(star[1].trim().replace(/^"|"$/g, ''));
      } catch {
        name = '';
      }
    }
    if (!name) {
      const plain = /filename\s*=\s*("([^"]*)"|[^;]+)/i.exec(disposition);
      name = (plain?.[2] ?? plain?.[1] ?? '').trim();
    }
  }
  name = name.replace(/[\\/\u0000-\u001f]/g, '_').replace(/^\.+/, '');
  return name || fallback;
}

/** "scan.tiff" → "scan"; for the names of downloads ("scan.pdf", "scan.txt"). */
export function baseName(filename: string, id: number): string {
  const s = filename.replace(/^.*[\\/]/, '');
  const dot = s.lastIndexOf('.');
  const b = (dot > 0 ? s.slice(0, dot) : s).trim();
  return b || `document-${id}`;
}

/** The viewer's page: the one asked for, within 1..total (1 when there are no pages yet). */
export function clampPage(page: number | null | undefined, total: number): number {
  const t = Math.max(1, Math.floor(total || 0));
  const p = page && Number.isFinite(page) ? Math.floor(page) : 1;
  return Math.min(Math.max(1, p), t);
}

/** Only links to the server's own document routes are followed. */
export function isDocumentLink(path: unknown): path is string {
  return typeof path === 'string' && /^\/api\/v1\/documents\/\d+\/[A-Za-z0-9._/-]+$/.test(path) && !path.includes('..');
}

/** The bytes of an image as a data: URL (the page policy allows data: images, not blob:); shared with the reports pages. */
export { bytesToDataUrl } from '../reports/logic.ts';
