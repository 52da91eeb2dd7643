// One document (#/documents/<id>?page=N): its fields, status and downloads (searchable PDF, text, JSON); the pages
// with their status and confidence; the page image as OCRed on the left and its text on the right. Clicking a word
// of the text (or the image) draws its box on the image; with the text focused, ← → step through the words.
// The page text, the image and the downloads are personal data: the officer states a purpose (asked once for the
// documents pages while the console stays open). The image comes as a data: URL (the page policy refuses blob:).
// Kept current from the live topic "documents": pages appear as they are done.

import { h, replace } from '../../../shared/dom.ts';
import { t, tattr, tx } from '../../../shared/i18n.ts';
import { timeMsg } from '../../../shared/format.ts';
import { problemView } from '../../../shared/problem.ts';
import { needsPurpose } from '../../session.ts';
import { coalescedLoader, loadWithPurpose, loadingView, type Ctx } from '../../page.ts';
import { documentsApi, type DocPage, type DocType, type Document, type PageText } from './api.ts';
import {
  alignWords,
  applyDocEvent,
  baseName,
  boxPercent,
  clampPage,
  confidenceLevel,
  documentsHash,
  downloadName,
  formatBytes,
  formatPercent,
  isDocumentLink,
  parseDocumentsEvent,
  wordAt,
  type OcrWord,
} from './logic.ts';
import { PURPOSE_KEY, lastSearchHash } from './search.ts';
import { T, byLang, currentLang, langMsg, pageStatusMsg } from './text.ts';
import { confidenceView, docName, docProgressView, emptyNote, fact, fieldsRows, statusBadge, type View } from './widgets.ts';

interface Loaded {
  page: PageText;
  image: string | null;
  imageError: unknown;
}

const DOWNLOADS = [
  { key: 'pdf', label: T.pdf, accept: 'application/pdf', ext: 'pdf' },
  { key: 'text', label: T.text, accept: 'text/plain', ext: 'txt' },
  { key: 'json', label: T.json, accept: 'application/json', ext: 'json' },
] as const;

