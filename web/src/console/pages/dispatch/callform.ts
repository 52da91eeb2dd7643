// The call-taker's form, shared by the real intake and the training exercise: keyboard first. Tab order line →
// caller → category → description → location; Alt+1/2/3 pick the location mode (coordinates, AML SMS,
// address); Ctrl+Enter sends. The form reads and checks what was typed, hands the call to its owner's submit
// callback, and shows what the server refused: a refused field next to its control, the problem below.

import { ApiError } from '../../../shared/api.ts';
import { h, replace } from '../../../shared/dom.ts';
import { tattr, tx, type Msg } from '../../../shared/i18n.ts';
import { same } from '../../../shared/format.ts';
import { problemView } from '../../../shared/problem.ts';
import type { CallEntry } from './api.ts';
import {
  amlPreview,
  classifyLocationText,
  decimal,
  modeOfField,
  normalizeCaller,
  parseCoordinatePair,
  type IntakeField,
  type LocationMode,
  type Taxonomy,
} from './logic.ts';
import { D, pair } from './text.ts';

const MODES: LocationMode[] = ['coords', 'aml', 'address'];
const MODE_LABEL: Record<LocationMode, Msg> = { coords: D.modeCoords, aml: D.modeAml, address: D.modeAddress };

export interface CallFormOptions {
  /** The form's heading. */
  title: Msg;
  /** The line under the heading (the keyboard help by default). */
  lead?: Msg;
  /** The submit button, and its text while the callback runs. */
  submitLabel: Msg;
  busyLabel: Msg;
  /** Categories for the select; a failure is shown in the form. */
  taxonomy: Promise<Taxonomy>;
  /** The control that a refused problem's `field` names (null: the problem is shown below only). */
  fieldFor: (field: string | null | undefined) => IntakeField | null;
  /** Sends the call. What it throws is shown in the form; the owner resets the form on success. */
  onSubmit: (call: CallEntry) => Promise<void>;
  /** The form was emptied: by the officer (the Clear button) or by reset(). */
  onClear?: () => void;
}

export interface CallForm {
  readonly el: HTMLFormElement;
  /** Empties the form for the next call: values, errors, location mode. */
  reset(): void;
  /** Focus on the chosen line, the first control. */
  focus(): void;
  /** A locked form is not sent (Ctrl+Enter or the button) until unlocked. */
  setLocked(locked: boolean): void;
  /** Nothing is shown any more once the owner has gone. */
  destroy(): void;
}

export function callForm(opts: CallFormOptions): CallForm {
  let alive = true;
  let locked = false;
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

  const submitLabel = h('span', {}, tx(opts.submitLabel));
  const submit = h('button', { type: 'submit', 'data-testid': 'intake-submit', 'aria-keyshortcuts': 'Control+Enter' },
    submitLabel, h('kbd', { class: 'kbd' }, 'Ctrl+Enter'));
  const clearBtn = h('button', { type: 'reset', class: 'secondary', 'data-testid': 'intake-clear' }, tx(D.clearForm));
  const status = h('div', { 'aria-live': 'polite', 'data-testid': 'intake-status' });

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
    h('h2', { id: 'intake-title' }, tx(opts.title)),
    h('p', { class: 'small muted' }, tx(opts.lead ?? D.intakeLead)),
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
    opts.onClear?.();
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

  const buildLocation = (): CallEntry['location'] | 'invalid' | undefined => {
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
    if (busy || locked) return;
    clearErrors();
    replace(status);
    let lineValue = line114.checked ? '114' : '113';
    if (lineOther.checked) {
      lineValue = lineNumber.value.trim();
      if (!lineValue) return fieldError('line', D.needOtherNumber);
    }
    const loc = buildLocation();
    if (loc === 'invalid') return;
    const body: CallEntry = {
      line: lineValue,
      caller: normalizeCaller(caller.value),
      description: description.value.trim(),
      category: category.value,
    };
    if (type.value.trim()) body.type = type.value.trim();
    if (loc) body.location = loc;

    busy = true;
    submit.disabled = true;
    replace(submitLabel, tx(opts.busyLabel));
    try {
      await opts.onSubmit(body);
    } catch (e) {
      if (!alive) return;
      const f = e instanceof ApiError ? opts.fieldFor(e.problem.field) : null;
      if (f && e instanceof ApiError) fieldError(f, same(e.problem.detail || e.problem.title || e.message));
      replace(status, problemView(e, 'intake-error'));
    } finally {
      busy = false;
      submit.disabled = locked;
      replace(submitLabel, tx(opts.submitLabel));
    }
  });

  // ---- categories ----
  opts.taxonomy.then(
    (t) => {
      if (!alive) return;
      for (const c of t.categories) {
        category.append(h('option', { value: c.code }, `${c.code} — `, tx(pair(c.label_vi, c.label_en))));
      }
    },
    (e: unknown) => {
      if (alive) replace(status, problemView(e, 'taxonomy-error'));
    },
  );

  const checkedLine = (): HTMLInputElement => (line114.checked ? line114 : lineOther.checked ? lineOther : line113);

  return {
    el: form,
    reset: resetForm,
    focus: () => checkedLine().focus(),
    setLocked: (next) => {
      locked = next;
      submit.disabled = next || busy;
    },
    destroy: () => {
      alive = false;
    },
  };
}

function field(id: string, label: Msg, control: HTMLElement): HTMLElement {
  return h('div', { class: 'field' }, h('label', { for: id }, tx(label)), control);
}

function radioLabel(input: HTMLInputElement, label: Msg, key?: string): HTMLElement {
  return h('label', { class: 'radio', for: input.id }, input, ' ', tx(label), key ? h('kbd', { class: 'kbd' }, key) : null);
}
