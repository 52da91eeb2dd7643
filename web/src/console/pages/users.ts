// Users (admin): the list from GET /api/v1/users and a form that adds one with POST /api/v1/users.

import { ApiError } from '../../shared/api.ts';
import { h, replace } from '../../shared/dom.ts';
import { tx } from '../../shared/i18n.ts';
import { timeMsg } from '../../shared/format.ts';
import { problemView } from '../../shared/problem.ts';
import { M } from '../messages.ts';
import { loadingView, loadWithPurpose, pageHeading, refreshButton, type Ctx, type Page } from '../page.ts';
import { ROLES, roleMsg } from '../roles.ts';
import type { User } from '../session.ts';

interface UserRow extends User {
  disabled: boolean;
  created_at: string;
}

const PURPOSE_KEY = 'users';

export function usersPage(ctx: Ctx): Page {
  let alive = true;
  const listSlot = h('div', {}, loadingView());

  const load = async (): Promise<void> => {
    replace(listSlot, loadingView());
    try {
      const res = await loadWithPurpose(listSlot, PURPOSE_KEY, (purpose) =>
        ctx.api.json<{ items: UserRow[] }>('/api/v1/users', { purpose }),
      );
      if (alive) replace(listSlot, usersTable(Array.isArray(res.items) ? res.items : []));
    } catch (e) {
      if (alive) replace(listSlot, problemView(e));
    }
  };

  const form = addUserForm(ctx, () => void load());
  void load();

  const el = h(
    'div',
    { class: 'page users', 'data-testid': 'page-users' },
    pageHeading(M.usersTitle, refreshButton(() => void load())),
    h('section', { class: 'card' }, listSlot),
    form,
  );
  return {
    el,
    title: M.usersTitle,
    destroy: () => {
      alive = false;
    },
  };
}

function usersTable(items: UserRow[]): HTMLElement {
  if (items.length === 0) return h('p', { class: 'muted' }, tx(M.noUsers));
  return h('div', { class: 'table-wrap' },
    h('table', { 'data-testid': 'users-table' },
      h('thead', {}, h('tr', {},
        h('th', { scope: 'col' }, tx(M.username)),
        h('th', { scope: 'col' }, tx(M.displayName)),
        h('th', { scope: 'col' }, tx(M.role)),
        h('th', { scope: 'col' }, tx(M.status)),
        h('th', { scope: 'col' }, tx(M.createdAt)),
      )),
      h('tbody', {}, items.map((u) =>
        h('tr', { 'data-username': u.username },
          h('td', {}, h('code', {}, u.username)),
          h('td', {}, u.display_name),
          h('td', {}, tx(roleMsg(u.role))),
          h('td', {}, h('span', { class: u.disabled ? 'badge off' : 'badge on' }, tx(u.disabled ? M.locked : M.active))),
          h('td', {}, h('time', { datetime: u.created_at }, tx(timeMsg(u.created_at)))),
        ),
      )),
    ),
  );
}

function field(id: string, label: HTMLElement | Text, control: HTMLElement): HTMLElement {
  return h('div', { class: 'field' }, h('label', { for: id }, label), control);
}

function addUserForm(ctx: Ctx, onCreated: () => void): HTMLElement {
  const username = h('input', { id: 'nu-username', name: 'username', required: true, autocomplete: 'off', 'data-testid': 'new-username' });
  const displayName = h('input', { id: 'nu-display', name: 'display_name', required: true, autocomplete: 'off', 'data-testid': 'new-display-name' });
  const password = h('input', { id: 'nu-password', name: 'password', type: 'password', required: true, autocomplete: 'new-password', 'data-testid': 'new-password' });
  const role = h('select', { id: 'nu-role', name: 'role', required: true, 'data-testid': 'new-role' },
    h('option', { value: '' }, tx(M.chooseRole)),
    ROLES.map((r) => h('option', { value: r }, tx(roleMsg(r)))),
  );
  const controls: Record<string, HTMLInputElement | HTMLSelectElement> = {
    username, display_name: displayName, password, role,
  };
  const status = h('div', { 'aria-live': 'polite' });
  const submitLabel = h('span', {}, tx(M.addUser));
  const submit = h('button', { type: 'submit', 'data-testid': 'new-user-submit' }, submitLabel);

  const form = h('form', { class: 'card form', 'aria-labelledby': 'nu-title', novalidate: true },
    h('h2', { id: 'nu-title' }, tx(M.addUser)),
    h('div', { class: 'grid-2' },
      field('nu-username', tx(M.username), username),
      field('nu-display', tx(M.displayName), displayName),
      field('nu-password', tx(M.password), password),
      field('nu-role', tx(M.role), role),
    ),
    status,
    h('div', { class: 'form-actions' }, submit),
  );

  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    for (const c of Object.values(controls)) c.removeAttribute('aria-invalid');
    const missing = Object.values(controls).find((c) => c.value.trim() === '');
    if (missing) {
      missing.setAttribute('aria-invalid', 'true');
      missing.focus();
      return;
    }
    submit.disabled = true;
    replace(submitLabel, tx(M.adding));
    replace(status);
    try {
      const created = await ctx.api.json<UserRow>('/api/v1/users', {
        method: 'POST',
        body: {
          username: username.value.trim(),
          password: password.value,
          role: role.value,
          display_name: displayName.value.trim(),
        },
      });
      form.reset();
      replace(status, h('p', { class: 'notice ok', role: 'status', 'data-testid': 'new-user-ok' }, tx(M.userCreated(created?.username ?? ''))));
      onCreated();
    } catch (e) {
      replace(status, problemView(e, 'new-user-error'));
      const bad = e instanceof ApiError && e.problem.field ? controls[e.problem.field] : undefined;
      if (bad) {
        bad.setAttribute('aria-invalid', 'true');
        bad.focus();
      }
    } finally {
      submit.disabled = false;
      replace(submitLabel, tx(M.addUser));
    }
  });
  return form;
}
