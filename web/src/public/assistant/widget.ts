// The citizen chat with the assistant: one chat per page, shown either in the floating panel the launcher opens
// (every citizen page) or as the full page "#/assistant"; the same element moves between the two, so what was
// typed and said stays. POST /api/v1/assistant/messages for each message; the conversation id is kept in
// sessionStorage so that a reload continues (the transcript is read back with GET …/messages?after=0); while an
// officer is waited for or answering, GET …/messages?after=N every 3 s. Server text only ever goes into text
// nodes (white-space: pre-wrap keeps its line breaks), never into innerHTML.

import { ApiError } from '../../shared/api.ts';
import { h, replace } from '../../shared/dom.ts';
import { chatIcon, phoneIcon } from '../../shared/icons.ts';
import { lang, langChosen, m, onLangChange, t, tattr, tx } from '../../shared/i18n.ts';
import { problemView, RETRY_IN } from '../../shared/problem.ts';
import type { View } from '../reports/view.ts';
import { messagesAfter, sendMessage, type AssistantReply } from './api.ts';
import {
  CONVERSATION_KEY,
  MAX_TEXT,
  POLL_MS,
  POLL_RETRY_MS,
  REPORT_STEPS,
  afterReply,
  chipTexts,
  counterState,
  enterSends,
  formatClock,
  isConversationId,
  lookupHash,
  mergeMessages,
  messageBody,
  polls,
  reportStep,
  telHref,
  validateText,
  type ChatMessage,
  type HandoffState,
  type SyncState,
} from './logic.ts';
import { A, authorMsg, handoffMsg, lineMsg, stageMsg, unconfirmedMsg } from './text.ts';

// ---- the conversation id in sessionStorage ----

function storedId(): string | null {
  try {
    const v = sessionStorage.getItem(CONVERSATION_KEY);
    return isConversationId(v) ? v : null;
  } catch {
    return null;
  }
}

function storeId(id: string | null): void {
  try {
    if (id) sessionStorage.setItem(CONVERSATION_KEY, id);
    else sessionStorage.removeItem(CONVERSATION_KEY);
  } catch {
    // Without storage the conversation lasts until the page reloads.
  }
}

const emptySync = (): SyncState => ({ cursor: 0, shown: new Set<number>(), pending: [] });

/** Did the server no longer know the conversation the page sent? */
function conversationGone(e: unknown): boolean {
  if (!(e instanceof ApiError)) return false;
  return e.status === 404 || e.status === 410 || (e.status === 400 && e.problem.field === 'conversation_id');
}

type Mode = 'panel' | 'page';

class Chat {
  readonly el: HTMLElement;
  private readonly scroll: HTMLElement;
  private readonly transcript: HTMLOListElement;
  private readonly intro: HTMLElement;
  private readonly input: HTMLTextAreaElement;
  private readonly sendBtn: HTMLButtonElement;
  private readonly restartBtn: HTMLButtonElement;
  private readonly closeBtn: HTMLButtonElement;
  private readonly fullLink: HTMLAnchorElement;
  private readonly counter: HTMLElement;
  private readonly inputError: HTMLElement;
  private readonly errors: HTMLElement;
  private readonly notice: HTMLElement;
  private readonly typing: HTMLElement;
  private readonly handoffBar: HTMLElement;
  private readonly pollNote: HTMLElement;

  private conversationId: string | null = storedId();
  private sync: SyncState = emptySync();
  private handoff: HandoffState = 'none';
  private sending = false;
  private generation = 0;
  private pollTimer = 0;
  private pollAbort: AbortController | null = null;
  private restoring: Promise<void> | null = null;
  private visible = false;
  private unread = 0;

  /** Set by the panel: close it (Escape, the close button) and tell the launcher about unread messages. */
  onClose: (() => void) | null = null;
  onUnread: ((n: number) => void) | null = null;

