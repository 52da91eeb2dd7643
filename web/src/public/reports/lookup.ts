// "Tra cứu / Look up": tracking code + second factor (the last 4 digits of the phone given, or the chosen secret)
// → POST /api/v1/reports/lookup: the status, the reason, the history, the replies, the time limit. Every miss
// (unknown code, a typo caught by the check symbol, a wrong secret) reads the same; a 429 says how long to wait.

import { ApiError } from '../../shared/api.ts';
import { h, replace } from '../../shared/dom.ts';
import { timeMsg } from '../../shared/format.ts';
import { m, tx } from '../../shared/i18n.ts';
import { problemView, RETRY_IN } from '../../shared/problem.ts';
import { lookup, type CitizenView } from './api.ts';
import { formatTrackingCode, groupCodeAsTyped, validateLookup } from './logic.ts';
import { R, deadlineMsg, slashPair, statusMsg } from './text.ts';
import type { View } from './view.ts';

export function lookupView(initialCode: string): View {
  let alive = true;
  const code = h('input', { id: 'lk-code', name: 'code', type: 'text', required: true, maxlength: 20, autocomplete: 'off',
    autocapitalize: 'characters', spellcheck: 'false', placeholder: 'XXXX-XXXX-XXX', value: initialCode,
    'aria-describedby': 'lk-code-err', class: 'code-input', 'data-testid': 'lookup-code' });
  const secret = h('input', { id: 'lk-secret', name: 'secret', type: 'password', required: true, maxlength: 12, inputmode: 'numeric',
    autocomplete: 'off', 'aria-describedby': 'lk-secret-err', 'data-testid': 'lookup-secret' });
  const codeErr = h('p', { class: 'field-error', id: 'lk-code-err', 'data-testid': 'lookup-error-code', hidden: true }, tx(R.badCode));
  const secretErr = h('p', { class: 'field-error', id: 'lk-secret-err', 'data-testid': 'lookup-error-secret', hidden: true }, tx(R.badSecret));
  const submit = h('button', { type: 'submit', class: 'big-btn', 'data-testid': 'lookup-submit' }, tx(R.lookupSubmit));
  const out = h('div', { 'aria-live': 'polite', 'data-testid': 'lookup-out' });

  // Groups appear as the code is typed; the caret stays at the end (typing is the usual case on phones).
  code.addEventListener('input', () => {
    const atEnd = code.selectionStart === code.value.length;
    const grouped = groupCodeAsTyped(code.value);
    if (atEnd && grouped !== code.value) code.value = grouped;
    code.removeAttribute('aria-invalid');
    codeErr.hidden = true;
  });
  secret.addEventListener('input', () => {
    secret.removeAttribute('aria-invalid');
    secretErr.hidden = true;
  });

  const form = h('form', { class: 'lookup-form', novalidate: true, 'data-testid': 'lookup-form' },
    h('div', { class: 'field' }, h('label', { for: 'lk-code' }, tx(R.code)), code, codeErr),
    h('div', { class: 'field' }, h('label', { for: 'lk-secret' }, tx(R.lookupSecret)), secret, secretErr),
    h('div', { class: 'submit-row' }, submit),
  );
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    const bad = validateLookup(code.value, secret.value);
    for (const [input, f] of [[code, 'code'], [secret, 'secret']] as const) {
      if (bad.includes(f)) input.setAttribute('aria-invalid', 'true');
      else input.removeAttribute('aria-invalid');
    }
    codeErr.hidden = !bad.includes('code');
    secretErr.hidden = !bad.includes('secret');
    if (bad.length) {
      (bad[0] === 'code' ? code : secret).focus();
      return;
    }
    const formatted = formatTrackingCode(code.value)!;
    code.value = formatted;
    submit.disabled = true;
    replace(out, h('p', { class: 'muted', role: 'status' }, tx(R.looking)));
    try {
      const v = await lookup(formatted, secret.value.trim());
      if (!alive) return;
      replace(out, resultView(v));
    } catch (e) {
      if (!alive) return;
      replace(out, missView(e));
    } finally {
      submit.disabled = false;
    }
  });

  const el = h('section', { class: 'card lookup-page', 'data-testid': 'lookup-page', 'aria-labelledby': 'lk-title' },
    h('h2', { id: 'lk-title' }, tx(R.lookupTitle)),
    h('p', { class: 'lead' }, tx(R.lookupLead)),
    form,
    out,
  );
  return {
    el,
    title: R.lookupTitle,
    attached: () => (initialCode ? secret : code).focus(),
    destroy: () => {
      alive = false;
    },
  };
}

