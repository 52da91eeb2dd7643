// "Gửi phản ánh / Report something": the citizen's form (category with its legal time limit, description, a point
// on the map and/or an address, when, photos, contact or anonymous with a secret), the proof-of-work challenge
// solved in the browser, multipart POST /api/v1/reports, and the tracking code to keep.

import { ApiError } from '../../shared/api.ts';
import { append, h, replace } from '../../shared/dom.ts';
import { cameraIcon } from '../../shared/icons.ts';
import { formatTime, same, timeMsg } from '../../shared/format.ts';
import { lang, m, tattr, tx, type Msg } from '../../shared/i18n.ts';
import { problemView } from '../../shared/problem.ts';
import { categories, challenge, fileReport, type FiledReport } from './api.ts';
import {
  fromLocalInput,
  groupCategories,
  MAX_PHOTOS,
  photoKind,
  powProgress,
  reportFieldFor,
  reportFields,
  secretRequired,
  toLocalInput,
  utf8Length,
  validateReport,
  type CategoryInfo,
  type FieldProblem,
  type ReportField,
  type ReportValues,
} from './logic.ts';
import { PickMap } from './map.ts';
import { digestEngine, solvePow } from './pow.ts';
import { R, RULE_TEXT, deadlineMsg, groupMsg, slashPair, statusMsg } from './text.ts';
import type { View } from './view.ts';

