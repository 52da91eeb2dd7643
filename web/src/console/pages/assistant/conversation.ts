// One conversation handed over by the assistant (an audited read: a purpose is asked for if the server wants one):
// the whole transcript — citizen, assistant and officer messages with their times —, "Nhận xử lý / Claim" while it
// waits, "Kết thúc / Close" while it waits or is active, and the reply box once this officer has it (Ctrl+Enter
// sends). Live events of the topic "assistant" for this conversation load it again: new citizen messages appear
// without a reload.

import { ApiError } from '../../../shared/api.ts';
import { h, replace } from '../../../shared/dom.ts';
import { t, tattr, tx } from '../../../shared/i18n.ts';
import { timeMsg } from '../../../shared/format.ts';
import { problemView } from '../../../shared/problem.ts';
import { coalescedLoader, loadingView, loadWithPurpose, type Ctx } from '../../page.ts';
import { assistantApi, type Conversation, type Message } from './api.ts';
import { assistantHash, conversationActions, parseAssistantEvent, validateReply, MAX_REPLY } from './logic.ts';
import { T, authorMsg, kindMsg, langMsg } from './text.ts';
import { emptyNote, stateBadge, type View } from './widgets.ts';

export function conversationView(ctx: Ctx, id: string): View {
  const client = assistantApi(ctx.api);
  const me = ctx.user;
  const purposeKey = `assistant.conversation.${id}`;
  const short = id.length > 12 ? `${id.slice(0, 8)}…` : id;
  let alive = true;
  let conv: Conversation | null = null;
  let claimedHere = false;
  let built = false;
  const rendered = new Set<number>();

  const title = h('h2', { 'data-testid': 'assistant-conversation-title', title: id }, tx(T.conversation(short)));
  const badge = h('span', { class: 'assistant-badges' });
  const slot = h('div', { class: 'assistant-slot' }, loadingView());
  const liveNote = h('div', { 'aria-live': 'polite' });

  // ---- parts drawn on every load ----
  const facts = h('div', {});
  const transcript = h('ol', { class: 'ac-transcript', 'data-testid': 'assistant-transcript' });
  const log = h('div', { class: 'ac-log', role: 'log', 'aria-live': 'polite', 'aria-relevant': 'additions', tabindex: '0' }, transcript);
  tattr(log, 'aria-label', T.transcript);
  const actions = h('div', { class: 'ac-actions', 'data-testid': 'assistant-actions' });
  const actionsOut = h('div', { 'aria-live': 'polite' });
  const replyNote = h('p', { class: 'small muted', 'data-testid': 'assistant-reply-note' });

  // ---- the reply box (kept across loads: what is typed stays) ----
  const replyText = h('textarea', { id: 'ac-reply', rows: 4, maxlength: MAX_REPLY, 'aria-describedby': 'ac-reply-hint ac-reply-count',
    'data-testid': 'assistant-reply-text' });
  const replyCount = h('span', { id: 'ac-reply-count', class: 'small muted counter', 'data-testid': 'assistant-reply-count' });
  const replyBtn = h('button', { type: 'submit', 'data-testid': 'assistant-reply-submit' }, tx(T.sendReply));
  const replyOut = h('div', { 'aria-live': 'polite' });
  const paintCount = (): void => {
    const n = Array.from(replyText.value).length;
    replyCount.textContent = t(T.counter(n));
    replyCount.classList.toggle('over', n > MAX_REPLY);
  };
  paintCount();
  replyText.addEventListener('input', () => {
    paintCount();
    replyText.removeAttribute('aria-invalid');
  });
  const replyForm = h('form', { class: 'text-form ac-reply-form', novalidate: true, 'data-testid': 'assistant-reply-form', hidden: true },
    h('div', { class: 'field' },
      h('label', { for: 'ac-reply' }, tx(T.reply)),
      replyText,
      h('div', { class: 'ac-reply-foot' }, h('span', { id: 'ac-reply-hint', class: 'small muted' }, tx(T.replyHint)), replyCount)),
    replyOut,
    h('div', { class: 'form-actions' }, replyBtn),
  );
  replyForm.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    replace(replyOut);
    const problem = validateReply(replyText.value);
    if (problem) {
      replyText.setAttribute('aria-invalid', 'true');
      replace(replyOut, h('p', { class: 'field-error', 'data-testid': 'assistant-reply-invalid' }, tx(problem === 'empty' ? T.needText : T.tooLong)));
      replyText.focus();
      return;
    }
    replyBtn.disabled = true;
    try {
      await client.reply(id, replyText.value.trim());
      if (!alive) return;
      replyText.value = '';
      paintCount();
      replace(replyOut, h('p', { class: 'notice ok', role: 'status', 'data-testid': 'assistant-reply-ok' }, tx(T.replySent)));
      replyText.focus();
      void load();
    } catch (e) {
      if (!alive) return;
      replace(replyOut, problemView(e, 'assistant-reply-error'));
      if (e instanceof ApiError && e.problem.field === 'text') replyText.setAttribute('aria-invalid', 'true');
    } finally {
      replyBtn.disabled = false;
    }
  });
  replyText.addEventListener('keydown', (ev) => {
    if (ev.key === 'Enter' && (ev.ctrlKey || ev.metaKey)) {
      ev.preventDefault();
      if (!replyBtn.disabled) replyForm.requestSubmit();
    }
  });

  // ---- loading ----
  const load = coalescedLoader(async () => {
    try {
      const c = await loadWithPurpose(slot, purposeKey, (purpose) => client.conversation(id, purpose));
      if (!alive) return;
      conv = c;
      render();
    } catch (e) {
      if (alive && !conv) replace(slot, problemView(e, 'assistant-conversation-error'));
      else if (alive) replace(liveNote, problemView(e, 'assistant-conversation-error'));
    }
  }, () => alive);

  // Live: events of this conversation load it again (a burst once); only once it is shown.
  let reloadTimer = 0;
  const offLive = ctx.live.onEvent((item) => {
    const ev = parseAssistantEvent(item.topic, item.data);
    if (!ev || ev.conversation_id !== id || !conv) return;
    window.clearTimeout(reloadTimer);
    reloadTimer = window.setTimeout(() => void load(), 250);
  });

  // ---- rendering ----
  const render = (): void => {
    const c = conv;
    if (!c) return;
    if (!built) build();
    if (c.handoff_state !== 'active') claimedHere = false;
    replace(badge, stateBadge(c.handoff_state, 'assistant-conversation-state'));
    slot.dataset['state'] = c.handoff_state;
    el.dataset['state'] = c.handoff_state;
    replace(facts, h('dl', { class: 'facts', 'data-testid': 'assistant-facts' },
      h('dt', {}, tx(T.state)), h('dd', {}, stateBadge(c.handoff_state)),
      h('dt', {}, tx(T.officer)), h('dd', { 'data-testid': 'assistant-officer' }, c.officer || '—'),
      h('dt', {}, tx(T.language)), h('dd', {}, tx(langMsg(c.lang))),
      c.started_at ? [h('dt', {}, tx(T.startedAt)), h('dd', {}, h('time', { datetime: c.started_at }, tx(timeMsg(c.started_at))))] : null,
    ));
    renderMessages(c.messages);
    renderActions(c);
  };

  const renderMessages = (messages: Message[]): void => {
    const fresh = messages.filter((x) => !rendered.has(x.seq));
    if (messages.length === 0) {
      replace(transcript, h('li', { class: 'muted' }, emptyNote(T.noMessages)));
      return;
    }
    const firstTime = rendered.size === 0;
    // The transcript read at first is not announced message by message; what arrives later is.
    if (firstTime) {
      log.setAttribute('aria-busy', 'true');
      replace(transcript);
    }
    const stick = firstTime || log.scrollHeight - log.scrollTop - log.clientHeight < 40;
    for (const x of fresh) {
      rendered.add(x.seq);
      transcript.append(bubble(x));
    }
    if (fresh.length && stick) log.scrollTop = log.scrollHeight;
    if (firstTime) log.removeAttribute('aria-busy');
  };

  const renderActions = (c: Conversation): void => {
    const can = conversationActions(c.handoff_state, c.officer, me, claimedHere);
    const buttons: HTMLElement[] = [];
    if (can.claim) {
      const b = h('button', { type: 'button', 'data-testid': 'assistant-claim' }, tx(T.claim));
      b.addEventListener('click', () => void claim(b));
      buttons.push(b);
    }
    if (can.close) {
      const b = h('button', { type: 'button', class: 'secondary danger', 'data-testid': 'assistant-close' }, tx(T.close));
      b.addEventListener('click', () => askClose(b));
      buttons.push(b);
    }
    // Redrawn only when the buttons change: a focused button keeps its focus.
    const key = `${can.claim}|${can.close}`;
    if (actions.dataset['key'] !== key) {
      actions.dataset['key'] = key;
      replace(actions, buttons);
    }
    const wasHidden = replyForm.hidden;
    replyForm.hidden = !can.reply;
    if (can.reply) replace(replyNote);
    else if (c.handoff_state === 'waiting') replace(replyNote, tx(T.claimToReply));
    else if (c.handoff_state === 'active' && c.officer) replace(replyNote, tx(T.otherOfficer(c.officer)));
    else replace(replyNote, tx(T.closedNote));
    if (wasHidden && can.reply && claimedHere) replyText.focus();
  };

  const claim = async (b: HTMLButtonElement): Promise<void> => {
    b.disabled = true;
    replace(actionsOut);
    try {
      await client.claim(id);
      if (!alive) return;
      claimedHere = true;
      if (conv) conv = { ...conv, handoff_state: 'active', officer: conv.officer || me.username };
      replace(actionsOut, h('p', { class: 'notice ok', role: 'status', 'data-testid': 'assistant-claim-ok' }, tx(T.claimed)));
      render();
      await load();
    } catch (e) {
      if (!alive) return;
      replace(actionsOut, problemView(e, 'assistant-claim-error'));
      b.disabled = false;
      void load();
    }
  };

  const askClose = (b: HTMLButtonElement): void => {
    const yes = h('button', { type: 'button', class: 'danger', 'data-testid': 'assistant-close-confirm' }, tx(T.confirm));
    const no = h('button', { type: 'button', class: 'secondary', 'data-testid': 'assistant-close-cancel' }, tx(T.cancel));
    const box = h('div', { class: 'ac-confirm', 'data-testid': 'assistant-close-box' }, h('p', { class: 'small' }, tx(T.closeConfirm)), yes, no);
    no.addEventListener('click', () => {
      replace(actionsOut);
      b.focus();
    });
    yes.addEventListener('click', async () => {
      yes.disabled = true;
      no.disabled = true;
      try {
        await client.close(id);
        if (!alive) return;
        claimedHere = false;
        replace(actionsOut, h('p', { class: 'notice ok', role: 'status', 'data-testid': 'assistant-close-ok' }, tx(T.closedOk)));
        await load();
      } catch (e) {
        if (!alive) return;
        replace(actionsOut, problemView(e, 'assistant-close-error'));
      }
    });
    replace(actionsOut, box);
    yes.focus();
  };

  const build = (): void => {
    built = true;
    replace(slot, h('div', { class: 'ac-grid' },
      h('section', { class: 'card ac-main', 'aria-labelledby': 'ac-transcript-title' },
        h('h2', { id: 'ac-transcript-title' }, tx(T.transcript)),
        log,
        replyNote,
        replyForm,
      ),
      h('div', { class: 'ac-side' },
        h('section', { class: 'card', 'aria-labelledby': 'ac-actions-title' },
          h('h2', { id: 'ac-actions-title' }, tx(T.state)),
          facts,
          actions,
          actionsOut,
        ),
      ),
    ));
  };

  void load();

  const el = h('div', { class: 'assistant-conversation', 'data-testid': 'assistant-conversation', 'data-conversation-id': id },
    h('p', { class: 'back' }, h('a', { href: assistantHash('queue'), 'data-testid': 'assistant-back' }, tx(T.back))),
    h('div', { class: 'ac-headline' }, title, badge),
    liveNote,
    slot,
  );

  return {
    el,
    title: T.conversation(short),
    destroy: () => {
      alive = false;
      window.clearTimeout(reloadTimer);
      offLive();
    },
  };
}

function bubble(x: Message): HTMLElement {
  const author = x.author === 'citizen' || x.author === 'officer' ? x.author : 'assistant';
  const kind = x.author === 'assistant' ? kindMsg(x.kind) : null;
  return h('li', { class: `ac-msg ac-${author}${x.kind === 'emergency' ? ' ac-emergency' : ''}`, 'data-testid': `assistant-msg-${x.seq}`,
    'data-author': x.author, 'data-seq': x.seq, 'data-kind': x.kind || undefined },
    h('div', { class: 'ac-msg-head' },
      h('strong', {}, tx(authorMsg(x.author))),
      kind ? h('span', { class: 'ac-kind' }, tx(kind)) : null,
      x.at ? h('time', { datetime: x.at, class: 'small muted' }, tx(timeMsg(x.at))) : null),
    x.text ? h('p', { class: 'ac-text' }, x.text) : h('p', { class: 'ac-text muted' }, '—'),
  );
}
