// Upload of scans (clerks and supervisors): files chosen or dropped, a language and an optional title; then each
// file is sent in turn with its own progress bar: the bytes sent (XMLHttpRequest), then the pages done of the total
// from the live topic "documents", then done with the mean confidence, or the server's problem.
//
// The queue belongs to the signed-in session, not to the view: going to the list and back (or to a document) lets
// the uploads go on and shows them again. A document whose events stop coming (live stream down) is asked for
// every few seconds.

import { ApiError } from '../../../shared/api.ts';
import { h, replace } from '../../../shared/dom.ts';
import { t, tattr, tx } from '../../../shared/i18n.ts';
import { problemView } from '../../../shared/problem.ts';
import type { Live } from '../../live.ts';
import type { Ctx } from '../../page.ts';
import type { Api } from '../../session.ts';
import { documentsApi, type DocumentsApi, type Document, type Upload } from './api.ts';
import {
  ACCEPT,
  DEFAULT_LANG,
  UPLOAD_LANGS,
  applyDocEvent,
  checkFile,
  docProgress,
  documentsHash,
  formatBytes,
  isFinished,
  isUploadLang,
  pagesHandled,
  parseDocumentsEvent,
  type FileCheck,
  type UploadLang,
} from './logic.ts';
import { T, byLang, langMsg, statusMsg } from './text.ts';
import { emptyNote, setProgress, statusBadge, type View } from './widgets.ts';

// ---- the session's upload queue ----

export type UploadPhase = 'waiting' | 'uploading' | 'processing' | 'done' | 'failed' | 'error' | 'cancelled';

export interface UploadItem {
  readonly key: number;
  readonly file: File;
  readonly lang: UploadLang;
  readonly title: string;
  phase: UploadPhase;
  sent: number;
  total: number;
  doc: Document | null;
  error: unknown;
  handle: Upload | null;
  /** When the document last changed (an event, or an answer): stale ones are asked for. */
  touched: number;
  asking: boolean;
}

const POLL_MS = 5_000;
const STALE_MS = 10_000;

function phaseOf(doc: Document): UploadPhase {
  return doc.status === 'done' ? 'done' : doc.status === 'failed' ? 'failed' : 'processing';
}

class UploadQueue {
  readonly items: UploadItem[] = [];
  private readonly subs = new Set<(item: UploadItem | null) => void>();
  private running = false;
  private nextKey = 1;
  private pollTimer = 0;
  private guarding = false;

  constructor(private readonly client: DocumentsApi, live: Live) {
    live.onEvent((fi) => {
      const ev = parseDocumentsEvent(fi.topic, fi.data);
      if (!ev) return;
      for (const it of this.items) {
        if (!it.doc || it.doc.id !== ev.id || it.phase === 'done' || it.phase === 'failed') continue;
        it.doc = applyDocEvent(it.doc, ev);
        it.touched = Date.now();
        if (isFinished(ev.status)) void this.refresh(it); // the confidence and the error come with the document
        else it.phase = 'processing';
        this.emit(it);
      }
    });
  }

  onChange(fn: (item: UploadItem | null) => void): () => void {
    this.subs.add(fn);
    return () => this.subs.delete(fn);
  }

  private emit(item: UploadItem | null): void {
    for (const fn of this.subs) fn(item);
  }

  add(files: File[], lang: UploadLang, title: string): void {
    for (const file of files) {
      this.items.push({
        key: this.nextKey++, file, lang, title, phase: 'waiting', sent: 0, total: file.size,
        doc: null, error: null, handle: null, touched: Date.now(), asking: false,
      });
    }
    this.emit(null);
    this.guard();
    void this.pump();
  }

  cancel(key: number): void {
    const it = this.items.find((x) => x.key === key);
    if (!it) return;
    if (it.phase === 'waiting') {
      it.phase = 'cancelled';
      this.emit(it);
      this.guard();
    } else if (it.phase === 'uploading') {
      it.handle?.abort();
    }
  }

