// Statistics (supervisor): counts and median/p90 times to dispatch and to arrive for a period, grouped by
// line, category, area or hour; a table and plain SVG bar charts (no chart library, no inline styles).
// New incidents arriving live mark the figures as out of date; the officer reloads when it suits.

import { h, replace } from '../../../shared/dom.ts';
import { onLangChange, t, tx, type Msg } from '../../../shared/i18n.ts';
import { problemView } from '../../../shared/problem.ts';
import { loadingView, type Ctx } from '../../page.ts';
import { dispatchApi, type Stats, type StatsGroup } from './api.ts';
import { formatDuration, fromLocalInput, toLocalInput, type Taxonomy } from './logic.ts';
import { DispatchState } from './state.ts';
import { D, areaMsg, categoryMsg, currentLang, durationMsg, lineMsg, pair } from './text.ts';
import { emptyNote, type View } from './widgets.ts';

const GROUPS: { value: string; label: Msg }[] = [
  { value: 'line', label: D.byLine },
  { value: 'category', label: D.byCategory },
  { value: 'area', label: D.byArea },
  { value: 'hour', label: D.byHour },
];

const SVG = 'http://www.w3.org/2000/svg';
function svg<K extends keyof SVGElementTagNameMap>(tag: K, attrs: Record<string, string | number> = {}, ...children: (Node | string)[]): SVGElementTagNameMap[K] {
  const el = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, String(v));
  for (const c of children) el.append(c);
  return el;
}

export function statsView(ctx: Ctx): View {
  const client = dispatchApi(ctx.api);
  const live = new DispatchState(client, ctx.live, { incidents: false, units: false });
  let alive = true;
  let tax: Taxonomy | undefined;
  let last: Stats | null = null;

  const now = new Date();
  const from = h('input', { id: 'st-from', type: 'datetime-local', value: toLocalInput(new Date(now.getTime() - 24 * 3600e3)),
    'data-testid': 'stats-from' });
  const to = h('input', { id: 'st-to', type: 'datetime-local', value: toLocalInput(new Date(now.getTime() + 60e3)), 'data-testid': 'stats-to' });
  const groupBy = h('select', { id: 'st-group', 'data-testid': 'stats-group' },
    GROUPS.map((g) => h('option', { value: g.value }, tx(g.label))));
  const showBtn = h('button', { type: 'submit', 'data-testid': 'stats-load' }, tx(D.show));
  const stale = h('div', { 'aria-live': 'polite' });
  const body = h('div', { 'data-testid': 'stats-body' });

  const form = h('form', { class: 'stats-form', novalidate: true },
    h('div', { class: 'field' }, h('label', { for: 'st-from' }, tx(D.from)), from),
    h('div', { class: 'field' }, h('label', { for: 'st-to' }, tx(D.to)), to),
    h('div', { class: 'field' }, h('label', { for: 'st-group' }, tx(D.groupBy)), groupBy),
    h('div', { class: 'field' }, showBtn),
  );

  const load = async (): Promise<void> => {
    const f = fromLocalInput(from.value);
    const tt = fromLocalInput(to.value);
    from.toggleAttribute('aria-invalid', !f);
    to.toggleAttribute('aria-invalid', !tt);
    if (!f || !tt || f >= tt) {
      replace(body, h('p', { class: 'problem', role: 'alert' }, tx(D.badRange)));
      return;
    }
    replace(stale);
    replace(body, loadingView());
    showBtn.disabled = true;
    try {
      const s = await client.stats(f, tt, groupBy.value);
      if (!alive) return;
      last = s;
      render(s);
    } catch (e) {
      if (alive) replace(body, problemView(e, 'stats-error'));
    } finally {
      showBtn.disabled = false;
    }
  };
  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    void load();
  });

  const labelOf = (g: StatsGroup, by: string): Msg => {
    if (g.label_vi || g.label_en) return pair(g.label_vi, g.label_en);
    if (by === 'category') return categoryMsg(g.key, tax);
    if (by === 'line') return lineMsg(g.key, tax);
    if (by === 'area' || by === 'district') return areaMsg(g.key, tax);
    return { vi: g.key, en: g.key };
  };

  const render = (s: Stats): void => {
    const groups = Array.isArray(s.groups) ? s.groups : [];
    if (groups.length === 0) {
      replace(body, emptyNote(D.noData, 'stats-empty'));
      return;
    }
    const by = s.group_by || groupBy.value;
    const cell = (v: number | null | undefined): HTMLElement => h('td', { class: 'num' }, tx(durationMsg(v)));
    const row = (g: StatsGroup, total = false): HTMLElement =>
      h('tr', { class: total ? 'total' : undefined, 'data-key': g.key },
        h(total ? 'th' : 'td', total ? { scope: 'row' } : {}, tx(total ? D.total : labelOf(g, by))),
        h('td', { class: 'num' }, String(g.incidents ?? 0)),
        h('td', { class: 'num' }, String(g.dispatched ?? 0)),
        h('td', { class: 'num' }, String(g.arrived ?? 0)),
        cell(g.time_to_dispatch_s?.median), cell(g.time_to_dispatch_s?.p90),
        cell(g.time_to_arrive_s?.median), cell(g.time_to_arrive_s?.p90),
      );
    const table = h('div', { class: 'table-wrap' },
      h('table', { class: 'stats-table', 'data-testid': 'stats-table' },
        h('thead', {},
          h('tr', {},
            h('th', { scope: 'col', rowspan: 2 }, tx(D.group)),
            h('th', { scope: 'col', rowspan: 2, class: 'num' }, tx(D.incidents)),
            h('th', { scope: 'col', rowspan: 2, class: 'num' }, tx(D.dispatched)),
            h('th', { scope: 'col', rowspan: 2, class: 'num' }, tx(D.arrived)),
            h('th', { scope: 'colgroup', colspan: 2, class: 'center' }, tx(D.toDispatch)),
            h('th', { scope: 'colgroup', colspan: 2, class: 'center' }, tx(D.toArrive)),
          ),
          h('tr', {},
            h('th', { scope: 'col', class: 'num' }, tx(D.median)), h('th', { scope: 'col', class: 'num' }, tx(D.p90)),
            h('th', { scope: 'col', class: 'num' }, tx(D.median)), h('th', { scope: 'col', class: 'num' }, tx(D.p90)),
          ),
        ),
        h('tbody', {}, groups.map((g) => row(g))),
        s.total ? h('tfoot', {}, row(s.total, true)) : null,
      ),
    );
    const labels = groups.map((g) => t(labelOf(g, by)));
    replace(body,
      h('p', { class: 'small muted' }, tx(D.statsNote)),
      table,
      h('div', { class: 'charts' },
        chart('stats-chart-count', D.incidents, labels, [
          { cls: 'bar-count', values: groups.map((g) => g.incidents ?? 0), fmt: String },
          { cls: 'bar-done', values: groups.map((g) => g.dispatched ?? 0), fmt: String },
          { cls: 'bar-arrived', values: groups.map((g) => g.arrived ?? 0), fmt: String },
        ], [D.incidents, D.dispatched, D.arrived]),
        chart('stats-chart-dispatch', D.toDispatch, labels, [
          { cls: 'bar-median', values: groups.map((g) => g.time_to_dispatch_s?.median ?? null), fmt: dur },
          { cls: 'bar-p90', values: groups.map((g) => g.time_to_dispatch_s?.p90 ?? null), fmt: dur },
        ], [D.median, D.p90]),
        chart('stats-chart-arrive', D.toArrive, labels, [
          { cls: 'bar-median', values: groups.map((g) => g.time_to_arrive_s?.median ?? null), fmt: dur },
          { cls: 'bar-p90', values: groups.map((g) => g.time_to_arrive_s?.p90 ?? null), fmt: dur },
        ], [D.median, D.p90]),
      ),
    );
  };

  // Charts hold SVG text, which is not bound to the language: draw them again on a switch.
  const offLang = onLangChange(() => {
    if (last && alive) render(last);
  });

  const offLive = live.onChange((c) => {
    if (c.kind === 'incident' && (c.type === 'incident.created' || c.type === 'incident.updated') && last) {
      replace(stale, h('p', { class: 'notice', 'data-testid': 'stats-stale' }, tx(D.newData), ' ',
        h('button', { type: 'button', class: 'secondary small-btn', onclick: () => void load() }, tx(D.show))));
    }
  });

  void client.taxonomy().then((taxonomy) => {
    tax = taxonomy;
  }, () => undefined).finally(() => {
    if (alive) void load();
  });

  const el = h('div', { class: 'dispatch-stats', 'data-testid': 'dispatch-stats' },
    h('section', { class: 'card' }, form, stale, body),
  );
  return {
    el,
    title: D.stats,
    destroy: () => {
      alive = false;
      offLang();
      offLive();
      live.destroy();
    },
  };
}

