// Statistics (supervisor): for a period, the number of reports, the median time to resolve and the share overdue,
// and counts by category, unit and status as plain SVG bar charts with a table beside each (no chart library,
// no inline styles). New reports arriving live mark the figures as out of date; the officer reloads when it suits.

import { h, replace } from '../../../shared/dom.ts';
import { onLangChange, t, tx, type Msg } from '../../../shared/i18n.ts';
import { problemView } from '../../../shared/problem.ts';
import { loadingView, type Ctx } from '../../page.ts';
import { reportsApi, type Category, type Station, type Stats } from './api.ts';
import { formatHours, formatShare, parseReportsEvent } from './logic.ts';
import { T, categoryMsg, currentLang, statusMsg, unitMsg } from './text.ts';
import { emptyNote, type View } from './widgets.ts';

const SVG = 'http://www.w3.org/2000/svg';
function svg<K extends keyof SVGElementTagNameMap>(tag: K, attrs: Record<string, string | number> = {}, ...children: (Node | string)[]): SVGElementTagNameMap[K] {
  const el = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, String(v));
  for (const c of children) el.append(c);
  return el;
}

function toLocalInput(d: Date): string {
  const p = (n: number): string => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}T${p(d.getHours())}:${p(d.getMinutes())}`;
}

function fromLocalInput(value: string): string | null {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/.test(value)) return null;
  const d = new Date(value);
  return Number.isNaN(d.getTime()) ? null : d.toISOString();
}

export function statsView(ctx: Ctx): View {
  const client = reportsApi(ctx.api);
  let alive = true;
  let cats: Category[] = [];
  let units: Station[] = [];
  let last: Stats | null = null;

  const now = new Date();
  const from = h('input', { id: 'rs-from', type: 'datetime-local', value: toLocalInput(new Date(now.getTime() - 30 * 24 * 3600e3)),
    'data-testid': 'reports-stats-from' });
  const to = h('input', { id: 'rs-to', type: 'datetime-local', value: toLocalInput(new Date(now.getTime() + 60e3)), 'data-testid': 'reports-stats-to' });
  const showBtn = h('button', { type: 'submit', 'data-testid': 'reports-stats-load' }, tx(T.show));
  const stale = h('div', { 'aria-live': 'polite' });
  const body = h('div', { 'data-testid': 'reports-stats-body' });
  const form = h('form', { class: 'stats-form', novalidate: true },
    h('div', { class: 'field' }, h('label', { for: 'rs-from' }, tx(T.from)), from),
    h('div', { class: 'field' }, h('label', { for: 'rs-to' }, tx(T.to)), to),
    h('div', { class: 'field' }, showBtn),
  );

  const load = async (): Promise<void> => {
    const f = fromLocalInput(from.value);
    const tt = fromLocalInput(to.value);
    for (const [input, ok] of [[from, f], [to, tt]] as const) {
      if (ok) input.removeAttribute('aria-invalid');
      else input.setAttribute('aria-invalid', 'true');
    }
    if (!f || !tt || f >= tt) {
      replace(body, h('p', { class: 'problem', role: 'alert' }, tx(T.badRange)));
      return;
    }
    replace(stale);
    replace(body, loadingView());
    showBtn.disabled = true;
    try {
      const s = await client.stats(f, tt);
      if (!alive) return;
      last = s;
      render(s);
    } catch (e) {
      if (alive) replace(body, problemView(e, 'reports-stats-error'));
    } finally {
      showBtn.disabled = false;
    }
  };
  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    void load();
  });

  const render = (s: Stats): void => {
    const lang = currentLang();
    const tiles = h('div', { class: 'stat-tiles' },
      tile(T.total, String(s.total ?? 0), 'reports-stats-total'),
      tile(T.medianResolve, formatHours(s.median_resolve_h, lang), 'reports-stats-median'),
      tile(T.shareOverdue, formatShare(s.share_overdue, lang), 'reports-stats-overdue'),
    );
    if (!s.total) {
      replace(body, tiles, emptyNote(T.noData, 'reports-stats-empty'));
      return;
    }
    replace(body, tiles,
      h('div', { class: 'charts' },
        chart('reports-chart-category', T.byCategory, (s.by_category ?? []).map((x) => ({ label: t(categoryMsg(x.key, cats)), key: x.key, count: x.count }))),
        chart('reports-chart-unit', T.byUnit, (s.by_unit ?? []).map((x) => ({ label: t(unitMsg(x.key, units)), key: x.key, count: x.count }))),
        chart('reports-chart-status', T.byStatus, (s.by_status ?? []).map((x) => ({ label: t(statusMsg(x.key)), key: x.key, count: x.count }))),
      ),
    );
  };

  // Chart labels are SVG text, not bound to the language: draw again on a switch.
  const offLang = onLangChange(() => {
    if (last && alive) render(last);
  });

  const offLive = ctx.live.onEvent((item) => {
    const ev = parseReportsEvent(item.topic, item.data);
    if (!ev || !last || (ev.type !== 'report.created' && ev.type !== 'report.updated')) return;
    replace(stale, h('p', { class: 'notice', 'data-testid': 'reports-stats-stale' }, tx(T.newData), ' ',
      h('button', { type: 'button', class: 'secondary small-btn', onclick: () => void load() }, tx(T.show))));
  });

  void Promise.all([client.categories().catch(() => [] as Category[]), client.units().catch(() => [] as Station[])])
    .then(([c, u]) => {
      cats = c;
      units = u;
    })
    .finally(() => {
      if (alive) void load();
    });

  const el = h('div', { class: 'reports-stats', 'data-testid': 'reports-stats' },
    h('section', { class: 'card' }, form, stale, body),
  );
  return {
    el,
    title: T.stats,
    destroy: () => {
      alive = false;
      offLang();
      offLive();
    },
  };
}

function tile(label: Msg, value: string, testid: string): HTMLElement {
  return h('div', { class: 'stat-tile' },
    h('div', { class: 'stat-label small' }, tx(label)),
    h('div', { class: 'stat-value', 'data-testid': testid }, value));
}

interface Bar {
  label: string;
  key: string;
  count: number;
}

/** Horizontal bars, largest first, scaled to the largest count; the same figures as a table for screen readers. */
function chart(testid: string, title: Msg, bars: Bar[]): HTMLElement {
  const rows = [...bars].sort((a, b) => b.count - a.count || a.label.localeCompare(b.label));
  const labelW = 250;
  const barW = 200;
  const valueW = 50;
  const rowH = 22;
  const width = labelW + barW + valueW;
  const height = Math.max(1, rows.length) * rowH + 6;
  const max = Math.max(1, ...rows.map((r) => r.count));
  const root = svg('svg', { class: 'chart', viewBox: `0 0 ${width} ${height}`, width, height, role: 'img',
    'data-testid': testid, 'aria-label': t(title) });
  rows.forEach((r, i) => {
    const y = i * rowH + 4;
    const w = r.count > 0 ? Math.max(2, (r.count / max) * barW) : 0;
    root.append(svg('text', { x: labelW - 8, y: y + 8, class: 'chart-label', 'text-anchor': 'end', 'dominant-baseline': 'middle' },
      r.label.length > 36 ? `${r.label.slice(0, 35)}…` : r.label));
    root.append(svg('rect', { x: labelW, y, width: w.toFixed(1), height: 16, rx: 2, class: 'bar bar-reports', 'data-key': r.key },
      svg('title', {}, `${r.label}: ${r.count}`)));
    root.append(svg('text', { x: labelW + w + 5, y: y + 8, class: 'chart-value', 'dominant-baseline': 'middle' }, String(r.count)));
  });
  return h('figure', { class: 'chart-box' },
    h('figcaption', {}, tx(title)),
    root,
    h('table', { class: 'visually-hidden' },
      h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, tx(title)), h('th', { scope: 'col' }, tx(T.count)))),
      h('tbody', {}, rows.map((r) => h('tr', {}, h('td', {}, r.label), h('td', {}, String(r.count)))))),
  );
}