export function reportView(): View {
  let alive = true;
  let cats: CategoryInfo[] = [];
  let photos: File[] = [];
  let abort: AbortController | null = null;

  // A message under each control the server (or this page) refuses.
  const errors = new Map<ReportField, HTMLElement>();
  const errorEl = (f: ReportField): HTMLElement => {
    const el = h('p', { class: 'field-error', id: `rp-err-${f}`, 'data-testid': `report-error-${f}`, hidden: true });
    errors.set(f, el);
    return el;
  };

  // ---- controls ----
  const category = h('select', { id: 'rp-category', name: 'category', required: true, 'data-testid': 'report-category',
    'aria-describedby': 'rp-category-info' },
    h('option', { value: '' }, tx(R.loading)));
  const catInfo = h('div', { id: 'rp-category-info', class: 'cat-info', 'data-testid': 'report-category-info', 'aria-live': 'polite' });

  const description = h('textarea', { id: 'rp-description', name: 'description', rows: 5, required: true, maxlength: 4000,
    'aria-describedby': 'rp-description-hint', 'data-testid': 'report-description' });
  const descCount = h('span', { class: 'counter small muted', 'data-testid': 'report-description-count' }, '0 / 4000');
  description.addEventListener('input', () => {
    descCount.textContent = `${utf8Length(description.value.trim())} / 4000`;
  });

  const map = new PickMap(() => clearError('location'));
  const address = h('input', { id: 'rp-address', name: 'address', type: 'text', maxlength: 300, autocomplete: 'street-address',
    'aria-describedby': 'rp-address-hint', 'data-testid': 'report-address' });
  address.addEventListener('input', () => clearError('location'));

  const occurred = h('input', { id: 'rp-occurred', name: 'occurred_at', type: 'datetime-local', 'data-testid': 'report-occurred-at',
    max: toLocalInput(new Date()) });

  const photoInput = h('input', { id: 'rp-photo', name: 'photo', type: 'file', multiple: true,
    accept: 'image/jpeg,image/png,image/webp', 'aria-describedby': 'rp-photo-hint', 'data-testid': 'report-photo' });
  const photoList = h('ul', { class: 'photo-list', 'data-testid': 'report-photo-list' });
  const sharePhotoLoc = h('input', { id: 'rp-share-loc', name: 'share_photo_location', type: 'checkbox', 'data-testid': 'report-share-photo-location' });

  const anonymous = h('input', { id: 'rp-anonymous', name: 'anonymous', type: 'checkbox', 'data-testid': 'report-anonymous' });
  const anonymousRow = h('div', { class: 'check-row', hidden: true },
    anonymous, h('label', { for: 'rp-anonymous' }, tx(R.anonymous)));
  const anonymousNote = h('p', { class: 'small muted', 'data-testid': 'report-anonymous-note' });
  const name = h('input', { id: 'rp-name', name: 'name', type: 'text', maxlength: 200, autocomplete: 'name', 'data-testid': 'report-name' });
  const phone = h('input', { id: 'rp-phone', name: 'phone', type: 'tel', maxlength: 30, autocomplete: 'tel', inputmode: 'tel', 'data-testid': 'report-phone' });
  const email = h('input', { id: 'rp-email', name: 'email', type: 'email', maxlength: 200, autocomplete: 'email', 'data-testid': 'report-email' });
  const secret = h('input', { id: 'rp-secret', name: 'secret', type: 'text', inputmode: 'numeric', pattern: '[0-9]{4,12}', maxlength: 12,
    autocomplete: 'off', 'aria-describedby': 'rp-secret-hint', 'data-testid': 'report-secret' });
  const contactFields = h('div', { class: 'contact-fields' },
    h('div', { class: 'field' }, h('label', { for: 'rp-name' }, tx(R.name)), name, errorEl('name')),
    h('div', { class: 'field' }, h('label', { for: 'rp-phone' }, tx(R.phone)), phone, errorEl('phone')),
    h('div', { class: 'field' }, h('label', { for: 'rp-email' }, tx(R.email)), email, errorEl('email')),
  );
  const secretLabel = h('label', { for: 'rp-secret' });
  const secretBox = h('div', { class: 'field secret-field', 'data-testid': 'report-secret-box' },
    secretLabel, secret,
    h('span', { id: 'rp-secret-hint', class: 'small muted' }, tx(R.secretHint)),
    errorEl('secret'));

  // The honeypot: people never see it (visually hidden, hidden from assistive technology, not in the Tab order).
  const website = h('input', { id: 'rp-website', name: 'website', type: 'text', tabindex: '-1', autocomplete: 'off',
    value: '', 'data-testid': 'report-website' });
  const honeypot = h('div', { class: 'visually-hidden', 'aria-hidden': 'true' },
    h('label', { for: 'rp-website' }, tx(R.website)), website);

  const submit = h('button', { type: 'submit', class: 'big-btn', 'data-testid': 'report-submit' }, tx(R.submit));
  const progress = h('progress', { max: 100, value: 0, class: 'pow-progress', 'data-testid': 'report-progress', hidden: true });
  const status = h('p', { class: 'small muted', role: 'status', 'data-testid': 'report-status' });
  const summary = h('div', { 'data-testid': 'report-summary', 'aria-live': 'assertive' });

  // ---- field errors ----
  const controlOf = (f: ReportField): HTMLElement | null => {
    switch (f) {
      case 'category': return category;
      case 'description': return description;
      case 'location': return address;
      case 'address': return address;
      case 'occurred_at': return occurred;
      case 'anonymous': return anonymous;
      case 'name': return name;
      case 'phone': return phone;
      case 'email': return email;
      case 'secret': return secret;
      case 'photo': return photoInput;
    }
  };
  const clearError = (f: ReportField): void => {
    const el = errors.get(f);
    if (el) {
      el.hidden = true;
      replace(el);
    }
    controlOf(f)?.removeAttribute('aria-invalid');
    if (f === 'location') map.setInvalid(false);
    // "Please correct the marked fields" goes once nothing is marked any more.
    if (summary.querySelector('[data-testid="report-invalid"]') && [...errors.values()].every((e) => e.hidden)) replace(summary);
  };
  const clearErrors = (): void => {
    for (const f of errors.keys()) clearError(f);
    replace(summary);
  };
  const fieldError = (f: ReportField, msg: Msg): void => {
    const el = errors.get(f);
    if (el) {
      replace(el, tx(msg));
      el.hidden = false;
    }
    const c = controlOf(f);
    if (c) {
      c.setAttribute('aria-invalid', 'true');
      const described = c.getAttribute('aria-describedby') ?? '';
      if (el && !described.split(' ').includes(el.id)) c.setAttribute('aria-describedby', `${described} ${el.id}`.trim());
    }
    if (f === 'location') map.setInvalid(true);
  };
  const focusField = (f: ReportField): void => {
    const c = controlOf(f);
    if (f === 'location' && !map.value) map.focus();
    else c?.focus();
  };
  for (const c of [category, description, occurred, name, phone, email, secret, anonymous]) {
    c.addEventListener('input', () => {
      for (const [f] of errors) if (controlOf(f) === c) clearError(f);
    });
  }

  // ---- category ----
  const selected = (): CategoryInfo | undefined => cats.find((c) => c.code === category.value);
  const renderCategories = (): void => {
    const prev = category.value;
    replace(category,
      h('option', { value: '' }, tx(R.chooseCategory)),
      groupCategories(cats).map((g) => {
        const og = h('optgroup', { 'data-group': g.group });
        tattr(og, 'label', groupMsg(g.group));
        og.append(...g.categories.map((c) => {
          const dl = deadlineMsg(c.deadline);
          return h('option', { value: c.code, 'data-confirmed': String(c.deadline.confirmed) },
            tx(() => m(`${c.name_vi} — ${dl.vi}`, `${c.name_en || c.name_vi} — ${dl.en}`)));
        }));
        return og;
      }),
    );
    category.value = prev;
  };
  const renderCategoryInfo = (): void => {
    const c = selected();
    if (!c) {
      replace(catInfo);
      return;
    }
    const d = c.deadline;
    replace(catInfo,
      h('p', { class: 'cat-desc' }, tx(m(c.description_vi, c.description_en || c.description_vi))),
      h('dl', { class: 'facts compact' },
        h('dt', {}, tx(R.deadline)),
        h('dd', { 'data-testid': 'report-category-deadline', 'data-confirmed': String(d.confirmed) },
          tx(deadlineMsg(d)),
          !d.confirmed && d.note ? h('span', { class: 'unconfirmed' }, tx(slashPair(d.note))) : null),
        d.legal_basis ? [h('dt', {}, tx(R.legalBasis)), h('dd', { class: 'small' }, tx(slashPair(d.legal_basis)))] : null,
        d.extension ? [h('dt', {}, tx(R.extension)), h('dd', { class: 'small' }, tx(slashPair(d.extension)))] : null,
      ),
      c.anonymous_allowed ? h('p', { class: 'small' }, tx(R.anonymousAllowedNote)) : null,
    );
  };

  // ---- contact / anonymous / secret ----
  const syncContact = (): void => {
    const c = selected();
    const allowed = Boolean(c?.anonymous_allowed);
    anonymousRow.hidden = !allowed;
    if (!allowed) anonymous.checked = false;
    replace(anonymousNote, c ? tx(allowed ? R.anonymousNote : R.anonymousNotAllowed) : '');
    anonymousNote.hidden = !c;
    const anon = anonymous.checked;
    contactFields.hidden = anon;
    for (const i of [name, phone, email]) i.disabled = anon;
    const need = secretRequired({ anonymous: anon, phone: phone.value });
    secretBox.hidden = !need;
    secret.required = need;
    replace(secretLabel, tx(R.secret), need ? ' *' : '');
  };
  category.addEventListener('change', () => {
    renderCategoryInfo();
    syncContact();
  });
  anonymous.addEventListener('change', syncContact);
  phone.addEventListener('input', syncContact);

  // ---- photos ----
  const renderPhotos = (): void => {
    replace(photoList, photos.map((f, i) => {
      const kind = photoKind(f);
      const remove = h('button', { type: 'button', class: 'secondary small-btn', 'data-testid': `report-photo-remove-${i}` }, tx(R.removePhoto));
      tattr(remove, 'aria-label', () => m(`${R.removePhoto.vi}: ${f.name}`, `${R.removePhoto.en}: ${f.name}`));
      remove.addEventListener('click', () => {
        photos = photos.filter((_, j) => j !== i);
        clearError('photo');
        renderPhotos();
      });
      return h('li', { class: kind === 'ok' ? 'photo-item' : 'photo-item bad', 'data-testid': `report-photo-item-${i}`, 'data-kind': kind },
        cameraIcon('photo-icon'),
        h('span', { class: 'photo-name' }, f.name),
        h('span', { class: 'small muted' }, sizeText(f.size)),
        kind === 'heic' ? h('span', { class: 'field-error inline' }, tx(RULE_TEXT.photo_heic))
          : kind === 'other' ? h('span', { class: 'field-error inline' }, tx(RULE_TEXT.photo_type)) : null,
        remove,
      );
    }));
    photoInput.disabled = photos.length >= MAX_PHOTOS;
  };
  photoInput.addEventListener('change', () => {
    const chosen = [...(photoInput.files ?? [])];
    photoInput.value = '';
    clearError('photo');
    photos = [...photos, ...chosen];
    if (photos.length > MAX_PHOTOS) {
      photos = photos.slice(0, MAX_PHOTOS);
      fieldError('photo', RULE_TEXT.photo_count);
    }
    const bad = photos.map(photoKind);
    if (bad.includes('heic')) fieldError('photo', RULE_TEXT.photo_heic);
    else if (bad.includes('other')) fieldError('photo', RULE_TEXT.photo_type);
    renderPhotos();
  });

  // ---- the form ----
  const values = (): ReportValues => {
    const p = map.value;
    return {
      category: category.value,
      description: description.value,
      lat: p ? p.lat : null,
      lon: p ? p.lon : null,
      address: address.value,
      occurredAt: fromLocalInput(occurred.value),
      anonymous: anonymous.checked,
      name: name.value,
      phone: phone.value,
      email: email.value,
      secret: secret.value.trim(),
      photos: photos.map((f) => ({ name: f.name, type: f.type, size: f.size })),
      sharePhotoLocation: sharePhotoLoc.checked,
    };
  };

  const showProblems = (problems: FieldProblem[]): void => {
    for (const p of problems) fieldError(p.field, RULE_TEXT[p.rule]);
    replace(summary, h('p', { class: 'problem', role: 'alert', 'data-testid': 'report-invalid' }, tx(R.fixErrors)));
    focusField(problems[0]!.field);
  };

  const busy = (on: boolean): void => {
    submit.disabled = on;
    for (const c of form.querySelectorAll<HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement>('input, select, textarea')) {
      if (c === website) continue;
      if (on) {
        c.dataset['wasDisabled'] = String(c.disabled);
        c.disabled = true;
      } else {
        c.disabled = c.dataset['wasDisabled'] === 'true';
      }
    }
    progress.hidden = !on;
  };

  const send = async (v: ReportValues, retryPow: boolean): Promise<FiledReport> => {
    replace(status, tx(R.preparing));
    progress.value = 0;
    const ch = await challenge();
    const bits = Number(ch.bits) || 0;
    const controller = new AbortController();
    abort = controller;
    const nonce = bits > 0
      ? await solvePow(ch.token, bits, {
          signal: controller.signal,
          onProgress: (tried) => {
            const pct = Math.min(99, Math.round(powProgress(tried, bits) * 100));
            progress.value = pct;
            replace(status, tx(R.solving(pct)));
          },
        })
      : '0';
    if (!alive) throw new DOMException('stopped', 'AbortError');
    progress.value = 100;
    replace(status, tx(R.sending));
    const fd = new FormData();
    for (const [k, val] of reportFields(v, lang())) fd.append(k, val);
    fd.append('website', website.value);
    fd.append('pow_token', ch.token);
    fd.append('pow_nonce', nonce);
    for (const f of photos) fd.append('photo', f, f.name);
    try {
      return await fileReport(fd, controller.signal);
    } catch (e) {
      // A challenge that expired or was used meanwhile: one more try with a fresh one.
      if (retryPow && e instanceof ApiError && e.status === 400 && e.problem.field === 'pow') return send(v, false);
      throw e;
    }
  };

  const form = h('form', { class: 'report-form', novalidate: true, 'data-testid': 'report-form' });
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    if (submit.disabled) return;
    clearErrors();
    const v = values();
    const problems = validateReport(v, Boolean(selected()?.anonymous_allowed));
    if (problems.length) {
      showProblems(problems);
      return;
    }
    busy(true);
    try {
      const filed = await send(v, true);
      if (!alive) return;
      showResult(filed);
    } catch (e) {
      if (!alive || (e instanceof DOMException && e.name === 'AbortError')) return;
      busy(false);
      replace(status);
      const f = e instanceof ApiError ? reportFieldFor(e.problem.field) : null;
      if (f && e instanceof ApiError) {
        fieldError(f, same(e.problem.detail || e.problem.title || e.message));
        focusField(f);
      }
      replace(summary, problemView(e, 'report-error'));
      if (!f) summary.scrollIntoView({ block: 'center' });
    } finally {
      abort = null;
    }
  });

  const engineNote = digestEngine() === 'fallback' ? h('p', { class: 'small muted', 'data-testid': 'report-pow-fallback' }, tx(R.powFallback)) : null;

  append(form,
    summary,
    h('fieldset', { class: 'group' },
      h('legend', {}, tx(R.category)),
      h('div', { class: 'field' }, h('label', { for: 'rp-category', class: 'visually-hidden' }, tx(R.category)), category, errorEl('category')),
      catInfo,
    ),
    h('div', { class: 'field' },
      h('label', { for: 'rp-description' }, tx(R.description)),
      description,
      h('span', { id: 'rp-description-hint', class: 'small muted' }, tx(R.descriptionHint), ' ', descCount),
      errorEl('description'),
    ),
    h('fieldset', { class: 'group' },
      h('legend', {}, tx(R.location)),
      h('p', { class: 'small muted' }, tx(R.locationHint)),
      map.el,
      errorEl('location'),
      h('div', { class: 'field' },
        h('label', { for: 'rp-address' }, tx(R.address)),
        address,
        h('span', { id: 'rp-address-hint', class: 'small muted' }, tx(R.addressHint)),
        errorEl('address'),
      ),
    ),
    h('div', { class: 'field' }, h('label', { for: 'rp-occurred' }, tx(R.occurredAt)), occurred, errorEl('occurred_at')),
    h('fieldset', { class: 'group' },
      h('legend', {}, tx(R.photos)),
      h('p', { id: 'rp-photo-hint', class: 'small muted' }, tx(R.photosHint)),
      h('div', { class: 'field' }, h('label', { for: 'rp-photo', class: 'visually-hidden' }, tx(R.photos)), photoInput),
      photoList,
      errorEl('photo'),
      h('div', { class: 'check-row' }, sharePhotoLoc, h('label', { for: 'rp-share-loc' }, tx(R.sharePhotoLocation))),
    ),
    h('fieldset', { class: 'group' },
      h('legend', {}, tx(R.contact)),
      h('p', { class: 'small muted' }, tx(R.contactLead)),
      anonymousRow,
      anonymousNote,
      errorEl('anonymous'),
      contactFields,
      secretBox,
    ),
    honeypot,
    h('div', { class: 'submit-row' }, submit, progress),
    status,
    engineNote,
  );
  syncContact();

  const body = h('div', { class: 'report-body' }, form);
  const el = h('section', { class: 'card report-page', 'data-testid': 'report-page', 'aria-labelledby': 'rp-title' },
    h('h2', { id: 'rp-title' }, tx(R.reportTitle)),
    h('p', { class: 'lead' }, tx(R.reportLead)),
    body,
  );

  const showResult = (r: FiledReport): void => {
    replace(body, resultView(r));
    body.querySelector<HTMLElement>('[data-testid="report-done"]')?.focus();
  };

  const loadCategories = async (): Promise<void> => {
    try {
      cats = await categories();
      if (!alive) return;
      renderCategories();
      renderCategoryInfo();
      syncContact();
    } catch (e) {
      if (!alive) return;
      const retry = h('button', { type: 'button', class: 'secondary', onclick: () => void loadCategories() }, tx(R.retry));
      replace(catInfo, h('p', { class: 'problem' }, tx(R.categoriesFailed)), problemView(e, 'categories-error'), retry);
    }
  };
  void loadCategories();

  return {
    el,
    title: R.reportTitle,
    attached: () => map.attach(),
    destroy: () => {
      alive = false;
      abort?.abort();
      map.destroy();
    },
  };
}

