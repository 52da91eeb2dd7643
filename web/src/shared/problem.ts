// Shows an error to the user: the server's problem title and detail (already bilingual from the server),
// the wait from Retry-After, and the request id to quote to an administrator.

import { ApiError } from './api.ts';
import { h } from './dom.ts';
import { m, tx } from './i18n.ts';
import { same } from './format.ts';

export const RETRY_IN = (s: number) =>
  m(`Vui lòng thử lại sau ${s} giây.`, `Please try again in ${s} second${s === 1 ? '' : 's'}.`);

export function problemView(err: unknown, testid = 'error'): HTMLElement {
  const box = h('div', { class: 'problem', role: 'alert', 'data-testid': testid });
  if (err instanceof ApiError) {
    const p = err.problem;
    box.append(h('p', { class: 'problem-title' }, tx(p.title ? same(p.title) : (err.localTitle ?? same(err.message)))));
    if (p.detail) box.append(h('p', { class: 'problem-detail' }, p.detail));
    if (err.retryAfter !== undefined) {
      box.append(h('p', { class: 'problem-retry', 'data-testid': `${testid}-retry` }, tx(RETRY_IN(err.retryAfter))));
    }
    if (p.request_id) {
      box.append(
        h('p', { class: 'problem-rid' }, tx(m('Mã yêu cầu: ', 'Request ID: ')), h('code', {}, p.request_id)),
      );
    }
  } else {
    box.append(h('p', { class: 'problem-title' }, tx(m('Đã xảy ra lỗi', 'Something went wrong'))));
    if (err instanceof Error && err.message) box.append(h('p', { class: 'problem-detail' }, err.message));
  }
  return box;
}
