// The console page of the "identity" capability (chip ID card verification: the Vietnamese CCCD, ICAO Doc 9303), at
// #/identity, for clerks, investigators, supervisors and dispatchers. The officer states a purpose (audited with the
// verification), then either reads a card on a reader (GET /api/v1/identity/readers) with its access key — the MRZ
// data or the 6-digit CAN; a simulated card fills its own in — or chooses the files of a chip dump; POST
// /api/v1/identity/verifications answers with the report (report.ts). Below, the 20 latest verifications, masked.
// The rules (request body, checks, verdict colours, masking) are in identity/logic.ts.

import './identity/identity.css';
import { ApiError } from '../../shared/api.ts';
import { h, replace } from '../../shared/dom.ts';
import { timeMsg } from '../../shared/format.ts';
import { m, tattr, tx, type MsgSource } from '../../shared/i18n.ts';
import { problemView } from '../../shared/problem.ts';
import { loadingView, pageHeading, refreshButton, type Ctx, type Page } from '../page.ts';
import { needsPurpose, type Api } from '../session.ts';
import { identityApi } from './identity/api.ts';
import {
  blocksDump,
  buildVerifyRequest,
  bytesToBase64,
  defaultReader,
  digitsOnly,
  isPurposeValid,
  planDump,
  problemField,
  verdictLabel,
  verdictTone,
  type AccessKind,
  type FieldName,
  type FieldProblem,
  type HistoryRow,
  type Reader,
  type Source,
} from './identity/logic.ts';
import { reportView } from './identity/report.ts';
import { T, fieldProblemMsg, fileStatusMsg, sizeMsg } from './identity/text.ts';

const HISTORY_LIMIT = 20;

/** What the officer chose last in this session (purpose, source, reader), kept while the console stays open. */
interface Remembered {
  purpose: string;
  source: Source;
  access: AccessKind;
  reader: string | null;
}
const remembered = new WeakMap<Api, Remembered>();

