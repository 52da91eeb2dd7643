// Overview: what the server says about itself, and the live events this console has received.

import { h, replace } from '../../shared/dom.ts';
import { m, tx } from '../../shared/i18n.ts';
import { same, timeMsg } from '../../shared/format.ts';
import { problemView } from '../../shared/problem.ts';
import { FEED_MAX, type FeedItem } from '../live.ts';
import { M } from '../messages.ts';
import { brief, loadingView, pageHeading, refreshButton, type Ctx, type Page, type SystemInfo } from '../page.ts';

export function overviewPage(ctx: Ctx): Page {
  const sysBody = h('div', {}, loadingView());
  const feedList = h('ol', { class: 'feed', 'data-testid': 'live-feed' });
  const feedEmpty = h('p', { class: 'muted', 'data-testid': 'live-feed-empty' }, tx(M.liveFeedEmpty));

  const loadSystem = async (refresh: boolean): Promise<void> => {
    replace(sysBody, loadingView());
    try {
      renderSystem(sysBody, await ctx.system(refresh));
    } catch (e) {
      replace(sysBody, problemView(e));
    }
  };

  // The feed already holds what arrived before this page opened; new items are added on top.
  replace(feedList, ctx.live.feed.map(feedRow));
  feedEmpty.hidden = ctx.live.feed.length > 0;
  const off = ctx.live.onEvent((item) => {
    feedList.prepend(feedRow(item));
    while (feedList.children.length > FEED_MAX) feedList.lastElementChild?.remove();
    feedEmpty.hidden = true;
  });
  void loadSystem(false);

  const el = h(
    'div',
    { class: 'page overview', 'data-testid': 'page-overview' },
    pageHeading(M.navOverview),
    h('section', { class: 'card', 'aria-labelledby': 'sys-title' },
      h('div', { class: 'section-head' },
        h('h2', { id: 'sys-title' }, tx(M.system)),
        refreshButton(() => void loadSystem(true)),
      ),
      sysBody,
    ),
    h('section', { class: 'card', 'aria-labelledby': 'feed-title' },
      h('h2', { id: 'feed-title' }, tx(M.liveFeed)),
      h('p', { class: 'muted small' }, tx(M.liveFeedNote)),
      feedEmpty,
      feedList,
    ),
  );
  return { el, title: M.navOverview, destroy: off };
}

function renderSystem(slot: HTMLElement, info: SystemInfo): void {
  const modules = Array.isArray(info.modules) ? info.modules : [];
  const caps = Array.isArray(info.capabilities) ? info.capabilities : [];
  replace(
    slot,
    h('dl', { class: 'facts', 'data-testid': 'system-info' },
      h('dt', {}, tx(M.name)), h('dd', { 'data-testid': 'system-name' }, info.name),
      h('dt', {}, tx(M.version)), h('dd', { 'data-testid': 'system-version' }, h('code', {}, info.version)),
      h('dt', {}, tx(M.startedAt)), h('dd', {}, h('time', { datetime: info.started_at }, tx(timeMsg(info.started_at)))),
      h('dt', {}, tx(M.database)), h('dd', {}, info.database),
    ),
    h('h3', {}, tx(M.modules)),
    modules.length === 0
      ? h('p', { class: 'muted' }, tx(M.noModules))
      : h('ul', { class: 'chips', 'data-testid': 'system-modules' },
          modules.map((mod) =>
            h('li', { class: mod.enabled ? 'chip on' : 'chip off' },
              h('span', { class: 'chip-name' }, mod.name), ' ',
              h('span', { class: 'chip-state' }, tx(mod.enabled ? M.enabled : M.disabled)),
            ),
          ),
        ),
    caps.length === 0 ? null : h('h3', {}, tx(M.capabilities)),
    caps.length === 0
      ? null
      : h('ul', { class: 'chips' },
          caps.map((c) =>
            h('li', { class: c.available ? 'chip on' : 'chip off' },
              h('span', { class: 'chip-name' }, tx(m(c.name_vi, c.name_en || c.name_vi))), ' ',
              h('span', { class: 'chip-state' }, tx(c.available ? M.available : M.notYetAvailable)),
            ),
          ),
        ),
  );
}

function summary(item: FeedItem): string {
  const d = item.data as Record<string, unknown> | null;
  if (item.topic === 'hello' && d && typeof d === 'object') {
    const topics = Array.isArray(d['topics']) ? (d['topics'] as unknown[]).join(', ') : '';
    return `topics: ${topics}`;
  }
  if (item.topic === 'audit' && d && typeof d === 'object') {
    const parts = [`#${String(d['seq'] ?? '?')}`, String(d['action'] ?? '')];
    if (d['actor']) parts.push(`— ${String(d['actor'])}`);
    if (d['target']) parts.push(`→ ${String(d['target'])}`);
    return parts.join(' ');
  }
  return brief(item.data);
}

function feedRow(item: FeedItem): HTMLElement {
  return h('li', { class: `feed-item topic-${item.topic.replace(/[^a-z0-9_-]/gi, '')}` },
    h('time', { datetime: item.receivedAt, class: 'feed-time' }, tx(timeMsg(item.receivedAt))),
    h('span', { class: 'feed-topic' }, item.topic),
    h('span', { class: 'feed-text', title: item.raw }, tx(same(summary(item)))),
  );
}
