// The sign-in form: POST /api/v1/auth/token. Shows the server's problem (401 bad credentials, 429 with the
// Retry-After wait, during which the button stays disabled and counts down).

import { ApiError } from '../../shared/api.ts';
import { h, replace } from '../../shared/dom.ts';
import { tx, type Msg } from '../../shared/i18n.ts';
import { langSwitch } from '../../shared/langswitch.ts';
import { problemView, RETRY_IN } from '../../shared/problem.ts';
import { M } from '../messages.ts';
import type { Session, SignIn } from '../session.ts';

export interface SignInView {
  el: HTMLElement;
  focus(): void;
  destroy(): void;
}

export function signInView(opts: { notice?: Msg | undefined; signIn: SignIn; onSignedIn(s: Session): void }): SignInView {
  const username = h('input', {
    id: 'username', name: 'username', type: 'text', required: true, autocomplete: 'username',
    autocapitalize: 'none', spellcheck: 'false', 'data-testid': 'username',
  });
  const password = h('input', {
    id: 'password', name: 'password', type: 'password', required: true, autocomplete: 'current-password',
    'data-testid': 'password',
  });
  const btnLabel = h('span', {}, tx(M.signIn));
  const submit = h('button', { type: 'submit', class: 'wide', 'data-testid': 'sign-in' }, btnLabel);
  const status = h('div', { 'data-testid': 'sign-in-status' },
    opts.notice ? h('p', { class: 'notice', role: 'status' }, tx(opts.notice)) : null,
  );
  let waitTimer = 0;

  const form = h('form', { class: 'signin-form', 'aria-labelledby': 'signin-title', novalidate: true },
    h('div', { class: 'field' }, h('label', { for: 'username' }, tx(M.username)), username),
    h('div', { class: 'field' }, h('label', { for: 'password' }, tx(M.password)), password),
    status,
    submit,
  );

  const holdOff = (seconds: number, err: ApiError): void => {
    let left = seconds;
    submit.disabled = true;
    const tick = (): void => {
      const retry = status.querySelector('[data-testid="sign-in-error-retry"]');
      if (retry) replace(retry, tx(RETRY_IN(left)));
      if (left <= 0) {
        window.clearInterval(waitTimer);
        submit.disabled = false;
        retry?.remove();
        return;
      }
      left--;
    };
    replace(status, problemView(err, 'sign-in-error'));
    tick();
    waitTimer = window.setInterval(tick, 1000);
  };

  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    if (submit.disabled) return;
    const u = username.value.trim();
    markInvalid(username, u === '');
    markInvalid(password, password.value === '');
    if (u === '') return username.focus();
    if (password.value === '') return password.focus();
    submit.disabled = true;
    replace(btnLabel, tx(M.signingIn));
    replace(status);
    try {
      const session = await opts.signIn(u, password.value);
      opts.onSignedIn(session);
      return;
    } catch (e) {
      password.value = '';
      if (e instanceof ApiError && e.status === 429 && e.retryAfter !== undefined && e.retryAfter > 0) {
        holdOff(e.retryAfter, e);
      } else {
        replace(status, problemView(e, 'sign-in-error'));
        submit.disabled = false;
      }
      if (e instanceof ApiError && e.problem.field === 'username') username.focus();
      else password.focus();
    } finally {
      replace(btnLabel, tx(M.signIn));
    }
  });

  const el = h('div', { class: 'signin-page' },
    h('main', { class: 'signin card', id: 'main' },
      h('div', { class: 'signin-top' },
        h('p', { class: 'brand' }, tx(M.appName)),
        langSwitch(),
      ),
      h('h1', { id: 'signin-title' }, tx(M.signInTitle)),
      h('p', { class: 'muted' }, tx(M.signInLead)),
      form,
      h('p', { class: 'small' }, h('a', { href: '/' }, tx(M.publicPage))),
    ),
  );
  return {
    el,
    focus: () => (username.value ? password : username).focus(),
    destroy: () => window.clearInterval(waitTimer),
  };
}

function markInvalid(el: HTMLElement, bad: boolean): void {
  if (bad) el.setAttribute('aria-invalid', 'true');
  else el.removeAttribute('aria-invalid');
}
