// The console page of the "assistant" capability: tabs and the view the hash names (#/assistant/queue,
// #/assistant/conversation/<id>, #/assistant/unanswered; #/assistant alone opens the queue of handoffs).

import './assistant.css';
import { h } from '../../../shared/dom.ts';
import { m, tattr, tx, type Msg } from '../../../shared/i18n.ts';
import { pageHeading, type Ctx, type Page } from '../../page.ts';
import { conversationView } from './conversation.ts';
import { assistantHash, assistantViewsFor, isAssistantRole, parseAssistantRoute, type AssistantView } from './logic.ts';
import { queueView } from './queue.ts';
import { T } from './text.ts';
import { unansweredView } from './unanswered.ts';
import type { View } from './widgets.ts';

const TAB_TITLE: Record<AssistantView, Msg> = {
  queue: T.queue,
  conversation: T.queue,
  unanswered: T.unanswered,
};

export function assistantPage(ctx: Ctx): Page {
  const role = ctx.user.role;
  const route = parseAssistantRoute(location.hash);
  const view: AssistantView = route.view ?? 'queue';
  if (!route.view) history.replaceState(null, '', assistantHash(view));

  let sub: View;
  if (!isAssistantRole(role)) {
    sub = { el: h('p', { class: 'notice warn', role: 'alert', 'data-testid': 'assistant-not-allowed' }, tx(T.notAllowed)), title: T.title, destroy: () => undefined };
  } else if (view === 'conversation') sub = conversationView(ctx, route.id!);
  else if (view === 'unanswered') sub = unansweredView(ctx);
  else sub = queueView(ctx);

  const tabs = h('nav', { class: 'assistant-tabs' },
    h('ul', {}, assistantViewsFor(role).map((v) =>
      h('li', {}, h('a', {
        href: assistantHash(v),
        class: 'tab',
        'data-testid': `assistant-tab-${v}`,
        'aria-current': v === view ? 'page' : undefined,
      }, tx(TAB_TITLE[v]))))),
  );
  tattr(tabs, 'aria-label', T.tabs);

  const el = h('div', { class: 'page assistant', 'data-testid': 'page-assistant', 'data-view': view },
    pageHeading(T.title),
    tabs,
    sub.el,
  );

  return {
    el,
    title: m(`${sub.title.vi} · ${T.title.vi}`, `${sub.title.en} · ${T.title.en}`),
    destroy: () => sub.destroy(),
  };
}
