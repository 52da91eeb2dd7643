// Incident detail: facts, priority and its reason, the lifecycle timeline with notes, the assigned units
// with their status, acknowledge and close, and unit recommendations ranked by ETA with a one-click dispatch.
// Kept current from the live topics: any event about this incident or one of its units reloads the detail.

import { ApiError } from '../../../shared/api.ts';
import { h, replace } from '../../../shared/dom.ts';
import { m, tx, type Msg } from '../../../shared/i18n.ts';
import { same, timeMsg } from '../../../shared/format.ts';
import { problemView } from '../../../shared/problem.ts';
import { coalescedLoader, loadingView, loadWithPurpose, refreshButton, type Ctx } from '../../page.ts';
import { dispatchApi, type Assignment, type Call, type Incident, type Recommendation } from './api.ts';
import { canDispatch, dispatchHash, type Taxonomy } from './logic.ts';
import { DispatchState } from './state.ts';
import {
  D,
  areaMsg,
  capabilityMsg,
  categoryMsg,
  closureMsg,
  distanceMsg,
  durationMsg,
  eventKindMsg,
  lineMsg,
  pair,
  sourceMsg,
  unitKindMsg,
} from './text.ts';
import { emptyNote, incidentStatusBadge, priorityBadge, priorityWithReason, statusButtons, unitStatusBadge, type View } from './widgets.ts';

const CALLS_PURPOSE_KEY = 'dispatch.calls';

