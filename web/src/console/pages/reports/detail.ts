// A report in detail (personal data: the officer states a purpose, which is audited): description, the point on a
// map, the photos (fetched with the purpose and shown as data: URLs — the page policy refuses blob: images),
// the citizen's contact, the history; status buttons for the moves the workflow allows, a reply to the citizen,
// an internal note, assignment to a station or officer, marking as a duplicate of a suggested report. Kept
// current from the live topic "reports": an update of this report reloads it (with the purpose already given).

import { ApiError } from '../../../shared/api.ts';
import { h, replace } from '../../../shared/dom.ts';
import { tattr, tx, type Msg } from '../../../shared/i18n.ts';
import { timeMsg } from '../../../shared/format.ts';
import { problemView } from '../../../shared/problem.ts';
import { coalescedLoader, loadingView, loadWithPurpose, type Ctx } from '../../page.ts';
import { reportsApi, type Category, type HistoryEntry, type Report, type Station } from './api.ts';
import { dueIn, dueState, isOpenStatus, nextStatuses, parseReportsEvent, reportsHash, type StatusMove } from './logic.ts';
import { PointMap } from './pointmap.ts';
import {
  T,
  actionMsg,
  categoryMsg,
  channelMsg,
  distanceMsg,
  hoursMsg,
  kindMsg,
  pair,
  statusMsg,
  unitMsg,
} from './text.ts';
import { deadlineMsg, dueBadge, emptyNote, statusBadge, type View } from './widgets.ts';

