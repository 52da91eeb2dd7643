// Call-taker form: keyboard first. Tab order line → caller → category → description → location; Alt+1/2/3
// pick the location mode (coordinates, AML SMS, address); Ctrl+Enter records the call. Each call carries a
// client_ref kept until the server has answered, so sending again after a lost answer records it once.
// The answer is shown below: the incident with its priority and reason, the likely duplicates to confirm
// or reject, or the transfer to another service. Shown incidents follow their status live.

import { ApiError } from '../../../shared/api.ts';
import { h, replace } from '../../../shared/dom.ts';
import { m, tattr, tx, type Msg } from '../../../shared/i18n.ts';
import { same } from '../../../shared/format.ts';
import { problemView } from '../../../shared/problem.ts';
import type { Ctx } from '../../page.ts';
import { dispatchApi, newClientRef, type CallResult, type Duplicate, type Incident, type NewCall } from './api.ts';
import {
  amlPreview,
  classifyLocationText,
  decimal,
  dispatchHash,
  formatPercent,
  intakeFieldFor,
  modeOfField,
  normalizeCaller,
  parseCoordinatePair,
  type IntakeField,
  type LocationMode,
  type Taxonomy,
} from './logic.ts';
import { DispatchState } from './state.ts';
import { D, categoryMsg, distanceMsg, durationMsg, lineMsg, pair } from './text.ts';
import { incidentStatusBadge, priorityBadge, priorityWithReason, type View } from './widgets.ts';

const MAX_RESULTS = 10;
const MODES: LocationMode[] = ['coords', 'aml', 'address'];
const MODE_LABEL: Record<LocationMode, Msg> = { coords: D.modeCoords, aml: D.modeAml, address: D.modeAddress };