export function identityPage(ctx: Ctx): Page {
  const client = identityApi(ctx.api);
  const memo: Remembered = remembered.get(ctx.api) ?? { purpose: '', source: 'reader', access: 'mrz', reader: null };
  remembered.set(ctx.api, memo);
  let alive = true;
  let busy = false;
  let abort: AbortController | null = null;
  let readers: Reader[] = [];
  let chosenFiles: File[] = [];
  /** The simulated card's access data put in the fields (cleared again when a reader without any is chosen). */
  let prefilled: { doc: string; dob: string; exp: string; can: string } | null = null;

  // ---- fields ----
  const errSlot = (field: FieldName): HTMLElement => h('div', { id: `id-err-${field}`, class: 'id-field-err', 'aria-live': 'polite' });
  const slots = new Map<FieldName, HTMLElement>();
  const slot = (field: FieldName): HTMLElement => {
    let s = slots.get(field);
    if (!s) {
      s = errSlot(field);
      slots.set(field, s);
    }
    return s;
  };
  const generalSlot = h('div', { class: 'id-form-out', 'aria-live': 'polite' });

  const purpose = h('input', {
    id: 'id-purpose', name: 'purpose', type: 'text', required: true, maxlength: 200, autocomplete: 'off',
    'aria-describedby': 'id-purpose-hint id-err-purpose', 'data-testid': 'identity-purpose',
  });
  purpose.value = memo.purpose;

  const radio = (name: string, value: string, checked: boolean, testid: string, label: MsgSource): [HTMLInputElement, HTMLElement] => {
    const input = h('input', { type: 'radio', name, value, id: `id-${name}-${value}`, checked, 'data-testid': testid });
    return [input, h('label', { class: 'radio', for: `id-${name}-${value}` }, input, tx(label))];
  };
  const [srcReader, srcReaderLabel] = radio('source', 'reader', memo.source === 'reader', 'identity-source-reader', T.sourceReader);
  const [srcDump, srcDumpLabel] = radio('source', 'dump', memo.source === 'dump', 'identity-source-dump', T.sourceDump);
  const [accMrz, accMrzLabel] = radio('access', 'mrz', memo.access === 'mrz', 'identity-access-mrz', T.accessMrz);
  const [accCan, accCanLabel] = radio('access', 'can', memo.access === 'can', 'identity-access-can', T.accessCan);

  const readerSel = h('select', { id: 'id-reader', name: 'reader', 'aria-describedby': 'id-err-reader', 'data-testid': 'identity-reader', disabled: true },
    h('option', { value: '' }, tx(T.readersLoading)));
  const readerNote = h('div', { 'data-testid': 'identity-readers-note' });
  const readersRefresh = h('button', { type: 'button', class: 'secondary small-btn', 'data-testid': 'identity-readers-refresh' }, tx(T.refreshReaders));

  const textInput = (id: string, testid: string, opts: { numeric?: boolean; describedby: string }): HTMLInputElement =>
    h('input', {
      id, type: 'text', autocomplete: 'off', spellcheck: 'false', class: 'mono', inputmode: opts.numeric ? 'numeric' : undefined,
      'aria-describedby': opts.describedby, 'data-testid': testid,
    });
  const doc = textInput('id-doc', 'identity-doc', { describedby: 'id-err-document_number id-err-mrz' });
  doc.maxLength = 22;
  const dob = textInput('id-dob', 'identity-dob', { numeric: true, describedby: 'id-date-hint id-err-date_of_birth id-err-mrz' });
  const exp = textInput('id-expiry', 'identity-expiry', { numeric: true, describedby: 'id-date-hint id-err-date_of_expiry id-err-mrz' });
  const can = textInput('id-can', 'identity-can', { numeric: true, describedby: 'id-can-hint id-err-can' });
  dob.placeholder = 'YYMMDD';
  exp.placeholder = 'YYMMDD';
  for (const el of [dob, exp, can]) {
    el.addEventListener('input', () => {
      const d = digitsOnly(el.value);
      if (d !== el.value) el.value = d;
    });
  }
  const prefillNote = h('p', { class: 'small muted id-prefilled', hidden: true, 'data-testid': 'identity-prefilled' }, tx(T.prefilled));

  // The native file input is hidden behind a button of our own: its "No file chosen" follows the browser's language.
  const filesInput = h('input', {
    id: 'id-files', type: 'file', multiple: true, accept: '.bin,.der,.dat', class: 'visually-hidden',
    'aria-labelledby': 'id-files-label', 'aria-describedby': 'id-files-hint id-err-files', 'data-testid': 'identity-files',
  });
  const filesList = h('ul', { class: 'id-file-list', 'data-testid': 'identity-file-list' });
  const filesClear = h('button', { type: 'button', class: 'secondary small-btn', 'data-testid': 'identity-files-clear', hidden: true }, tx(T.clearFiles));

  const submitLabel = h('span', {}, tx(T.submit));
  const submit = h('button', { type: 'submit', 'data-testid': 'identity-submit' }, submitLabel);

  const field = (id: string, label: MsgSource, control: HTMLElement, err: FieldName, hint?: HTMLElement): HTMLElement =>
    h('div', { class: 'field' }, h('label', { for: id }, tx(label)), control, hint ?? null, slot(err));

  const mrzPart = h('div', { class: 'id-mrz-part', 'data-testid': 'identity-mrz-part' },
    h('div', { class: 'grid-3' },
      field('id-doc', T.documentNumber, doc, 'document_number'),
      field('id-dob', T.dateOfBirth, dob, 'date_of_birth'),
      field('id-expiry', T.dateOfExpiry, exp, 'date_of_expiry')),
    h('p', { id: 'id-date-hint', class: 'small muted' }, tx(T.dateHint)),
    slot('mrz'),
  );
  const canPart = h('div', { class: 'id-can-part', 'data-testid': 'identity-can-part' },
    field('id-can', T.can, can, 'can', h('span', { id: 'id-can-hint', class: 'small muted' }, tx(T.canHint))));
  const readerPart = h('div', { class: 'id-reader-part', 'data-testid': 'identity-reader-part' },
    h('div', { class: 'field' },
      h('label', { for: 'id-reader' }, tx(T.reader)),
      h('div', { class: 'id-inline' }, readerSel, readersRefresh),
      prefillNote,
      readerNote,
      slot('reader')),
    h('fieldset', { class: 'id-set' },
      h('legend', {}, tx(T.access)),
      h('div', { class: 'radio-row' }, accMrzLabel, accCanLabel)),
    mrzPart,
    canPart,
  );
  const dumpPart = h('div', { class: 'id-dump-part', 'data-testid': 'identity-dump-part' },
    h('div', { class: 'field' },
      h('span', { id: 'id-files-label', class: 'id-label' }, tx(T.files)),
      h('div', {}, h('label', { class: 'btn secondary id-file-pick' }, filesInput, tx(T.chooseFiles))),
      h('span', { id: 'id-files-hint', class: 'small muted' }, tx(T.filesHint)),
      filesList,
      h('div', {}, filesClear),
      slot('files')),
  );

  const form = h('form', { class: 'card id-form', novalidate: true, 'aria-labelledby': 'id-request-title', 'data-testid': 'identity-form' },
    h('h2', { id: 'id-request-title' }, tx(T.requestTitle)),
    h('div', { class: 'field id-purpose' },
      h('label', { for: 'id-purpose' }, tx(T.purpose)),
      purpose,
      h('span', { id: 'id-purpose-hint', class: 'small muted' }, tx(T.purposeHint)),
      slot('purpose')),
    h('fieldset', { class: 'id-set' },
      h('legend', {}, tx(T.source)),
      h('div', { class: 'radio-row' }, srcReaderLabel, srcDumpLabel),
      slot('source')),
    readerPart,
    dumpPart,
    generalSlot,
    h('div', { class: 'form-actions' }, submit),
  );

  const source = (): Source => (srcDump.checked ? 'dump' : 'reader');
  const access = (): AccessKind => (accCan.checked ? 'can' : 'mrz');
  const showParts = (): void => {
    readerPart.hidden = source() !== 'reader';
    dumpPart.hidden = source() !== 'dump';
    mrzPart.hidden = access() !== 'mrz';
    canPart.hidden = access() !== 'can';
    memo.source = source();
    memo.access = access();
  };
  for (const r of [srcReader, srcDump, accMrz, accCan]) r.addEventListener('change', showParts);
  showParts();

  // ---- readers ----
  const applyPrefill = (): void => {
    const r = readers.find((x) => x.id === readerSel.value);
    const d = r?.demo_access ?? null;
    if (d) {
      doc.value = d.document_number;
      dob.value = d.date_of_birth;
      exp.value = d.date_of_expiry;
      can.value = d.can;
      prefilled = { doc: d.document_number, dob: d.date_of_birth, exp: d.date_of_expiry, can: d.can };
    } else if (prefilled) {
      // Another (real) reader: the simulated card's data goes, what the officer typed stays.
      if (doc.value === prefilled.doc) doc.value = '';
      if (dob.value === prefilled.dob) dob.value = '';
      if (exp.value === prefilled.exp) exp.value = '';
      if (can.value === prefilled.can) can.value = '';
      prefilled = null;
    }
    prefillNote.hidden = !d;
  };
  readerSel.addEventListener('change', () => {
    memo.reader = readerSel.value || null;
    applyPrefill();
  });

  const loadReaders = async (): Promise<void> => {
    readersRefresh.disabled = true;
    readerSel.disabled = true;
    replace(readerSel, h('option', { value: '' }, tx(T.readersLoading)));
    replace(readerNote);
    try {
      const r = await client.readers();
      if (!alive) return;
      readers = r.readers;
      if (readers.length === 0) {
        replace(readerSel, h('option', { value: '' }, tx(T.noReaders)));
      } else {
        replace(readerSel, readers.map((x) =>
          h('option', { value: x.id, 'data-kind': x.kind },
            tx(m(`${x.label_vi} (${x.kind === 'software' ? T.kindSoftware.vi : x.kind === 'pcsc' ? T.kindPcsc.vi : x.kind})`,
              `${x.label_en} (${x.kind === 'software' ? T.kindSoftware.en : x.kind === 'pcsc' ? T.kindPcsc.en : x.kind})`)))));
        readerSel.value = defaultReader(readers, memo.reader);
        readerSel.disabled = false;
      }
      if (r.pcscError) {
        replace(readerNote, h('p', { class: 'notice warn small', 'data-testid': 'identity-pcsc-error' },
          tx(T.pcscError), ' ', h('span', { lang: 'en' }, r.pcscError)));
      }
      applyPrefill();
    } catch (e) {
      if (!alive) return;
      readers = [];
      replace(readerSel, h('option', { value: '' }, tx(T.noReaders)));
      replace(readerNote, problemView(e, 'identity-readers-error'));
    } finally {
      readersRefresh.disabled = false;
    }
  };
  readersRefresh.addEventListener('click', () => void loadReaders());

  // ---- dump files ----
  const renderFiles = (): void => {
    filesClear.hidden = chosenFiles.length === 0;
    if (chosenFiles.length === 0) {
      replace(filesList, h('li', { class: 'muted small' }, tx(T.noFiles)));
      return;
    }
    const plan = planDump(chosenFiles.map((f) => ({ name: f.name, size: f.size })));
    replace(filesList, plan.map((e, i) => {
      const rm = h('button', { type: 'button', class: 'secondary small-btn', 'data-testid': `identity-file-remove-${i}` }, tx(T.remove));
      tattr(rm, 'aria-label', T.removeFile(e.name));
      rm.addEventListener('click', () => {
        chosenFiles.splice(i, 1);
        renderFiles();
        (filesList.querySelector<HTMLButtonElement>('button') ?? filesInput).focus();
      });
      const bad = blocksDump(e.status);
      return h('li', {
        class: `id-file id-file-${e.status}${bad ? ' bad' : ''}`, 'data-testid': `identity-file-${i}`, 'data-status': e.status,
        'data-chip': e.chip ?? undefined,
      },
      h('span', { class: 'mono id-file-name' }, e.name),
      e.chip && e.chip !== e.name ? h('span', { class: 'small muted' }, ` → ${e.chip}`) : null,
      h('span', { class: 'small muted' }, tx(sizeMsg(e.size))),
      e.status === 'send' ? null : h('span', { class: bad ? 'field-error small' : 'small muted' }, tx(fileStatusMsg(e.status))),
      rm);
    }));
  };
  filesInput.addEventListener('change', () => {
    for (const f of Array.from(filesInput.files ?? [])) {
      const at = chosenFiles.findIndex((c) => c.name === f.name);
      if (at >= 0) chosenFiles[at] = f; // the same name chosen again: the newer file
      else chosenFiles.push(f);
    }
    filesInput.value = '';
    clearErrors();
    renderFiles();
  });
  filesClear.addEventListener('click', () => {
    chosenFiles = [];
    renderFiles();
    filesInput.focus();
  });
  renderFiles();

  // ---- errors ----
  const controls: Partial<Record<FieldName, HTMLElement[]>> = {
    purpose: [purpose],
    reader: [readerSel],
    document_number: [doc],
    date_of_birth: [dob],
    date_of_expiry: [exp],
    mrz: [doc, dob, exp],
    can: [can],
    files: [filesInput],
    source: [srcReader],
  };
  const visible = (f: FieldName): boolean => {
    if (f === 'reader' || f === 'mrz' || f === 'document_number' || f === 'date_of_birth' || f === 'date_of_expiry' || f === 'can') {
      if (source() !== 'reader') return false;
      if (f === 'can') return access() === 'can';
      if (f !== 'reader') return access() === 'mrz';
    }
    if (f === 'files') return source() === 'dump';
    return true;
  };
  const clearErrors = (): void => {
    for (const s of slots.values()) replace(s);
    replace(generalSlot);
    for (const el of form.querySelectorAll('[aria-invalid]')) el.removeAttribute('aria-invalid');
  };
  const markInvalid = (f: FieldName): HTMLElement | null => {
    const els = controls[f] ?? [];
    for (const el of els) el.setAttribute('aria-invalid', 'true');
    return els[0] ?? null;
  };
  const showFieldProblems = (problems: FieldProblem[]): void => {
    let first: HTMLElement | null = null;
    for (const p of problems) {
      replace(slot(p.field), h('p', { class: 'field-error', 'data-testid': `identity-invalid-${p.field}` }, tx(fieldProblemMsg(p))));
      const el = markInvalid(p.field);
      first ??= el;
    }
    first?.focus();
  };
  /** A problem from the server, next to the field it names (or above the button when it names none shown). */
  const showProblem = (e: unknown): void => {
    let f = e instanceof ApiError ? problemField(e.problem.field) : null;
    if (e instanceof ApiError && !f && needsPurpose(e)) f = 'purpose';
    const target = f && visible(f) ? slot(f) : generalSlot;
    const view = problemView(e, 'identity-error');
    if (f) view.dataset['field'] = f;
    replace(target, view);
    const el = f && visible(f) ? markInvalid(f) : null;
    (el ?? submit).focus();
  };

  // ---- verify ----
  const reportCard = h('section', { class: 'card id-report-card', hidden: true, 'aria-labelledby': 'id-report-title', 'data-testid': 'identity-result' },
    h('h2', { id: 'id-report-title', tabindex: '-1' }, tx(T.reportTitle)));
  const reportSlot = h('div', {});
  /** Counts the reports shown (data-seq), so that a test can tell a new report from the one before. */
  let reportSeq = 0;
  reportCard.append(reportSlot);
  const setBusy = (on: boolean): void => {
    busy = on;
    submit.disabled = on;
    form.setAttribute('aria-busy', String(on));
    replace(submitLabel, tx(on ? (source() === 'dump' ? T.submittingDump : T.submitting) : T.submit));
  };

  /** The chosen files that will be sent, read as base64 (null for a file that could not be read). */
  const readFiles = async (): Promise<{ name: string; size: number; base64: string | null }[]> => {
    const plan = planDump(chosenFiles.map((f) => ({ name: f.name, size: f.size })));
    return Promise.all(chosenFiles.map(async (f, i) => {
      if (plan[i]!.status !== 'send') return { name: f.name, size: f.size, base64: null };
      try {
        return { name: f.name, size: f.size, base64: bytesToBase64(await f.arrayBuffer()) };
      } catch {
        return { name: f.name, size: f.size, base64: null };
      }
    }));
  };

  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    if (busy) return;
    clearErrors();
    void (async () => {
      setBusy(true);
      try {
        const files = source() === 'dump' ? await readFiles() : [];
        if (!alive) return;
        const req = buildVerifyRequest({
          purpose: purpose.value, source: source(), reader: readerSel.value, access: access(),
          documentNumber: doc.value, dateOfBirth: dob.value, dateOfExpiry: exp.value, can: can.value, files,
        });
        if (!req.ok) {
          showFieldProblems(req.problems);
          return;
        }
        memo.purpose = req.purpose;
        abort = new AbortController();
        const report = await client.verify(req.body, req.purpose, abort.signal);
        if (!alive) return;
        replace(reportSlot, reportView(report));
        reportCard.dataset['seq'] = String(++reportSeq);
        reportCard.hidden = false;
        reportCard.querySelector<HTMLElement>('h2')?.focus();
        void loadHistory();
      } catch (e) {
        if (!alive || (e instanceof DOMException && e.name === 'AbortError')) return;
        showProblem(e);
      } finally {
        abort = null;
        if (alive) setBusy(false);
      }
    })();
  });
  purpose.addEventListener('change', () => {
    if (isPurposeValid(purpose.value)) memo.purpose = purpose.value.trim();
  });

  // ---- history ----
  const historyBody = h('div', { 'data-testid': 'identity-history-body' }, loadingView());
  let historySeq = 0;
  const historyRow = (v: HistoryRow): HTMLTableRowElement =>
    h('tr', { 'data-testid': 'identity-history-row', 'data-id': v.id, 'data-verdict': v.verdict },
      h('td', { class: 'num' }, String(v.id)),
      h('td', { class: 'nowrap' }, h('time', { datetime: v.created_at }, tx(timeMsg(v.created_at)))),
      h('td', {}, v.officer),
      h('td', { class: 'wrap' }, v.purpose),
      h('td', {}, h('span', { class: `id-badge id-badge-${verdictTone(v.verdict)}`, 'data-verdict': v.verdict }, tx(verdictLabel(v.verdict)))),
      h('td', { class: 'mono nowrap' }, v.document || '—'),
      h('td', { class: 'small mono' }, v.access_control || '—'),
      h('td', { class: 'small' }, v.reader || '—'),
    );
  const loadHistory = async (): Promise<void> => {
    const mine = ++historySeq;
    const p = isPurposeValid(purpose.value) ? purpose.value.trim() : memo.purpose;
    try {
      const rows = await client.history(HISTORY_LIMIT, p);
      if (!alive || mine !== historySeq) return;
      if (rows.length === 0) {
        replace(historyBody, h('p', { class: 'muted', 'data-testid': 'identity-history-empty' }, tx(T.historyEmpty)));
        return;
      }
      replace(historyBody, h('div', { class: 'table-wrap' },
        h('table', { class: 'audit-table id-history' },
          h('thead', {}, h('tr', {},
            [T.no_, T.when, T.officer, T.purpose, T.verdict, T.document, T.accessControl, T.reader].map((c) => h('th', { scope: 'col' }, tx(c))))),
          h('tbody', {}, rows.map(historyRow)))));
    } catch (e) {
      if (!alive || mine !== historySeq) return;
      if (needsPurpose(e)) replace(historyBody, h('p', { class: 'muted', 'data-testid': 'identity-history-needs-purpose' }, tx(T.historyNeedsPurpose)));
      else replace(historyBody, problemView(e, 'identity-history-error'));
    }
  };
  const history = h('section', { class: 'card', 'aria-labelledby': 'id-history-title', 'data-testid': 'identity-history' },
    h('div', { class: 'section-head' },
      h('h2', { id: 'id-history-title' }, tx(T.historyTitle)),
      refreshButton(() => void loadHistory())),
    h('p', { class: 'small muted' }, tx(T.historyLead)),
    historyBody,
  );

  void loadReaders();
  void loadHistory();

  const el = h('div', { class: 'page identity', 'data-testid': 'page-identity' },
    pageHeading(T.title),
    h('p', { class: 'id-lead' }, tx(T.lead)),
    form,
    reportCard,
    history,
  );

  return {
    el,
    title: T.title,
    destroy: () => {
      alive = false;
      abort?.abort();
    },
  };
}
