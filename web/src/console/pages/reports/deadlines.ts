// The deadline banner in the console's header area, for supervisors on any page: a report flagged due soon or
// overdue (topic reports.deadlines, once per report and state) stays listed, with a link to it, until it is done
// (topic reports: resolved, rejected or closed) or the officer dismisses it.

import { h, replace } from '../../../shared/dom.ts';
import { clockIcon } from '../../../shared/icons.ts';
import { tattr, tx } from '../../../shared/i18n.ts';
import type { Live } from '../../live.ts';
import { isOpenStatus, parseReportsEvent, reportsHash } from './logic.ts';
import { T } from './text.ts';

export interface Banner {
  el: HTMLElement;
  destroy(): void;
}

export function deadlineBanner(live: Live): Banner {
  const list = h('ul', { class: 'deadline-items' });
  const el = h('div', { class: 'deadline-banner', role: 'alert', 'data-testid': 'deadline-banner', hidden: true }, list);
  tattr(el, 'aria-label', T.deadlinesLabel);
  const items = new Map<number, HTMLElement>();

  const sync = (): void => {
    el.hidden = items.size === 0;
  };
  const remove = (id: number): void => {
    items.get(id)?.remove();
    items.delete(id);
    sync();
  };

  const off = live.onEvent((item) => {
    const ev = parseReportsEvent(item.topic, item.data);
    if (!ev) return;
    const r = ev.report;
    if (ev.kind === 'report') {
      if (items.has(r.id) && !isOpenStatus(r.status)) remove(r.id);
      return;
    }
    if (!isOpenStatus(r.status)) return;
    const code = typeof r.code === 'string' && r.code ? r.code : `#${r.id}`;
    const overdue = ev.type === 'report.overdue';
    const dismiss = h('button', { type: 'button', class: 'secondary small-btn', 'data-testid': `deadline-dismiss-${r.id}` }, tx(T.dismiss));
    dismiss.addEventListener('click', () => remove(r.id));
    tattr(dismiss, 'aria-label', () => ({ vi: `${T.dismiss.vi} ${code}`, en: `${T.dismiss.en} ${code}` }));
    const li = h('li', { class: overdue ? 'dl-overdue' : 'dl-soon', 'data-testid': `deadline-${r.id}`, 'data-report-id': r.id,
      'data-due-state': overdue ? 'overdue' : 'due_soon' },
      clockIcon('dl-icon'),
      h('a', { href: reportsHash('report', r.id), 'data-testid': `deadline-link-${r.id}` },
        tx(overdue ? T.flaggedOverdue(code) : T.flaggedDueSoon(code))),
      dismiss,
    );
    const old = items.get(r.id);
    if (old) old.replaceWith(li);
    else list.prepend(li);
    items.set(r.id, li);
    sync();
  });

  return {
    el,
    destroy: () => {
      off();
      replace(list);
      items.clear();
    },
  };
}