export function incidentView(ctx: Ctx, id: number): View {
  const client = dispatchApi(ctx.api);
  const state = new DispatchState(client, ctx.live, { incidents: false, units: true });
  const dispatcher = canDispatch(ctx.user.role);
  let alive = true;
  let tax: Taxonomy | undefined;
  let incident: Incident | null = null;

  const headBadges = h('span', { class: 'incident-badges' });
  const facts = h('div', {}, loadingView());
  const actionsOut = h('div', { 'aria-live': 'polite' });
  const actions = h('div', { class: 'incident-actions' });
  const unitsBody = h('div', {}, loadingView());
  const unitsOut = h('div', { 'aria-live': 'polite' });
  const timeline = h('ol', { class: 'timeline', 'data-testid': 'incident-timeline' });
  const recsBody = h('div', { 'data-testid': 'recommendations' }, loadingView());
  const recsOut = h('div', { 'aria-live': 'polite' });
  const callsBody = h('div', {});

  // ---- loading ----
  const load = coalescedLoader(async () => {
    try {
      const inc = await client.incident(id);
      if (!alive) return;
      incident = inc;
      render();
    } catch (e) {
      if (alive) replace(facts, problemView(e, 'incident-error'));
    }
  }, () => alive);

  let recsLoading = false;
  const loadRecs = async (): Promise<void> => {
    if (!dispatcher || recsLoading) return;
    if (incident && incident.status === 'closed') {
      replace(recsBody, emptyNote(D.closedNotice));
      return;
    }
    recsLoading = true;
    try {
      const r = await client.recommendations(id, 5);
      if (alive) renderRecs(r.required_capabilities ?? [], Array.isArray(r.recommendations) ? r.recommendations : []);
    } catch (e) {
      if (alive) replace(recsBody, problemView(e, 'recommendations-error'));
    } finally {
      recsLoading = false;
    }
  };

  // Live: bursts of events about this incident or its units reload once.
  let reloadTimer = 0;
  let recsTimer = 0;
  const soon = (): void => {
    window.clearTimeout(reloadTimer);
    reloadTimer = window.setTimeout(() => void load(), 250);
  };
  const recsSoon = (): void => {
    window.clearTimeout(recsTimer);
    recsTimer = window.setTimeout(() => void loadRecs(), 600);
  };
  const offState = state.onChange((c) => {
    if (c.kind === 'loaded') {
      renderUnits();
    } else if ((c.kind === 'incident' || c.kind === 'escalated') && c.incident.id === id) {
      soon();
    } else if (c.kind === 'unit') {
      const mine = c.unit.incident_id === id || incident?.units?.includes(c.unit.id);
      if (mine) soon();
      else renderUnits();
      recsSoon();
    }
  });

  // ---- rendering ----
  const render = (): void => {
    const inc = incident;
    if (!inc) return;
    replace(headBadges, priorityBadge(inc.priority, 'incident-priority-badge'), ' ',
      incidentStatusBadge(inc.status, tax, 'incident-status'));
    replace(facts, factsList(inc, tax));
    renderActions(inc);
    renderUnits();
    renderTimeline(inc);
    renderCalls(inc);
    if (inc.status === 'closed') replace(recsBody, emptyNote(D.closedNotice));
  };

  const renderTimeline = (inc: Incident): void => {
    const events = [...(inc.events ?? [])].sort((a, b) => Date.parse(a.at) - Date.parse(b.at) || a.id - b.id);
    if (events.length === 0) {
      replace(timeline, h('li', { class: 'muted' }, tx(D.noEvents)));
      return;
    }
    replace(timeline, events.map((ev) => {
      const unit = ev.unit_id !== null && ev.unit_id !== undefined ? state.units.get(ev.unit_id) : undefined;
      return h('li', { class: `tl-item tl-${ev.kind}`, 'data-kind': ev.kind, 'data-testid': `timeline-${ev.id}` },
        h('time', { datetime: ev.at, class: 'tl-time' }, tx(timeMsg(ev.at))),
        h('span', { class: 'tl-kind' }, tx(eventKindMsg(ev.kind))),
        ev.unit_id !== null && ev.unit_id !== undefined
          ? h('span', { class: 'tl-unit' }, unit ? unit.call_sign : `#${ev.unit_id}`) : null,
        ev.actor ? h('span', { class: 'tl-actor muted' }, ev.actor) : null,
        ev.text ? h('span', { class: 'tl-text' }, ev.text) : null,
      );
    }));
  };

  const renderActions = (inc: Incident): void => {
    if (!dispatcher) {
      replace(actions);
      return;
    }
    const closed = inc.status === 'closed';
    const ack = h('button', { type: 'button', 'data-testid': 'incident-ack', disabled: Boolean(inc.acknowledged_at) || closed },
      tx(inc.acknowledged_at ? D.acknowledged : D.acknowledge));
    ack.addEventListener('click', async () => {
      ack.disabled = true;
      replace(actionsOut);
      try {
        incident = { ...inc, ...(await client.acknowledge(id)) };
        render();
      } catch (e) {
        replace(actionsOut, problemView(e, 'incident-action-error'));
        ack.disabled = false;
      }
    });
    if (closed) {
      replace(actions, ack, h('p', { class: 'notice', 'data-testid': 'incident-closed' },
        tx(D.closedNotice), inc.closure_code ? [' ', tx(closureMsg(inc.closure_code, tax))] : null));
      return;
    }
    const code = h('select', { id: 'inc-closure', 'data-testid': 'incident-closure-code' },
      h('option', { value: '' }, tx(D.chooseClosure)),
      (tax?.closureCodes ?? []).map((c) => h('option', { value: c.code }, tx(pair(c.label_vi, c.label_en)))),
    );
    const note = h('input', { id: 'inc-close-note', type: 'text', maxlength: 2000, autocomplete: 'off', 'data-testid': 'incident-close-note' });
    const close = h('button', { type: 'submit', class: 'secondary', 'data-testid': 'incident-close' }, tx(D.closeIncident));
    const form = h('form', { class: 'close-form', novalidate: true },
      h('div', { class: 'field' }, h('label', { for: 'inc-closure' }, tx(D.closureCode)), code),
      h('div', { class: 'field grow' }, h('label', { for: 'inc-close-note' }, tx(D.closeNote)), note),
      h('div', { class: 'field' }, close),
    );
    form.addEventListener('submit', async (ev) => {
      ev.preventDefault();
      code.removeAttribute('aria-invalid');
      if (!code.value) {
        code.setAttribute('aria-invalid', 'true');
        code.focus();
        return;
      }
      close.disabled = true;
      replace(actionsOut);
      try {
        incident = { ...inc, ...(await client.close(id, code.value, note.value.trim())) };
        render();
        void load();
      } catch (e) {
        replace(actionsOut, problemView(e, 'incident-action-error'));
        if (e instanceof ApiError && e.problem.field === 'closure_code') code.setAttribute('aria-invalid', 'true');
        close.disabled = false;
      }
    });
    replace(actions, h('div', { class: 'form-actions' }, ack), form);
  };

  const renderUnits = (): void => {
    const inc = incident;
    if (!inc) return;
    const assignments = [...(inc.assignments ?? [])].sort((a, b) => Date.parse(a.assigned_at) - Date.parse(b.assigned_at));
    // Units named on the incident without an assignment record still show.
    const ids = new Set(assignments.map((a) => a.unit_id));
    const extra = (inc.units ?? []).filter((u) => !ids.has(u));
    if (assignments.length === 0 && extra.length === 0) {
      replace(unitsBody, emptyNote(D.noAssigned, 'incident-no-units'));
      return;
    }
    const row = (unitId: number, a: Assignment | null): HTMLElement => {
      const u = state.units.get(unitId);
      const cancelled = Boolean(a?.cancelled_at);
      return h('tr', { 'data-testid': `incident-unit-${unitId}`, 'data-status': u?.status ?? '', class: cancelled ? 'cancelled' : undefined },
        h('td', {}, h('strong', {}, u?.call_sign ?? `#${unitId}`), u ? h('div', { class: 'small muted' }, tx(unitKindMsg(u.kind, tax))) : null),
        h('td', {}, u ? unitStatusBadge(u.status, tax, `incident-unit-status-${unitId}`) : '—',
          cancelled ? h('div', { class: 'small muted' }, tx(D.cancelled)) : null,
          // The status changes sit under the status: the table stays narrow enough for the column.
          dispatcher && u && u.incident_id === id && !cancelled
            ? h('div', { class: 'unit-moves' }, statusButtons(client, u, unitsOut, (nu) => {
                state.putUnit(nu);
                soon();
              }))
            : null),
        h('td', { class: 'nowrap' }, a ? h('time', { datetime: a.assigned_at }, tx(timeMsg(a.assigned_at))) : '—',
          a?.assigned_by ? h('div', { class: 'small muted' }, a.assigned_by) : null),
        h('td', { class: 'nowrap' }, a ? tx(durationMsg(a.eta_s)) : '—'),
        h('td', { class: 'small' },
          a?.en_route_at ? h('div', {}, tx(eventKindMsg('en_route')), ': ', tx(timeMsg(a.en_route_at))) : null,
          a?.on_scene_at ? h('div', {}, tx(eventKindMsg('on_scene')), ': ', tx(timeMsg(a.on_scene_at))) : null,
          a?.cleared_at ? h('div', {}, tx(eventKindMsg('cleared')), ': ', tx(timeMsg(a.cleared_at))) : null,
        ),
      );
    };
    replace(unitsBody, h('div', { class: 'table-wrap' },
      h('table', { 'data-testid': 'incident-units' },
        h('thead', {}, h('tr', {},
          h('th', { scope: 'col' }, tx(D.callSign)),
          h('th', { scope: 'col' }, tx(D.status)),
          h('th', { scope: 'col' }, tx(D.assignedAt)),
          h('th', { scope: 'col' }, tx(D.eta)),
          h('th', { scope: 'col' }, tx(D.timeline)),
        )),
        h('tbody', {}, assignments.map((a) => row(a.unit_id, a)), extra.map((u) => row(u, null))),
      ),
    ));
  };

  const renderRecs = (required: string[], recs: Recommendation[]): void => {
    const head = required.length
      ? h('p', { class: 'small' }, h('span', { class: 'muted' }, tx(D.required), ': '),
          required.map((c) => h('span', { class: 'chip cap', 'data-capability': c }, tx(capabilityMsg(c)))))
      : null;
    if (recs.length === 0) {
      replace(recsBody, head, emptyNote(D.noRecommendations, 'recommendations-empty'));
      return;
    }
    replace(recsBody, head, h('ol', { class: 'recs' }, recs.map((r, i) => recRow(r, i))));
  };

  const recRow = (r: Recommendation, index: number): HTMLElement => {
    const u = r.unit;
    const btnLabel = h('span', {}, tx(D.dispatchUnit));
    const btn = h('button', { type: 'button', 'data-testid': `recommend-dispatch-${u.id}`, 'data-unit-id': u.id,
      'data-rank': index + 1 }, btnLabel);
    btn.addEventListener('click', async () => {
      for (const b of recsBody.querySelectorAll('button')) b.disabled = true;
      replace(btnLabel, tx(D.dispatching));
      replace(recsOut);
      try {
        const res = await client.assign(id, u.id);
        if (!alive) return;
        if (res?.unit) state.putUnit(res.unit);
        replace(recsOut, h('p', { class: 'notice ok', role: 'status', 'data-testid': 'dispatch-ok' }, tx(D.dispatchedUnit(u.call_sign))));
        if (res?.incident) incident = { ...(incident ?? res.incident), ...res.incident };
        render();
        void load();
      } catch (e) {
        if (!alive) return;
        replace(recsOut, problemView(e, 'dispatch-error'));
      } finally {
        // A 409 (the unit was taken meanwhile) or a success: the list is out of date either way.
        void loadRecs();
      }
    });
    const reasons = (r.reasons_vi ?? []).map((vi, i) => pair(vi, r.reasons_en?.[i]));
    return h('li', { class: 'rec', 'data-testid': 'recommendation', 'data-unit-id': u.id },
      h('div', { class: 'rec-head' },
        h('strong', {}, u.call_sign), ' ',
        h('span', { class: 'muted' }, tx(unitKindMsg(u.kind, tax))), ' ',
        unitStatusBadge(u.status, tax),
      ),
      h('dl', { class: 'rec-facts' },
        h('dt', {}, tx(D.eta)), h('dd', { 'data-testid': `recommend-eta-${u.id}` }, tx(durationMsg(r.eta_s))),
        h('dt', {}, tx(D.distance)), h('dd', {}, tx(distanceMsg(r.distance_m))),
        u.station ? [h('dt', {}, tx(D.station)), h('dd', {}, u.station)] : null,
      ),
      reasons.length ? h('ul', { class: 'rec-reasons small' }, reasons.map((msg) => h('li', {}, tx(msg)))) : null,
      btn,
    );
  };

  // Callers' numbers are personal data: shown only on request, with a stated purpose (audited).
  const renderCalls = (inc: Incident): void => {
    const ids = inc.call_ids ?? [];
    if (ids.length === 0) {
      replace(callsBody, h('p', { class: 'muted' }, tx(m(`${inc.call_count ?? 0} cuộc gọi.`, `${inc.call_count ?? 0} call(s).`))));
      return;
    }
    // Rebuilt only when the list of calls changes: live reloads must not wipe a purpose being typed.
    const key = ids.join(',');
    if (callsBody.dataset['ids'] === key) return;
    callsBody.dataset['ids'] = key;
    const btn = h('button', { type: 'button', class: 'secondary', 'data-testid': 'incident-show-callers' }, tx(D.showCallers));
    const slot = h('div', {});
    btn.addEventListener('click', async () => {
      btn.disabled = true;
      try {
        const calls: Call[] = [];
        for (const callId of ids) {
          calls.push(await loadWithPurpose(slot, CALLS_PURPOSE_KEY, (purpose) => client.call(callId, purpose)));
        }
        if (!alive) return;
        replace(callsBody, h('p', { class: 'small muted' }, tx(D.callerShown)), callsTable(calls, tax));
      } catch (e) {
        if (alive) replace(slot, problemView(e, 'calls-error'));
        btn.disabled = false;
      }
    });
    replace(callsBody,
      h('p', {}, ids.flatMap((c, i) => [i ? ', ' : '', h('code', {}, `#${c}`)])),
      btn, slot);
  };

  // ---- the page ----
  const noteText = h('textarea', { id: 'inc-note', rows: 2, maxlength: 2000, 'data-testid': 'incident-note-text' });
  const noteBtn = h('button', { type: 'submit', 'data-testid': 'incident-note-submit' }, tx(D.addNote));
  const noteOut = h('div', { 'aria-live': 'polite' });
  const noteForm = h('form', { class: 'note-form', novalidate: true },
    h('div', { class: 'field' }, h('label', { for: 'inc-note' }, tx(D.note)), noteText),
    noteOut,
    h('div', { class: 'form-actions' }, noteBtn),
  );
  noteForm.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    const text = noteText.value.trim();
    if (!text) {
      noteText.setAttribute('aria-invalid', 'true');
      noteText.focus();
      return;
    }
    noteText.removeAttribute('aria-invalid');
    noteBtn.disabled = true;
    replace(noteOut);
    try {
      const event = await client.addNote(id, text);
      noteText.value = '';
      if (incident && event && typeof event.id === 'number') {
        incident = { ...incident, events: [...(incident.events ?? []).filter((e) => e.id !== event.id), event] };
        renderTimeline(incident);
      }
    } catch (e) {
      replace(noteOut, problemView(e, 'note-error'));
    } finally {
      noteBtn.disabled = false;
    }
  });
  noteText.addEventListener('keydown', (ev) => {
    if (ev.key === 'Enter' && (ev.ctrlKey || ev.metaKey)) {
      ev.preventDefault();
      noteForm.requestSubmit();
    }
  });

  const el = h('div', { class: 'dispatch-incident', 'data-testid': 'dispatch-incident', 'data-incident-id': id },
    h('p', { class: 'back' }, h('a', { href: dispatchHash('board') }, tx(D.back))),
    h('div', { class: 'incident-head' }, h('h2', {}, tx(D.incident(id))), headBadges),
    h('div', { class: 'incident-grid' },
      h('div', { class: 'incident-main' },
        h('section', { class: 'card', 'aria-labelledby': 'inc-details' }, h('h2', { id: 'inc-details' }, tx(D.details)), facts),
        dispatcher
          ? h('section', { class: 'card', 'aria-labelledby': 'inc-actions' }, h('h2', { id: 'inc-actions' }, tx(D.actions)), actions, actionsOut)
          : null,
        h('section', { class: 'card', 'aria-labelledby': 'inc-units' }, h('h2', { id: 'inc-units' }, tx(D.assigned)), unitsBody, unitsOut),
        h('section', { class: 'card', 'aria-labelledby': 'inc-calls' }, h('h2', { id: 'inc-calls' }, tx(D.calls)), callsBody),
      ),
      h('div', { class: 'incident-side' },
        dispatcher
          ? h('section', { class: 'card', 'aria-labelledby': 'inc-recs' },
              h('div', { class: 'section-head' }, h('h2', { id: 'inc-recs' }, tx(D.recommendations)), refreshButton(() => void loadRecs())),
              recsOut, recsBody)
          : null,
        h('section', { class: 'card', 'aria-labelledby': 'inc-timeline' },
          h('h2', { id: 'inc-timeline' }, tx(D.timeline)), timeline, noteForm),
      ),
    ),
  );

  void (async () => {
    tax = await client.taxonomy().catch(() => undefined);
    if (!alive) return;
    await Promise.all([load(), state.load().catch(() => undefined)]);
    if (!alive) return;
    void loadRecs();
  })();

  return {
    el,
    title: D.incident(id),
    destroy: () => {
      alive = false;
      window.clearTimeout(reloadTimer);
      window.clearTimeout(recsTimer);
      offState();
      state.destroy();
    },
  };
}

