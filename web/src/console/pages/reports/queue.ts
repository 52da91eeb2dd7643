// The reports queue: filters (status incl. "open", category, unit, due), then code, category, status, unit,
// received, due with an overdue/soon badge, photos and duplicate suggestions. Loaded once per filter, then kept
// current from the live topic "reports" (report.created, report.updated): no polling.

import { h, replace } from '../../../shared/dom.ts';
import { cameraIcon } from '../../../shared/icons.ts';
import { tattr, tx } from '../../../shared/i18n.ts';
import { timeMsg } from '../../../shared/format.ts';
import { problemView } from '../../../shared/problem.ts';
import { loadingView, type Ctx } from '../../page.ts';
import { reportsApi, type Category, type ReportSummary, type Station } from './api.ts';
import {
  DEFAULT_FILTER,
  REPORT_STATUSES,
  dueIn,
  dueState,
  matchesFilter,
  parseReportsEvent,
  reportsHash,
  sortReports,
  type DueFilter,
  type QueueFilter,
} from './logic.ts';
import { T, categoryMsg, statusMsg, unitMsg } from './text.ts';
import { dueBadge, emptyNote, statusBadge, type View } from './widgets.ts';

const PAGE = 100;

/** The filter survives going to a report and back (for as long as the console stays open). */
let lastFilter: QueueFilter = { ...DEFAULT_FILTER };

