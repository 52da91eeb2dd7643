// The handoff queue: conversations the assistant handed over to an officer, waiting ones first (the longest wait on
// top) with the waiting time, language, officer, last message and reason. Loaded again on every live event of the
// topic "assistant" (a burst loads once) and every 10 seconds.

import { h, replace } from '../../../shared/dom.ts';
import { clockIcon } from '../../../shared/icons.ts';
import { tattr, tx } from '../../../shared/i18n.ts';
import { timeMsg } from '../../../shared/format.ts';
import { problemView } from '../../../shared/problem.ts';
import { loadingView, type Ctx } from '../../page.ts';
import { assistantApi } from './api.ts';
import {
  STATE_FILTERS,
  assistantHash,
  excerpt,
  isStateFilter,
  parseAssistantEvent,
  sortHandoffs,
  waitsLong,
  type HandoffItem,
  type StateFilter,
} from './logic.ts';
import { T, langMsg, reasonMsg, stateMsg, waitedMsg } from './text.ts';
import { emptyNote, stateBadge, type View } from './widgets.ts';

export const REFRESH_MS = 10_000;

/** The filter survives going to a conversation and back (for as long as the console stays open). */
let lastFilter: StateFilter = 'open';

export function queueView(ctx: Ctx): View {
  const client = assistantApi(ctx.api);
  let alive = true;
  let filter: StateFilter = lastFilter;
  let items: HandoffItem[] = [];
  let known = new Set<string>();
  let first = true;
  let loadSeq = 0;

  const state = h('select', { id: 'aq-state', 'data-testid': 'assistant-filter-state' },
    STATE_FILTERS.map((s) => h('option', { value: s }, tx(stateMsg(s)))));
  state.value = filter;
  state.addEventListener('change', () => {
    filter = isStateFilter(state.value) ? state.value : 'open';
    lastFilter = filter;
    known = new Set();
    first = true;
    replace(body, loadingView());
    void load();
  });
  const filters = h('form', { class: 'assistant-filters', novalidate: true, 'data-testid': 'assistant-filters' },
    h('div', { class: 'field' }, h('label', { for: 'aq-state' }, tx(T.state)), state));
  filters.addEventListener('submit', (ev) => ev.preventDefault());

  const body = h('div', { 'data-testid': 'assistant-queue-body' }, loadingView());
  const count = h('span', { class: 'small muted', 'data-testid': 'assistant-count', 'aria-live': 'polite' });
  const errorSlot = h('div', {});

  const render = (fresh: Set<string>): void => {
    // The list is drawn again every 10 s: a keyboard user's focus stays on the same link.
    const focused = document.activeElement instanceof HTMLElement && body.contains(document.activeElement)
      ? document.activeElement.dataset['testid'] ?? null
      : null;
    draw(fresh);
    if (focused) body.querySelector<HTMLElement>(`[data-testid="${CSS.escape(focused)}"]`)?.focus();
  };

  const draw = (fresh: Set<string>): void => {
    const now = Date.now();
    const list = sortHandoffs(items);
    const waiting = list.filter((x) => x.handoff_state === 'waiting').length;
    count.dataset['total'] = String(list.length);
    count.dataset['waiting'] = String(waiting);
    replace(count, tx(T.shown(list.length)), waiting ? [' · ', h('strong', {}, tx(T.waitingCount(waiting)))] : null);
    if (list.length === 0) {
      replace(body, emptyNote(filter === 'open' ? T.queueEmptyOpen : T.queueEmpty, 'assistant-queue-empty'));
      return;
    }
    replace(body, h('div', { class: 'table-wrap' },
      h('table', { class: 'assistant-table', 'data-testid': 'assistant-queue' },
        h('thead', {}, h('tr', {},
          h('th', { scope: 'col' }, tx(T.state)),
          h('th', { scope: 'col' }, tx(T.waitingSince)),
          h('th', { scope: 'col' }, tx(T.language)),
          h('th', { scope: 'col' }, tx(T.officer)),
          h('th', { scope: 'col' }, tx(T.lastText)),
          h('th', { scope: 'col' }, tx(T.reason)),
          h('th', { scope: 'col' }, h('span', { class: 'visually-hidden' }, tx(T.open))),
        )),
        h('tbody', {}, list.map((x) => row(x, now, fresh.has(x.conversation_id)))),
      ),
    ));
  };

  const row = (x: HandoffItem, now: number, fresh: boolean): HTMLElement => {
    const id = x.conversation_id;
    const long = waitsLong(x, now);
    const href = assistantHash('conversation', id);
    const tr = h('tr', {
      class: `aq-row aq-${x.handoff_state}${long ? ' aq-long' : ''}${fresh ? ' fresh' : ''}`,
      'data-testid': `assistant-row-${id}`,
      'data-id': id,
      'data-state': x.handoff_state,
    },
      h('td', {}, stateBadge(x.handoff_state, `assistant-state-${id}`)),
      h('td', { class: 'nowrap' },
        x.waiting_since ? h('time', { datetime: x.waiting_since }, tx(timeMsg(x.waiting_since))) : '—',
        x.waiting_since && x.handoff_state !== 'closed'
          ? h('div', { class: `small ${long ? 'aq-wait-long' : 'muted'}`, 'data-testid': `assistant-waited-${id}` },
              long ? clockIcon() : null, ' ', tx(waitedMsg(x.waiting_since, now)),
              long ? [' ', h('span', { class: 'visually-hidden' }, tx(T.longWait))] : null)
          : null),
      h('td', {}, tx(langMsg(x.lang))),
      h('td', {}, x.officer || '—'),
      h('td', { class: 'aq-last' }, excerpt(x.last_text)),
      h('td', { class: 'small', 'data-reason': x.reason || undefined }, x.reason ? tx(reasonMsg(x.reason)) : ''),
      h('td', {}, tattr(h('a', { href, class: 'btn secondary small-btn', 'data-testid': `assistant-link-${id}` }, tx(T.open)),
        'aria-label', () => ({ vi: `${T.open.vi}: ${excerpt(x.last_text, 40)}`, en: `${T.open.en}: ${excerpt(x.last_text, 40)}` }))),
    );
    tr.addEventListener('click', (ev) => {
      if ((ev.target as HTMLElement).closest('a, button')) return;
      location.hash = href;
    });
    return tr;
  };

  const load = async (): Promise<void> => {
    const seq = ++loadSeq;
    try {
      const list = await client.handoffs(filter);
      if (!alive || seq !== loadSeq) return;
      const fresh = new Set<string>();
      if (!first) for (const x of list) if (!known.has(x.conversation_id)) fresh.add(x.conversation_id);
      first = false;
      known = new Set(list.map((x) => x.conversation_id));
      items = list;
      replace(errorSlot);
      render(fresh);
    } catch (e) {
      if (!alive || seq !== loadSeq) return;
      // Keep the last list; say what went wrong above it.
      if (first) replace(body, problemView(e, 'assistant-queue-error'));
      else replace(errorSlot, problemView(e, 'assistant-queue-error'));
    }
  };

  // Live: any event of the topic loads the list again (a burst once).
  let liveTimer = 0;
  const offLive = ctx.live.onEvent((item) => {
    if (!parseAssistantEvent(item.topic, item.data)) return;
    window.clearTimeout(liveTimer);
    liveTimer = window.setTimeout(() => void load(), 250);
  });
  const ticker = window.setInterval(() => void load(), REFRESH_MS);
  void load();

  const el = h('div', { class: 'assistant-queue', 'data-testid': 'assistant-queue-view' },
    h('section', { class: 'card' }, filters),
    h('section', { class: 'card', 'aria-labelledby': 'aq-title' },
      h('div', { class: 'section-head' }, h('h2', { id: 'aq-title' }, tx(T.queue)), count),
      h('p', { class: 'small muted' }, tx(T.liveNote)),
      errorSlot,
      body,
    ),
  );

  return {
    el,
    title: T.queue,
    destroy: () => {
      alive = false;
      offLive();
      window.clearTimeout(liveTimer);
      window.clearInterval(ticker);
    },
  };
}