  constructor() {
    this.transcript = h('ol', { class: 'assistant-transcript', 'data-testid': 'assistant-transcript' });
    this.scroll = h('div', { class: 'assistant-log', role: 'log', 'aria-live': 'polite', 'aria-relevant': 'additions',
      tabindex: '0', 'data-testid': 'assistant-log' }, this.transcript);
    tattr(this.scroll, 'aria-label', A.transcript);

    this.intro = this.introView();
    this.typing = h('p', { class: 'assistant-typing', role: 'status', 'data-testid': 'assistant-typing', hidden: true },
      h('span', { class: 'dots', 'aria-hidden': 'true' }, h('span', {}), h('span', {}), h('span', {})), ' ', tx(A.typing));
    this.handoffBar = h('p', { class: 'assistant-handoff', role: 'status', 'data-testid': 'assistant-handoff', 'data-state': 'none', hidden: true });
    this.pollNote = h('p', { class: 'assistant-poll-note small', role: 'status', 'data-testid': 'assistant-poll-failed', hidden: true }, tx(A.pollFailed));
    this.errors = h('div', { class: 'assistant-errors', 'data-testid': 'assistant-errors' });
    this.notice = h('p', { class: 'assistant-notice small', role: 'status', 'data-testid': 'assistant-notice', hidden: true });

    // ---- composer ----
    this.input = h('textarea', {
      id: 'assistant-input', name: 'text', rows: 2, maxlength: MAX_TEXT, autocomplete: 'off',
      'aria-describedby': 'assistant-hint assistant-counter assistant-input-error', 'data-testid': 'assistant-input',
    });
    tattr(this.input, 'placeholder', A.placeholder);
    this.counter = h('span', { id: 'assistant-counter', class: 'assistant-counter small', 'data-testid': 'assistant-counter' });
    this.inputError = h('p', { id: 'assistant-input-error', class: 'field-error', 'data-testid': 'assistant-input-error', hidden: true });
    this.sendBtn = h('button', { type: 'submit', class: 'assistant-send', 'data-testid': 'assistant-send' }, tx(A.send));
    const form = h('form', { class: 'assistant-form', novalidate: true, 'data-testid': 'assistant-form' },
      h('label', { for: 'assistant-input', class: 'visually-hidden' }, tx(A.inputLabel)),
      this.input,
      this.inputError,
      h('div', { class: 'assistant-form-foot' },
        h('span', { id: 'assistant-hint', class: 'small muted' }, tx(A.hint)),
        this.counter,
        this.sendBtn,
      ),
    );
    form.addEventListener('submit', (ev) => {
      ev.preventDefault();
      void this.send(this.input.value);
    });
    this.input.addEventListener('keydown', (ev) => {
      if (!enterSends(ev)) return;
      ev.preventDefault();
      if (!this.sending) form.requestSubmit();
    });
    this.input.addEventListener('input', () => {
      this.paintCounter();
      this.fit();
      if (!this.inputError.hidden && validateText(this.input.value) !== 'too_long') this.clearInputError();
    });
    this.paintCounter();
    onLangChange(() => this.paintCounter());

    // ---- head ----
    this.restartBtn = h('button', { type: 'button', class: 'secondary small-btn', 'data-testid': 'assistant-restart' }, tx(A.restart));
    this.restartBtn.addEventListener('click', () => this.restart());
    this.fullLink = h('a', { href: '#/assistant', class: 'assistant-full small', 'data-testid': 'assistant-full-page' }, tx(A.fullPage));
    this.fullLink.addEventListener('click', () => this.onClose?.());
    this.closeBtn = h('button', { type: 'button', class: 'assistant-x', 'data-testid': 'assistant-close' }, h('span', { 'aria-hidden': 'true' }, '×'));
    tattr(this.closeBtn, 'aria-label', A.close);
    tattr(this.closeBtn, 'title', A.close);
    this.closeBtn.addEventListener('click', () => this.onClose?.());

    const head = h('div', { class: 'assistant-head' },
      h('div', { class: 'assistant-head-title' },
        chatIcon('assistant-head-icon'),
        h('div', {},
          h('h2', { id: 'assistant-title' }, tx(A.title)),
          h('p', { class: 'assistant-sub small' }, tx(A.subtitle)))),
      h('div', { class: 'assistant-head-actions' }, this.fullLink, this.restartBtn, this.closeBtn),
    );

    const emergency = h('p', { class: 'assistant-sos small', 'data-testid': 'assistant-sos' },
      tx(A.emergencyNote), ' ',
      ['113', '114', '115'].flatMap((n, i) => [i ? ' · ' : '', h('a', { href: `tel:${n}`, class: 'sos-link' }, h('strong', {}, n), ' ', tx(lineMsg(n)))]));

    this.el = h('section', { class: 'assistant-chat', 'aria-labelledby': 'assistant-title', 'data-testid': 'assistant-chat' },
      head,
      emergency,
      this.scroll,
      this.typing,
      this.handoffBar,
      this.pollNote,
      this.notice,
      this.errors,
      form,
    );
    this.paintIntro();
  }

