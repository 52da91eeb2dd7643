import { lang, m, type Msg } from './i18n.ts';

const locales = { vi: 'vi-VN', en: 'en-GB' } as const;

/** An RFC 3339 time as local date and time in the current language ("" if absent, raw if unparsable). */
export function formatTime(iso: string | null | undefined): string {
  if (!iso) return '';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return new Intl.DateTimeFormat(locales[lang()], {
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hour12: false,
  }).format(d);
}

/** A message whose text is the time formatted for whichever language is current. */
export function timeMsg(iso: string | null | undefined): () => Msg {
  return () => {
    const s = formatTime(iso);
    return m(s, s);
  };
}

/** Static text in both languages, for values that are not translated (names, codes). */
export function same(s: string): Msg {
  return m(s, s);
}
