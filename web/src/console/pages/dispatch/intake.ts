// Call intake: the call-taker's form (callform.ts: keyboard first, Ctrl+Enter records the call) posting to
// POST /api/v1/calls. Each call carries a client_ref kept until the server has answered, so sending again
// after a lost answer records it once. The answer is shown below: the incident with its priority and reason,
// the likely duplicates to confirm or reject, or the transfer to another service. Shown incidents follow
// their status live.

import { h, replace } from '../../../shared/dom.ts';
import { m, tx, type Msg } from '../../../shared/i18n.ts';
import { problemView } from '../../../shared/problem.ts';
import type { Ctx } from '../../page.ts';
import { dispatchApi, newClientRef, type CallResult, type Duplicate, type Incident } from './api.ts';
import { callForm } from './callform.ts';
import { dispatchHash, formatPercent, intakeFieldFor, type Taxonomy } from './logic.ts';
import { DispatchState } from './state.ts';
import { D, categoryMsg, distanceMsg, durationMsg, lineMsg, pair } from './text.ts';
import { incidentStatusBadge, priorityBadge, priorityWithReason, type View } from './widgets.ts';

const MAX_RESULTS = 10;

export function intakeView(ctx: Ctx): View {
  const client = dispatchApi(ctx.api);
  const live = new DispatchState(client, ctx.live, { incidents: false, units: false });
  let alive = true;
  let clientRef = newClientRef();
  let tax: Taxonomy | undefined;

  const taxonomy = client.taxonomy();
  const form = callForm({
    title: D.intake,
    submitLabel: D.record,
    busyLabel: D.recording,
    taxonomy,
    fieldFor: intakeFieldFor,
    // Cleared by hand: whatever comes next is another call, even if the last attempt got through unanswered.
    onClear: () => {
      clientRef = newClientRef();
    },
    onSubmit: async (call) => {
      const res = await client.createCall({ ...call, client_ref: clientRef });
      if (!alive) return;
      clientRef = newClientRef(); // the next call is a new one
      form.reset();
      const card = showResult(res);
      const first = card.querySelector<HTMLButtonElement>('button[data-decision]');
      if (first) first.focus();
      else form.focus();
    },
  });
  const results = h('ol', { class: 'intake-results', 'data-testid': 'intake-results', 'aria-live': 'polite' });

  // ---- results ----
  const cards = new Map<number, { status: HTMLElement }[]>();

  const incidentCard = (inc: Incident, heading: Msg): HTMLElement => {
    const statusSlot = h('span', { 'data-testid': 'intake-incident-status', 'data-status': inc.status },
      incidentStatusBadge(inc.status, tax));
    const list = cards.get(inc.id) ?? [];
    list.push({ status: statusSlot });
    cards.set(inc.id, list);
    return h('div', { class: 'result-card ok', 'data-testid': 'intake-incident', 'data-incident-id': inc.id,
      'data-priority': inc.priority },
      h('h3', {}, tx(heading), ' ', priorityBadge(inc.priority)),
      h('p', { class: 'result-reason' }, h('span', { class: 'muted' }, tx(D.priorityReason), ': '), priorityWithReason(inc, 'intake-priority')),
      h('p', {}, h('span', { class: 'muted' }, tx(D.status), ': '), statusSlot, ' · ',
        tx(categoryMsg(inc.category, tax)), ' · ', tx(lineMsg(inc.line, tax))),
      h('p', {}, h('a', { href: dispatchHash('incident', inc.id), 'data-testid': 'intake-open-incident' }, tx(D.openIncident), ` #${inc.id}`)),
    );
  };

  const duplicatesCard = (res: CallResult): HTMLElement => {
    const callId = res.call.id;
    const out = h('div', { 'aria-live': 'polite' });
    const card = h('div', { class: 'result-card warn', 'data-testid': 'intake-duplicates', 'data-call-id': callId });
    const decide = async (btn: HTMLButtonElement, body: { decision: 'confirm'; incident_id: number } | { decision: 'reject' }): Promise<void> => {
      for (const b of card.querySelectorAll('button')) b.disabled = true;
      replace(out);
      try {
        const r = await client.linkCall(callId, body);
        if (!alive) return;
        const heading = body.decision === 'confirm' ? D.callLinked(r.incident.id) : D.incidentCreated(r.incident.id);
        const next = incidentCard(r.incident, heading);
        card.replaceWith(next);
        form.focus();
      } catch (e) {
        replace(out, problemView(e, 'duplicate-error'));
        for (const b of card.querySelectorAll('button')) b.disabled = false;
        btn.focus();
      }
    };
    const rows = res.duplicates.map((d) => duplicateRow(d, tax, (btn) => void decide(btn, { decision: 'confirm', incident_id: d.incident.id })));
    const reject = h('button', { type: 'button', class: 'secondary', 'data-decision': 'reject', 'data-testid': 'duplicate-reject' },
      tx(D.rejectDuplicate));
    reject.addEventListener('click', () => void decide(reject, { decision: 'reject' }));
    card.append(
      h('h3', {}, tx(D.duplicatesTitle)),
      h('p', { class: 'small' }, tx(D.duplicatesLead)),
      h('ol', { class: 'dup-list' }, rows),
      h('div', { class: 'form-actions' }, reject),
      out,
    );
    return card;
  };

  const showResult = (res: CallResult): HTMLElement => {
    const call = res.call;
    let card: HTMLElement;
    if (call?.state === 'transferred') {
      const to = call.transferred_to || call.line;
      card = h('div', { class: 'result-card info', 'data-testid': 'intake-transferred', 'data-transferred-to': to },
        h('h3', {}, tx(D.transferred(to))));
    } else if (res.incident) {
      card = incidentCard(res.incident, D.incidentCreated(res.incident.id));
    } else if (Array.isArray(res.duplicates) && res.duplicates.length > 0) {
      card = duplicatesCard(res);
    } else {
      card = h('div', { class: 'result-card info', 'data-testid': 'intake-call' },
        h('h3', {}, tx(m(`Đã ghi nhận cuộc gọi #${call?.id ?? '?'}`, `Call #${call?.id ?? '?'} recorded`))));
    }
    results.prepend(h('li', {}, card));
    while (results.children.length > MAX_RESULTS) results.lastElementChild?.remove();
    return card;
  };

  const offLive = live.onChange((c) => {
    if (c.kind !== 'incident' && c.kind !== 'escalated') return;
    for (const card of cards.get(c.incident.id) ?? []) {
      card.status.dataset['status'] = c.incident.status;
      replace(card.status, incidentStatusBadge(c.incident.status, tax));
    }
  });

  taxonomy.then(
    (t) => {
      tax = t;
    },
    () => undefined, // shown in the form
  );

  const el = h('div', { class: 'dispatch-intake', 'data-testid': 'dispatch-intake' },
    form.el,
    h('section', { class: 'card intake-results-card', 'aria-labelledby': 'results-title' },
      h('h2', { id: 'results-title' }, tx(D.results)),
      results,
    ),
  );

  return {
    el,
    title: D.intake,
    attached: () => form.focus(),
    destroy: () => {
      alive = false;
      form.destroy();
      offLive();
      live.destroy();
    },
  };
}