export function viewerView(ctx: Ctx, id: number, askedPage: number | null): View {
  const client = documentsApi(ctx.api);
  let alive = true;
  let doc: Document | null = null;
  let types: DocType[] = [];
  let pageNo = askedPage ?? 1;
  const cache = new Map<number, Loaded>();
  let showing = 0;
  let pageSeq = 0;

  const title = h('h2', { 'data-testid': 'documents-viewer-title' }, tx(T.documentId(id)));
  const badges = h('span', { class: 'viewer-badges' });
  const progress = h('div', {});
  const slot = h('div', {}, loadingView());
  const liveNote = h('div', { 'aria-live': 'polite' });

  // ---- details and downloads ----
  const facts = h('dl', { class: 'facts-grid', 'data-testid': 'documents-viewer-facts' });
  const downloads = h('div', { class: 'form-actions downloads', 'data-testid': 'documents-downloads' });
  const downloadOut = h('div', { 'aria-live': 'polite' });

  // ---- pages ----
  const pageList = h('ol', { class: 'page-list', 'data-testid': 'documents-page-list' });
  const prevBtn = h('button', { type: 'button', class: 'secondary', 'data-testid': 'documents-page-prev' }, tx(T.prevPage));
  const nextBtn = h('button', { type: 'button', class: 'secondary', 'data-testid': 'documents-page-next' }, tx(T.nextPage));
  const pageLabel = h('strong', { class: 'page-label', 'data-testid': 'documents-page-label', 'aria-live': 'polite' });
  const pageMeta = h('span', { class: 'small page-meta', 'data-testid': 'documents-page-meta' });
  const pageSlot = h('div', { class: 'page-slot', 'data-testid': 'documents-page' });
  prevBtn.addEventListener('click', () => showPage(pageNo - 1, prevBtn));
  nextBtn.addEventListener('click', () => showPage(pageNo + 1, nextBtn));
  const pagesNav = h('nav', { class: 'page-nav' }, prevBtn, pageLabel, nextBtn);
  tattr(pagesNav, 'aria-label', T.pageList);

  const pagesOf = (d: Document): DocPage[] => {
    if (Array.isArray(d.pages) && d.pages.length) return [...d.pages].sort((a, b) => a.no - b.no);
    const total = Math.max(0, d.pages_total || 0);
    return Array.from({ length: total }, (_, i) => ({ no: i + 1, status: d.status === 'done' ? 'done' : 'pending', confidence: null }));
  };
  const pageInfo = (no: number): DocPage | undefined => (doc ? pagesOf(doc).find((p) => p.no === no) : undefined);

  // ---- loading the document ----
  const load = coalescedLoader(async () => {
    try {
      const d = await client.get(id);
      if (!alive) return;
      const first = !doc;
      doc = d;
      render();
      if (first) showPage(askedPage ?? 1);
      else refreshPage();
    } catch (e) {
      if (!alive) return;
      if (!doc) replace(slot, problemView(e, 'documents-viewer-error'));
      else replace(liveNote, problemView(e, 'documents-viewer-error'));
    }
  }, () => alive);

  const render = (): void => {
    const d = doc;
    if (!d) return;
    if (!slot.contains(layout)) replace(slot, layout);
    replace(title, docName(d));
    replace(badges, statusBadge(d.status, 'documents-viewer-status'), ' ',
      d.confidence !== null && d.confidence !== undefined ? confidenceView(d.confidence, 'documents-viewer-confidence') : null);
    replace(progress, d.status === 'done' ? null : docProgressView(d, 'documents-viewer-progress'),
      d.status === 'failed' && d.error ? h('p', { class: 'problem', role: 'alert', 'data-testid': 'documents-viewer-failed' },
        tx(T.documentFailed), ' ', d.error) : null);
    renderFacts(d);
    renderDownloads(d);
    renderPageList(d);
  };

  const renderFacts = (d: Document): void => {
    const pages: (Node | string)[] = [String(d.pages_total || 0)];
    if (d.pages_failed) pages.push(' · ', tx(T.pagesFailed(d.pages_failed)));
    if (d.pages_blank) pages.push(' · ', tx(T.pagesBlank(d.pages_blank)));
    replace(facts,
      fieldsRows(d.fields, types),
      fact(T.fileName, d.filename, 'documents-viewer-filename'),
      fact(T.format, d.format ? d.format.toUpperCase() : null),
      fact(T.size, typeof d.bytes === 'number' && d.bytes > 0 ? tx(byLang((l) => formatBytes(d.bytes!, l))) : null),
      fact(T.language, d.lang ? tx(langMsg(d.lang)) : null),
      fact(T.pages, h('span', {}, pages), 'documents-viewer-pages'),
      fact(T.confidence, d.confidence !== null && d.confidence !== undefined ? confidenceView(d.confidence) : null),
      fact(T.createdAt, d.created_at ? h('span', {}, h('time', { datetime: d.created_at }, tx(timeMsg(d.created_at))),
        d.created_by ? h('span', { class: 'muted' }, ' — ', d.created_by) : null) : null),
      fact(T.finishedAt, d.finished_at ? h('time', { datetime: d.finished_at }, tx(timeMsg(d.finished_at))) : null),
      fact(T.error, d.error || null),
      fact(T.sha256, d.sha256 ? h('code', { class: 'sha' }, d.sha256) : null, 'documents-viewer-sha256'),
    );
  };

  const renderDownloads = (d: Document): void => {
    const links = d.links ?? {};
    const any = DOWNLOADS.some((x) => isDocumentLink(links[x.key]));
    if (!any) {
      replace(downloads, emptyNote(T.downloadsLater, 'documents-downloads-later'));
      return;
    }
    replace(downloads, DOWNLOADS.map((x) => {
      const path = links[x.key];
      if (!isDocumentLink(path)) return null;
      const label = h('span', {}, tx(x.label));
      const a = h('a', { href: path, class: 'btn secondary', 'data-testid': `documents-download-${x.key}` }, label);
      let busy = false;
      a.addEventListener('click', async (ev) => {
        ev.preventDefault();
        if (busy) return;
        busy = true;
        a.setAttribute('aria-busy', 'true');
        replace(label, tx(T.downloading));
        replace(downloadOut);
        try {
          const r = await loadWithPurpose(downloadOut, PURPOSE_KEY, (purpose) => client.download(path, x.accept, purpose));
          replace(downloadOut);
          save(r.blob, downloadName(r.disposition, `${baseName(d.filename, d.id)}.${x.ext}`));
        } catch (e) {
          if (alive) replace(downloadOut, problemView(e, 'documents-download-error'));
        } finally {
          busy = false;
          a.removeAttribute('aria-busy');
          replace(label, tx(x.label));
        }
      });
      return a;
    }));
  };

  const renderPageList = (d: Document): void => {
    const pages = pagesOf(d);
    if (pages.length === 0) {
      replace(pageList, h('li', { class: 'muted' }, tx(T.noPages)));
      return;
    }
    const hadFocus = pageList.contains(document.activeElement);
    replace(pageList, pages.map((p) => {
      const level = p.status === 'done' ? confidenceLevel(p.confidence) : 'none';
      const b = h('button', {
        type: 'button',
        class: `page-btn ps-${p.status} conf-${level}`,
        'data-testid': `documents-page-btn-${p.no}`,
        'data-status': p.status,
        'aria-current': p.no === pageNo ? 'page' : undefined,
      },
      h('span', { class: 'page-no' }, String(p.no)),
      h('span', { class: 'page-sub' }, p.status === 'done' ? tx(byLang((l) => formatPercent(p.confidence, l))) : tx(pageStatusMsg(p.status))));
      tattr(b, 'aria-label', () => ({
        vi: `${T.pageN(p.no).vi}: ${pageStatusMsg(p.status).vi}${p.status === 'done' ? `, ${formatPercent(p.confidence, 'vi')}` : ''}`,
        en: `${T.pageN(p.no).en}: ${pageStatusMsg(p.status).en}${p.status === 'done' ? `, ${formatPercent(p.confidence, 'en')}` : ''}`,
      }));
      b.addEventListener('click', () => showPage(p.no, b));
      return h('li', {}, b);
    }));
    if (hadFocus) pageList.querySelector<HTMLElement>('[aria-current="page"]')?.focus();
  };

  // ---- one page ----
  const total = (): number => (doc ? Math.max(pagesOf(doc).length, doc.pages_total || 0) : 0);

  const showPage = (no: number, focusAfter?: HTMLElement): void => {
    if (!doc) return;
    const n = total();
    pageNo = clampPage(no, n);
    history.replaceState(null, '', documentsHash('viewer', { id, page: pageNo }));
    for (const b of pageList.querySelectorAll<HTMLElement>('.page-btn')) {
      if (b.dataset['testid'] === `documents-page-btn-${pageNo}`) b.setAttribute('aria-current', 'page');
      else b.removeAttribute('aria-current');
    }
    prevBtn.disabled = pageNo <= 1;
    nextBtn.disabled = pageNo >= n;
    replace(pageLabel, n ? tx(T.pageOf(pageNo, n)) : tx(T.noPages));
    if (focusAfter && (focusAfter as HTMLButtonElement).disabled) (prevBtn.disabled ? nextBtn : prevBtn).focus();
    else if (focusAfter?.classList.contains('page-btn')) {
      pageList.querySelector<HTMLElement>(`[data-testid="documents-page-btn-${pageNo}"]`)?.focus();
    }
    showing = 0;
    refreshPage();
  };

  /** Draws the current page: from the cache, or loads it once it is done; a note while it is not. */
  const refreshPage = (): void => {
    if (!doc) return;
    const info = pageInfo(pageNo);
    paintMeta(info);
    if (total() === 0) {
      showing = 0;
      replace(pageSlot, emptyNote(T.noPages, 'documents-no-pages'));
      return;
    }
    const status = info?.status ?? (doc.status === 'done' ? 'done' : 'pending');
    if (showing === pageNo && cache.has(pageNo)) return;
    if (status === 'pending') {
      showing = 0;
      replace(pageSlot, h('p', { class: 'notice', 'data-testid': 'documents-page-pending' }, tx(T.pagePending)));
      return;
    }
    if (status === 'failed') {
      showing = 0;
      replace(pageSlot, h('div', { class: 'problem', role: 'alert', 'data-testid': 'documents-page-failed' },
        h('p', { class: 'problem-title' }, tx(T.pageFailed)), info?.error ? h('p', { class: 'problem-detail' }, info.error) : null));
      return;
    }
    const hit = cache.get(pageNo);
    if (hit) {
      showing = pageNo;
      drawPage(hit, status);
      return;
    }
    void loadPage(pageNo, status);
  };

  const paintMeta = (info: DocPage | undefined): void => {
    if (!info) {
      replace(pageMeta);
      return;
    }
    const parts: (Node | string)[] = [tx(pageStatusMsg(info.status))];
    if (info.status === 'done' && info.confidence !== null && info.confidence !== undefined) {
      parts.push(' · ', tx(T.confidence), ' ', confidenceView(info.confidence, 'documents-page-confidence'));
    }
    if (info.skew_deg) parts.push(' · ', tx(T.skew), ' ', tx(byLang((l) => `${fmtNum(info.skew_deg!, l)}°`)));
    if (info.rotation) parts.push(' · ', tx(T.rotation), ` ${info.rotation}°`);
    replace(pageMeta, parts);
  };

  const loadPage = async (no: number, status: string): Promise<void> => {
    const mine = ++pageSeq;
    replace(pageSlot, loadingView());
    try {
      const loaded = await loadWithPurpose(pageSlot, PURPOSE_KEY, async (purpose): Promise<Loaded> => {
        const page = await client.page(id, no, purpose);
        let image: string | null = null;
        let imageError: unknown = null;
        try {
          image = await client.pageImage(id, no, purpose);
        } catch (e) {
          if (needsPurpose(e)) throw e;
          imageError = e;
        }
        return { page, image, imageError };
      });
      if (!alive) return;
      cache.set(no, loaded);
      if (mine !== pageSeq || no !== pageNo) return;
      showing = no;
      drawPage(loaded, status);
    } catch (e) {
      if (alive && mine === pageSeq) replace(pageSlot, problemView(e, 'documents-page-error'));
    }
  };

  const drawPage = (l: Loaded, status: string): void => {
    const page = l.page;
    const words: OcrWord[] = Array.isArray(page.words) ? page.words : [];
    const width = page.width;
    const height = page.height;

    // The image with a box for the chosen word.
    const box = h('div', { class: 'word-box', hidden: true, 'data-testid': 'documents-word-box' });
    let img: HTMLImageElement | null = null;
    let imagePane: HTMLElement;
    if (l.image) {
      img = h('img', { src: l.image, class: 'page-img', 'data-testid': 'documents-page-image', draggable: 'false' });
      tattr(img, 'alt', T.imageAlt(page.no || pageNo));
      const canvas = h('div', { class: 'page-canvas' }, img, box);
      const zoom = h('button', { type: 'button', class: 'secondary small-btn', 'aria-pressed': 'false', 'data-testid': 'documents-zoom' },
        tx(T.zoom));
      zoom.addEventListener('click', () => {
        zoom.setAttribute('aria-pressed', String(canvas.classList.toggle('zoomed')));
      });
      img.addEventListener('click', (ev) => {
        const r = img!.getBoundingClientRect();
        if (!(r.width > 0 && r.height > 0 && width > 0 && height > 0)) return;
        const x = ((ev.clientX - r.left) / r.width) * width;
        const y = ((ev.clientY - r.top) / r.height) * height;
        const i = wordAt(words, x, y);
        if (i >= 0) select(i, true);
      });
      imagePane = h('figure', { class: 'page-figure' },
        h('figcaption', { class: 'pane-head' }, h('span', { class: 'pane-title' }, tx(T.image)), zoom),
        h('div', { class: 'page-scroll' }, canvas));
    } else {
      imagePane = h('figure', { class: 'page-figure' },
        h('figcaption', { class: 'pane-head' }, h('span', { class: 'pane-title' }, tx(T.image))),
        l.imageError ? problemView(l.imageError, 'documents-image-error') : h('p', { class: 'muted' }, tx(T.noImage)));
    }

    // The text, word by word.
    const segments = alignWords(page.text ?? '', words);
    const spans = new Map<number, HTMLElement>();
    const order: number[] = [];
    const textBox = h('div', {
      class: 'ocr-text', tabindex: '0', 'data-testid': 'documents-page-text', 'aria-describedby': 'dv-text-hint',
    });
    tattr(textBox, 'aria-label', T.recognised);
    for (const s of segments) {
      if (s.word === null) {
        textBox.append(document.createTextNode(s.text));
        continue;
      }
      const w = words[s.word]!;
      const low = confidenceLevel(w.conf) === 'low';
      const span = h('span', { class: `w${low ? ' low' : ''}`, 'data-w': s.word });
      span.textContent = s.text;
      if (low) tattr(span, 'title', T.lowConfidence);
      spans.set(s.word, span);
      order.push(s.word);
      textBox.append(span);
    }
    const said = h('p', { class: 'visually-hidden', 'aria-live': 'polite' });
    let current = -1;

    const select = (i: number, fromImage = false): void => {
      spans.get(current)?.classList.remove('on');
      current = i;
      const w = i >= 0 ? words[i] : undefined;
      const span = spans.get(i);
      if (!w) {
        box.hidden = true;
        replace(said);
        return;
      }
      span?.classList.add('on');
      const p = boxPercent(w, width, height);
      if (p) {
        box.style.left = `${p.left}%`;
        box.style.top = `${p.top}%`;
        box.style.width = `${p.width}%`;
        box.style.height = `${p.height}%`;
        box.hidden = false;
        if (!fromImage) box.scrollIntoView({ block: 'nearest', inline: 'nearest' });
      } else box.hidden = true;
      // From the image, the text scrolls to the word; from the text, the image scrolls to the box.
      if (fromImage) span?.scrollIntoView({ block: 'nearest' });
      const c = typeof w.conf === 'number' ? formatPercent(w.conf, currentLang()) : '—';
      replace(said, t(T.wordConf(w.text, c)));
    };

    textBox.addEventListener('click', (ev) => {
      const span = (ev.target as HTMLElement).closest<HTMLElement>('.w');
      if (span) select(Number(span.dataset['w']));
    });
    textBox.addEventListener('keydown', (ev) => {
      if (order.length === 0) return;
      const at = order.indexOf(current);
      let to: number | null = null;
      if (ev.key === 'ArrowRight' || ev.key === 'ArrowDown') to = at < 0 ? 0 : Math.min(order.length - 1, at + 1);
      else if (ev.key === 'ArrowLeft' || ev.key === 'ArrowUp') to = at < 0 ? 0 : Math.max(0, at - 1);
      else if (ev.key === 'Home') to = 0;
      else if (ev.key === 'End') to = order.length - 1;
      else if (ev.key === 'Escape' && current >= 0) {
        ev.preventDefault();
        select(-1);
        return;
      }
      if (to === null) return;
      ev.preventDefault();
      select(order[to]!);
    });

    const empty = segments.length === 0 || segments.every((s) => s.text.trim() === '');
    const textPane = h('section', { class: 'page-textpane', 'aria-labelledby': 'dv-text-title' },
      h('div', { class: 'pane-head' }, h('h3', { id: 'dv-text-title', class: 'pane-title' }, tx(T.recognised)),
        typeof page.confidence === 'number' ? confidenceView(page.confidence) : null),
      empty
        ? h('p', { class: 'muted', 'data-testid': 'documents-page-empty' }, tx(status === 'blank' ? T.pageBlank : T.pageNoText))
        : [h('p', { id: 'dv-text-hint', class: 'small muted' }, tx(T.textHint)), textBox, said],
    );

    replace(pageSlot, h('div', { class: 'viewer-split', 'data-page': page.no || pageNo }, imagePane, textPane));
  };

  // ---- live ----
  let reloadTimer = 0;
  const offLive = ctx.live.onEvent((item) => {
    const ev = parseDocumentsEvent(item.topic, item.data);
    if (!ev || ev.id !== id || !doc) return;
    doc = applyDocEvent(doc, ev);
    replace(progress, doc.status === 'done' ? null : docProgressView(doc, 'documents-viewer-progress'));
    // The pages' status and confidence come with the document: a burst loads once.
    window.clearTimeout(reloadTimer);
    reloadTimer = window.setTimeout(() => void load(), 300);
  });

  const back = h('p', { class: 'back' },
    h('a', { href: documentsHash('list'), 'data-testid': 'documents-back-list' }, tx(T.backList)),
    lastSearchHash ? [' ', h('a', { href: lastSearchHash, 'data-testid': 'documents-back-search' }, tx(T.backSearch))] : null,
  );

  const layout = h('div', { class: 'viewer-grid' },
    h('section', { class: 'card viewer-side', 'aria-labelledby': 'dv-details' },
      h('h2', { id: 'dv-details' }, tx(T.details)),
      facts,
      h('div', { class: 'viewer-downloads' },
        h('h3', {}, tx(T.downloads)),
        downloads,
      ),
      downloadOut,
    ),
    h('section', { class: 'card viewer-main', 'aria-labelledby': 'dv-pages' },
      h('h2', { id: 'dv-pages', class: 'visually-hidden' }, tx(T.pageList)),
      pageList,
      h('div', { class: 'page-bar' }, pagesNav, pageMeta),
      pageSlot,
    ),
  );

  void client.types().then((list) => {
    types = list;
    if (alive && doc) renderFacts(doc);
  }, () => undefined);
  void load();

  const el = h('div', { class: 'documents-viewer', 'data-testid': 'documents-viewer', 'data-document-id': id },
    back,
    h('div', { class: 'viewer-headline' }, title, badges),
    progress,
    liveNote,
    slot,
  );

  return {
    el,
    title: T.documentId(id),
    destroy: () => {
      alive = false;
      window.clearTimeout(reloadTimer);
      offLive();
    },
  };
}

function fmtNum(v: number, lang: 'vi' | 'en'): string {
  const s = (Math.round(v * 10) / 10).toFixed(1);
  return lang === 'vi' ? s.replace('.', ',') : s;
}

/** Saves a blob under a name (a temporary link; blob: downloads are not images, the page policy allows them). */
function save(blob: Blob, name: string): void {
  const url = URL.createObjectURL(blob);
  const a = h('a', { href: url, download: name, hidden: true });
  document.body.append(a);
  a.click();
  a.remove();
  window.setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
