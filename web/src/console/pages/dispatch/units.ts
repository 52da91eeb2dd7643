// Units: every unit with its status, kind, station and incident; dispatchers change the status with buttons
// for the moves the state machine allows. Rows change in place as unit events and positions arrive.

import { h, replace } from '../../../shared/dom.ts';
import { tx } from '../../../shared/i18n.ts';
import { timeMsg } from '../../../shared/format.ts';
import { problemView } from '../../../shared/problem.ts';
import { loadingView, type Ctx } from '../../page.ts';
import { dispatchApi, type Unit } from './api.ts';
import { canDispatch, dispatchHash, UNIT_STATUSES, type Taxonomy } from './logic.ts';
import { DispatchState } from './state.ts';
import { D, unitKindMsg, unitStatusMsg } from './text.ts';
import { emptyNote, statusButtons, unitStatusBadge, type View } from './widgets.ts';

export function unitsView(ctx: Ctx): View {
  const client = dispatchApi(ctx.api);
  const state = new DispatchState(client, ctx.live, { incidents: false, units: true });
  const dispatcher = canDispatch(ctx.user.role);
  let alive = true;
  let tax: Taxonomy | undefined;
  const out = h('div', { 'aria-live': 'polite' });
  const body = h('div', {}, loadingView());
  const tbody = h('tbody', {});
  const rows = new Map<number, HTMLTableRowElement>();

  const filter = h('select', { id: 'units-filter', 'data-testid': 'units-filter' },
    h('option', { value: '' }, tx(D.allStatuses)),
    UNIT_STATUSES.map((s) => h('option', { value: s }, tx(unitStatusMsg(s)))),
  );
  const visible = (u: Unit): boolean => !filter.value || u.status === filter.value;

  const makeRow = (u: Unit): HTMLTableRowElement => {
    const pos = u.position;
    return h('tr', { 'data-testid': `unit-row-${u.id}`, 'data-unit-id': u.id, 'data-status': u.status,
      'data-incident-id': u.incident_id ?? '' },
      h('td', {}, h('strong', { 'data-testid': `unit-callsign-${u.id}` }, u.call_sign)),
      h('td', {}, unitStatusBadge(u.status, tax, `unit-status-${u.id}`)),
      h('td', {}, tx(unitKindMsg(u.kind, tax))),
      h('td', { class: 'wrap' }, u.station || ''),
      h('td', {}, u.incident_id ? h('a', { href: dispatchHash('incident', u.incident_id), 'data-testid': `unit-incident-${u.id}` },
        `#${u.incident_id}`) : '—'),
      h('td', { class: 'nowrap small', 'data-testid': `unit-position-${u.id}` },
        pos ? [h('span', { class: 'mono' }, `${pos.lat.toFixed(4)}, ${pos.lon.toFixed(4)}`),
          pos.fixed_at ? h('div', { class: 'muted' }, h('time', { datetime: pos.fixed_at }, tx(timeMsg(pos.fixed_at)))) : null]
          : h('span', { class: 'muted' }, tx(D.noPosition))),
      dispatcher ? h('td', {}, statusButtons(client, u, out, (nu) => state.putUnit(nu))) : null,
    );
  };

  const renderAll = (): void => {
    rows.clear();
    const list = [...state.units.values()].sort((a, b) => a.call_sign.localeCompare(b.call_sign) || a.id - b.id);
    replace(tbody, list.filter(visible).map((u) => {
      const r = makeRow(u);
      rows.set(u.id, r);
      return r;
    }));
    if (list.length === 0) {
      replace(body, emptyNote(D.noUnits, 'units-empty'));
      return;
    }
    replace(body, h('div', { class: 'table-wrap' },
      h('table', { class: 'units-table', 'data-testid': 'units-table' },
        h('thead', {}, h('tr', {},
          h('th', { scope: 'col' }, tx(D.callSign)),
          h('th', { scope: 'col' }, tx(D.status)),
          h('th', { scope: 'col' }, tx(D.kind)),
          h('th', { scope: 'col' }, tx(D.station)),
          h('th', { scope: 'col' }, tx(D.incidentCol)),
          h('th', { scope: 'col' }, tx(D.position)),
          dispatcher ? h('th', { scope: 'col' }, tx(D.change)) : null,
        )),
        tbody,
      )));
  };

  const updateRow = (u: Unit): void => {
    const old = rows.get(u.id);
    if (!old) {
      if (visible(u)) renderAll(); // a new unit, or one that now matches the filter
      return;
    }
    if (!visible(u)) {
      old.remove();
      rows.delete(u.id);
      return;
    }
    const next = makeRow(u);
    next.classList.add('fresh');
    // Keep keyboard focus on the row's buttons when it is redrawn under the officer's hands.
    const focused = old.contains(document.activeElement) ? (document.activeElement as HTMLElement).dataset['testid'] : undefined;
    old.replaceWith(next);
    rows.set(u.id, next);
    if (focused) next.querySelector<HTMLElement>(`[data-testid="${focused}"]`)?.focus();
  };

  const offState = state.onChange((c) => {
    if (c.kind === 'loaded') renderAll();
    else if (c.kind === 'unit') updateRow(c.unit);
    else if (c.kind === 'positions') {
      for (const f of c.fixes) {
        const u = state.units.get(f.id);
        const cell = rows.get(f.id)?.querySelector(`[data-testid="unit-position-${f.id}"]`);
        if (u && cell) {
          replace(cell, h('span', { class: 'mono' }, `${f.lat.toFixed(4)}, ${f.lon.toFixed(4)}`),
            f.fixed_at ? h('div', { class: 'muted' }, h('time', { datetime: f.fixed_at }, tx(timeMsg(f.fixed_at)))) : null);
        }
      }
    }
  });
  filter.addEventListener('change', renderAll);

  void (async () => {
    tax = await client.taxonomy().catch(() => undefined);
    if (!alive) return;
    try {
      await state.load();
    } catch (e) {
      if (alive) replace(body, problemView(e, 'units-error'));
    }
  })();

  const el = h('div', { class: 'dispatch-units', 'data-testid': 'dispatch-units' },
    h('section', { class: 'card flush' },
      h('div', { class: 'units-bar' },
        h('p', { class: 'muted small' }, tx(D.unitsLead)),
        h('label', { for: 'units-filter', class: 'inline-field' }, tx(D.filter), ' ', filter),
      ),
      out,
      body,
    ),
  );
  return {
    el,
    title: D.units,
    destroy: () => {
      alive = false;
      offState();
      state.destroy();
    },
  };
}