function duplicateRow(d: Duplicate, tax: Taxonomy | undefined, confirm: (btn: HTMLButtonElement) => void): HTMLElement {
  const inc = d.incident;
  const btn = h('button', { type: 'button', 'data-decision': 'confirm', 'data-testid': `duplicate-confirm-${inc.id}` },
    tx(D.confirmDuplicate(inc.id)));
  btn.addEventListener('click', () => confirm(btn));
  return h('li', { class: 'dup-row', 'data-testid': `duplicate-${inc.id}` },
    h('div', { class: 'dup-head' },
      priorityBadge(inc.priority), ' ',
      h('a', { href: dispatchHash('incident', inc.id) }, `#${inc.id}`), ' ',
      tx(categoryMsg(inc.category, tax)),
    ),
    inc.description ? h('p', { class: 'dup-desc' }, inc.description) : null,
    h('dl', { class: 'dup-facts' },
      h('dt', {}, tx(D.score)), h('dd', { 'data-testid': `duplicate-score-${inc.id}` }, formatPercent(d.score)),
      h('dt', {}, tx(D.distance)), h('dd', {}, tx(distanceMsg(d.distance_m))),
      h('dt', {}, tx(D.age)), h('dd', {}, tx(durationMsg(d.age_s))),
      h('dt', {}, tx(D.reason)), h('dd', {}, tx(pair(d.reason_vi, d.reason_en))),
    ),
    btn,
  );
}
