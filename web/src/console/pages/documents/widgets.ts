// Small pieces the document pages share: the view interface, status badge, progress bar, the fields of a document.

import { h } from '../../../shared/dom.ts';
import { tattr, tx, type Msg } from '../../../shared/i18n.ts';
import type { DocType, Document } from './api.ts';
import { confidenceLevel, docFields, docProgress, formatDocDate, formatPercent, hasFields, pagesHandled } from './logic.ts';
import { T, byLang, statusMsg, typeMsg } from './text.ts';

/** One sub-view (upload, list, search, viewer) inside the documents page. */
export interface View {
  readonly el: HTMLElement;
  readonly title: Msg;
  destroy(): void;
}

export function statusBadge(status: string, testid?: string): HTMLElement {
  return h('span', { class: `dst dst-${status}`, 'data-status': status, 'data-testid': testid }, tx(statusMsg(status)));
}

export function emptyNote(msg: Msg, testid?: string): HTMLElement {
  return h('p', { class: 'muted empty', 'data-testid': testid }, tx(msg));
}

/** A <progress> bar; `max` 0 draws it indeterminate (no value). */
export function setProgress(bar: HTMLProgressElement, value: number, max: number): void {
  if (max > 0) {
    bar.max = max;
    bar.value = Math.min(value, max);
    bar.dataset['value'] = String(bar.value);
    bar.dataset['max'] = String(max);
  } else {
    bar.removeAttribute('value');
    delete bar.dataset['value'];
    bar.dataset['max'] = '0';
  }
}

/** The OCR progress of a document: a bar and "3/8 trang" (with failed and blank pages when there are any). */
export function docProgressView(d: Document, testid?: string): HTMLElement {
  const p = docProgress(d);
  const bar = h('progress', { class: 'doc-progress', 'data-testid': testid ? `${testid}-bar` : undefined });
  tattr(bar, 'aria-label', T.progress);
  setProgress(bar, p.value, p.max);
  const total = d.pages_total || 0;
  const text = total > 0 ? T.pagesOf(pagesHandled(d), total) : T.pagesUnknown;
  return h('div', { class: 'doc-progress-wrap', 'data-testid': testid, 'data-status': d.status },
    d.status === 'done' ? null : bar,
    h('span', { class: 'small' },
      d.status === 'done' && total > 0 ? tx(T.pagesOf(total, total)) : tx(text),
      d.pages_failed ? [' · ', h('span', { class: 'doc-bad' }, tx(T.pagesFailed(d.pages_failed)))] : null,
      d.pages_blank ? [' · ', tx(T.pagesBlank(d.pages_blank))] : null,
    ),
  );
}

export function confidenceView(c: number | null | undefined, testid?: string): HTMLElement {
  const level = confidenceLevel(c);
  return h('span', { class: `conf conf-${level}`, 'data-level': level, 'data-testid': testid },
    tx(byLang((l) => formatPercent(c, l))));
}

/** Number · type · date · place · issuer, as a short list (for the list and the search results). */
export function fieldsInline(raw: unknown, types: DocType[], testid?: string): HTMLElement {
  const f = docFields(raw);
  if (!hasFields(f)) return h('span', { class: 'small muted', 'data-testid': testid }, tx(T.noFields));
  const type = typeMsg(f, types);
  const parts: Node[] = [];
  const add = (label: Msg, value: Node | string, key: string): void => {
    if (parts.length) parts.push(document.createTextNode(' · '));
    parts.push(h('span', { class: `df df-${key}`, 'data-field': key },
      h('span', { class: 'visually-hidden' }, tx(label), ': '), value));
  };
  if (f.number) add(T.number, h('span', { class: 'mono' }, f.number), 'number');
  if (type) add(T.type, tx(type), 'type');
  if (f.date) add(T.date, h('time', { datetime: f.date }, formatDocDate(f.date)), 'date');
  if (f.issuer) add(T.issuer, f.issuer, 'issuer');
  return h('span', { class: 'doc-fields small', 'data-testid': testid }, parts);
}

/** A term and its value in a <dl class="facts-grid">, or nothing when there is no value. */
export function fact(label: Msg, value: Node | string | null | undefined, testid?: string): HTMLElement | null {
  if (value === null || value === undefined || value === '') return null;
  return h('div', { class: 'fact' }, h('dt', {}, tx(label)), h('dd', { 'data-testid': testid }, value));
}

/** The fields as groups of a <dl class="facts-grid"> (for the viewer). */
export function fieldsRows(raw: unknown, types: DocType[]): Node[] {
  const f = docFields(raw);
  const type = typeMsg(f, types);
  const rows: Node[] = [];
  const row = (label: Msg, key: string, value: Node | string | null): void => {
    const el = fact(label, value, `doc-field-${key}`);
    if (el) rows.push(el);
  };
  row(T.number, 'number', f.number ? h('span', { class: 'mono' }, f.number) : null);
  row(T.type, 'type', type ? tx(type) : null);
  row(T.date, 'date', f.date ? h('time', { datetime: f.date }, formatDocDate(f.date)) : null);
  row(T.place, 'place', f.place || null);
  row(T.issuer, 'issuer', f.issuer || null);
  return rows;
}

/** The title of a document: its title, else the file name, else its number. */
export function docName(d: Pick<Document, 'id' | 'title' | 'filename'>): string {
  return (d.title || '').trim() || (d.filename || '').trim() || `#${d.id}`;
}
