import { h } from './dom.ts';
import { lang, m, onLangChange, tattr, toggleLang } from './i18n.ts';

/** A button that switches between Vietnamese and English; it names the language it switches to. */
export function langSwitch(): HTMLButtonElement {
  const label = h('span', {});
  const btn = h(
    'button',
    { type: 'button', class: 'lang-switch', 'data-testid': 'language-switch', onclick: () => toggleLang() },
    label,
  );
  tattr(btn, 'aria-label', m('Chuyển sang tiếng Anh (English)', 'Switch to Vietnamese (Tiếng Việt)'));
  const paint = (): void => {
    const l = lang();
    btn.dataset['lang'] = l;
    label.lang = l === 'vi' ? 'en' : 'vi';
    label.textContent = l === 'vi' ? 'English' : 'Tiếng Việt';
  };
  paint();
  onLangChange(paint);
  return btn;
}
