// The documents uploaded, newest first: status, OCR progress as a bar that moves with the live topic "documents",
// the fields found (number, type, date, issuer), confidence, when and by whom. A filter by status, pages of 25.
// An event of a document on the page updates its row; one that finishes reloads that document (for its fields);
// an event of a document not on the page (a new upload) reloads the first page.

import { h, replace } from '../../../shared/dom.ts';
import { tattr, tx } from '../../../shared/i18n.ts';
import { timeMsg } from '../../../shared/format.ts';
import { problemView } from '../../../shared/problem.ts';
import { coalescedLoader, loadingView, refreshButton, type Ctx } from '../../page.ts';
import { documentsApi, type DocType, type Document } from './api.ts';
import {
  DOC_STATUSES,
  applyDocEvent,
  documentsHash,
  isDocStatus,
  isFinished,
  pageRange,
  parseDocumentsEvent,
  prevOffset,
} from './logic.ts';
import { T, statusMsg } from './text.ts';
import { confidenceView, docName, docProgressView, emptyNote, fieldsInline, statusBadge, type View } from './widgets.ts';

const PAGE = 25;

export function listView(ctx: Ctx, params: Record<string, string>): View {
  const client = documentsApi(ctx.api);
  let alive = true;
  let types: DocType[] = [];
  let status = isDocStatus(params['status'] ?? '') ? params['status']! : '';
  let offset = /^\d{1,9}$/.test(params['offset'] ?? '') ? Number(params['offset']) : 0;
  let docs: Document[] = [];
  let total = 0;
  let loaded = false;
  const rows = new Map<number, HTMLTableRowElement>();

  const statusSel = h('select', { id: 'dl-status', 'data-testid': 'documents-filter-status' },
    h('option', { value: '' }, tx(T.allStatuses)),
    DOC_STATUSES.map((s) => h('option', { value: s }, tx(statusMsg(s)))));
  statusSel.value = status;
  const syncHash = (): void => {
    history.replaceState(null, '', documentsHash('list', { params: { status, offset } }));
  };
  statusSel.addEventListener('change', () => {
    status = isDocStatus(statusSel.value) ? statusSel.value : '';
    offset = 0;
    syncHash();
    replace(body, loadingView());
    void load();
  });
  const filters = h('form', { class: 'documents-filters', novalidate: true, 'data-testid': 'documents-filters' },
    h('div', { class: 'field' }, h('label', { for: 'dl-status' }, tx(T.status)), statusSel),
    h('div', { class: 'field' }, refreshButton(() => void load())),
  );
  filters.addEventListener('submit', (ev) => ev.preventDefault());

  const body = h('div', { 'data-testid': 'documents-list-body' }, loadingView());
  const count = h('span', { class: 'small muted', 'data-testid': 'documents-count', 'aria-live': 'polite' });
  const prev = h('button', { type: 'button', class: 'secondary', 'data-testid': 'documents-prev' }, tx(T.prev));
  const next = h('button', { type: 'button', class: 'secondary', 'data-testid': 'documents-next' }, tx(T.next));
  const range = h('span', { class: 'small', 'data-testid': 'documents-range' });
  const pager = h('nav', { class: 'pager' }, prev, range, next);
  tattr(pager, 'aria-label', T.pagerLabel);
  prev.addEventListener('click', () => {
    offset = prevOffset(offset, PAGE);
    syncHash();
    void load().then(() => prev.disabled ? next.focus() : prev.focus());
  });
  next.addEventListener('click', () => {
    offset += PAGE;
    syncHash();
    void load().then(() => next.disabled ? prev.focus() : next.focus());
  });

  const row = (d: Document): HTMLTableRowElement => {
    const tr = h('tr', { class: 'dl-row', 'data-testid': `documents-row-${d.id}`, 'data-id': d.id, 'data-status': d.status },
      h('td', { class: 'num' }, String(d.id)),
      h('td', {},
        h('a', { href: documentsHash('viewer', { id: d.id }), class: 'dl-name', 'data-testid': `documents-link-${d.id}` }, docName(d)),
        d.title && d.filename ? h('div', { class: 'small muted' }, d.filename) : null),
      h('td', {}, statusBadge(d.status, `documents-status-${d.id}`),
        d.status === 'failed' && d.error ? h('div', { class: 'small doc-bad' }, d.error) : null),
      h('td', { class: 'dl-progress' }, docProgressView(d, `documents-progress-${d.id}`)),
      h('td', {}, fieldsInline(d.fields, types, `documents-fields-${d.id}`)),
      h('td', { class: 'num' }, d.status === 'done' || d.confidence !== null ? confidenceView(d.confidence, `documents-confidence-${d.id}`) : ''),
      h('td', { class: 'nowrap' }, h('time', { datetime: d.created_at }, tx(timeMsg(d.created_at))),
        d.created_by ? h('div', { class: 'small muted' }, d.created_by) : null),
    );
    tr.addEventListener('click', (ev) => {
      if ((ev.target as HTMLElement).closest('a, button')) return;
      location.hash = documentsHash('viewer', { id: d.id });
    });
    return tr;
  };

  const render = (): void => {
    rows.clear();
    const r = pageRange(offset, docs.length, total);
    prev.disabled = !r.prev;
    next.disabled = !r.next;
    count.dataset['total'] = String(r.total);
    replace(count, r.total ? tx(T.range(r.from, r.to, r.total)) : '');
    replace(range, r.total ? tx(T.range(r.from, r.to, r.total)) : '');
    pager.hidden = r.total <= PAGE && offset === 0;
    if (docs.length === 0) {
      replace(body, emptyNote(T.listEmpty, 'documents-list-empty'));
      return;
    }
    const tbody = h('tbody', {}, docs.map((d) => {
      const tr = row(d);
      rows.set(d.id, tr);
      return tr;
    }));
    replace(body, h('div', { class: 'table-wrap' },
      h('table', { class: 'documents-table', 'data-testid': 'documents-list' },
        h('thead', {}, h('tr', {},
          h('th', { scope: 'col', class: 'num' }, tx(T.id)),
          h('th', { scope: 'col' }, tx(T.file)),
          h('th', { scope: 'col' }, tx(T.status)),
          h('th', { scope: 'col' }, tx(T.progress)),
          h('th', { scope: 'col' }, tx(T.fields)),
          h('th', { scope: 'col', class: 'num' }, tx(T.confidence)),
          h('th', { scope: 'col' }, tx(T.createdAt)),
        )),
        tbody,
      ),
    ));
  };

  /** One row drawn again in place (the rest of the table and the focus stay). */
  const update = (d: Document): void => {
    const i = docs.findIndex((x) => x.id === d.id);
    if (i < 0) return;
    if (status && d.status !== status) {
      // It left the filter: the page is loaded again.
      void load();
      return;
    }
    docs[i] = d;
    const old = rows.get(d.id);
    if (!old) return;
    const focusedLink = old.contains(document.activeElement);
    const tr = row(d);
    old.replaceWith(tr);
    rows.set(d.id, tr);
    if (focusedLink) tr.querySelector<HTMLElement>('a')?.focus();
  };

  let seq = 0;
  const load = coalescedLoader(async () => {
    const mine = ++seq;
    try {
      const r = await client.list(status, PAGE, offset);
      if (!alive || mine !== seq) return;
      docs = r.documents;
      total = r.total;
      loaded = true;
      render();
    } catch (e) {
      if (alive && mine === seq) replace(body, problemView(e, 'documents-list-error'));
    }
  }, () => alive);

  let reloadTimer = 0;
  const fetching = new Set<number>();
  const offLive = ctx.live.onEvent((item) => {
    const ev = parseDocumentsEvent(item.topic, item.data);
    if (!ev || !loaded) return;
    const d = docs.find((x) => x.id === ev.id);
    if (!d) {
      // A document not on this page: a new one shows on the first page (a burst loads once).
      if (offset === 0 && (!status || status === ev.status)) {
        window.clearTimeout(reloadTimer);
        reloadTimer = window.setTimeout(() => void load(), 400);
      }
      return;
    }
    update(applyDocEvent(d, ev));
    if (isFinished(ev.status) && !fetching.has(ev.id)) {
      fetching.add(ev.id);
      client.get(ev.id).then((full) => {
        if (alive) update(full);
      }, () => undefined).finally(() => fetching.delete(ev.id));
    }
  });

  void client.types().then((t) => {
    types = t;
    if (alive && loaded) render();
  }, () => undefined);
  void load();

  const el = h('div', { class: 'documents-list', 'data-testid': 'documents-list-view' },
    h('section', { class: 'card' }, filters),
    h('section', { class: 'card', 'aria-labelledby': 'dl-title' },
      h('div', { class: 'section-head' }, h('h2', { id: 'dl-title' }, tx(T.listTitle)), count),
      h('p', { class: 'small muted' }, tx(T.listLead)),
      body,
      pager,
    ),
  );

  return {
    el,
    title: T.list,
    destroy: () => {
      alive = false;
      window.clearTimeout(reloadTimer);
      offLive();
    },
  };
}