function factsList(inc: Incident, tax: Taxonomy | undefined): HTMLElement {
  const loc = inc.location;
  const row = (label: Msg, value: Node | string | null | undefined | (Node | string | null)[], testid?: string): Node[] =>
    value === null || value === undefined || value === '' ? [] : [h('dt', {}, tx(label)), h('dd', { 'data-testid': testid }, value)];
  const at = (iso: string | null | undefined, who?: string | null): Node | null =>
    iso ? h('span', {}, h('time', { datetime: iso }, tx(timeMsg(iso))), who ? [' ', tx(D.by(who))] : null) : null;
  const coords = loc && loc.lat !== null && loc.lon !== null
    ? `${loc.lat.toFixed(5)}, ${loc.lon.toFixed(5)}${loc.accuracy_m ? ` (±${Math.round(loc.accuracy_m)} m)` : ''}`
    : null;
  return h('dl', { class: 'facts', 'data-testid': 'incident-facts' },
    row(D.priority, priorityWithReason(inc)),
    row(D.status, incidentStatusBadge(inc.status, tax)),
    row(D.line, tx(lineMsg(inc.line, tax))),
    row(D.category, [tx(categoryMsg(inc.category, tax)), inc.type ? ` — ${inc.type}` : null]),
    row(D.description, inc.description, 'incident-description'),
    row(D.address, loc?.address ?? null),
    row(D.area, loc?.area ? tx(areaMsg(loc.area, tax)) : null),
    row(D.coordinates, coords),
    row(D.source, loc?.source ? tx(sourceMsg(loc.source)) : null),
    row(D.receivedAt, at(inc.received_at)),
    row(D.createdAt, at(inc.created_at)),
    row(D.acknowledgedAt, at(inc.acknowledged_at, inc.acknowledged_by)),
    row(D.dispatchedAt, at(inc.dispatched_at)),
    row(D.onSceneAt, at(inc.on_scene_at)),
    row(D.clearedAt, at(inc.cleared_at)),
    row(D.closedAt, inc.closed_at ? [at(inc.closed_at), inc.closure_code ? h('span', {}, ' — ', tx(closureMsg(inc.closure_code, tax))) : null] : null),
    row(D.escalatedAt, at(inc.escalated_at)),
    row(D.callCount, String(inc.call_count ?? 1)),
  );
}