export function intakeView(ctx: Ctx): View {
  const client = dispatchApi(ctx.api);
  const live = new DispatchState(client, ctx.live, { incidents: false, units: false });
  let alive = true;
  let clientRef = newClientRef();
  let tax: Taxonomy | undefined;
  let mode: LocationMode = 'coords';

  // ---- controls, in tab order ----
  const lineRadio = (value: string): HTMLInputElement =>
    h('input', { type: 'radio', name: 'line', value, id: `in-line-${value}`, checked: value === '113',
      'data-testid': `intake-line-${value}` }) as HTMLInputElement;
  const line113 = lineRadio('113');
  const line114 = lineRadio('114');
  const lineOther = lineRadio('other');
  line113.autofocus = true;
  const lineNumber = h('input', { id: 'in-line-number', type: 'text', inputmode: 'numeric', autocomplete: 'off',
    maxlength: 16, disabled: true, 'data-testid': 'intake-line-other-number', 'aria-describedby': 'in-line-hint' });
  tattr(lineNumber, 'aria-label', D.lineOtherNumber);
  const caller = h('input', { id: 'in-caller', type: 'tel', inputmode: 'tel', autocomplete: 'off', maxlength: 32,
    'aria-describedby': 'in-caller-hint', 'data-testid': 'intake-caller' });
  const category = h('select', { id: 'in-category', 'data-testid': 'intake-category' },
    h('option', { value: '' }, tx(D.chooseCategory)));
  const description = h('textarea', { id: 'in-description', rows: 3, 'data-testid': 'intake-description' });
  const modeRadios = MODES.map((md, i) =>
    h('input', { type: 'radio', name: 'locmode', value: md, id: `in-mode-${md}`, checked: md === 'coords',
      'aria-keyshortcuts': `Alt+${i + 1}`, 'data-testid': `intake-loc-mode-${md}` }) as HTMLInputElement);
  const lat = h('input', { id: 'in-lat', type: 'text', inputmode: 'decimal', autocomplete: 'off', 'data-testid': 'intake-lat',
    'aria-describedby': 'in-coords-hint' });
  const lon = h('input', { id: 'in-lon', type: 'text', inputmode: 'decimal', autocomplete: 'off', 'data-testid': 'intake-lon' });
  const accuracy = h('input', { id: 'in-accuracy', type: 'text', inputmode: 'numeric', autocomplete: 'off', 'data-testid': 'intake-accuracy' });
  const aml = h('textarea', { id: 'in-aml', rows: 3, spellcheck: 'false', class: 'mono', 'data-testid': 'intake-aml',
    'aria-describedby': 'in-aml-hint in-aml-preview' });
  const amlOut = h('p', { id: 'in-aml-preview', class: 'small muted', 'aria-live': 'polite', 'data-testid': 'intake-aml-preview' });
  const address = h('input', { id: 'in-address', type: 'text', autocomplete: 'off', maxlength: 500, 'data-testid': 'intake-address',
    'aria-describedby': 'in-address-hint' });
  const type = h('input', { id: 'in-type', type: 'text', autocomplete: 'off', maxlength: 200, 'data-testid': 'intake-type' });

  const submitLabel = h('span', {}, tx(D.record));
  const submit = h('button', { type: 'submit', 'data-testid': 'intake-submit', 'aria-keyshortcuts': 'Control+Enter' },
    submitLabel, h('kbd', { class: 'kbd' }, 'Ctrl+Enter'));
  const clearBtn = h('button', { type: 'reset', class: 'secondary', 'data-testid': 'intake-clear' }, tx(D.clearForm));
  const status = h('div', { 'aria-live': 'polite', 'data-testid': 'intake-status' });
  const results = h('ol', { class: 'intake-results', 'data-testid': 'intake-results', 'aria-live': 'polite' });

  // ---- field errors: a message next to the control the server (or we) refused ----
  const errors = new Map<IntakeField, HTMLElement>();
  const errorEl = (f: IntakeField): HTMLElement => {
    const el = h('p', { class: 'field-error', id: `in-err-${f}`, 'data-testid': `intake-error-${f}`, hidden: true });
    errors.set(f, el);
    return el;
  };
  const controlOf = (f: IntakeField): HTMLElement | null => {
    switch (f) {
      case 'line':
        return lineOther.checked ? lineNumber : line113.checked ? line113 : line114.checked ? line114 : lineOther;
      case 'caller': return caller;
      case 'category': return category;
      case 'description': return description;
      case 'type': return type;
      case 'lat': return lat;
      case 'lon': return lon;
      case 'accuracy': return accuracy;
      case 'aml': return aml;
      case 'address': return address;
      case 'location': return mode === 'coords' ? lat : mode === 'aml' ? aml : address;
      case 'received_at': return null;
    }
  };
  const clearErrors = (): void => {
    for (const el of errors.values()) {
      el.hidden = true;
      replace(el);
    }
    for (const c of form.querySelectorAll('[aria-invalid]')) c.removeAttribute('aria-invalid');
    for (const c of form.querySelectorAll('.invalid')) c.classList.remove('invalid');
  };
  const fieldError = (f: IntakeField, msg: Msg): void => {
    const md = modeOfField(f);
    if (md && md !== mode) setMode(md, false);
    const el = errors.get(f) ?? errors.get('location');
    if (el) {
      replace(el, tx(msg));
      el.hidden = false;
    }
    const c = controlOf(f);
    if (c) {
      c.setAttribute('aria-invalid', 'true');
      const described = c.getAttribute('aria-describedby') ?? '';
      if (el && !described.split(' ').includes(el.id)) c.setAttribute('aria-describedby', `${described} ${el.id}`.trim());
      c.closest('fieldset')?.classList.add('invalid');
      c.focus();
    }
  };

  // ---- location mode ----
  const panels: Record<LocationMode, HTMLElement> = {
    coords: h('div', { class: 'loc-panel grid-3', 'data-mode': 'coords', 'data-testid': 'intake-panel-coords' },
      field('in-lat', D.lat, lat),
      field('in-lon', D.lon, lon),
      field('in-accuracy', D.accuracy, accuracy),
      h('p', { id: 'in-coords-hint', class: 'small muted span-all' }, tx(D.coordsHint)),
      errorEl('lat'), errorEl('lon'), errorEl('accuracy'),
    ),
    aml: h('div', { class: 'loc-panel', 'data-mode': 'aml', 'data-testid': 'intake-panel-aml', hidden: true },
      field('in-aml', D.aml, aml),
      h('p', { id: 'in-aml-hint', class: 'small muted' }, tx(D.amlHint)),
      h('p', { class: 'small muted', 'data-testid': 'aml-unconfirmed' }, tx(D.amlUnconfirmed)),
      amlOut,
      errorEl('aml'),
    ),
    address: h('div', { class: 'loc-panel', 'data-mode': 'address', 'data-testid': 'intake-panel-address', hidden: true },
      field('in-address', D.address, address),
      h('p', { id: 'in-address-hint', class: 'small muted' }, tx(D.addressHint)),
      errorEl('address'),
    ),
  };
  const firstOf: Record<LocationMode, HTMLElement> = { coords: lat, aml, address };

  function setMode(next: LocationMode, focus: boolean): void {
    mode = next;
    for (const md of MODES) panels[md].hidden = md !== next;
    for (const r of modeRadios) r.checked = r.value === next;
    if (focus) firstOf[next].focus();
  }
  for (const r of modeRadios) r.addEventListener('change', () => r.checked && setMode(r.value as LocationMode, false));

  const updateAml = (): void => {
    const text = aml.value.trim();
    if (!text) return replace(amlOut);
    const p = amlPreview(text);
    replace(amlOut, tx(p ? D.amlPreview(p.lat, p.lon, p.radius_m) : D.amlUnreadable));
  };
  aml.addEventListener('input', updateAml);

  // Pasting an AML message anywhere in the block switches to AML; "lat, lon" into latitude fills both.
  const onPaste = (target: HTMLInputElement | HTMLTextAreaElement) => (ev: ClipboardEvent): void => {
    const text = ev.clipboardData?.getData('text') ?? '';
    const kind = classifyLocationText(text);
    if (kind === 'aml' && target !== aml) {
      ev.preventDefault();
      setMode('aml', true);
      aml.value = text.trim();
      updateAml();
    } else if (kind === 'coords' && target === lat) {
      const p = parseCoordinatePair(text);
      if (!p) return;
      ev.preventDefault();
      lat.value = String(p.lat);
      lon.value = String(p.lon);
      accuracy.focus();
    }
  };
  lat.addEventListener('paste', onPaste(lat));
  address.addEventListener('paste', onPaste(address));

  // ---- line ----
  const updateLine = (): void => {
    lineNumber.disabled = !lineOther.checked;
    if (!lineOther.checked) lineNumber.value = '';
  };
  for (const r of [line113, line114, lineOther]) r.addEventListener('change', updateLine);

  // ---- the form ----
  const form = h('form', { class: 'card form intake-form', 'aria-labelledby': 'intake-title', novalidate: true,
    autocomplete: 'off', 'data-testid': 'intake-form' },
    h('h2', { id: 'intake-title' }, tx(D.intake)),
    h('p', { class: 'small muted' }, tx(D.intakeLead)),
    h('fieldset', { class: 'line-set' },
      h('legend', {}, tx(D.line)),
      h('div', { class: 'radio-row' },
        radioLabel(line113, D.line113),
        radioLabel(line114, D.line114),
        radioLabel(lineOther, D.lineOther),
        lineNumber,
      ),
      h('p', { id: 'in-line-hint', class: 'small muted' }, tx(D.lineOtherHint)),
      errorEl('line'),
    ),
    h('div', { class: 'grid-2' },
      h('div', {}, field('in-caller', D.caller, caller), h('p', { id: 'in-caller-hint', class: 'small muted' }, tx(D.callerHint)), errorEl('caller')),
      h('div', {}, field('in-category', D.category, category), errorEl('category')),
    ),
    field('in-description', D.description, description),
    errorEl('description'),
    h('fieldset', { class: 'loc-set', 'data-testid': 'intake-location' },
      h('legend', {}, tx(D.location)),
      h('div', { class: 'radio-row' },
        modeRadios.map((r, i) => radioLabel(r, MODE_LABEL[MODES[i]!], `Alt+${i + 1}`)),
      ),
      panels.coords, panels.aml, panels.address,
      errorEl('location'),
    ),
    field('in-type', D.type, type),
    errorEl('type'),
    errorEl('received_at'),
    status,
    h('div', { class: 'form-actions' }, submit, clearBtn),
  );

  const resetForm = (): void => {
    form.reset();
    clearErrors();
    updateLine();
    setMode('coords', false);
    replace(amlOut);
  };
  form.addEventListener('reset', () => {
    // Cleared by hand: whatever comes next is another call, even if the last attempt got through unanswered.
    clientRef = newClientRef();
    // After the browser has reset the values.
    window.setTimeout(() => {
      clearErrors();
      updateLine();
      setMode('coords', false);
      replace(amlOut);
      replace(status);
    }, 0);
  });

  form.addEventListener('keydown', (ev) => {
    if (ev.key === 'Enter' && (ev.ctrlKey || ev.metaKey)) {
      ev.preventDefault();
      form.requestSubmit();
      return;
    }
    const digit = /^(?:Digit|Numpad)([1-3])$/.exec(ev.code);
    if (ev.altKey && !ev.ctrlKey && !ev.metaKey && digit) {
      ev.preventDefault();
      setMode(MODES[Number(digit[1]) - 1]!, true);
      return;
    }
    // Enter alone in a one-line field does not send a half-typed call.
    const target = ev.target as HTMLElement;
    if (ev.key === 'Enter' && !ev.shiftKey && !ev.altKey && target instanceof HTMLInputElement) ev.preventDefault();
  });

  const buildLocation = (): NewCall['location'] | 'invalid' | undefined => {
    if (mode === 'aml') {
      const text = aml.value.trim();
      return text ? { aml: text } : undefined;
    }
    if (mode === 'address') {
      const text = address.value.trim();
      return text ? { address: text } : undefined;
    }
    const [a, b, c] = [lat.value.trim(), lon.value.trim(), accuracy.value.trim()];
    if (!a && !b && !c) return undefined;
    const la = decimal(a);
    const lo = decimal(b);
    const ac = c ? decimal(c) : null;
    if (!a || !b) {
      fieldError(!a ? 'lat' : 'lon', D.needBoth);
      return 'invalid';
    }
    if (la === null || lo === null || (c && ac === null)) {
      fieldError(la === null ? 'lat' : lo === null ? 'lon' : 'accuracy', D.badNumber);
      return 'invalid';
    }
    return ac !== null ? { lat: la, lon: lo, accuracy_m: ac } : { lat: la, lon: lo };
  };

  let busy = false;
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    if (busy) return;
    clearErrors();
    replace(status);
    let lineValue = line114.checked ? '114' : '113';
    if (lineOther.checked) {
      lineValue = lineNumber.value.trim();
      if (!lineValue) return fieldError('line', D.needOtherNumber);
    }
    const loc = buildLocation();
    if (loc === 'invalid') return;
    const body: NewCall = {
      line: lineValue,
      caller: normalizeCaller(caller.value),
      description: description.value.trim(),
      category: category.value,
      client_ref: clientRef,
    };
    if (type.value.trim()) body.type = type.value.trim();
    if (loc) body.location = loc;

    busy = true;
    submit.disabled = true;
    replace(submitLabel, tx(D.recording));
    try {
      const res = await client.createCall(body);
      if (!alive) return;
      clientRef = newClientRef(); // the next call is a new one
      resetForm();
      const card = showResult(res);
      const first = card.querySelector<HTMLButtonElement>('button[data-decision]');
      (first ?? line113).focus();
    } catch (e) {
      if (!alive) return;
      const f = e instanceof ApiError ? intakeFieldFor(e.problem.field) : null;
      if (f && e instanceof ApiError) {
        fieldError(f, same(e.problem.detail || e.problem.title || e.message));
        replace(status, problemView(e, 'intake-error'));
      } else {
        replace(status, problemView(e, 'intake-error'));
      }
    } finally {
      busy = false;
      submit.disabled = false;
      replace(submitLabel, tx(D.record));
    }
  });

  // ---- results ----
  const cards = new Map<number, { status: HTMLElement }[]>();

  const incidentCard = (inc: Incident, heading: Msg): HTMLElement => {
    const statusSlot = h('span', { 'data-testid': 'intake-incident-status', 'data-status': inc.status },
      incidentStatusBadge(inc.status, tax));
    const list = cards.get(inc.id) ?? [];
    list.push({ status: statusSlot });
    cards.set(inc.id, list);
    return h('div', { class: 'result-card ok', 'data-testid': 'intake-incident', 'data-incident-id': inc.id,
      'data-priority': inc.priority },
      h('h3', {}, tx(heading), ' ', priorityBadge(inc.priority)),
      h('p', { class: 'result-reason' }, h('span', { class: 'muted' }, tx(D.priorityReason), ': '), priorityWithReason(inc, 'intake-priority')),
      h('p', {}, h('span', { class: 'muted' }, tx(D.status), ': '), statusSlot, ' · ',
        tx(categoryMsg(inc.category, tax)), ' · ', tx(lineMsg(inc.line, tax))),
      h('p', {}, h('a', { href: dispatchHash('incident', inc.id), 'data-testid': 'intake-open-incident' }, tx(D.openIncident), ` #${inc.id}`)),
    );
  };

  const duplicatesCard = (res: CallResult): HTMLElement => {
    const callId = res.call.id;
    const out = h('div', { 'aria-live': 'polite' });
    const card = h('div', { class: 'result-card warn', 'data-testid': 'intake-duplicates', 'data-call-id': callId });
    const decide = async (btn: HTMLButtonElement, body: { decision: 'confirm'; incident_id: number } | { decision: 'reject' }): Promise<void> => {
      for (const b of card.querySelectorAll('button')) b.disabled = true;
      replace(out);
      try {
        const r = await client.linkCall(callId, body);
        if (!alive) return;
        const heading = body.decision === 'confirm' ? D.callLinked(r.incident.id) : D.incidentCreated(r.incident.id);
        const next = incidentCard(r.incident, heading);
        card.replaceWith(next);
        checkedLine().focus();
      } catch (e) {
        replace(out, problemView(e, 'duplicate-error'));
        for (const b of card.querySelectorAll('button')) b.disabled = false;
        btn.focus();
      }
    };
    const rows = res.duplicates.map((d) => duplicateRow(d, tax, (btn) => void decide(btn, { decision: 'confirm', incident_id: d.incident.id })));
    const reject = h('button', { type: 'button', class: 'secondary', 'data-decision': 'reject', 'data-testid': 'duplicate-reject' },
      tx(D.rejectDuplicate));
    reject.addEventListener('click', () => void decide(reject, { decision: 'reject' }));
    card.append(
      h('h3', {}, tx(D.duplicatesTitle)),
      h('p', { class: 'small' }, tx(D.duplicatesLead)),
      h('ol', { class: 'dup-list' }, rows),
      h('div', { class: 'form-actions' }, reject),
      out,
    );
    return card;
  };

  const checkedLine = (): HTMLInputElement => (line114.checked ? line114 : lineOther.checked ? lineOther : line113);

  const showResult = (res: CallResult): HTMLElement => {
    const call = res.call;
    let card: HTMLElement;
    if (call?.state === 'transferred') {
      const to = call.transferred_to || call.line;
      card = h('div', { class: 'result-card info', 'data-testid': 'intake-transferred', 'data-transferred-to': to },
        h('h3', {}, tx(D.transferred(to))));
    } else if (res.incident) {
      card = incidentCard(res.incident, D.incidentCreated(res.incident.id));
    } else if (Array.isArray(res.duplicates) && res.duplicates.length > 0) {
      card = duplicatesCard(res);
    } else {
      card = h('div', { class: 'result-card info', 'data-testid': 'intake-call' },
        h('h3', {}, tx(m(`Đã ghi nhận cuộc gọi #${call?.id ?? '?'}`, `Call #${call?.id ?? '?'} recorded`))));
    }
    results.prepend(h('li', {}, card));
    while (results.children.length > MAX_RESULTS) results.lastElementChild?.remove();
    return card;
  };

  const offLive = live.onChange((c) => {
    if (c.kind !== 'incident' && c.kind !== 'escalated') return;
    for (const card of cards.get(c.incident.id) ?? []) {
      card.status.dataset['status'] = c.incident.status;
      replace(card.status, incidentStatusBadge(c.incident.status, tax));
    }
  });

  // ---- taxonomy ----
  client.taxonomy().then(
    (t) => {
      if (!alive) return;
      tax = t;
      for (const c of t.categories) {
        category.append(h('option', { value: c.code }, `${c.code} — `, tx(pair(c.label_vi, c.label_en))));
      }
    },
    (e: unknown) => {
      if (alive) replace(status, problemView(e, 'taxonomy-error'));
    },
  );

  const el = h('div', { class: 'dispatch-intake', 'data-testid': 'dispatch-intake' },
    form,
    h('section', { class: 'card intake-results-card', 'aria-labelledby': 'results-title' },
      h('h2', { id: 'results-title' }, tx(D.results)),
      results,
    ),
  );

  return {
    el,
    title: D.intake,
    attached: () => checkedLine().focus(),
    destroy: () => {
      alive = false;
      offLive();
      live.destroy();
    },
  };
}

