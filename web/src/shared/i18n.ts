// Bilingual text: Vietnamese first, English second. Every piece of UI text is a Msg; the DOM nodes
// made from Msgs are remembered (weakly) and re-written in place when the language changes, so a
// language switch never throws away what an officer has typed into a form.

export type Lang = 'vi' | 'en';
export interface Msg {
  readonly vi: string;
  readonly en: string;
}
export type MsgSource = Msg | (() => Msg);

const STORAGE_KEY = 'precinct.lang';

/** Whether the person chose a language (now, or on an earlier visit): the default alone is no choice. */
let chosen = false;

function readStoredLang(): Lang {
  try {
    const v = localStorage.getItem(STORAGE_KEY);
    if (v === 'en' || v === 'vi') {
      chosen = true;
      return v;
    }
  } catch {
    // Storage may be unavailable (privacy mode); fall back to Vietnamese.
  }
  return 'vi';
}

let current: Lang = readStoredLang();

interface Binding {
  readonly ref: WeakRef<Node>;
  readonly apply: (node: Node) => void;
}
const bindings = new Set<Binding>();
const listeners = new Set<(lang: Lang) => void>();

export function lang(): Lang {
  return current;
}

export function resolve(src: MsgSource): Msg {
  return typeof src === 'function' ? src() : src;
}

/** The text of a message in the current language. */
export function t(src: MsgSource): string {
  return resolve(src)[current];
}

/**
 * True once the language was picked with the switch (on this visit or remembered from an earlier one); false while
 * the page shows its default. The assistant then lets the server tell the language from what is written.
 */
export function langChosen(): boolean {
  return chosen;
}

export function setLang(next: Lang): void {
  if (next === current) return;
  chosen = true;
  current = next;
  try {
    localStorage.setItem(STORAGE_KEY, next);
  } catch {
    // Not remembered, but still switched.
  }
  applyDocumentLang();
  for (const b of bindings) {
    const node = b.ref.deref();
    if (node === undefined) bindings.delete(b);
    else b.apply(node);
  }
  for (const fn of listeners) fn(next);
}

export function toggleLang(): void {
  setLang(current === 'vi' ? 'en' : 'vi');
}

/** Called for every language change (after the bound nodes were updated). */
export function onLangChange(fn: (lang: Lang) => void): () => void {
  listeners.add(fn);
  return () => listeners.delete(fn);
}

export function applyDocumentLang(): void {
  document.documentElement.lang = current;
}

function bind(node: Node, apply: (node: Node) => void): void {
  apply(node);
  bindings.add({ ref: new WeakRef(node), apply });
}

/** A text node that follows the current language. */
export function tx(src: MsgSource): Text {
  const node = document.createTextNode('');
  bind(node, (n) => {
    n.textContent = t(src);
  });
  return node;
}

/** An attribute (aria-label, placeholder, title, ...) that follows the current language. */
export function tattr<E extends Element>(el: E, name: string, src: MsgSource): E {
  bind(el, (n) => (n as Element).setAttribute(name, t(src)));
  return el;
}

/** A message from two strings. */
export function m(vi: string, en: string): Msg {
  return { vi, en };
}
