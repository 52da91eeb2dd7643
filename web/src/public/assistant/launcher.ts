// The floating "Hỏi trợ lý / Ask the assistant" button on every citizen page. The chat itself (widget.ts) loads
// on demand: at the first click, or at once when this tab already has a conversation under way (a reload), so
// that an officer's replies keep coming and the button can show them as unread.

import { h } from '../../shared/dom.ts';
import { chatIcon } from '../../shared/icons.ts';
import { t, tattr, tx } from '../../shared/i18n.ts';
import { CONVERSATION_KEY, isConversationId } from './logic.ts';
import { A } from './text.ts';

export interface Launcher {
  readonly el: HTMLElement;
  /** Hidden on "#/assistant", where the chat is the page. */
  setHidden(hidden: boolean): void;
}

type Widget = typeof import('./widget.ts');

export function assistantLauncher(): Launcher {
  let unread = 0;
  const badge = h('span', { class: 'assistant-unread', 'data-testid': 'assistant-unread', 'aria-hidden': 'true', hidden: true });
  const button = h('button', {
    type: 'button',
    class: 'assistant-launcher',
    'aria-expanded': 'false',
    'aria-haspopup': 'dialog',
    'data-testid': 'assistant-launcher',
  }, chatIcon('launcher-icon'), h('span', { class: 'launcher-text' }, tx(A.launcher)), badge);
  const label = () => (unread ? A.launcherUnread(unread) : A.launcher);
  tattr(button, 'aria-label', label);

  let widgetP: Promise<Widget> | null = null;
  const widget = (): Promise<Widget> => {
    if (!widgetP) {
      const p = import('./widget.ts').then((w) => {
        w.attachLauncher({
          button,
          setUnread: (n) => {
            unread = n;
            badge.hidden = n === 0;
            badge.textContent = n > 9 ? '9+' : String(n);
            button.dataset['unread'] = String(n);
            // The bound label follows the language; write it now for the new count.
            button.setAttribute('aria-label', t(label));
          },
        });
        return w;
      });
      widgetP = p;
      p.catch(() => {
        if (widgetP === p) widgetP = null;
      });
    }
    return widgetP;
  };

  // Not disabled while the chat loads: a disabled button would lose the focus that closing the panel returns to it.
  let loading = false;
  button.addEventListener('click', () => {
    if (loading) return;
    loading = true;
    widget().then(
      (w) => w.togglePanel(),
      () => undefined,
    ).finally(() => {
      loading = false;
    });
  });

  const el = h('div', { class: 'assistant-launcher-wrap', 'data-testid': 'assistant-launcher-wrap' }, button);

  // A conversation under way in this tab (a reload): load the chat now, closed.
  let stored: string | null = null;
  try {
    stored = sessionStorage.getItem(CONVERSATION_KEY);
  } catch {
    stored = null;
  }
  if (isConversationId(stored)) void widget().then((w) => w.resume(), () => undefined);

  return {
    el,
    setHidden: (hidden) => {
      el.hidden = hidden;
    },
  };
}
