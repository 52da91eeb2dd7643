// Small pieces the assistant's console pages share: the state badge, an empty note, the view interface.

import { h } from '../../../shared/dom.ts';
import { tx, type Msg } from '../../../shared/i18n.ts';
import { stateMsg } from './text.ts';

/** One assistant sub-view (queue, conversation, unanswered) inside the assistant page. */
export interface View {
  readonly el: HTMLElement;
  readonly title: Msg;
  destroy(): void;
}

export function stateBadge(state: string, testid?: string): HTMLElement {
  return h('span', { class: `ast ast-${state}`, 'data-state': state, 'data-testid': testid }, tx(stateMsg(state)));
}

export function emptyNote(msg: Msg, testid?: string): HTMLElement {
  return h('p', { class: 'muted empty', 'data-testid': testid }, tx(msg));
}