function callsTable(calls: Call[], tax: Taxonomy | undefined): HTMLElement {
  return h('div', { class: 'table-wrap' },
    h('table', { 'data-testid': 'incident-calls' },
      h('thead', {}, h('tr', {},
        h('th', { scope: 'col' }, '#'),
        h('th', { scope: 'col' }, tx(D.line)),
        h('th', { scope: 'col' }, tx(D.caller)),
        h('th', { scope: 'col' }, tx(D.receivedAt)),
        h('th', { scope: 'col' }, tx(D.amlDetails)),
      )),
      h('tbody', {}, calls.map((c) => {
        const a = c.location?.aml;
        return h('tr', {},
          h('td', {}, String(c.id)),
          h('td', {}, tx(lineMsg(c.line, tax))),
          h('td', { class: 'mono' }, c.caller ?? '—'),
          h('td', { class: 'nowrap' }, h('time', { datetime: c.received_at }, tx(timeMsg(c.received_at)))),
          h('td', { class: 'small' }, a
            ? tx(same([a.method, a.confidence_pct !== null && a.confidence_pct !== undefined ? `${a.confidence_pct}%` : '',
                a.imsi ? `IMSI ${a.imsi}` : '', a.imei ? `IMEI ${a.imei}` : '', a.mcc ? `MCC ${a.mcc}/${a.mnc ?? ''}` : '']
                .filter(Boolean).join(' · ')))
            : '—'),
        );
      })),
    ),
  );
}