  // ---- showing ----

  setMode(mode: Mode): void {
    this.el.dataset['mode'] = mode;
    this.closeBtn.hidden = mode !== 'panel';
    this.fullLink.hidden = mode !== 'panel';
  }

  setVisible(on: boolean): void {
    this.visible = on;
    if (on && this.unread) {
      this.unread = 0;
      this.onUnread?.(0);
    }
    if (on) {
      this.fit();
      this.toBottom();
    }
  }

  focusInput(): void {
    this.input.focus();
  }

  // ---- the transcript ----

  private introView(): HTMLElement {
    const qs = A.starterQuestions.vi.map((vi, i) => m(vi, A.starterQuestions.en[i] ?? vi));
    return h('div', { class: 'assistant-intro', 'data-testid': 'assistant-intro' },
      h('p', {}, tx(A.hello)),
      h('p', { class: 'small muted' }, tx(A.privacy)),
      h('p', { class: 'small assistant-chips-label' }, tx(A.starters)),
      h('ul', { class: 'assistant-chips' }, qs.map((q) => {
        const b = h('button', { type: 'button', class: 'assistant-chip', 'data-testid': 'assistant-starter' }, tx(q));
        b.addEventListener('click', () => void this.send(t(q)));
        return h('li', {}, b);
      })),
    );
  }

  private paintIntro(): void {
    const empty = this.transcript.childElementCount === 0;
    if (empty && !this.intro.isConnected) this.scroll.prepend(this.intro);
    if (!empty && this.intro.isConnected) this.intro.remove();
  }

  private bubble(author: string, kind: string, at: string | undefined, seq: number | null, ...body: (Node | null)[]): HTMLLIElement {
    const clock = formatClock(at ?? new Date().toISOString());
    const li = h('li', {
      class: `msg msg-${author === 'citizen' || author === 'officer' ? author : 'assistant'}${kind === 'emergency' ? ' msg-emergency' : ''}`,
      'data-testid': 'assistant-msg',
      'data-author': author,
      'data-kind': kind || undefined,
      'data-seq': seq ?? undefined,
    },
      h('div', { class: 'msg-head' },
        h('span', { class: 'msg-author' }, tx(authorMsg(author))),
        clock ? h('time', { class: 'msg-time', datetime: at ?? undefined }, clock) : null),
      body,
    );
    return li;
  }

  private text(s: string): HTMLElement {
    return h('p', { class: 'msg-text', 'data-testid': 'assistant-msg-text' }, s);
  }

  private add(li: HTMLLIElement, reveal = false): void {
    this.transcript.append(li);
    this.paintIntro();
    if (reveal) this.reveal(li);
    else this.toBottom();
  }

  private toBottom(): void {
    this.scroll.scrollTop = this.scroll.scrollHeight;
  }

  /** A long reply is shown from its start; a short one by scrolling to the end. */
  private reveal(li: HTMLElement): void {
    if (li.offsetHeight > this.scroll.clientHeight - 16) this.scroll.scrollTop = Math.max(0, li.offsetTop - 8);
    else this.toBottom();
  }

  /** A message read back from the server (a reload, a poll): its text and who wrote it. */
  private plain(msg: ChatMessage): HTMLLIElement | null {
    if (!msg.text) return null;
    return this.bubble(msg.author, msg.kind ?? '', msg.at, msg.seq, this.text(msg.text));
  }

  private dropChips(): void {
    for (const c of this.transcript.querySelectorAll('.assistant-suggestions')) c.remove();
  }

  private countUnread(n: number): void {
    if (this.visible || n <= 0) return;
    this.unread += n;
    this.onUnread?.(this.unread);
  }

  // ---- a reply ----