  clearFinished(): void {
    const keep = this.items.filter((x) => x.phase === 'waiting' || x.phase === 'uploading' || x.phase === 'processing');
    this.items.splice(0, this.items.length, ...keep);
    this.emit(null);
  }

  get busy(): boolean {
    return this.items.some((x) => x.phase === 'waiting' || x.phase === 'uploading');
  }

  /** Sends the waiting files one after the other. */
  private async pump(): Promise<void> {
    if (this.running) return;
    this.running = true;
    try {
      for (;;) {
        const it = this.items.find((x) => x.phase === 'waiting');
        if (!it) break;
        it.phase = 'uploading';
        it.sent = 0;
        this.emit(it);
        let lastEmit = 0;
        const up = this.client.upload(it.file, { lang: it.lang, title: it.title }, (sent, total) => {
          it.sent = sent;
          it.total = total || it.file.size;
          const now = Date.now();
          if (now - lastEmit > 100 || sent >= it.total) {
            lastEmit = now;
            this.emit(it);
          }
        });
        it.handle = up;
        try {
          const doc = await up.done;
          it.doc = doc;
          it.sent = it.total;
          it.phase = phaseOf(doc);
          it.touched = Date.now();
          if (it.phase !== 'processing') void this.refresh(it);
        } catch (e) {
          if (e instanceof DOMException && e.name === 'AbortError') it.phase = 'cancelled';
          else {
            it.phase = 'error';
            it.error = e;
          }
        } finally {
          it.handle = null;
        }
        this.emit(it);
        this.guard();
        this.schedulePoll();
      }
    } finally {
      this.running = false;
    }
  }

  /** Asks the server for the document of an item (its events stopped, or it just finished). */
  private async refresh(it: UploadItem): Promise<void> {
    if (!it.doc || it.asking) return;
    it.asking = true;
    try {
      const doc = await this.client.get(it.doc.id);
      it.doc = doc;
      it.phase = phaseOf(doc);
      it.touched = Date.now();
      this.emit(it);
    } catch (e) {
      if (e instanceof ApiError && e.status === 404) {
        it.phase = 'error';
        it.error = e;
        this.emit(it);
      }
      // Otherwise: tried again at the next poll.
    } finally {
      it.asking = false;
      this.schedulePoll();
    }
  }

  private schedulePoll(): void {
    if (this.pollTimer || !this.items.some((x) => x.phase === 'processing')) return;
    this.pollTimer = window.setTimeout(() => {
      this.pollTimer = 0;
      const now = Date.now();
      for (const it of this.items) {
        if (it.phase === 'processing' && now - it.touched > STALE_MS) void this.refresh(it);
      }
      this.schedulePoll();
    }, POLL_MS);
  }

  private readonly beforeUnload = (ev: BeforeUnloadEvent): void => {
    ev.preventDefault();
    ev.returnValue = t(T.leaveWarning);
  };

  /** While files are waiting or being sent, leaving the console asks first. */
  private guard(): void {
    const on = this.busy;
    if (on === this.guarding) return;
    this.guarding = on;
    if (on) window.addEventListener('beforeunload', this.beforeUnload);
    else window.removeEventListener('beforeunload', this.beforeUnload);
  }
}

const queues = new WeakMap<Api, UploadQueue>();

function uploadQueue(ctx: Ctx): UploadQueue {
  let q = queues.get(ctx.api);
  if (!q) {
    q = new UploadQueue(documentsApi(ctx.api), ctx.live);
    queues.set(ctx.api, q);
  }
  return q;
}

// ---- the view ----

interface Chosen {
  file: File;
  check: FileCheck;
}

/** The language chosen last (for as long as the console stays open). */
let lastLang: UploadLang = DEFAULT_LANG;

