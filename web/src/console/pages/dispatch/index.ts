// The console page of the "dispatch" capability: tabs for the views the officer's role may open and the
// view the hash names (#/dispatch/intake, #/dispatch/board, #/dispatch/incident/17, #/dispatch/units,
// #/dispatch/stats, #/dispatch/training; #/dispatch alone opens the role's usual view).

import './dispatch.css';
import { h } from '../../../shared/dom.ts';
import { m, tattr, tx, type Msg } from '../../../shared/i18n.ts';
import { pageHeading, type Ctx, type Page } from '../../page.ts';
import { boardView } from './board.ts';
import { incidentView } from './incident.ts';
import { intakeView } from './intake.ts';
import { defaultView, dispatchHash, parseDispatchRoute, viewAllowed, viewsFor, type DispatchView } from './logic.ts';
import { statsView } from './stats.ts';
import { D } from './text.ts';
import { trainingView } from './training.ts';
import { unitsView } from './units.ts';
import type { View } from './widgets.ts';

const TAB_TITLE: Record<DispatchView, Msg> = {
  intake: D.intake,
  board: D.board,
  incident: D.board,
  units: D.units,
  stats: D.stats,
  training: D.training,
};

export function dispatchPage(ctx: Ctx): Page {
  const role = ctx.user.role;
  const route = parseDispatchRoute(location.hash);
  let view: DispatchView = route.view ?? defaultView(role);
  if (!route.view) history.replaceState(null, '', dispatchHash(view));

  let sub: View;
  if (!viewAllowed(role, view)) {
    sub = { el: h('p', { class: 'notice warn', role: 'alert', 'data-testid': 'dispatch-not-allowed' }, tx(D.notAllowed)), title: D.title, destroy: () => undefined };
    view = defaultView(role);
  } else if (view === 'intake') sub = intakeView(ctx);
  else if (view === 'incident') sub = incidentView(ctx, route.id!);
  else if (view === 'units') sub = unitsView(ctx);
  else if (view === 'stats') sub = statsView(ctx);
  else if (view === 'training') sub = trainingView(ctx);
  else sub = boardView(ctx);

  const tabs = h('nav', { class: 'dispatch-tabs' },
    h('ul', {}, viewsFor(role).map((v) =>
      h('li', {}, h('a', {
        href: dispatchHash(v),
        class: 'tab',
        'data-testid': `dispatch-tab-${v}`,
        'aria-current': v === view && route.view !== 'incident' ? 'page' : undefined,
      }, tx(TAB_TITLE[v]))))),
  );
  tattr(tabs, 'aria-label', D.tabs);

  const el = h('div', { class: 'page dispatch', 'data-testid': 'page-dispatch', 'data-view': route.view ?? view },
    pageHeading(D.title),
    tabs,
    sub.el,
  );

  // The console puts the page into the document right after this returns (and focuses <main>); the view
  // measures itself (the map) and moves focus (the intake form) after that.
  const timer = window.setTimeout(() => {
    if (el.isConnected) sub.attached?.();
  }, 0);

  return {
    el,
    title: m(`${sub.title.vi} · ${D.title.vi}`, `${sub.title.en} · ${D.title.en}`),
    destroy: () => {
      window.clearTimeout(timer);
      sub.destroy();
    },
  };
}