  private replyView(r: AssistantReply): HTMLLIElement | null {
    const parts: (Node | null)[] = [];
    // The procedure's name above the answer, unless the reply starts with it already.
    if (r.procedure?.title && r.kind === 'answer' && !r.reply.trimStart().startsWith(r.procedure.title)) {
      parts.push(h('p', { class: 'msg-procedure', 'data-testid': 'assistant-procedure', 'data-procedure': r.procedure.id }, r.procedure.title));
    }
    if (r.reply) parts.push(this.text(r.reply));
    if (r.emergency) parts.push(this.emergencyView(r));
    if (r.report) parts.push(this.reportView(r));
    if (r.unconfirmed.length) {
      parts.push(h('p', { class: 'msg-unconfirmed', 'data-testid': 'assistant-unconfirmed', 'data-facets': r.unconfirmed.join(' ') },
        tx(unconfirmedMsg(r.unconfirmed))));
    }
    if (r.citations.length) {
      parts.push(h('div', { class: 'msg-citations', 'data-testid': 'assistant-citations' },
        h('p', { class: 'msg-citations-title' }, tx(A.legalBasis)),
        h('ul', {}, r.citations.map((c) => h('li', { 'data-testid': 'assistant-citation', 'data-unconfirmed': String(c.unconfirmed) },
          h('span', { class: 'cite-title' }, c.title),
          c.reference ? [c.title ? ', ' : '', h('span', { class: 'cite-ref' }, c.reference)] : null,
          c.unconfirmed ? [' ', h('span', { class: 'unconfirmed', 'data-testid': 'assistant-citation-unverified' }, tx(A.unverified))] : null,
        ))),
      ));
    }
    if (r.checked) parts.push(h('p', { class: 'msg-checked small muted', 'data-testid': 'assistant-checked', 'data-checked': r.checked }, tx(A.checked(r.checked))));
    const chips = chipTexts(r.suggestions, r.emergency?.line ?? null);
    if (chips.length) {
      parts.push(h('div', { class: 'assistant-suggestions', 'data-testid': 'assistant-suggestions' },
        h('p', { class: 'small assistant-chips-label' }, tx(r.kind === 'clarify' ? A.clarify : A.suggestions)),
        h('ul', { class: 'assistant-chips' }, chips.map((s) => {
          const b = h('button', { type: 'button', class: 'assistant-chip', 'data-testid': 'assistant-suggestion' }, s);
          b.addEventListener('click', () => void this.send(s));
          return h('li', {}, b);
        }))));
    }
    if (parts.length === 0) return null;
    return this.bubble('assistant', r.kind, undefined, r.seq || null, ...parts);
  }

  private emergencyView(r: AssistantReply): HTMLElement {
    const e = r.emergency!;
    const href = telHref(e.line) ?? 'tel:113';
    return h('div', { class: 'msg-emergency-box', role: 'alert', 'data-testid': 'assistant-emergency', 'data-line': e.line },
      h('a', { href, class: 'call-btn', 'data-testid': `assistant-call-${e.line}` },
        phoneIcon('call-icon'),
        h('span', { class: 'call-number' }, tx(A.call(e.line))),
        h('span', { class: 'call-service' }, tx(lineMsg(e.line)))),
      e.incident_raised ? h('p', { class: 'small', 'data-testid': 'assistant-incident-raised' }, tx(A.incidentRaised)) : null,
    );
  }

  private reportView(r: AssistantReply): HTMLElement {
    const rep = r.report!;
    const stage = rep.stage;
    const box = h('div', { class: 'msg-report', 'data-testid': 'assistant-report', 'data-stage': stage });
    if (stage === 'filed' && rep.tracking_code) {
      const code = rep.tracking_code;
      const link = h('a', { href: lookupHash(code), class: 'btn', 'data-testid': 'assistant-report-lookup' }, tx(A.lookupLink));
      link.addEventListener('click', () => this.onClose?.());
      replace(box,
        h('p', { class: 'report-filed-title' }, tx(A.reportFiled)),
        rep.category?.name ? h('p', { class: 'small' }, tx(A.reportCategory), ': ', rep.category.name) : null,
        h('p', { class: 'code-label' }, tx(A.trackingCode)),
        h('p', { class: 'tracking-code', 'data-testid': 'assistant-report-code' }, code),
        rep.secret ? [
          h('p', { class: 'code-label' }, tx(A.secret)),
          h('p', { class: 'tracking-code secret-code', 'data-testid': 'assistant-report-secret' }, rep.secret),
        ] : null,
        h('p', { class: 'small' }, tx(rep.secret ? A.keepBoth : A.keepCode)),
        h('p', {}, link),
      );
      return box;
    }
    if (stage === 'cancelled') {
      replace(box, h('p', { class: 'small muted' }, tx(A.reportCancelled)));
      return box;
    }
    const n = reportStep(stage);
    replace(box,
      h('p', { class: 'report-progress-title' }, tx(A.reportTitle),
        n ? [' — ', h('span', { 'data-testid': 'assistant-report-step' }, tx(A.reportStep(n, REPORT_STEPS.length)))] : null),
      h('ol', { class: 'report-steps' }, REPORT_STEPS.map((s, i) => h('li', {
        class: i + 1 < n ? 'done' : i + 1 === n ? 'current' : '',
        'aria-current': i + 1 === n ? 'step' : undefined,
      }, tx(stageMsg(s))))),
      rep.category?.name ? h('p', { class: 'small' }, tx(A.reportCategory), ': ', h('strong', {}, rep.category.name)) : null,
    );
    return box;
  }