/** A miss: one neutral message whatever went wrong with the code or the secret; a wait for 429; else the problem. */
function missView(e: unknown): HTMLElement {
  if (e instanceof ApiError && e.status === 404) {
    return h('p', { class: 'problem', role: 'alert', 'data-testid': 'lookup-not-found' }, tx(R.notFound));
  }
  if (e instanceof ApiError && e.status === 429) {
    return h('div', { class: 'problem', role: 'alert', 'data-testid': 'lookup-too-many', 'data-retry-after': e.retryAfter ?? '' },
      h('p', { class: 'problem-title' }, tx(R.tooMany)),
      h('p', { 'data-testid': 'lookup-too-many-wait' }, tx(RETRY_IN(e.retryAfter ?? 60))));
  }
  return problemView(e, 'lookup-error');
}

function resultView(v: CitizenView): HTMLElement {
  const statusLabel = m(v.status_label_vi || statusMsg(v.status).vi, v.status_label_en || statusMsg(v.status).en);
  const overdue = !['resolved', 'rejected', 'closed'].includes(v.status) && Date.parse(v.due_at) < Date.now();
  const history = [...(v.history ?? [])].sort((a, b) => Date.parse(a.at) - Date.parse(b.at));
  const replies = [...(v.replies ?? [])].sort((a, b) => Date.parse(a.at) - Date.parse(b.at));
  return h('div', { class: 'lookup-result', 'data-testid': 'lookup-result', 'data-status': v.status },
    h('p', { class: 'tracking-code small-code' }, v.code),
    h('dl', { class: 'facts' },
      h('dt', {}, tx(R.status)),
      h('dd', {}, h('span', { class: `rstatus rs-${v.status}`, 'data-testid': 'lookup-status', 'data-status': v.status }, tx(statusLabel))),
      v.status_reason ? [h('dt', {}, tx(R.reason)), h('dd', { 'data-testid': 'lookup-reason' }, v.status_reason)] : null,
      h('dt', {}, tx(R.category_)),
      h('dd', {}, tx(m(v.category_vi || v.category, v.category_en || v.category_vi || v.category))),
      h('dt', {}, tx(R.receivedAt)), h('dd', {}, h('time', { datetime: v.received_at }, tx(timeMsg(v.received_at)))),
      h('dt', {}, tx(R.dueAt)),
      h('dd', { 'data-testid': 'lookup-due' }, h('time', { datetime: v.due_at }, tx(timeMsg(v.due_at))),
        overdue ? [' ', h('span', { class: 'badge-overdue' }, tx(R.overdue))] : null),
      v.deadline ? [
        h('dt', {}, tx(R.deadline)),
        h('dd', { 'data-testid': 'lookup-deadline' }, tx(deadlineMsg(v.deadline)),
          v.deadline.legal_basis ? h('div', { class: 'small muted' }, tx(slashPair(v.deadline.legal_basis))) : null),
      ] : null,
      h('dt', {}, tx(R.updatedAt)), h('dd', {}, h('time', { datetime: v.updated_at }, tx(timeMsg(v.updated_at)))),
    ),
    h('h3', {}, tx(R.replies)),
    replies.length
      ? h('ol', { class: 'replies', 'data-testid': 'lookup-replies' }, replies.map((r, i) =>
          h('li', { class: 'reply', 'data-testid': `lookup-reply-${i}` },
            h('time', { datetime: r.at, class: 'small muted' }, tx(timeMsg(r.at))),
            h('p', { class: 'reply-text' }, r.text))))
      : h('p', { class: 'muted', 'data-testid': 'lookup-no-replies' }, tx(R.noReplies)),
    h('h3', {}, tx(R.history)),
    history.length
      ? h('ol', { class: 'history', 'data-testid': 'lookup-history' }, history.map((e) =>
          h('li', { 'data-status': e.status },
            h('time', { datetime: e.at, class: 'small muted' }, tx(timeMsg(e.at))), ' ',
            h('strong', {}, tx(statusMsg(e.status))),
            e.text ? h('span', { class: 'history-text' }, ' — ', e.text) : null)))
      : h('p', { class: 'muted' }, tx(R.noHistory)),
  );
}
