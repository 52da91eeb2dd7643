// Questions the assistant could not answer, grouped by the server: the text, how often and when last asked, the
// topic it came closest to and how sure it was; "Đã xử lý / Resolved" once the knowledge base covers one. Resolved
// ones are hidden unless asked for.

import { h, replace } from '../../../shared/dom.ts';
import { tattr, tx } from '../../../shared/i18n.ts';
import { timeMsg } from '../../../shared/format.ts';
import { problemView } from '../../../shared/problem.ts';
import { loadingView, refreshButton, type Ctx } from '../../page.ts';
import { assistantApi } from './api.ts';
import { excerpt, formatConfidence, sortUnanswered, type UnansweredItem } from './logic.ts';
import { T } from './text.ts';
import { emptyNote, type View } from './widgets.ts';

let lastInclude = false;

export function unansweredView(ctx: Ctx): View {
  const client = assistantApi(ctx.api);
  let alive = true;
  let items: UnansweredItem[] = [];
  let loadSeq = 0;

  const include = h('input', { id: 'au-include', type: 'checkbox', 'data-testid': 'assistant-include-resolved' });
  include.checked = lastInclude;
  include.addEventListener('change', () => {
    lastInclude = include.checked;
    void load();
  });
  const body = h('div', { 'data-testid': 'assistant-unanswered-body' }, loadingView());
  const out = h('div', { 'aria-live': 'polite' });
  const count = h('span', { class: 'small muted', 'data-testid': 'assistant-unanswered-count', 'aria-live': 'polite' });

  const render = (): void => {
    const list = sortUnanswered(items.filter((x) => include.checked || !x.resolved));
    count.dataset['total'] = String(list.length);
    replace(count, tx(T.shownQuestions(list.length)));
    if (list.length === 0) {
      replace(body, emptyNote(T.unansweredEmpty, 'assistant-unanswered-empty'));
      return;
    }
    replace(body, h('div', { class: 'table-wrap' },
      h('table', { class: 'assistant-table', 'data-testid': 'assistant-unanswered' },
        h('thead', {}, h('tr', {},
          h('th', { scope: 'col' }, tx(T.question)),
          h('th', { scope: 'col', class: 'num' }, tx(T.count)),
          h('th', { scope: 'col' }, tx(T.lastAsked)),
          h('th', { scope: 'col' }, tx(T.bestGuess)),
          h('th', { scope: 'col', class: 'num' }, tx(T.confidence)),
          h('th', { scope: 'col' }, tx(T.action)),
        )),
        h('tbody', {}, list.map(row)),
      ),
    ));
  };

  const row = (x: UnansweredItem): HTMLElement => {
    const key = String(x.id);
    let action: HTMLElement;
    if (x.resolved) {
      action = h('span', { class: 'badge on', 'data-testid': `assistant-resolved-${key}` }, tx(T.resolvedBadge));
    } else {
      const b = h('button', { type: 'button', class: 'secondary small-btn', 'data-testid': `assistant-resolve-${key}` }, tx(T.resolve));
      tattr(b, 'aria-label', () => ({ vi: T.resolveLabel(excerpt(x.text, 60)).vi, en: T.resolveLabel(excerpt(x.text, 60)).en }));
      b.addEventListener('click', () => void resolve(x, b));
      action = b;
    }
    return h('tr', { class: `au-row${x.resolved ? ' au-resolved' : ''}`, 'data-testid': `assistant-unanswered-${key}`, 'data-id': key,
      'data-resolved': String(!!x.resolved) },
      h('td', { class: 'au-text' }, x.text),
      h('td', { class: 'num' }, String(x.count ?? 0)),
      h('td', { class: 'nowrap' }, x.last_at ? h('time', { datetime: x.last_at }, tx(timeMsg(x.last_at))) : '—'),
      h('td', {}, x.best_guess
        ? [h('span', {}, x.best_guess.title || x.best_guess.id), h('div', { class: 'small muted mono' }, x.best_guess.id)]
        : h('span', { class: 'muted' }, tx(T.noGuess))),
      h('td', { class: 'num' }, formatConfidence(x.confidence)),
      h('td', {}, action),
    );
  };

  const resolve = async (x: UnansweredItem, b: HTMLButtonElement): Promise<void> => {
    b.disabled = true;
    replace(out);
    try {
      await client.resolve(x.id);
      if (!alive) return;
      items = items.map((y) => (y.id === x.id ? { ...y, resolved: true } : y));
      render();
      replace(out, h('p', { class: 'notice ok', role: 'status', 'data-testid': 'assistant-resolve-ok' }, tx(T.resolvedOk)));
      // The row is gone (or now says resolved): the focus goes to the list's next button, or the checkbox.
      (body.querySelector<HTMLButtonElement>('button[data-testid^="assistant-resolve-"]') ?? include).focus();
    } catch (e) {
      if (!alive) return;
      replace(out, problemView(e, 'assistant-resolve-error'));
      b.disabled = false;
    }
  };

  const load = async (): Promise<void> => {
    const seq = ++loadSeq;
    replace(body, loadingView());
    try {
      const list = await client.unanswered(include.checked);
      if (!alive || seq !== loadSeq) return;
      items = list;
      render();
    } catch (e) {
      if (alive && seq === loadSeq) replace(body, problemView(e, 'assistant-unanswered-error'));
    }
  };
  void load();

  const el = h('div', { class: 'assistant-unanswered', 'data-testid': 'assistant-unanswered-view' },
    h('section', { class: 'card', 'aria-labelledby': 'au-title' },
      h('div', { class: 'section-head' },
        h('h2', { id: 'au-title' }, tx(T.unanswered)),
        h('div', { class: 'page-actions' }, count, refreshButton(() => void load()))),
      h('p', { class: 'small muted' }, tx(T.unansweredLead)),
      h('p', { class: 'check-row' }, include, h('label', { for: 'au-include' }, tx(T.includeResolved))),
      out,
      body,
    ),
  );

  return {
    el,
    title: T.unanswered,
    destroy: () => {
      alive = false;
    },
  };
}