export function uploadView(ctx: Ctx): View {
  const queue = uploadQueue(ctx);
  let chosen: Chosen[] = [];

  // ---- choosing files ----
  const input = h('input', {
    id: 'du-files', type: 'file', multiple: true, accept: ACCEPT, class: 'file-input',
    'aria-describedby': 'du-lead du-drop-hint', 'data-testid': 'documents-file-input',
  });
  const zone = h('div', { class: 'drop-zone', 'data-testid': 'documents-drop' },
    h('label', { for: 'du-files', class: 'drop-label' }, tx(T.chooseFiles)),
    input,
    h('p', { id: 'du-drop-hint', class: 'small muted' }, tx(T.dropHint)),
  );
  const chosenList = h('ul', { class: 'chosen-list', 'data-testid': 'documents-chosen' });
  const lang = h('select', { id: 'du-lang', 'aria-describedby': 'du-lang-hint', 'data-testid': 'documents-lang' },
    UPLOAD_LANGS.map((l) => h('option', { value: l }, tx(langMsg(l)))));
  lang.value = lastLang;
  lang.addEventListener('change', () => {
    if (isUploadLang(lang.value)) lastLang = lang.value;
  });
  const title = h('input', {
    id: 'du-title', type: 'text', maxlength: 200, autocomplete: 'off', 'aria-describedby': 'du-title-hint',
    'data-testid': 'documents-title',
  });
  const submit = h('button', { type: 'submit', 'data-testid': 'documents-upload-submit' }, tx(T.send));
  const formOut = h('div', { 'aria-live': 'polite' });

  const validChosen = (): File[] => chosen.filter((c) => c.check.ok).map((c) => c.file);

  const renderChosen = (): void => {
    const n = validChosen().length;
    replace(submit, tx(n > 0 ? T.sendN(n) : T.send));
    submit.disabled = n === 0;
    if (chosen.length === 0) {
      replace(chosenList, h('li', { class: 'muted' }, tx(T.noneChosen)));
      return;
    }
    replace(chosenList, chosen.map((c, i) => {
      const rm = h('button', { type: 'button', class: 'secondary small-btn', 'data-testid': `documents-chosen-remove-${i}` }, tx(T.remove));
      tattr(rm, 'aria-label', T.removeFile(c.file.name));
      rm.addEventListener('click', () => {
        chosen.splice(i, 1);
        renderChosen();
        (chosenList.querySelector<HTMLButtonElement>('button') ?? input).focus();
      });
      const why = c.check.ok ? null
        : h('span', { class: 'field-error', 'data-testid': `documents-chosen-error-${i}` },
          tx(c.check.reason === 'format' ? T.badFormat : c.check.reason === 'size' ? T.tooLarge : T.emptyFile));
      return h('li', { class: `chosen${c.check.ok ? '' : ' bad'}`, 'data-testid': `documents-chosen-${i}`, 'data-ok': String(c.check.ok) },
        h('span', { class: 'chosen-name' }, c.file.name),
        h('span', { class: 'small muted' }, tx(byLang((l) => formatBytes(c.file.size, l)))),
        why,
        rm,
      );
    }));
  };

  const choose = (files: FileList | File[] | null): void => {
    if (!files) return;
    replace(formOut);
    for (const file of Array.from(files)) {
      if (chosen.some((c) => c.file.name === file.name && c.file.size === file.size && c.file.lastModified === file.lastModified)) continue;
      chosen.push({ file, check: checkFile(file.name, file.type, file.size) });
    }
    renderChosen();
  };

  input.addEventListener('change', () => {
    choose(input.files);
    input.value = '';
  });
  // Drag and drop anywhere on the zone.
  let depth = 0;
  zone.addEventListener('dragenter', (ev) => {
    ev.preventDefault();
    depth++;
    zone.classList.add('over');
  });
  zone.addEventListener('dragover', (ev) => {
    ev.preventDefault();
    if (ev.dataTransfer) ev.dataTransfer.dropEffect = 'copy';
  });
  zone.addEventListener('dragleave', () => {
    depth = Math.max(0, depth - 1);
    if (depth === 0) zone.classList.remove('over');
  });
  zone.addEventListener('drop', (ev) => {
    ev.preventDefault();
    depth = 0;
    zone.classList.remove('over');
    choose(ev.dataTransfer?.files ?? null);
  });

  const form = h('form', { class: 'upload-form', novalidate: true, 'data-testid': 'documents-upload-form' },
    zone,
    h('h3', {}, tx(T.chosen)),
    chosenList,
    h('div', { class: 'grid-2' },
      h('div', { class: 'field' },
        h('label', { for: 'du-lang' }, tx(T.language)), lang,
        h('span', { id: 'du-lang-hint', class: 'small muted' }, tx(T.langHint))),
      h('div', { class: 'field' },
        h('label', { for: 'du-title' }, tx(T.docTitle)), title,
        h('span', { id: 'du-title-hint', class: 'small muted' }, tx(T.titleHint))),
    ),
    formOut,
    h('div', { class: 'form-actions' }, submit),
  );
  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    const files = validChosen();
    if (files.length === 0) {
      replace(formOut, h('p', { class: 'field-error', 'data-testid': 'documents-upload-need-files' }, tx(T.needFiles)));
      input.focus();
      return;
    }
    const l = isUploadLang(lang.value) ? lang.value : DEFAULT_LANG;
    queue.add(files, l, title.value.trim());
    chosen = [];
    title.value = '';
    renderChosen();
    queueHead.focus();
  });

  // ---- the queue ----
  interface Row {
    li: HTMLLIElement;
    bar: HTMLProgressElement;
    state: HTMLElement;
    actions: HTMLElement;
    err: HTMLElement;
    shown: string;
  }
  const rows = new Map<number, Row>();
  const queueList = h('ol', { class: 'upload-queue', 'data-testid': 'documents-queue' });
  const announcer = h('p', { class: 'visually-hidden', 'aria-live': 'polite', 'data-testid': 'documents-announce' });
  const clear = h('button', { type: 'button', class: 'secondary small-btn', 'data-testid': 'documents-clear-finished' }, tx(T.clearFinished));
  clear.addEventListener('click', () => queue.clearFinished());
  const queueHead = h('h2', { id: 'du-queue', tabindex: '-1' }, tx(T.queueTitle));

  const makeRow = (it: UploadItem): Row => {
    const bar = h('progress', { class: 'doc-progress', 'data-testid': `documents-upload-bar-${it.key}` });
    tattr(bar, 'aria-label', T.progressLabel(it.file.name));
    const state = h('span', { class: 'small upload-state', 'data-testid': `documents-upload-state-${it.key}` });
    const actions = h('span', { class: 'upload-actions' });
    const err = h('div', {});
    const li = h('li', { class: 'upload-item', 'data-testid': `documents-upload-${it.key}` },
      h('div', { class: 'upload-head' },
        h('strong', { class: 'upload-name' }, it.file.name), ' ',
        h('span', { class: 'small muted' }, tx(byLang((l) => formatBytes(it.file.size, l))), ' · ', tx(langMsg(it.lang))),
        actions,
      ),
      bar,
      state,
      err,
    );
    return { li, bar, state, actions, err, shown: '' };
  };

  const paintRow = (it: UploadItem, r: Row): void => {
    const li = r.li;
    li.dataset['phase'] = it.phase;
    if (it.doc) li.dataset['docId'] = String(it.doc.id);
    const doc = it.doc;
    // The bar: bytes while sending, then pages.
    if (it.phase === 'waiting') setProgress(r.bar, 0, 1);
    else if (it.phase === 'uploading') setProgress(r.bar, it.sent, Math.max(1, it.total));
    else if (doc && (it.phase === 'processing' || it.phase === 'done' || it.phase === 'failed')) {
      const p = docProgress(doc);
      setProgress(r.bar, p.value, p.max);
    } else setProgress(r.bar, 0, 1);
    r.bar.hidden = it.phase === 'error' || it.phase === 'cancelled';

    // What it says.
    const parts: (Node | string)[] = [];
    if (it.phase === 'waiting') parts.push(tx(T.waiting));
    else if (it.phase === 'uploading') parts.push(tx(T.uploading(it.sent, it.total)));
    else if (it.phase === 'cancelled') parts.push(tx(T.cancelled));
    else if (it.phase === 'error') parts.push(h('span', { class: 'doc-bad' }, tx(T.uploadFailed)));
    else if (doc) {
      parts.push(statusBadge(doc.status, `documents-upload-status-${it.key}`), ' ');
      if (it.phase === 'done') parts.push(tx(T.doneWith(doc.confidence)));
      else if (it.phase === 'failed') parts.push(doc.error ? doc.error : tx(statusMsg('failed')));
      else if (doc.status === 'queued' && !doc.pages_total) parts.push(tx(T.uploaded));
      else if (doc.pages_total > 0) parts.push(tx(T.pagesOf(pagesHandled(doc), doc.pages_total)));
      else parts.push(tx(T.pagesUnknown));
      if (doc.pages_failed) parts.push(' · ', h('span', { class: 'doc-bad' }, tx(T.pagesFailed(doc.pages_failed))));
    }
    replace(r.state, parts);

    // Buttons: cancel while waiting or sending; open once the server has it.
    const key = `${it.phase}:${doc?.id ?? ''}`;
    if (r.shown !== key) {
      const hadFocus = r.actions.contains(document.activeElement);
      if (it.phase === 'waiting' || it.phase === 'uploading') {
        const c = h('button', { type: 'button', class: 'secondary small-btn', 'data-testid': `documents-upload-cancel-${it.key}` }, tx(T.cancel));
        tattr(c, 'aria-label', T.cancelFile(it.file.name));
        c.addEventListener('click', () => queue.cancel(it.key));
        replace(r.actions, c);
      } else if (doc) {
        replace(r.actions, h('a', { href: documentsHash('viewer', { id: doc.id }), class: 'btn secondary small-btn', 'data-testid': `documents-upload-open-${it.key}` },
          tx(T.open), h('span', { class: 'visually-hidden' }, ` ${it.file.name}`)));
      } else replace(r.actions);
      if (hadFocus) (r.actions.querySelector<HTMLElement>('a, button') ?? queueHead).focus();
      replace(r.err, it.phase === 'error' ? problemView(it.error, `documents-upload-error-${it.key}`) : null);
      // Say it once when the phase changes (not at every byte or page).
      if (r.shown !== '' && it.phase !== 'uploading') {
        replace(announcer, `${it.file.name}: `, r.state.textContent ?? '');
      }
      r.shown = key;
    }
  };

  const renderQueue = (): void => {
    const items = queue.items;
    for (const k of [...rows.keys()]) if (!items.some((x) => x.key === k)) rows.delete(k);
    clear.hidden = !items.some((x) => x.phase !== 'waiting' && x.phase !== 'uploading' && x.phase !== 'processing');
    if (items.length === 0) {
      replace(queueList, h('li', { class: 'muted' }, emptyNote(T.queueEmpty, 'documents-queue-empty')));
      return;
    }
    replace(queueList, items.map((it) => {
      let r = rows.get(it.key);
      if (!r) {
        r = makeRow(it);
        rows.set(it.key, r);
      }
      paintRow(it, r);
      return r.li;
    }));
  };

  const off = queue.onChange((it) => {
    if (it === null) {
      renderQueue();
      return;
    }
    const r = rows.get(it.key);
    if (r) paintRow(it, r);
    else renderQueue();
    if (it.phase !== 'uploading') clear.hidden = !queue.items.some((x) => x.phase !== 'waiting' && x.phase !== 'uploading' && x.phase !== 'processing');
  });

  renderChosen();
  renderQueue();

  const el = h('div', { class: 'documents-upload', 'data-testid': 'documents-upload-view' },
    h('section', { class: 'card', 'aria-labelledby': 'du-form-title' },
      h('h2', { id: 'du-form-title' }, tx(T.uploadTitle)),
      h('p', { id: 'du-lead', class: 'small muted' }, tx(T.uploadLead)),
      form,
    ),
    h('section', { class: 'card', 'aria-labelledby': 'du-queue' },
      h('div', { class: 'section-head' }, queueHead, clear),
      queueList,
      announcer,
    ),
  );

  return {
    el,
    title: T.upload,
    destroy: () => {
      off();
    },
  };
}
