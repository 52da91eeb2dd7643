// The console page of the "digitize" capability (document digitization), at #/documents: tabs for the views the
// officer's role may open and the view the hash names (#/documents/upload, #/documents/list, #/documents/search,
// #/documents/<id>?page=N; #/documents alone opens upload for clerks and supervisors, search for investigators).

import './documents/documents.css';
import { h } from '../../shared/dom.ts';
import { m, tattr, tx, type Msg } from '../../shared/i18n.ts';
import { pageHeading, type Ctx, type Page } from '../page.ts';
import { listView } from './documents/list.ts';
import {
  defaultDocumentsView,
  documentViewAllowed,
  documentViewsFor,
  documentsHash,
  parseDocumentsRoute,
  type DocumentsView,
} from './documents/logic.ts';
import { searchView } from './documents/search.ts';
import { T } from './documents/text.ts';
import { uploadView } from './documents/upload.ts';
import { viewerView } from './documents/viewer.ts';
import type { View } from './documents/widgets.ts';

const TAB_TITLE: Record<DocumentsView, Msg> = {
  upload: T.upload,
  list: T.list,
  search: T.search,
  viewer: T.list,
};

export function documentsPage(ctx: Ctx): Page {
  const role = ctx.user.role;
  const route = parseDocumentsRoute(location.hash);
  let view: DocumentsView = route.view ?? defaultDocumentsView(role);
  if (!route.view) history.replaceState(null, '', documentsHash(view));

  let sub: View;
  if (!documentViewAllowed(role, view)) {
    sub = { el: h('p', { class: 'notice warn', role: 'alert', 'data-testid': 'documents-not-allowed' }, tx(T.notAllowed)), title: T.title, destroy: () => undefined };
    view = documentViewsFor(role)[0] ?? 'list';
  } else if (view === 'viewer') sub = viewerView(ctx, route.id!, route.page);
  else if (view === 'upload') sub = uploadView(ctx);
  else if (view === 'search') sub = searchView(ctx, route.params);
  else sub = listView(ctx, route.params);

  const tabs = h('nav', { class: 'documents-tabs' },
    h('ul', {}, documentViewsFor(role).map((v) =>
      h('li', {}, h('a', {
        href: documentsHash(v),
        class: 'tab',
        'data-testid': `documents-tab-${v}`,
        'aria-current': v === view && route.view !== 'viewer' ? 'page' : undefined,
      }, tx(TAB_TITLE[v]))))),
  );
  tattr(tabs, 'aria-label', T.tabs);

  const el = h('div', { class: 'page documents', 'data-testid': 'page-documents', 'data-view': route.view ?? view },
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
