// Small pieces the dispatch pages share: priority and status badges, the unit status buttons.

import { h, replace } from '../../../shared/dom.ts';
import { tattr, tx, type Msg } from '../../../shared/i18n.ts';
import { problemView } from '../../../shared/problem.ts';
import type { DispatchApi, Incident, Unit } from './api.ts';
import { nextStatuses, type Taxonomy } from './logic.ts';
import { incidentStatusMsg, pair, unitActionMsg, unitStatusMsg } from './text.ts';

export function priorityBadge(priority: string, testid?: string): HTMLElement {
  const p = /^P[1-4]$/.test(priority) ? priority : 'P4';
  return h('span', { class: `prio prio-${p}`, 'data-priority': priority, 'data-testid': testid }, priority || '—');
}

/** The priority and, beside it, the rule's reason in the current language. */
export function priorityWithReason(inc: Incident, testid = 'incident-priority'): HTMLElement {
  const reason = pair(inc.priority_reason_vi, inc.priority_reason_en);
  return h('span', { class: 'prio-reason' },
    priorityBadge(inc.priority, testid), ' ',
    reason.vi || reason.en ? h('span', { class: 'reason', 'data-testid': `${testid}-reason`, title: inc.priority_rule || undefined },
      tx(reason)) : null,
  );
}

export function incidentStatusBadge(status: string, tax?: Taxonomy, testid?: string): HTMLElement {
  return h('span', { class: `ist ist-${status}`, 'data-status': status, 'data-testid': testid }, tx(incidentStatusMsg(status, tax)));
}

export function unitStatusBadge(status: string, tax?: Taxonomy, testid?: string): HTMLElement {
  return h('span', { class: `ust ust-${status}`, 'data-status': status, 'data-testid': testid }, tx(unitStatusMsg(status, tax)));
}

/**
 * Buttons for the status changes the unit's state machine allows; a click posts the change, and on success
 * hands the new unit to `done`. A refusal (409) is shown in `out`.
 */
export function statusButtons(client: DispatchApi, unit: Unit, out: HTMLElement, done: (u: Unit) => void): HTMLElement {
  const box = h('span', { class: 'status-buttons' });
  for (const move of nextStatuses(unit.status)) {
    const label: Msg = unitActionMsg(move.to, move.cancel);
    const btn = h('button', {
      type: 'button',
      class: move.cancel ? 'secondary small-btn danger' : 'secondary small-btn',
      'data-testid': `unit-action-${unit.id}-${move.cancel ? 'cancel' : move.to}`,
      'data-to': move.to,
    }, tx(label));
    tattr(btn, 'aria-label', () => ({
      vi: `${unit.call_sign}: ${label.vi}`,
      en: `${unit.call_sign}: ${label.en}`,
    }));
    btn.addEventListener('click', async () => {
      for (const b of box.querySelectorAll('button')) b.disabled = true;
      replace(out);
      try {
        done(await client.setUnitStatus(unit.id, move.to));
      } catch (e) {
        replace(out, problemView(e, 'unit-status-error'));
        for (const b of box.querySelectorAll('button')) b.disabled = false;
      }
    });
    box.append(btn);
  }
  return box;
}

export function emptyNote(msg: Msg, testid?: string): HTMLElement {
  return h('p', { class: 'muted empty', 'data-testid': testid }, tx(msg));
}


/** One dispatch sub-view (intake, board, incident, units, stats) inside the dispatch page. */
export interface View {
  readonly el: HTMLElement;
  readonly title: Msg;
  destroy(): void;
  /** Called once the view is in the document. */
  attached?(): void;
}