export function queueView(ctx: Ctx): View {
  const client = reportsApi(ctx.api);
  let alive = true;
  let cats: Category[] = [];
  let units: Station[] = [];
  const filter: QueueFilter = { ...lastFilter };
  const reports = new Map<number, ReportSummary>();
  const fresh = new Set<number>();
  let total = 0;
  let loaded = 0;
  let pending: ReportSummary[] | null = null;
  let loadSeq = 0;

  // ---- filters ----
  const status = h('select', { id: 'rq-status', 'data-testid': 'reports-filter-status' },
    h('option', { value: 'open' }, tx(T.openStatuses)),
    h('option', { value: '' }, tx(T.allStatuses)),
    REPORT_STATUSES.map((s) => h('option', { value: s }, tx(statusMsg(s)))),
  );
  const category = h('select', { id: 'rq-category', 'data-testid': 'reports-filter-category' },
    h('option', { value: '' }, tx(T.allCategories)));
  const unit = h('select', { id: 'rq-unit', 'data-testid': 'reports-filter-unit' },
    h('option', { value: '' }, tx(T.allUnits)));
  const due = h('select', { id: 'rq-due', 'data-testid': 'reports-filter-due' },
    h('option', { value: '' }, tx(T.anyDue)),
    h('option', { value: 'overdue' }, tx(T.overdue)),
    h('option', { value: 'due_soon' }, tx(T.dueSoon)),
  );
  const reset = h('button', { type: 'button', class: 'secondary', 'data-testid': 'reports-filter-reset' }, tx(T.reset));
  const syncControls = (): void => {
    status.value = filter.status;
    category.value = filter.category;
    unit.value = filter.unit;
    due.value = filter.due;
  };
  const readControls = (): void => {
    filter.status = status.value;
    filter.category = category.value;
    filter.unit = unit.value;
    filter.due = due.value as DueFilter;
    lastFilter = { ...filter };
  };
  for (const s of [status, category, unit, due]) {
    s.addEventListener('change', () => {
      readControls();
      void load();
    });
  }
  reset.addEventListener('click', () => {
    Object.assign(filter, DEFAULT_FILTER);
    lastFilter = { ...filter };
    syncControls();
    void load();
  });
  const filters = h('form', { class: 'reports-filters', 'data-testid': 'reports-filters', novalidate: true },
    h('div', { class: 'field' }, h('label', { for: 'rq-status' }, tx(T.status)), status),
    h('div', { class: 'field' }, h('label', { for: 'rq-category' }, tx(T.category)), category),
    h('div', { class: 'field' }, h('label', { for: 'rq-unit' }, tx(T.unit)), unit),
    h('div', { class: 'field' }, h('label', { for: 'rq-due' }, tx(T.due)), due),
    h('div', { class: 'field' }, reset),
  );
  filters.addEventListener('submit', (ev) => ev.preventDefault());
  tattr(filters, 'aria-label', T.filters);

  // ---- the table ----
  const body = h('div', { 'data-testid': 'reports-queue-body' }, loadingView());
  const count = h('span', { class: 'small muted', 'data-testid': 'reports-count', 'aria-live': 'polite' });
  const more = h('button', { type: 'button', class: 'secondary', 'data-testid': 'reports-more', hidden: true }, tx(T.more));
  more.addEventListener('click', () => void load(true));

  const render = (): void => {
    const now = Date.now();
    const list = sortReports([...reports.values()].filter((r) => matchesFilter(r, filter, now)));
    count.dataset['shown'] = String(list.length);
    count.dataset['total'] = String(Math.max(total, list.length));
    replace(count, tx(T.shown(list.length, Math.max(total, list.length))));
    more.hidden = list.length >= total || loaded >= total;
    if (list.length === 0) {
      replace(body, emptyNote(T.queueEmpty, 'reports-queue-empty'));
      return;
    }
    replace(body, h('div', { class: 'table-wrap' },
      h('table', { class: 'reports-table', 'data-testid': 'reports-queue' },
        h('thead', {}, h('tr', {},
          h('th', { scope: 'col' }, tx(T.code)),
          h('th', { scope: 'col' }, tx(T.category)),
          h('th', { scope: 'col' }, tx(T.status)),
          h('th', { scope: 'col' }, tx(T.unit)),
          h('th', { scope: 'col' }, tx(T.received)),
          h('th', { scope: 'col' }, tx(T.dueAt)),
          h('th', { scope: 'col', class: 'center' }, cameraIcon(), h('span', { class: 'visually-hidden' }, tx(T.photos))),
          h('th', { scope: 'col', class: 'center' }, tx(T.suggestions)),
        )),
        h('tbody', {}, list.map((r) => row(r, now))),
      ),
    ));
    fresh.clear();
  };

  const row = (r: ReportSummary, now: number): HTMLElement => {
    const state = dueState(r, now);
    const n = Array.isArray(r.suggestions) ? r.suggestions.length : 0;
    const tr = h('tr', {
      class: `rq-row due-${state}${fresh.has(r.id) ? ' fresh' : ''}`,
      'data-testid': `reports-row-${r.id}`,
      'data-id': r.id,
      'data-code': r.code,
      'data-status': r.status,
      'data-due-state': state,
    },
      h('td', { class: 'nowrap' }, h('a', { href: reportsHash('report', r.id), class: 'mono rq-code', 'data-testid': `reports-link-${r.id}` }, r.code || `#${r.id}`)),
      h('td', {}, tx(categoryMsg(r.category, cats))),
      h('td', {}, statusBadge(r.status, `reports-status-${r.id}`),
        r.duplicate_of ? h('div', { class: 'small muted' }, tx(T.duplicateOf(r.duplicate_of))) : null),
      h('td', {}, tx(unitMsg(r.unit_id, units)), r.assigned_to ? h('div', { class: 'small muted' }, r.assigned_to) : null),
      h('td', { class: 'nowrap' }, h('time', { datetime: r.received_at }, tx(timeMsg(r.received_at)))),
      h('td', { class: 'nowrap' },
        h('time', { datetime: r.due_at }, tx(timeMsg(r.due_at))), ' ',
        dueBadge(state, `reports-due-${r.id}`),
        state !== 'done' ? h('div', { class: 'small muted' }, tx(() => ({ vi: dueIn(r.due_at, now, 'vi'), en: dueIn(r.due_at, now, 'en') }))) : null),
      h('td', { class: 'center' }, r.has_photos
        ? tattr(h('span', { class: 'rq-photo', role: 'img', 'data-testid': `reports-photos-${r.id}` }, cameraIcon()), 'aria-label', T.hasPhotos)
        : ''),
      h('td', { class: 'center' }, n > 0
        ? tattr(h('span', { class: 'rq-sugg', 'data-testid': `reports-suggestions-${r.id}`, 'data-count': n }, String(n)), 'title', T.suggestionsN(n))
        : ''),
    );
    tr.addEventListener('click', (ev) => {
      if ((ev.target as HTMLElement).closest('a')) return;
      location.hash = reportsHash('report', r.id);
    });
    return tr;
  };

  // A burst of events redraws once.
  let queued = 0;
  const schedule = (): void => {
    if (queued) return;
    queued = window.requestAnimationFrame(() => {
      queued = 0;
      if (alive) render();
    });
  };

  const put = (r: ReportSummary): void => {
    const now = Date.now();
    const had = reports.has(r.id);
    if (matchesFilter(r, filter, now)) {
      reports.set(r.id, { ...(reports.get(r.id) ?? {}), ...r });
      if (!had) {
        total++;
        // A report that just arrived (or just came into the filter) stands out for a moment.
        fresh.add(r.id);
      }
    } else if (had) {
      reports.delete(r.id);
      total = Math.max(0, total - 1);
    }
    schedule();
  };

  const offLive = ctx.live.onEvent((item) => {
    const ev = parseReportsEvent(item.topic, item.data);
    if (!ev || ev.kind !== 'report') return;
    const r = ev.report as unknown as ReportSummary;
    if (pending) pending.push(r);
    else put(r);
  });

  const load = async (append = false): Promise<void> => {
    const seq = ++loadSeq;
    if (!append) {
      reports.clear();
      loaded = 0;
      replace(body, loadingView());
    }
    pending = [];
    more.disabled = true;
    try {
      const r = await client.list(filter, PAGE, append ? loaded : 0);
      if (!alive || seq !== loadSeq) return;
      for (const x of r.reports) reports.set(x.id, x);
      loaded += r.reports.length;
      total = r.total;
      const queuedEvents = pending;
      pending = null;
      for (const x of queuedEvents) put(x);
      render();
    } catch (e) {
      if (alive && seq === loadSeq) {
        pending = null;
        replace(body, problemView(e, 'reports-error'));
      }
    } finally {
      more.disabled = false;
    }
  };

  // Due badges move with the clock: redraw every minute.
  const ticker = window.setInterval(() => {
    if (reports.size) schedule();
  }, 60_000);

  void (async () => {
    [cats, units] = await Promise.all([
      client.categories().catch(() => [] as Category[]),
      client.units().catch(() => [] as Station[]),
    ]);
    if (!alive) return;
    category.append(...cats.map((c) => h('option', { value: c.code }, tx(categoryMsg(c.code, cats)))));
    unit.append(...units.map((u) => h('option', { value: u.id }, tx(unitMsg(u.id, units)))));
    syncControls();
    if (reports.size) render();
  })();
  syncControls();
  void load();

  const el = h('div', { class: 'reports-queue', 'data-testid': 'reports-queue-view' },
    h('section', { class: 'card' }, filters),
    h('section', { class: 'card', 'aria-labelledby': 'rq-title' },
      h('div', { class: 'section-head' },
        h('h2', { id: 'rq-title' }, tx(T.queue)),
        count,
      ),
      h('p', { class: 'small muted' }, tx(T.liveNote)),
      body,
      h('div', { class: 'form-actions' }, more),
    ),
  );

  return {
    el,
    title: T.queue,
    destroy: () => {
      alive = false;
      offLive();
      window.clearInterval(ticker);
      if (queued) window.cancelAnimationFrame(queued);
    },
  };
}

