// Public citizen page: the platform's name and the emergency numbers, from GET /api/v1/public/info.
// No sign-in. Vietnamese first; the language choice is remembered in localStorage.

import '../shared/base.css';
import './public.css';
import { requestJson } from '../shared/api.ts';
import { h, replace } from '../shared/dom.ts';
import { applyDocumentLang, m, onLangChange, t, tx, type Msg } from '../shared/i18n.ts';
import { langSwitch } from '../shared/langswitch.ts';
import { problemView } from '../shared/problem.ts';

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
  document.title = t(name);
};

function render(root: HTMLElement): void {
  applyDocumentLang();
  const title = h('h1', { class: 'site-title', 'data-testid': 'site-name' }, tx(() => name));
  const body = h('div', { 'aria-live': 'polite' }, h('p', { class: 'muted' }, tx(m('Đang tải…', 'Loading…'))));

  replace(
    root,
    h('header', { class: 'site-header' }, h('div', { class: 'inner' }, title, langSwitch())),
    h(
      'main',
      { class: 'public', id: 'main' },
      h('section', { class: 'card', 'aria-labelledby': 'em-title' },
        h('h2', { id: 'em-title' }, tx(m('Số điện thoại khẩn cấp', 'Emergency numbers'))),
        h('p', { class: 'lead' }, tx(m(
          'Khi gặp nguy hiểm, hãy gọi ngay số phù hợp dưới đây.',
          'In an emergency, call the matching number below straight away.',
        ))),
        body,
      ),
      h('p', { class: 'officer' },
        h('a', { href: '/console/', 'data-testid': 'console-link' },
          tx(m('Dành cho cán bộ: đăng nhập bảng điều khiển', 'For officers: sign in to the console')),
        ),
      ),
    ),
    h('footer', { class: 'site-footer' }, h('div', { class: 'inner' }, tx(m(
      'Cổng thông tin công dân của hệ thống Precinct.',
      'Citizen portal of the Precinct platform.',
    )))),
  );
  updateTitle();
  void load(body);
}

async function load(body: HTMLElement): Promise<void> {
  let info: PublicInfo;
  try {
    info = await requestJson<PublicInfo>('/api/v1/public/info');
  } catch (e) {
    replace(body, problemView(e));
    return;
  }
  if (info.name_vi || info.name_en) {
    name = m(info.name_vi || info.name_en, info.name_en || info.name_vi);
    updateTitle();
    // The title node re-reads `name` on every language change; refresh it now.
    const el = document.querySelector('[data-testid="site-name"]');
    if (el) replace(el, tx(() => name));
  }
  const lines = Array.isArray(info.emergency_lines) ? info.emergency_lines : [];
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