export function detailView(ctx: Ctx, id: number): View {
  const client = reportsApi(ctx.api);
  const purposeKey = `reports.report.${id}`;
  let alive = true;
  let attached = false;
  let report: Report | null = null;
  let cats: Category[] = [];
  let units: Station[] = [];
  let map: PointMap | null = null;
  let built = false;

  const title = h('h2', { 'data-testid': 'report-title' }, tx(T.reportId(id)));
  const badges = h('span', { class: 'report-badges' });
  const slot = h('div', { class: 'report-slot' }, loadingView());
  const liveNote = h('div', { 'aria-live': 'polite' });

  // ---- parts re-drawn on every load ----
  const facts = h('div', {});
  const mapSlot = h('div', {});
  const photosBody = h('div', { 'data-testid': 'report-photos' });
  const contactBody = h('div', {});
  const moves = h('div', { class: 'report-moves', 'data-testid': 'report-actions' });
  const moveForm = h('div', {});
  const movesOut = h('div', { 'aria-live': 'polite' });
  const suggestionsBody = h('div', { 'data-testid': 'report-suggestions' });
  const suggestionsOut = h('div', { 'aria-live': 'polite' });
  const historyList = h('ol', { class: 'report-history', 'data-testid': 'report-history' });

  // ---- loading ----
  const load = coalescedLoader(async () => {
    try {
      const r = await loadWithPurpose(slot, purposeKey, (purpose) => client.report(id, purpose));
      if (!alive) return;
      report = r;
      render();
    } catch (e) {
      if (alive && !report) replace(slot, problemView(e, 'report-error'));
      else if (alive) replace(liveNote, problemView(e, 'report-error'));
    }
  }, () => alive);

  // Live: bursts of updates of this report reload once; only once it is shown (never a second purpose prompt).
  let reloadTimer = 0;
  const offLive = ctx.live.onEvent((item) => {
    const ev = parseReportsEvent(item.topic, item.data);
    if (!ev || ev.kind !== 'report' || ev.report.id !== id || !report) return;
    window.clearTimeout(reloadTimer);
    reloadTimer = window.setTimeout(() => void load(), 250);
  });

  // ---- rendering ----
  const render = (): void => {
    const r = report;
    if (!r) return;
    if (!built) build();
    const now = Date.now();
    const state = dueState(r, now);
    replace(title, tx(T.report(r.code || `#${r.id}`)));
    replace(badges, statusBadge(r.status, 'report-status'), ' ', dueBadge(state, 'report-due-badge'));
    renderFacts(r, now);
    renderMap(r);
    renderPhotos(r);
    renderContact(r);
    renderMoves(r);
    renderSuggestions(r);
    renderHistory(r);
  };

  const renderFacts = (r: Report, now: number): void => {
    const cat = cats.find((c) => c.code === r.category);
    const row = (label: Msg, testid: string | null, ...value: (Node | string | null)[]): Node[] =>
      value.every((v) => v === null || v === '') ? [] : [h('dt', {}, tx(label)), h('dd', { 'data-testid': testid ?? undefined }, value)];
    const at = (iso: string | null | undefined): Node | null => (iso ? h('time', { datetime: iso }, tx(timeMsg(iso))) : null);
    replace(facts, h('dl', { class: 'facts', 'data-testid': 'report-facts' },
      row(T.code, 'report-code', h('span', { class: 'mono' }, r.code)),
      row(T.category, 'report-category', tx(categoryMsg(r.category, cats)),
        cat ? h('div', { class: 'small muted' }, tx(T.dueAt), ': ', tx(deadlineMsg(cat.deadline))) : null),
      row(T.status, null, statusBadge(r.status),
        r.status_reason ? h('div', { class: 'small', 'data-testid': 'report-status-reason' }, r.status_reason) : null,
        r.duplicate_of ? h('div', { class: 'small' }, h('a', { href: reportsHash('report', r.duplicate_of) }, tx(T.duplicateOf(r.duplicate_of)))) : null),
      row(T.received, null, at(r.received_at)),
      row(T.dueAt, 'report-due', at(r.due_at), ' ', dueBadge(dueState(r, now)),
        isOpenStatus(r.status) ? h('div', { class: 'small muted' }, tx(() => ({ vi: dueIn(r.due_at, now, 'vi'), en: dueIn(r.due_at, now, 'en') }))) : null),
      row(T.occurredAt, null, at(r.occurred_at)),
      row(T.unit, 'report-unit', tx(unitMsg(r.unit_id, units)),
        r.unit_reason_vi || r.unit_reason_en ? h('div', { class: 'small muted' }, tx(pair(r.unit_reason_vi, r.unit_reason_en))) : null),
      row(T.assignedTo, 'report-assigned-to', r.assigned_to || null),
      row(T.channel, null, r.channel ? tx(channelMsg(r.channel)) : null),
      row(T.resolvedAt, null, at(r.resolved_at)),
      row(T.closedAt, null, at(r.closed_at)),
    ),
    h('h3', {}, tx(T.description)),
    h('p', { class: 'report-description', 'data-testid': 'report-description' }, r.description),
    );
  };

  const renderMap = (r: Report): void => {
    const key = r.lat !== null && r.lon !== null ? `${r.lat},${r.lon}` : '';
    if (mapSlot.dataset['key'] === key) return;
    mapSlot.dataset['key'] = key;
    map?.destroy();
    map = null;
    const addr = r.address ? h('p', { 'data-testid': 'report-address' }, h('span', { class: 'muted' }, tx(T.address), ': '), r.address) : null;
    if (r.lat === null || r.lon === null) {
      replace(mapSlot, addr, emptyNote(T.noLocation));
      return;
    }
    map = new PointMap(r.lat, r.lon);
    replace(mapSlot, map.el, addr,
      h('p', { class: 'small muted', 'data-testid': 'report-coordinates' }, tx(T.coordinates), `: ${r.lat.toFixed(5)}, ${r.lon.toFixed(5)}`));
    if (attached) map.attach();
  };

  const renderPhotos = (r: Report): void => {
    const ids = Array.isArray(r.photos) ? r.photos : [];
    const key = ids.join(',');
    if (photosBody.dataset['ids'] === key && photosBody.childElementCount > 0) return;
    photosBody.dataset['ids'] = key;
    if (ids.length === 0) {
      replace(photosBody, emptyNote(T.noPhotos));
      return;
    }
    const list = h('ul', { class: 'report-photos' });
    ids.forEach((pid, i) => {
      const holder = h('li', { class: 'report-photo', 'data-photo-id': pid }, loadingView());
      list.append(holder);
      void loadWithPurpose(holder, purposeKey, (purpose) => client.photo(id, pid, purpose)).then(
        (url) => {
          if (!alive) return;
          const img = h('img', { src: url, class: 'report-photo-img', 'data-testid': `report-photo-${pid}`, loading: 'lazy' });
          tattr(img, 'alt', T.photoAlt(i + 1));
          const btn = h('button', { type: 'button', class: 'photo-zoom', 'aria-pressed': 'false' }, img);
          tattr(btn, 'aria-label', T.photoAlt(i + 1));
          btn.addEventListener('click', () => {
            const on = !holder.classList.contains('zoomed');
            holder.classList.toggle('zoomed', on);
            btn.setAttribute('aria-pressed', String(on));
          });
          replace(holder, btn);
        },
        (e: unknown) => {
          if (alive) replace(holder, problemView(e, `report-photo-error-${pid}`));
        },
      );
    });
    replace(photosBody, h('p', { class: 'small muted' }, tx(T.photosNote)), list);
  };

  const renderContact = (r: Report): void => {
    const c = r.contact ?? { name: '', phone: '', email: '' };
    if (r.anonymous) {
      replace(contactBody, h('p', { class: 'muted', 'data-testid': 'report-contact-anonymous' }, tx(T.anonymous)));
      return;
    }
    if (!c.name && !c.phone && !c.email) {
      replace(contactBody, emptyNote(T.noContact, 'report-contact-none'));
      return;
    }
    replace(contactBody, h('dl', { class: 'facts', 'data-testid': 'report-contact' },
      c.name ? [h('dt', {}, tx(T.name)), h('dd', { 'data-testid': 'report-contact-name' }, c.name)] : null,
      c.phone ? [h('dt', {}, tx(T.phone)), h('dd', { 'data-testid': 'report-contact-phone' },
        h('a', { href: `tel:${c.phone.replace(/[^0-9+]/g, '')}` }, c.phone))] : null,
      c.email ? [h('dt', {}, tx(T.email)), h('dd', { 'data-testid': 'report-contact-email' },
        h('a', { href: `mailto:${c.email}` }, c.email))] : null,
      r.language ? [h('dt', {}, tx(T.notifyLanguage)), h('dd', {}, r.language === 'en' ? 'English' : 'Tiếng Việt')] : null,
    ));
  };

  // ---- status moves ----
  // A reload that leaves the status as it was (a note, a reply, an assignment, live or the officer's own) keeps an
  // open reason form and what is typed in it.
  let movesStatus = '';
  const renderMoves = (r: Report): void => {
    if (movesStatus !== r.status) replace(moveForm);
    movesStatus = r.status;
    const list = nextStatuses(r.status);
    if (list.length === 0) {
      replace(moves, emptyNote(T.noMoves, 'report-no-moves'));
      return;
    }
    replace(moves, list.map((mv) => {
      const label = actionMsg(mv.to, r.status);
      const btn = h('button', {
        type: 'button',
        class: mv.to === 'rejected' ? 'secondary danger' : mv.to === 'accepted' || mv.to === 'resolved' ? '' : 'secondary',
        'data-testid': `report-action-${mv.to}`,
        'data-to': mv.to,
      }, tx(label));
      btn.addEventListener('click', () => {
        if (mv.needs) showMoveForm(r, mv, label);
        else void move(r, mv, {});
      });
      return btn;
    }));
  };

  const setMovesDisabled = (on: boolean): void => {
    for (const b of moves.querySelectorAll('button')) b.disabled = on;
  };

  const move = async (r: Report, mv: StatusMove, details: { reason?: string; forwarded_to?: string }, input?: HTMLElement): Promise<void> => {
    setMovesDisabled(true);
    replace(movesOut);
    try {
      const s = await client.setStatus(r.id, mv.to, details);
      if (!alive) return;
      report = { ...r, ...s };
      render();
      replace(movesOut, h('p', { class: 'notice ok', role: 'status', 'data-testid': 'report-action-ok' }, tx(T.changed(statusMsg(s.status)))));
      void load();
    } catch (e) {
      if (!alive) return;
      replace(movesOut, problemView(e, 'report-action-error'));
      if (input && e instanceof ApiError && (e.problem.field === 'reason' || e.problem.field === 'forwarded_to')) {
        input.setAttribute('aria-invalid', 'true');
        input.focus();
      }
      setMovesDisabled(false);
    }
  };

  const showMoveForm = (r: Report, mv: StatusMove, label: Msg): void => {
    const isReason = mv.needs === 'reason';
    const input = isReason
      ? h('textarea', { id: 'rd-move-text', rows: 2, maxlength: 1000, 'data-testid': 'report-move-text' })
      : h('input', { id: 'rd-move-text', type: 'text', maxlength: 200, autocomplete: 'off', 'data-testid': 'report-move-text' });
    const err = h('p', { class: 'field-error', id: 'rd-move-err', hidden: true });
    input.setAttribute('aria-describedby', 'rd-move-err');
    const form = h('form', { class: 'move-form', novalidate: true, 'data-testid': 'report-move-form', 'data-to': mv.to },
      h('div', { class: 'field' }, h('label', { for: 'rd-move-text' }, tx(isReason ? T.reason : T.forwardedTo)), input, err),
      h('div', { class: 'form-actions' },
        h('button', { type: 'submit', 'data-testid': 'report-move-confirm' }, tx(label)),
        h('button', { type: 'button', class: 'secondary', 'data-testid': 'report-move-cancel', onclick: () => replace(moveForm) }, tx(T.cancel)),
      ),
    );
    form.addEventListener('submit', (ev) => {
      ev.preventDefault();
      const text = input.value.trim();
      if (!text) {
        input.setAttribute('aria-invalid', 'true');
        replace(err, tx(isReason ? T.needReason : T.needForwardedTo));
        err.hidden = false;
        input.focus();
        return;
      }
      input.removeAttribute('aria-invalid');
      err.hidden = true;
      void move(r, mv, isReason ? { reason: text } : { forwarded_to: text }, input);
    });
    replace(moveForm, form);
    input.focus();
  };

  // ---- reply, note (forms kept across reloads: what is typed stays) ----
  const textForm = (o: {
    id: string; label: Msg; hint: Msg; button: Msg; done: Msg; testid: string;
    send: (text: string) => Promise<unknown>;
  }): HTMLElement => {
    const text = h('textarea', { id: o.id, rows: 3, maxlength: 2000, 'aria-describedby': `${o.id}-hint`, 'data-testid': `${o.testid}-text` });
    const btn = h('button', { type: 'submit', 'data-testid': `${o.testid}-submit` }, tx(o.button));
    const out = h('div', { 'aria-live': 'polite' });
    const form = h('form', { class: 'text-form', novalidate: true, 'data-testid': `${o.testid}-form` },
      h('div', { class: 'field' },
        h('label', { for: o.id }, tx(o.label)), text,
        h('span', { id: `${o.id}-hint`, class: 'small muted' }, tx(o.hint))),
      out,
      h('div', { class: 'form-actions' }, btn),
    );
    form.addEventListener('submit', async (ev) => {
      ev.preventDefault();
      const v = text.value.trim();
      replace(out);
      if (!v) {
        text.setAttribute('aria-invalid', 'true');
        replace(out, h('p', { class: 'field-error' }, tx(T.needText)));
        text.focus();
        return;
      }
      text.removeAttribute('aria-invalid');
      btn.disabled = true;
      try {
        await o.send(v);
        if (!alive) return;
        text.value = '';
        replace(out, h('p', { class: 'notice ok', role: 'status', 'data-testid': `${o.testid}-ok` }, tx(o.done)));
        void load();
      } catch (e) {
        if (!alive) return;
        replace(out, problemView(e, `${o.testid}-error`));
        if (e instanceof ApiError && e.problem.field === 'text') text.setAttribute('aria-invalid', 'true');
      } finally {
        btn.disabled = false;
      }
    });
    text.addEventListener('keydown', (ev) => {
      if (ev.key === 'Enter' && (ev.ctrlKey || ev.metaKey)) {
        ev.preventDefault();
        form.requestSubmit();
      }
    });
    return form;
  };

  const replyForm = textForm({ id: 'rd-reply', label: T.reply, hint: T.replyHint, button: T.sendReply, done: T.replySent,
    testid: 'report-reply', send: (text) => client.reply(id, text) });
  const noteForm = textForm({ id: 'rd-note', label: T.note, hint: T.noteHint, button: T.addNote, done: T.noteAdded,
    testid: 'report-note', send: (text) => client.note(id, text) });

  // ---- assignment ----
  const unitSel = h('select', { id: 'rd-unit', 'data-testid': 'report-assign-unit' }, h('option', { value: '' }, tx(T.keepUnit)));
  const officer = h('input', { id: 'rd-officer', type: 'text', maxlength: 64, autocomplete: 'off', 'aria-describedby': 'rd-officer-hint',
    'data-testid': 'report-assign-officer' });
  const assignBtn = h('button', { type: 'submit', 'data-testid': 'report-assign-submit' }, tx(T.doAssign));
  const assignOut = h('div', { 'aria-live': 'polite' });
  const assignForm = h('form', { class: 'assign-form', novalidate: true, 'data-testid': 'report-assign-form' },
    h('div', { class: 'field' }, h('label', { for: 'rd-unit' }, tx(T.assignUnit)), unitSel),
    h('div', { class: 'field' }, h('label', { for: 'rd-officer' }, tx(T.assignOfficer)), officer,
      h('span', { id: 'rd-officer-hint', class: 'small muted' }, tx(T.assignOfficerHint))),
    assignOut,
    h('div', { class: 'form-actions' }, assignBtn),
  );
  assignForm.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    const to: { unit_id?: string; officer?: string } = {};
    if (unitSel.value) to.unit_id = unitSel.value;
    if (officer.value.trim()) to.officer = officer.value.trim();
    unitSel.removeAttribute('aria-invalid');
    officer.removeAttribute('aria-invalid');
    replace(assignOut);
    if (!to.unit_id && !to.officer) {
      unitSel.setAttribute('aria-invalid', 'true');
      replace(assignOut, h('p', { class: 'field-error' }, tx(T.needUnitOrOfficer)));
      unitSel.focus();
      return;
    }
    assignBtn.disabled = true;
    try {
      const s = await client.assign(id, to);
      if (!alive) return;
      if (report) report = { ...report, ...s };
      render();
      unitSel.value = '';
      officer.value = '';
      replace(assignOut, h('p', { class: 'notice ok', role: 'status', 'data-testid': 'report-assign-ok' }, tx(T.assigned)));
      void load();
    } catch (e) {
      if (!alive) return;
      replace(assignOut, problemView(e, 'report-assign-error'));
      if (e instanceof ApiError) {
        if (e.problem.field === 'unit_id') unitSel.setAttribute('aria-invalid', 'true');
        if (e.problem.field === 'officer') officer.setAttribute('aria-invalid', 'true');
      }
    } finally {
      assignBtn.disabled = false;
    }
  });

  // ---- duplicates ----
  const renderSuggestions = (r: Report): void => {
    const list = Array.isArray(r.suggestions) ? r.suggestions : [];
    if (r.duplicate_of) {
      replace(suggestionsBody, h('p', { 'data-testid': 'report-is-duplicate' },
        h('a', { href: reportsHash('report', r.duplicate_of) }, tx(T.duplicateOf(r.duplicate_of)))));
      return;
    }
    if (list.length === 0) {
      replace(suggestionsBody, emptyNote(T.noSuggestions, 'report-no-suggestions'));
      return;
    }
    const canMark = r.status !== 'closed';
    replace(suggestionsBody, h('ul', { class: 'suggestions' }, list.map((s) => {
      const actions = h('div', { class: 'form-actions' });
      const mark = h('button', { type: 'button', class: 'secondary', 'data-testid': `report-duplicate-${s.id}`, disabled: !canMark },
        tx(T.markDuplicate(s.id)));
      mark.addEventListener('click', () => {
        // Two steps: the move closes the report.
        const yes = h('button', { type: 'button', class: 'danger', 'data-testid': `report-duplicate-confirm-${s.id}` }, tx(T.confirm));
        const no = h('button', { type: 'button', class: 'secondary', onclick: () => replace(actions, mark, open) }, tx(T.cancel));
        yes.addEventListener('click', async () => {
          yes.disabled = true;
          no.disabled = true;
          replace(suggestionsOut);
          try {
            const out = await client.markDuplicate(id, s.id);
            if (!alive) return;
            if (report) report = { ...report, ...out };
            render();
            replace(suggestionsOut, h('p', { class: 'notice ok', role: 'status', 'data-testid': 'report-duplicate-ok' }, tx(T.markedDuplicate(s.id))));
            void load();
          } catch (e) {
            if (!alive) return;
            replace(suggestionsOut, problemView(e, 'report-duplicate-error'));
            replace(actions, mark, open);
          }
        });
        replace(actions, h('p', { class: 'small' }, tx(T.duplicateConfirm(s.id))), yes, no);
        yes.focus();
      });
      const open = h('a', { href: reportsHash('report', s.id), class: 'btn secondary' }, tx(T.openReport), ` #${s.id}`);
      replace(actions, mark, open);
      return h('li', { class: 'suggestion', 'data-testid': `report-suggestion-${s.id}` },
        h('strong', {}, `#${s.id}`), ' ',
        h('span', { class: 'small muted' }, tx(distanceMsg(s.distance_m)), ' · ', tx(T.ageHours), ' ', tx(hoursMsg(s.age_h))),
        h('div', { class: 'small' }, tx(pair(s.reason_vi, s.reason_en))),
        actions,
      );
    })));
  };

  // ---- history ----
  const renderHistory = (r: Report): void => {
    const entries = [...(r.history ?? [])].sort((a, b) => Date.parse(a.at) - Date.parse(b.at) || a.id - b.id);
    if (entries.length === 0) {
      replace(historyList, h('li', { class: 'muted' }, tx(T.noHistory)));
      return;
    }
    replace(historyList, entries.map(historyItem));
  };

  const build = (): void => {
    built = true;
    replace(slot, h('div', { class: 'report-grid' },
      h('div', { class: 'report-main' },
        h('section', { class: 'card', 'aria-labelledby': 'rd-details' }, h('h2', { id: 'rd-details' }, tx(T.details)), facts),
        h('section', { class: 'card', 'aria-labelledby': 'rd-where' }, h('h2', { id: 'rd-where' }, tx(T.address)), mapSlot),
        h('section', { class: 'card', 'aria-labelledby': 'rd-photos' }, h('h2', { id: 'rd-photos' }, tx(T.photosTitle)), photosBody),
        h('section', { class: 'card', 'aria-labelledby': 'rd-contact' }, h('h2', { id: 'rd-contact' }, tx(T.contact)), contactBody),
      ),
      h('div', { class: 'report-side' },
        h('section', { class: 'card', 'aria-labelledby': 'rd-actions' },
          h('h2', { id: 'rd-actions' }, tx(T.actions)),
          h('h3', {}, tx(T.moveTo)), moves, moveForm, movesOut,
          replyForm,
          noteForm,
        ),
        h('section', { class: 'card', 'aria-labelledby': 'rd-assign' }, h('h2', { id: 'rd-assign' }, tx(T.assign)), assignForm),
        h('section', { class: 'card', 'aria-labelledby': 'rd-dups' },
          h('h2', { id: 'rd-dups' }, tx(T.duplicates)), suggestionsOut, suggestionsBody),
        h('section', { class: 'card', 'aria-labelledby': 'rd-history' }, h('h2', { id: 'rd-history' }, tx(T.history)), historyList),
      ),
    ));
  };

  void (async () => {
    [cats, units] = await Promise.all([
      client.categories().catch(() => [] as Category[]),
      client.units().catch(() => [] as Station[]),
    ]);
    if (!alive) return;
    unitSel.append(...units.map((u) => h('option', { value: u.id }, tx(unitMsg(u.id, units)))));
    await load();
  })();

  const el = h('div', { class: 'reports-detail', 'data-testid': 'report-detail', 'data-report-id': id },
    h('p', { class: 'back' }, h('a', { href: reportsHash('queue'), 'data-testid': 'report-back' }, tx(T.back))),
    h('div', { class: 'report-headline' }, title, badges),
    liveNote,
    slot,
  );

  return {
    el,
    title: T.reportId(id),
    attached: () => {
      attached = true;
      map?.attach();
    },
    destroy: () => {
      alive = false;
      window.clearTimeout(reloadTimer);
      offLive();
      map?.destroy();
    },
  };
}

function historyItem(e: HistoryEntry): HTMLElement {
  const moveText = e.kind === 'status' || (e.kind === 'filed' && e.to_status)
    ? h('span', { class: 'hist-move' },
        e.from_status ? [tx(statusMsg(e.from_status)), ' → '] : null, tx(statusMsg(e.to_status)))
    : null;
  return h('li', { class: `hist hist-${e.kind}${e.public ? ' public' : ''}`, 'data-testid': `report-history-${e.id}`, 'data-kind': e.kind },
    h('div', { class: 'hist-head' },
      h('time', { datetime: e.at, class: 'small muted' }, tx(timeMsg(e.at))), ' ',
      h('strong', {}, tx(kindMsg(e.kind))), ' ',
      moveText,
      e.actor ? h('span', { class: 'small muted' }, ' — ', e.actor) : null,
      h('span', { class: `hist-vis ${e.public ? 'pub' : 'int'}` }, tx(e.public ? T.publicEntry : T.internalEntry)),
    ),
    e.text ? h('p', { class: 'hist-text' }, e.text) : null,
  );
}