function sizeText(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${Math.round(bytes / 1024)} KiB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MiB`;
}

function resultView(r: FiledReport): HTMLElement {
  const code = r.code;
  const copyOut = h('span', { class: 'small', 'aria-live': 'polite', 'data-testid': 'report-copy-status' });
  const copy = h('button', { type: 'button', class: 'secondary', 'data-testid': 'report-copy' }, tx(R.copy));
  copy.addEventListener('click', async () => {
    replace(copyOut, tx((await copyText(code)) ? R.copied : R.copyFailed));
  });
  const factor = r.lookup_vi || r.lookup_en
    ? m(r.lookup_vi || r.lookup_en || '', r.lookup_en || r.lookup_vi || '')
    : r.lookup === 'phone_last4'
      ? m('4 số cuối số điện thoại của bạn', 'the last 4 digits of your phone number')
      : m('mã bí mật bạn đã chọn', 'the secret you chose');
  const d = r.deadline;
  return h('div', { class: 'report-done', 'data-testid': 'report-done', tabindex: '-1', 'data-code': code },
    h('p', { class: 'notice ok', role: 'status' }, tx(R.doneTitle)),
    h('p', { class: 'code-label' }, tx(R.yourCode)),
    h('p', { class: 'tracking-code', 'data-testid': 'report-code', lang: 'en' }, code),
    h('p', { class: 'code-actions' }, copy, ' ', copyOut),
    h('p', { class: 'small muted' }, tx(R.keepCode)),
    h('p', { class: 'factor', 'data-testid': 'report-lookup-factor', 'data-lookup': r.lookup },
      tx(R.secondFactor), ' ', h('strong', {}, tx(factor)), '.'),
    h('dl', { class: 'facts' },
      h('dt', {}, tx(R.status)), h('dd', { 'data-testid': 'report-status-value', 'data-status': r.status }, tx(statusMsg(r.status))),
      r.received_at ? [h('dt', {}, tx(R.receivedAt)), h('dd', {}, h('time', { datetime: r.received_at }, tx(timeMsg(r.received_at))))] : null,
      h('dt', {}, tx(R.dueAt)),
      h('dd', { 'data-testid': 'report-due' }, h('time', { datetime: r.due_at, title: formatTime(r.due_at) }, tx(timeMsg(r.due_at)))),
      d ? h('dt', {}, tx(R.deadline)) : null,
      d ? h('dd', { 'data-testid': 'report-deadline', 'data-confirmed': String(d.confirmed) }, tx(deadlineMsg(d))) : null,
      d?.legal_basis ? h('dt', {}, tx(R.legalBasis)) : null,
      d?.legal_basis ? h('dd', { class: 'small', 'data-testid': 'report-legal-basis' }, tx(slashPair(d.legal_basis))) : null,
    ),
    h('p', { class: 'done-links' },
      h('a', { href: `#/lookup/${encodeURIComponent(code)}`, class: 'btn', 'data-testid': 'report-lookup-link' }, tx(R.lookupNow)),
      ' ',
      h('a', { href: '#/report', class: 'btn secondary', 'data-testid': 'report-another',
        // The hash does not change: ask the page to draw the form again.
        onclick: () => window.setTimeout(() => window.dispatchEvent(new HashChangeEvent('hashchange')), 0) }, tx(R.another)),
    ),
  );
}

/** The clipboard API where the page may use it (secure contexts), else a selection and execCommand. */
async function copyText(text: string): Promise<boolean> {
  try {
    if (navigator.clipboard && window.isSecureContext) {
      await navigator.clipboard.writeText(text);
      return true;
    }
  } catch {
    // Fall back below.
  }
  const ta = h('textarea', { readonly: true, class: 'visually-hidden', 'aria-hidden': 'true' });
  ta.value = text;
  document.body.append(ta);
  ta.select();
  let ok = false;
  try {
    ok = document.execCommand('copy');
  } catch {
    ok = false;
  }
  ta.remove();
  return ok;
}
