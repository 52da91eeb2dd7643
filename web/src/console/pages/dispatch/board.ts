// Dispatcher board: the map (incidents by priority, units by status, positions moving live) and the queue of
// open incidents by priority then age, the age ticking every second; unacknowledged P1 incidents stand out.

import { h, replace } from '../../../shared/dom.ts';
import { m, tattr, tx } from '../../../shared/i18n.ts';
import { problemView } from '../../../shared/problem.ts';
import { loadingView, type Ctx } from '../../page.ts';
import { dispatchApi, type Incident } from './api.ts';
import { DispatchMap } from './map.ts';
import { ageSeconds, dispatchHash, formatClock, isUnacknowledgedP1, sortQueue, type Taxonomy } from './logic.ts';
import { DispatchState } from './state.ts';
import { D, areaMsg, categoryMsg, unitStatusMsg } from './text.ts';
import { emptyNote, incidentStatusBadge, priorityBadge, type View } from './widgets.ts';

const LEGEND_PRIORITIES = ['P1', 'P2', 'P3', 'P4'];
const LEGEND_STATUSES = ['available', 'dispatched', 'en_route', 'on_scene', 'clearing', 'out_of_service'];

export function boardView(ctx: Ctx): View {
  const client = dispatchApi(ctx.api);
  const state = new DispatchState(client, ctx.live, { incidents: true, units: true });
  let alive = true;
  let map: DispatchMap | null = null;
  let tax: Taxonomy | undefined;
  let attached = false;

  const mapSlot = h('div', { class: 'board-map' }, loadingView());
  const count = h('span', { class: 'queue-count', 'data-testid': 'queue-count' }, '0');
  const queue = h('ol', { class: 'queue', 'data-testid': 'queue' });
  const queueBody = h('div', {}, loadingView());
  const ages = new Map<number, HTMLElement>();

  const renderQueue = (): void => {
    const list = sortQueue(state.incidents.values());
    ages.clear();
    replace(queue, list.map((inc) => queueItem(inc, tax, ages)));
    count.textContent = String(list.length);
    replace(queueBody, list.length ? queue : emptyNote(D.queueEmpty, 'queue-empty'));
    tick();
  };

  const tick = (): void => {
    const now = Date.now();
    for (const [id, el] of ages) {
      const inc = state.incidents.get(id);
      if (inc) el.textContent = formatClock(ageSeconds(inc, now));
    }
  };
  const ticker = window.setInterval(tick, 1000);

  // Queue re-renders are batched to one per frame: a burst of events redraws once.
  let queued = 0;
  const scheduleQueue = (): void => {
    if (queued) return;
    queued = window.requestAnimationFrame(() => {
      queued = 0;
      if (alive) renderQueue();
    });
  };

  const offState = state.onChange((c) => {
    switch (c.kind) {
      case 'loaded':
        renderQueue();
        for (const inc of state.incidents.values()) map?.setIncident(inc);
        for (const u of state.units.values()) map?.setUnit(u);
        map?.fit();
        break;
      case 'incident':
      case 'escalated':
        map?.setIncident(c.incident);
        scheduleQueue();
        break;
      case 'unit':
        map?.setUnit(c.unit);
        break;
      case 'positions':
        for (const f of c.fixes) {
          const u = state.units.get(f.id);
          if (u) map?.setUnit(u); // adds the marker when this is the unit's first position
          map?.moveUnit(f.id, f.lat, f.lon);
        }
        break;
    }
  });

  const start = async (): Promise<void> => {
    try {
      const [config, taxonomy] = await Promise.all([client.config(), client.taxonomy().catch(() => undefined)]);
      if (!alive) return;
      tax = taxonomy;
      map = new DispatchMap(config, (id) => {
        location.hash = dispatchHash('incident', id);
      });
      if (tax) map.setTaxonomy(tax);
      replace(mapSlot, map.el, legend());
      if (attached) map.attach();
      await state.load();
    } catch (e) {
      if (alive) replace(queueBody, problemView(e, 'board-error'));
    }
  };
  void start();

  const el = h('div', { class: 'dispatch-board', 'data-testid': 'dispatch-board' },
    tattr(h('section', { class: 'card flush board-map-card' }, mapSlot), 'aria-label', D.map),
    h('section', { class: 'card board-queue', 'aria-labelledby': 'queue-title' },
      h('h2', { id: 'queue-title' }, tx(D.queue), ' (', count, ')'),
      queueBody,
    ),
  );

  return {
    el,
    title: D.board,
    attached: () => {
      attached = true;
      map?.attach();
      map?.fit();
    },
    destroy: () => {
      alive = false;
      window.clearInterval(ticker);
      if (queued) window.cancelAnimationFrame(queued);
      offState();
      state.destroy();
      map?.destroy();
    },
  };
}

function queueItem(inc: Incident, tax: Taxonomy | undefined, ages: Map<number, HTMLElement>): HTMLElement {
  const unack = isUnacknowledgedP1(inc);
  const age = h('span', { class: 'age mono', 'data-testid': `queue-age-${inc.id}` });
  ages.set(inc.id, age);
  const loc = inc.location;
  const where = loc?.address || null;
  const classes = ['queue-item', `prio-${/^P[1-4]$/.test(inc.priority) ? inc.priority : 'P4'}`];
  if (unack) classes.push('unack');
  if (inc.escalated_at && !inc.acknowledged_at) classes.push('escalated');
  return h('li', {},
    h('a', {
      href: dispatchHash('incident', inc.id),
      class: classes.join(' '),
      'data-testid': `queue-item-${inc.id}`,
      'data-incident-id': inc.id,
      'data-priority': inc.priority,
      'data-status': inc.status,
      'data-unack': String(unack),
    },
      h('span', { class: 'qi-head' },
        priorityBadge(inc.priority),
        h('strong', { class: 'qi-id' }, `#${inc.id}`),
        h('span', { class: 'qi-cat' }, tx(categoryMsg(inc.category, tax))),
        tattr(h('span', { class: 'qi-age' }, age), 'title', D.waiting),
      ),
      h('span', { class: 'qi-desc' }, inc.description),
      h('span', { class: 'qi-meta small' },
        incidentStatusBadge(inc.status, tax),
        unack ? h('span', { class: 'unack-flag' }, tx(D.unacked)) : null,
        where ? h('span', { class: 'qi-where' }, where) : null,
        loc?.area ? h('span', { class: 'qi-area' }, tx(areaMsg(loc.area, tax))) : null,
        inc.units?.length ? h('span', { class: 'qi-units' }, tx(m(`${inc.units.length} đơn vị`, `${inc.units.length} unit(s)`))) : null,
      ),
    ),
  );
}

function legend(): HTMLElement {
  return h('div', { class: 'map-legend small', 'aria-hidden': 'true' },
    h('span', { class: 'legend-title' }, tx(D.legend), ':'),
    LEGEND_PRIORITIES.map((p) => h('span', { class: 'legend-item' }, h('span', { class: `legend-dot prio-dot-${p}` }), p)),
    LEGEND_STATUSES.map((s) => h('span', { class: 'legend-item' }, h('span', { class: `legend-sq st-${s}` }), tx(unitStatusMsg(s)))),
  );
}
