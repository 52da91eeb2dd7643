// The escalation banner in the console's header area, for dispatchers and supervisors on any page: a P1
// incident left unacknowledged (topic dispatch.escalations) stays listed, with a link to it, until it is
// acknowledged or closed (topic dispatch) or the officer dismisses it.

import { h, replace } from '../../../shared/dom.ts';
import { tattr, tx } from '../../../shared/i18n.ts';
import type { Live } from '../../live.ts';
import { dispatchHash, parseDispatchEvent } from './logic.ts';
import { D } from './text.ts';

export interface Banner {
  el: HTMLElement;
  destroy(): void;
}

export function escalationBanner(live: Live): Banner {
  const list = h('ul', { class: 'escalations' });
  const el = h('div', { class: 'escalation-banner', role: 'alert', 'data-testid': 'escalation-banner', hidden: true }, list);
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
    const ev = parseDispatchEvent(item.topic, item.data);
    if (!ev) return;
    if (ev.kind === 'escalated') {
      const id = Number(ev.incident['id']);
      if (!Number.isInteger(id) || ev.incident['acknowledged_at']) return;
      const prio = typeof ev.incident['priority'] === 'string' ? ev.incident['priority'] : 'P1';
      const dismiss = h('button', { type: 'button', class: 'secondary small-btn', 'data-testid': `escalation-dismiss-${id}` }, tx(D.dismiss));
      dismiss.addEventListener('click', () => remove(id));
      tattr(dismiss, 'aria-label', () => ({ vi: `${D.dismiss.vi} #${id}`, en: `${D.dismiss.en} #${id}` }));
      const li = h('li', { 'data-testid': `escalation-${id}`, 'data-incident-id': id },
        h('span', { class: 'esc-icon', 'aria-hidden': 'true' }, '⚠'),
        h('a', { href: dispatchHash('incident', id), 'data-testid': `escalation-link-${id}` }, tx(D.escalated(id, prio))),
        dismiss,
      );
      const old = items.get(id);
      if (old) old.replaceWith(li);
      else list.prepend(li);
      items.set(id, li);
      sync();
    } else if (ev.kind === 'objects' && ev.incident) {
      const id = Number(ev.incident['id']);
      if (items.has(id) && (ev.incident['acknowledged_at'] || ev.incident['status'] === 'closed')) remove(id);
    }
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