function dur(v: number): string {
  return formatDuration(v, currentLang());
}

interface Series {
  cls: string;
  values: (number | null)[];
  fmt: (v: number) => string;
}

/** Horizontal grouped bars: one row per group, one bar per series, scaled to the largest value. */
function chart(testid: string, title: Msg, labels: string[], series: Series[], names: Msg[]): HTMLElement {
  const labelW = 130;
  const barW = 250;
  const valueW = 100;
  const barH = 12;
  const gap = 3;
  const rowH = series.length * (barH + gap) + 10;
  const width = labelW + barW + valueW;
  const height = labels.length * rowH + 4;
  const max = Math.max(1, ...series.flatMap((s) => s.values.filter((v): v is number => v !== null && Number.isFinite(v))));
  const root = svg('svg', { class: 'chart', viewBox: `0 0 ${width} ${height}`, width, height, role: 'img',
    'data-testid': testid, 'aria-label': t(title) });
  labels.forEach((label, i) => {
    const y0 = i * rowH + 4;
    root.append(svg('text', { x: labelW - 8, y: y0 + rowH / 2, class: 'chart-label', 'text-anchor': 'end',
      'dominant-baseline': 'middle' }, label.length > 22 ? `${label.slice(0, 21)}…` : label));
    series.forEach((s, j) => {
      const v = s.values[i];
      const y = y0 + j * (barH + gap);
      const w = v === null || v === undefined ? 0 : Math.max(v > 0 ? 1 : 0, (v / max) * barW);
      root.append(svg('rect', { x: labelW, y, width: w.toFixed(1), height: barH, class: `bar ${s.cls}`, rx: 2 },
        svg('title', {}, `${label}: ${v === null || v === undefined ? '—' : s.fmt(v)}`)));
      root.append(svg('text', { x: labelW + w + 4, y: y + barH / 2, class: 'chart-value', 'dominant-baseline': 'middle' },
        v === null || v === undefined ? '—' : s.fmt(v)));
    });
  });
  return h('figure', { class: 'chart-box' },
    h('figcaption', {}, tx(title), ' ',
      h('span', { class: 'chart-keys small' }, series.map((s, j) =>
        h('span', { class: 'chart-key' }, h('span', { class: `key-swatch ${s.cls}` }), tx(names[j]!))))),
    root,
  );
}
