// What every console page gets, and the helpers pages share.

import { h, replace } from '../shared/dom.ts';
import { tx, type Msg } from '../shared/i18n.ts';
import { problemView } from '../shared/problem.ts';
import type { Live } from './live.ts';
import { M } from './messages.ts';
import { needsPurpose, type Api, type User } from './session.ts';

export interface Capability {
  id: string;
  name_vi: string;
  name_en: string;
  available: boolean;
}

export interface SystemInfo {
  name: string;
  version: string;
  started_at: string;
  database: string;
  modules: { name: string; enabled: boolean }[];
  capabilities: Capability[];
}

export interface Ctx {
  api: Api;
  user: User;
  live: Live;
  /** GET /api/v1/system/info, fetched once per sign-in; refresh=true fetches again. */
  system(refresh?: boolean): Promise<SystemInfo>;
}

export interface Page {
  readonly el: HTMLElement;
  readonly title: Msg;
  destroy(): void;
}

export function pageHeading(title: Msg, ...extra: Node[]): HTMLElement {
  return h('div', { class: 'page-head' }, h('h1', {}, tx(title)), h('div', { class: 'page-actions' }, extra));
}

const purposes = new Map<string, string>();

/**
 * Runs `load`; when the server answers that a purpose is needed, asks the officer for one inside `slot`
 * and tries again with it. The purpose given is reused for the same page while the console stays open.
 */
export async function loadWithPurpose<T>(
  slot: HTMLElement,
  key: string,
  load: (purpose: string | null) => Promise<T>,
): Promise<T> {
  let purpose = purposes.get(key) ?? null;
  let lastError: unknown;
  for (;;) {
    try {
      const result = await load(purpose);
      if (purpose) purposes.set(key, purpose);
      return result;
    } catch (e) {
      if (!needsPurpose(e)) throw e;
      purposes.delete(key);
      lastError = purpose ? e : undefined;
      purpose = await askPurpose(slot, lastError);
    }
  }
}

/** The purpose to send again for a page whose purpose was already accepted (or null). */
export function knownPurpose(key: string): string | null {
  return purposes.get(key) ?? null;
}

function askPurpose(slot: HTMLElement, error: unknown): Promise<string> {
  return new Promise((resolve) => {
    const input = h('input', {
      id: 'purpose-input',
      name: 'purpose',
      type: 'text',
      required: true,
      minlength: 3,
      maxlength: 200,
      autocomplete: 'off',
      'aria-describedby': 'purpose-hint',
      'data-testid': 'purpose-input',
    });
    const form = h(
      'form',
      { class: 'form purpose-form', 'aria-labelledby': 'purpose-title' },
      h('h2', { id: 'purpose-title' }, tx(M.purposeTitle)),
      h('p', {}, tx(M.purposeLead)),
      error ? problemView(error) : null,
      h('div', { class: 'field' },
        h('label', { for: 'purpose-input' }, tx(M.purposeLabel)),
        input,
        h('span', { id: 'purpose-hint', class: 'small muted' }, tx(M.purposeHint)),
      ),
      h('div', { class: 'form-actions' }, h('button', { type: 'submit', 'data-testid': 'purpose-submit' }, tx(M.purposeSubmit))),
    );
    form.addEventListener('submit', (ev) => {
      ev.preventDefault();
      const v = input.value.trim();
      // The server counts bytes of UTF-8: Vietnamese letters with diacritics take 2 or 3.
      const bytes = new TextEncoder().encode(v).length;
      if (bytes < 3 || bytes > 200) {
        input.setAttribute('aria-invalid', 'true');
        input.focus();
        return;
      }
      resolve(v);
    });
    replace(slot, form);
    input.focus();
  });
}

/** A short one-line text for any JSON value. */
export function brief(value: unknown, max = 160): string {
  let s: string;
  if (value === null || value === undefined) s = '';
  else if (typeof value === 'string') s = value;
  else {
    try {
      s = JSON.stringify(value);
    } catch {
      s = String(value);
    }
  }
  return s.length > max ? `${s.slice(0, max - 1)}…` : s;
}

export function loadingView(): HTMLElement {
  return h('p', { class: 'muted', role: 'status' }, tx(M.loading));
}

export function refreshButton(onclick: () => void): HTMLButtonElement {
  return h('button', { type: 'button', class: 'secondary', onclick }, tx(M.refresh));
}

/**
 * Coalesces loads of one page: a call while a load runs asks for one more load after it (a burst of live events
 * gives at most one extra load) and returns the running one. `alive` stops the extra load once the page is gone.
 */
export function coalescedLoader(run: () => Promise<void>, alive: () => boolean): () => Promise<void> {
  let loading: Promise<void> | null = null;
  let again = false;
  const load = (): Promise<void> => {
    if (loading) {
      again = true;
      return loading;
    }
    loading = (async () => {
      try {
        await run();
      } finally {
        loading = null;
        if (again && alive()) {
          again = false;
          void load();
        }
      }
    })();
    return loading;
  };
  return load;
}
