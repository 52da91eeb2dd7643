// The console page of the "reports" capability: tabs for the views the officer's role may open and the view the
// hash names (#/reports/queue, #/reports/report/12, #/reports/stats; #/reports alone opens the queue).

import './reports.css';
import { h } from '../../../shared/dom.ts';
import { m, tattr, tx, type Msg } from '../../../shared/i18n.ts';
import { pageHeading, type Ctx, type Page } from '../../page.ts';
import { detailView } from './detail.ts';
import { parseReportsRoute, reportsHash, reportViewAllowed, reportViewsFor, type ReportsView } from './logic.ts';
import { queueView } from './queue.ts';
import { statsView } from './stats.ts';
import { T } from './text.ts';
import type { View } from './widgets.ts';

const TAB_TITLE: Record<ReportsView, Msg> = {
  queue: T.queue,
  report: T.queue,
  stats: T.stats,
};

export function reportsPage(ctx: Ctx): Page {
  const role = ctx.user.role;
  const route = parseReportsRoute(location.hash);
  let view: ReportsView = route.view ?? 'queue';
  if (!route.view) history.replaceState(null, '', reportsHash(view));

  let sub: View;
  if (!reportViewAllowed(role, view)) {
    sub = { el: h('p', { class: 'notice warn', role: 'alert', 'data-testid': 'reports-not-allowed' }, tx(T.notAllowed)), title: T.title, destroy: () => undefined };
    view = 'queue';
  } else if (view === 'report') sub = detailView(ctx, route.id!);
  else if (view === 'stats') sub = statsView(ctx);
  else sub = queueView(ctx);

  const tabs = h('nav', { class: 'reports-tabs' },
    h('ul', {}, reportViewsFor(role).map((v) =>
      h('li', {}, h('a', {
        href: reportsHash(v),
        class: 'tab',
        'data-testid': `reports-tab-${v}`,
        'aria-current': v === view && route.view !== 'report' ? 'page' : undefined,
      }, tx(TAB_TITLE[v]))))),
  );
  tattr(tabs, 'aria-label', T.tabs);

  const el = h('div', { class: 'page reports', 'data-testid': 'page-reports', 'data-view': route.view ?? view },
    pageHeading(T.title),
    tabs,
    sub.el,
  );

  // The console puts the page into the document right after this returns; the map measures itself after that.
  const timer = window.setTimeout(() => {
    if (el.isConnected) sub.attached?.();
  }, 0);

  return {
    el,
    title: m(`${sub.title.vi} · ${T.title.vi}`, `${sub.title.en} · ${T.title.en}`),
    destroy: () => {
      window.clearTimeout(timer);
      sub.destroy();
    },
  };
}
