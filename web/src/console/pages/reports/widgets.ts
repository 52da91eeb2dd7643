// Small pieces the reports pages share: status and due badges, the time limit of a category.

import { h } from '../../../shared/dom.ts';
import { m, tx, type Msg } from '../../../shared/i18n.ts';
import type { Deadline } from './api.ts';
import { dueMsg, statusMsg } from './text.ts';

/** One reports sub-view (queue, detail, stats) inside the reports page. */
export interface View {
  readonly el: HTMLElement;
  readonly title: Msg;
  destroy(): void;
  /** Called once the view is in the document. */
  attached?(): void;
}

export function statusBadge(status: string, testid?: string): HTMLElement {
  return h('span', { class: `rst rst-${status}`, 'data-status': status, 'data-testid': testid }, tx(statusMsg(status)));
}

/** A badge for overdue or due-soon reports; nothing for the others. */
export function dueBadge(state: string, testid?: string): HTMLElement | null {
  if (state !== 'overdue' && state !== 'due_soon') return null;
  return h('span', { class: `due-badge due-${state}`, 'data-due-state': state, 'data-testid': testid }, tx(dueMsg(state)));
}

export function emptyNote(msg: Msg, testid?: string): HTMLElement {
  return h('p', { class: 'muted empty', 'data-testid': testid }, tx(msg));
}

/** "24 giờ (⚠ chưa xác minh)": the server's text, marked when the figure is not confirmed against the law. */
export function deadlineMsg(d: Deadline): Msg {
  const fallback = `${d.amount} ${d.unit}`;
  const vi = d.text_vi || fallback;
  const en = d.text_en || d.text_vi || fallback;
  const mark = (s: string, w: string): string => (d.confirmed || s.includes('⚠') ? s : `${s} ${w}`);
  return m(mark(vi, '⚠ chưa xác minh'), mark(en, '⚠ unverified'));
}