  // ---- the officer ----

  private setHandoff(state: HandoffState): void {
    const before = this.handoff;
    this.handoff = state;
    const msg = handoffMsg(state);
    this.handoffBar.dataset['state'] = state;
    this.handoffBar.hidden = msg === null || (state === 'closed' && before === 'none');
    if (msg) replace(this.handoffBar, tx(msg));
    if (polls(state)) this.startPolling();
    else this.stopPolling();
  }

  private startPolling(delay = POLL_MS): void {
    if (this.pollTimer || !this.conversationId) return;
    const gen = this.generation;
    this.pollTimer = window.setTimeout(() => {
      this.pollTimer = 0;
      void this.pollOnce(gen);
    }, delay);
  }

  private stopPolling(): void {
    window.clearTimeout(this.pollTimer);
    this.pollTimer = 0;
    this.pollAbort?.abort();
    this.pollAbort = null;
  }

  private async pollOnce(gen: number): Promise<void> {
    const id = this.conversationId;
    if (gen !== this.generation || !id || !polls(this.handoff)) return;
    if (this.sending) {
      // The reply to the message being sent says what follows; ask again after it.
      this.startPolling();
      return;
    }
    const abort = new AbortController();
    this.pollAbort = abort;
    let next = POLL_MS;
    try {
      const page = await messagesAfter(id, this.sync.cursor, abort.signal);
      if (gen !== this.generation || abort.signal.aborted) return;
      this.pollNote.hidden = true;
      this.showPolled(page.messages);
      this.setHandoff(page.handoff_state);
      return;
    } catch (e) {
      if (gen !== this.generation || abort.signal.aborted) return;
      if (e instanceof ApiError && (e.status === 404 || e.status === 410)) {
        this.forget();
        this.setHandoff('none');
        return;
      }
      if (e instanceof ApiError && e.status === 429) next = Math.max(POLL_MS, (e.retryAfter ?? 10) * 1000);
      else {
        next = POLL_RETRY_MS;
        this.pollNote.hidden = false;
      }
    } finally {
      if (this.pollAbort === abort) this.pollAbort = null;
    }
    this.startPolling(next);
  }

  private showPolled(messages: ChatMessage[]): void {
    const { append, state } = mergeMessages(messages, this.sync);
    this.sync = state;
    let news = 0;
    for (const msg of append) {
      const li = this.plain(msg);
      if (!li) continue;
      this.add(li);
      if (msg.author !== 'citizen') news++;
    }
    this.countUnread(news);
  }

  // ---- a reload continues the conversation ----

  restore(): Promise<void> {
    if (this.restoring) return this.restoring;
    const id = this.conversationId;
    if (!id) return (this.restoring = Promise.resolve());
    const gen = this.generation;
    this.scroll.setAttribute('aria-busy', 'true');
    replace(this.notice, tx(A.restoring));
    this.notice.hidden = false;
    this.restoring = (async () => {
      try {
        const page = await messagesAfter(id, 0);
        if (gen !== this.generation) return;
        const { append, state } = mergeMessages(page.messages, emptySync());
        this.sync = state;
        for (const msg of append) {
          const li = this.plain(msg);
          if (li) this.transcript.append(li);
        }
        this.paintIntro();
        this.toBottom();
        this.setHandoff(page.handoff_state);
      } catch (e) {
        if (gen === this.generation && conversationGone(e)) this.forget();
        // Otherwise the id stays: the next message continues the conversation all the same.
      } finally {
        this.scroll.removeAttribute('aria-busy');
        if (gen === this.generation) this.notice.hidden = true;
      }
    })();
    return this.restoring;
  }

  private forget(): void {
    this.conversationId = null;
    storeId(null);
  }

