// Public citizen page: the platform's name and the emergency numbers, from GET /api/v1/public/info, the citizen
// report pages (#/report, #/lookup; src/public/reports/) and the assistant's chat (a floating button on every page,
// and #/assistant as a full page; src/public/assistant/). No sign-in. Vietnamese first; the language choice is
// remembered in localStorage.

import '../shared/base.css';
import './public.css';
import './reports/reports.css';
import './assistant/assistant.css';
import { requestJson } from '../shared/api.ts';
import { h, replace } from '../shared/dom.ts';
import { applyDocumentLang, m, onLangChange, t, tx, type Msg } from '../shared/i18n.ts';
import { langSwitch } from '../shared/langswitch.ts';
import { problemView } from '../shared/problem.ts';
import { assistantLauncher, type Launcher } from './assistant/launcher.ts';
import { isAssistantRoute } from './assistant/logic.ts';
import { A } from './assistant/text.ts';
import { parsePublicRoute } from './reports/logic.ts';
import { R } from './reports/text.ts';
import type { View } from './reports/view.ts';

interface EmergencyLine {
  number: string;
  service_vi: string;
  service_en: string;
  /** Optional: set by the server for a line whose facts are not yet confirmed. */
  unconfirmed?: boolean;
}
interface PublicInfo {
  name_vi: string;
  name_en: string;
  emergency_lines: EmergencyLine[];
}

const DEFAULT_NAME = m('Precinct — Cổng thông tin công dân', 'Precinct — Citizen portal');

let name: Msg = DEFAULT_NAME;
const updateTitle = (): void => {
  document.title = pageTitle ? `${t(pageTitle)} · ${t(name)}` : t(name);
};

function render(root: HTMLElement): void {
  applyDocumentLang();
  const title = h('h1', { class: 'site-title', 'data-testid': 'site-name' }, tx(() => name));
  const main = h('main', { class: 'public', id: 'main', tabindex: '-1' });
  launcher = assistantLauncher();

  replace(
    root,
    h('header', { class: 'site-header' }, h('div', { class: 'inner' },
      h('a', { href: '#/', class: 'home-link' }, title), langSwitch())),
    main,
    h('footer', { class: 'site-footer' }, h('div', { class: 'inner' }, tx(m(
      'Cổng thông tin công dân của hệ thống Precinct.',
      'Citizen portal of the Precinct platform.',
    )))),
    launcher.el,
  );
  updateTitle();
  void info().then(applyName, () => undefined);
  window.addEventListener('hashchange', () => void route(main, true));
  void route(main, false);
}

// ---- routes: "#/" home, "#/report" the report form, "#/lookup[/CODE]" the lookup, "#/assistant" the chat ----

type Route = ReturnType<typeof parsePublicRoute> | { view: 'assistant' };

let launcher: Launcher | null = null;
let current: View | null = null;
let routeSeq = 0;
let pageTitle: Msg | null = null;

async function route(main: HTMLElement, focus: boolean): Promise<void> {
  const seq = ++routeSeq;
  const r: Route = isAssistantRoute(location.hash) ? { view: 'assistant' } : parsePublicRoute(location.hash);
  current?.destroy();
  current = null;
  launcher?.setHidden(r.view === 'assistant');
  let view: View;
  if (r.view === 'home') {
    view = homeView();
  } else {
    replace(main, h('p', { class: 'muted', role: 'status' }, tx(m('Đang tải…', 'Loading…'))));
    try {
      // The report pages (and the map) load only when a citizen opens them: the home page stays light.
      view = r.view === 'report'
        ? (await import('./reports/report.ts')).reportView()
        : r.view === 'assistant'
          ? (await import('./assistant/widget.ts')).assistantView()
          : (await import('./reports/lookup.ts')).lookupView(r.code);
    } catch (e) {
      if (seq === routeSeq) replace(main, problemView(e));
      return;
    }
    if (seq !== routeSeq) {
      view.destroy();
      return;
    }
  }
  current = view;
  pageTitle = r.view === 'home' ? null : view.title;
  replace(main,
    r.view === 'home' ? null : h('p', { class: 'back' }, h('a', { href: '#/', 'data-testid': 'home-link' }, tx(R.home))),
    view.el);
  view.attached?.();
  updateTitle();
  if (focus) {
    main.focus();
    window.scrollTo(0, 0);
  }
}