function field(id: string, label: Msg, control: HTMLElement): HTMLElement {
  return h('div', { class: 'field' }, h('label', { for: id }, tx(label)), control);
}

function radioLabel(input: HTMLInputElement, label: Msg, key?: string): HTMLElement {
  return h('label', { class: 'radio', for: input.id }, input, ' ', tx(label), key ? h('kbd', { class: 'kbd' }, key) : null);
}

function duplicateRow(d: Duplicate, tax: Taxonomy | undefined, confirm: (btn: HTMLButtonElement) => void): HTMLElement {
  const inc = d.incident;
  const btn = h('button', { type: 'button', 'data-decision': 'confirm', 'data-testid': `duplicate-confirm-${inc.id}` },
    tx(D.confirmDuplicate(inc.id)));
  btn.addEventListener('click', () => confirm(btn));
  return h('li', { class: 'dup-row', 'data-testid': `duplicate-${inc.id}` },
    h('div', { class: 'dup-head' },
      priorityBadge(inc.priority), ' ',
      h('a', { href: dispatchHash('incident', inc.id) }, `#${inc.id}`), ' ',
      tx(categoryMsg(inc.category, tax)),
    ),
    inc.description ? h('p', { class: 'dup-desc' }, inc.description) : null,
    h('dl', { class: 'dup-facts' },
      h('dt', {}, tx(D.score)), h('dd', { 'data-testid': `duplicate-score-${inc.id}` }, formatPercent(d.score)),
      h('dt', {}, tx(D.distance)), h('dd', {}, tx(distanceMsg(d.distance_m))),
      h('dt', {}, tx(D.age)), h('dd', {}, tx(durationMsg(d.age_s))),
      h('dt', {}, tx(D.reason)), h('dd', {}, tx(pair(d.reason_vi, d.reason_en))),
    ),
    btn,
  );
}