  restart(): void {
    if (this.sending) return;
    this.generation++;
    this.stopPolling();
    this.forget();
    this.sync = emptySync();
    this.restoring = Promise.resolve();
    replace(this.transcript);
    replace(this.errors);
    this.setHandoff('none');
    this.pollNote.hidden = true;
    this.clearInputError();
    this.paintIntro();
    replace(this.notice, tx(A.restarted));
    this.notice.hidden = false;
    this.input.focus();
  }

  // ---- sending ----

  private paintCounter(): void {
    const c = counterState(this.input.value);
    this.counter.dataset['count'] = String(c.count);
    this.counter.classList.toggle('near', c.near);
    this.counter.classList.toggle('over', c.over);
    this.counter.textContent = t(A.counter(c.count));
  }

  /** The box grows with what is typed, up to its CSS max-height (CSSOM: allowed by the page policy). */
  private fit(): void {
    this.input.style.height = 'auto';
    if (this.input.scrollHeight > 0) this.input.style.height = `${this.input.scrollHeight + 2}px`;
  }

  private clearInputError(): void {
    this.inputError.hidden = true;
    this.input.removeAttribute('aria-invalid');
  }

  private setBusy(on: boolean): void {
    this.sending = on;
    this.input.readOnly = on;
    this.input.setAttribute('aria-busy', String(on));
    this.sendBtn.disabled = on;
    this.restartBtn.disabled = on;
    replace(this.sendBtn, tx(on ? A.sending : A.send));
    for (const b of this.el.querySelectorAll<HTMLButtonElement>('.assistant-chip')) b.disabled = on;
    this.typing.hidden = !on;
    this.el.dataset['busy'] = String(on);
  }

  async send(raw: string): Promise<void> {
    if (this.sending) return;
    const problem = validateText(raw);
    if (problem) {
      replace(this.inputError, tx(problem === 'empty' ? A.empty : A.tooLong));
      this.inputError.hidden = false;
      this.input.setAttribute('aria-invalid', 'true');
      this.input.focus();
      return;
    }
    const text = raw.trim();
    const gen = this.generation;
    this.clearInputError();
    replace(this.errors);
    this.notice.hidden = true;
    this.input.focus();
    this.setBusy(true);
    await this.restore();
    if (gen !== this.generation) {
      this.setBusy(false);
      return;
    }
    this.stopPollRequest();
    this.dropChips();

    const mine = this.bubble('citizen', '', undefined, null, this.text(text));
    this.add(mine);
    this.sync = { ...this.sync, pending: [...this.sync.pending, text] };
    const typed = this.input.value;
    if (typed.trim() === text) this.input.value = '';
    this.paintCounter();
    this.fit();

    const chosen = langChosen() ? lang() : null;
    let expired = false;
    try {
      let r: AssistantReply;
      try {
        r = await sendMessage(messageBody(text, this.conversationId, chosen));
      } catch (e) {
        if (!this.conversationId || !conversationGone(e)) throw e;
        // The server no longer knows the conversation (expired): start a new one with the same message.
        this.forget();
        expired = true;
        r = await sendMessage(messageBody(text, null, chosen));
      }
      if (gen !== this.generation) return;
      const wasPolling = polls(this.handoff) && !expired;
      if (r.conversation_id && isConversationId(r.conversation_id)) {
        if (r.conversation_id !== this.conversationId) {
          this.conversationId = r.conversation_id;
          storeId(r.conversation_id);
        }
      }
      this.sync = afterReply(this.sync, r, text, wasPolling);
      if (r.seq > 1 && !(r.kind === 'relayed' && r.reply === '')) mine.dataset['seq'] = String(r.seq - 1);
      if (expired) {
        replace(this.notice, tx(A.expired));
        this.notice.hidden = false;
      }
      const reply = this.replyView(r);
      if (reply) this.add(reply, true);
      else if (r.kind === 'relayed') {
        mine.append(h('p', { class: 'msg-relayed small', 'data-testid': 'assistant-relayed' }, tx(A.relayed)));
      }
      this.setHandoff(r.handoff_state);
      if (reply) this.countUnread(1);
    } catch (e) {
      if (gen !== this.generation) return;
      // Not sent: the bubble goes, the text comes back into the box.
      mine.remove();
      const i = this.sync.pending.lastIndexOf(text);
      if (i >= 0) this.sync = { ...this.sync, pending: this.sync.pending.filter((_, j) => j !== i) };
      this.paintIntro();
      if (this.input.value.trim() === '') this.input.value = text;
      this.paintCounter();
      this.fit();
      replace(this.errors, this.errorView(e));
      if (e instanceof ApiError && e.problem.field === 'text') this.input.setAttribute('aria-invalid', 'true');
      if (polls(this.handoff)) this.startPolling();
    } finally {
      if (gen === this.generation) {
        this.setBusy(false);
        if (this.el.isConnected && this.visible) this.input.focus();
      }
    }
  }