function homeView(): View {
  const body = h('div', { 'aria-live': 'polite' }, h('p', { class: 'muted' }, tx(m('Đang tải…', 'Loading…'))));
  const el = h('div', { class: 'home', 'data-testid': 'public-home' },
    h('section', { class: 'card', 'aria-labelledby': 'em-title' },
      h('h2', { id: 'em-title' }, tx(m('Số điện thoại khẩn cấp', 'Emergency numbers'))),
      h('p', { class: 'lead' }, tx(m(
        'Khi gặp nguy hiểm, hãy gọi ngay số phù hợp dưới đây.',
        'In an emergency, call the matching number below straight away.',
      ))),
      body,
    ),
    h('section', { class: 'card reports-card', 'aria-labelledby': 'rp-home-title', 'data-testid': 'reports-card' },
      h('h2', { id: 'rp-home-title' }, tx(R.homeTitle)),
      h('p', { class: 'lead' }, tx(R.homeLead)),
      h('p', { class: 'home-actions' },
        h('a', { href: '#/report', class: 'btn big-btn', 'data-testid': 'report-link' }, tx(R.goReport)),
        h('a', { href: '#/lookup', class: 'btn secondary big-btn', 'data-testid': 'lookup-link' }, tx(R.goLookup)),
      ),
      h('p', { class: 'small muted' }, tx(R.notEmergency)),
    ),
    h('section', { class: 'card assistant-card', 'aria-labelledby': 'as-home-title', 'data-testid': 'assistant-card' },
      h('h2', { id: 'as-home-title' }, tx(A.homeTitle)),
      h('p', { class: 'lead' }, tx(A.homeLead)),
      h('p', { class: 'home-actions' },
        h('a', { href: '#/assistant', class: 'btn big-btn', 'data-testid': 'assistant-link' }, tx(A.pageTitle)),
      ),
    ),
    h('p', { class: 'officer' },
      h('a', { href: '/console/', 'data-testid': 'console-link' },
        tx(m('Dành cho cán bộ: đăng nhập bảng điều khiển', 'For officers: sign in to the console')),
      ),
    ),
  );
  void load(body);
  return { el, title: DEFAULT_NAME, destroy: () => undefined };
}

let infoP: Promise<PublicInfo> | null = null;
function info(): Promise<PublicInfo> {
  if (!infoP) {
    const p = requestJson<PublicInfo>('/api/v1/public/info');
    infoP = p;
    p.catch(() => {
      if (infoP === p) infoP = null;
    });
  }
  return infoP;
}

function applyName(i: PublicInfo): void {
  if (!(i.name_vi || i.name_en)) return;
  name = m(i.name_vi || i.name_en, i.name_en || i.name_vi);
  updateTitle();
  // The title node re-reads `name` on every language change; refresh it now.
  const el = document.querySelector('[data-testid="site-name"]');
  if (el) replace(el, tx(() => name));
}

async function load(body: HTMLElement): Promise<void> {
  let pi: PublicInfo;
  try {
    pi = await info();
  } catch (e) {
    replace(body, problemView(e));
    return;
  }
  const lines = Array.isArray(pi.emergency_lines) ? pi.emergency_lines : [];
  if (lines.length === 0) {
    replace(body, h('p', { class: 'muted' }, tx(m('Chưa có số khẩn cấp nào được cấu hình.', 'No emergency numbers are configured.'))));
    return;
  }
  const rows = lines.map((l) =>
    h('tr', { 'data-testid': `emergency-line-${l.number}` },
      h('td', { class: 'number' }, h('a', { href: `tel:${l.number.replace(/[^0-9+]/g, '')}` }, l.number)),
      h('td', {},
        tx(m(l.service_vi, l.service_en || l.service_vi)),
        l.unconfirmed
          ? h('span', { class: 'unconfirmed' }, tx(m('⚠ chưa được xác nhận', '⚠ not yet confirmed')))
          : null,
      ),
    ),
  );
  replace(
    body,
    h('table', { class: 'lines', 'data-testid': 'emergency-lines' },
      h('caption', { class: 'visually-hidden' }, tx(m('Số điện thoại khẩn cấp', 'Emergency numbers'))),
      h('thead', {}, h('tr', {},
        h('th', { scope: 'col' }, tx(m('Số', 'Number'))),
        h('th', { scope: 'col' }, tx(m('Dịch vụ', 'Service'))),
      )),
      h('tbody', {}, rows),
    ),
    h('p', { class: 'legal' }, tx(m(
      'Theo Luật Viễn thông 2023, Điều 25, cuộc gọi khẩn cấp tới công an, cứu hỏa và cấp cứu được miễn phí. ' +
        'Gọi để quấy rối hoặc báo tin giả là vi phạm pháp luật và bị xử phạt.',
      'Under the Telecommunications Law 2023, Article 25, emergency calls to the police, fire service and ambulance ' +
        'are free of charge. Harassing calls and false reports are against the law and are fined.',
    ))),
  );
}

const root = document.getElementById('app');
if (root) {
  render(root);
  onLangChange(updateTitle);
}
