// Full-text search of the documents (personal data: the officer states a purpose, which is audited): words to find
// (accents optional, "phrases", -exclusion, prefix*), filters by type, issuer, number and date range; results with
// the snippet's hits marked (built from text nodes, never from the server's HTML), the document's fields, and a
// link to the page in the viewer; pages of 20 with Previous/Next. The search lives in the hash
// (#/documents/search?q=...), so going to a document and back shows the same results.

import { h, replace } from '../../../shared/dom.ts';
import { tattr, tx, type Msg } from '../../../shared/i18n.ts';
import { problemView } from '../../../shared/problem.ts';
import { loadWithPurpose, loadingView, type Ctx } from '../../page.ts';
import { documentsApi, type DocType, type SearchResult } from './api.ts';
import {
  SEARCH_PAGE,
  checkSearch,
  documentsHash,
  hasCriteria,
  pageRange,
  prevOffset,
  searchHashParams,
  searchParamsFrom,
  snippetParts,
  type SearchParams,
} from './logic.ts';
import { T } from './text.ts';
import { emptyNote, fieldsInline, type View } from './widgets.ts';

export const PURPOSE_KEY = 'documents';

/** The hash of the last search (the viewer links back to it). */
export let lastSearchHash = '';

export function searchView(ctx: Ctx, params: Record<string, string>): View {
  const client = documentsApi(ctx.api);
  let alive = true;
  let types: DocType[] = [];
  let current: SearchParams = searchParamsFrom(params);
  let seq = 0;

  // ---- the form ----
  const q = h('input', {
    id: 'ds-q', type: 'search', maxlength: 500, autocomplete: 'off', spellcheck: 'false',
    'aria-describedby': 'ds-q-hint', 'data-testid': 'documents-q',
  });
  const type = h('select', { id: 'ds-type', 'data-testid': 'documents-type' }, h('option', { value: '' }, tx(T.allTypes)));
  const issuer = h('input', { id: 'ds-issuer', type: 'text', maxlength: 200, autocomplete: 'off', 'data-testid': 'documents-issuer' });
  const number = h('input', { id: 'ds-number', type: 'text', maxlength: 100, autocomplete: 'off', 'data-testid': 'documents-number' });
  const dateFrom = h('input', { id: 'ds-from', type: 'date', 'data-testid': 'documents-date-from' });
  const dateTo = h('input', { id: 'ds-to', type: 'date', 'data-testid': 'documents-date-to' });
  const submit = h('button', { type: 'submit', 'data-testid': 'documents-search-submit' }, tx(T.doSearch));
  const reset = h('button', { type: 'button', class: 'secondary', 'data-testid': 'documents-search-reset' }, tx(T.reset));
  const formErr = h('p', { class: 'field-error', id: 'ds-error', hidden: true, 'data-testid': 'documents-search-invalid' });

  const fill = (p: SearchParams): void => {
    q.value = p.q;
    type.value = p.type;
    issuer.value = p.issuer;
    number.value = p.number;
    dateFrom.value = p.date_from;
    dateTo.value = p.date_to;
  };
  const read = (): SearchParams => ({
    q: q.value.trim(),
    type: type.value,
    issuer: issuer.value.trim(),
    number: number.value.trim(),
    date_from: dateFrom.value,
    date_to: dateTo.value,
    offset: 0,
  });

  const showFormError = (msg: Msg, field: HTMLElement): void => {
    replace(formErr, tx(msg));
    formErr.hidden = false;
    field.setAttribute('aria-invalid', 'true');
    field.focus();
  };

  const form = h('form', { class: 'search-form', novalidate: true, role: 'search', 'data-testid': 'documents-search-form' },
    h('div', { class: 'field search-q' },
      h('label', { for: 'ds-q' }, tx(T.query)),
      h('div', { class: 'search-row' }, q, submit),
      h('span', { id: 'ds-q-hint', class: 'small muted', 'data-testid': 'documents-q-hint' }, tx(T.queryHint)),
    ),
    h('div', { class: 'search-filters' },
      h('div', { class: 'field' }, h('label', { for: 'ds-type' }, tx(T.type)), type),
      h('div', { class: 'field' }, h('label', { for: 'ds-issuer' }, tx(T.issuer)), issuer),
      h('div', { class: 'field' }, h('label', { for: 'ds-number' }, tx(T.number)), number),
      h('div', { class: 'field' }, h('label', { for: 'ds-from' }, tx(T.dateFrom)), dateFrom),
      h('div', { class: 'field' }, h('label', { for: 'ds-to' }, tx(T.dateTo)), dateTo),
      h('div', { class: 'field' }, reset),
    ),
    formErr,
  );
  tattr(form, 'aria-label', T.searchTitle);
  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    for (const f of [q, dateFrom, dateTo]) f.removeAttribute('aria-invalid');
    formErr.hidden = true;
    const p = read();
    const problem = checkSearch(p);
    if (problem === 'empty') return showFormError(T.needCriteria, q);
    if (problem === 'date_from') return showFormError(T.badDate, dateFrom);
    if (problem === 'date_to') return showFormError(T.badDate, dateTo);
    if (problem === 'date_order') return showFormError(T.dateOrder, dateTo);
    void run(p);
  });
  reset.addEventListener('click', () => {
    fill(searchParamsFrom({}));
    formErr.hidden = true;
    q.focus();
  });

  // ---- results ----
  const status = h('p', { class: 'small muted', 'aria-live': 'polite', 'data-testid': 'documents-search-count' });
  const slot = h('div', { 'data-testid': 'documents-results-body' }, emptyNote(T.searchFirst, 'documents-search-first'));
  const prev = h('button', { type: 'button', class: 'secondary', 'data-testid': 'documents-search-prev' }, tx(T.prev));
  const next = h('button', { type: 'button', class: 'secondary', 'data-testid': 'documents-search-next' }, tx(T.next));
  const range = h('span', { class: 'small', 'data-testid': 'documents-search-range' });
  const pager = h('nav', { class: 'pager', hidden: true }, prev, range, next);
  tattr(pager, 'aria-label', T.pagerLabel);
  prev.addEventListener('click', () => void run({ ...current, offset: prevOffset(current.offset, SEARCH_PAGE) }, prev));
  next.addEventListener('click', () => void run({ ...current, offset: current.offset + SEARCH_PAGE }, next));
  const resultsHead = h('h2', { id: 'ds-results', tabindex: '-1' }, tx(T.results));

  const run = async (p: SearchParams, keep?: HTMLButtonElement): Promise<void> => {
    const mine = ++seq;
    current = p;
    const hash = documentsHash('search', { params: searchHashParams(p) });
    history.replaceState(null, '', hash);
    lastSearchHash = hash;
    replace(slot, loadingView());
    replace(status);
    try {
      const r = await loadWithPurpose(slot, PURPOSE_KEY, (purpose) => client.search(p, SEARCH_PAGE, purpose));
      if (!alive || mine !== seq) return;
      render(p, r.results, r.total, r.exact);
      if (keep && !keep.disabled) keep.focus();
      else if (keep) resultsHead.focus();
    } catch (e) {
      if (alive && mine === seq) {
        pager.hidden = true;
        replace(slot, problemView(e, 'documents-search-error'));
      }
    }
  };

  const render = (p: SearchParams, results: SearchResult[], total: number, exact: boolean): void => {
    const r = pageRange(p.offset, results.length, total);
    const rangeMsg = exact ? T.range : T.rangeAtLeast;
    status.dataset['total'] = String(r.total);
    replace(status, r.total ? tx(rangeMsg(r.from, r.to, r.total)) : tx(T.noResults));
    replace(range, r.total ? tx(rangeMsg(r.from, r.to, r.total)) : '');
    prev.disabled = !r.prev;
    next.disabled = !r.next;
    pager.hidden = !(r.prev || r.next);
    if (results.length === 0) {
      replace(slot, emptyNote(T.noResults, 'documents-no-results'));
      return;
    }
    replace(slot, h('ol', { class: 'search-results', start: r.from, 'data-testid': 'documents-results' },
      results.map((x, i) => result(x, i))));
  };

  const result = (x: SearchResult, i: number): HTMLElement => {
    const name = (x.title || '').trim() || (x.filename || '').trim() || `#${x.document_id}`;
    const page = Number.isFinite(x.page) && x.page > 0 ? x.page : 1;
    const link = h('a', {
      href: documentsHash('viewer', { id: x.document_id, page }),
      class: 'result-link',
      'data-testid': `documents-result-link-${i}`,
      'data-document-id': x.document_id,
      'data-page': page,
    }, name, ' — ', tx(T.onPage(page)));
    return h('li', { class: 'search-result', 'data-testid': `documents-result-${i}`, 'data-document-id': x.document_id, 'data-page': page },
      h('h3', { class: 'result-title' }, link),
      x.title && x.filename ? h('div', { class: 'small muted' }, x.filename) : null,
      fieldsInline(x.fields, types, `documents-result-fields-${i}`),
      snippet(x.snippet, `documents-result-snippet-${i}`),
    );
  };

  void client.types().then((list) => {
    types = list;
    if (!alive) return;
    type.append(...list.map((t) => h('option', { value: t.code }, tx({ vi: t.name_vi || t.code, en: t.name_en || t.name_vi || t.code }))));
    type.value = current.type;
  }, () => undefined);

  fill(current);
  if (hasCriteria(current) && checkSearch(current) === null) void run(current);

  const el = h('div', { class: 'documents-search', 'data-testid': 'documents-search-view' },
    h('section', { class: 'card', 'aria-labelledby': 'ds-title' },
      h('h2', { id: 'ds-title' }, tx(T.searchTitle)),
      form,
    ),
    h('section', { class: 'card', 'aria-labelledby': 'ds-results' },
      h('div', { class: 'section-head' }, resultsHead, status),
      slot,
      pager,
    ),
  );

  return {
    el,
    title: T.search,
    destroy: () => {
      alive = false;
    },
  };
}

/** The snippet as text with <mark> around the hits: DOM text nodes only. */
export function snippet(raw: unknown, testid?: string): HTMLElement {
  const p = h('p', { class: 'snippet', 'data-testid': testid });
  for (const part of snippetParts(raw)) {
    p.append(part.hit ? h('mark', {}, part.text) : document.createTextNode(part.text));
  }
  return p;
}