  /** A poll already under way is dropped (the reply to the message tells what follows; polling goes on after). */
  private stopPollRequest(): void {
    if (this.pollAbort) {
      this.pollAbort.abort();
      this.pollAbort = null;
      if (polls(this.handoff)) this.startPolling();
    }
  }

  private errorView(e: unknown): HTMLElement {
    if (e instanceof ApiError && e.status === 429) {
      const wait = e.retryAfter ?? 30;
      return h('div', { class: 'problem', role: 'alert', 'data-testid': 'assistant-too-many', 'data-retry-after': wait },
        h('p', { class: 'problem-title' }, tx(A.tooMany)),
        h('p', {}, tx(RETRY_IN(wait))));
    }
    return problemView(e, 'assistant-error');
  }

  /** Escape inside the chat closes the panel (the page view has nothing to close). */
  handleEscape(ev: KeyboardEvent): void {
    if (ev.key === 'Escape' && this.el.dataset['mode'] === 'panel') {
      ev.preventDefault();
      this.onClose?.();
    }
  }
}

// ---- one chat per page, in the panel or the page ----

let chat: Chat | null = null;
let panel: HTMLElement | null = null;
let panelOpen = false;
let pageMode = false;

export interface LauncherHooks {
  button: HTMLButtonElement;
  setUnread(n: number): void;
}
let launcher: LauncherHooks | null = null;

function theChat(): Chat {
  if (!chat) {
    const c = new Chat();
    chat = c;
    c.onUnread = (n) => launcher?.setUnread(n);
    c.onClose = () => closePanel(true);
    c.el.addEventListener('keydown', (ev) => c.handleEscape(ev));
  }
  return chat;
}

function thePanel(): HTMLElement {
  if (!panel) {
    const c = theChat();
    panel = h('div', { id: 'assistant-panel', class: 'assistant-panel', role: 'dialog', 'aria-modal': 'false',
      'aria-labelledby': 'assistant-title', 'data-testid': 'assistant-panel', hidden: true });
    c.setMode('panel');
    panel.append(c.el);
    document.body.append(panel);
  }
  return panel;
}

/** The launcher gives its button (focus comes back to it) and its unread badge. */
export function attachLauncher(hooks: LauncherHooks): void {
  launcher = hooks;
  hooks.button.setAttribute('aria-controls', 'assistant-panel');
}

export function openPanel(): void {
  if (pageMode) return;
  const p = thePanel();
  const c = theChat();
  p.hidden = false;
  panelOpen = true;
  document.body.classList.add('assistant-open');
  launcher?.button.setAttribute('aria-expanded', 'true');
  c.setVisible(true);
  c.focusInput();
  void c.restore();
}

export function closePanel(returnFocus: boolean): void {
  if (!panel || !panelOpen) return;
  panel.hidden = true;
  panelOpen = false;
  document.body.classList.remove('assistant-open');
  launcher?.button.setAttribute('aria-expanded', 'false');
  theChat().setVisible(false);
  if (returnFocus) launcher?.button.focus();
}

export function togglePanel(): void {
  if (panelOpen) closePanel(true);
  else openPanel();
}

/** A reload with a conversation under way: read it back (and poll if an officer is involved), panel closed. */
export function resume(): void {
  thePanel();
  void theChat().restore();
}

/** "#/assistant": the same chat as a full page. */
export function assistantView(): View {
  closePanel(false);
  const c = theChat();
  const holder = h('section', { class: 'card assistant-page', 'data-testid': 'assistant-page' });
  c.setMode('page');
  holder.append(c.el);
  pageMode = true;
  c.setVisible(true);
  void c.restore();
  return {
    el: holder,
    title: A.pageTitle,
    attached: () => c.focusInput(),
    destroy: () => {
      pageMode = false;
      c.setVisible(false);
      c.setMode('panel');
      thePanel().append(c.el);
    },
  };
}
