// The report of one verification: the verdict in a large banner (green only for a genuine card) with the server's
// sentence and reasoning, the portrait beside the holder's fields, the MRZ, every check grouped by category, the
// reader session with the chip proofs (CA, AA), the files read and the certificates. Texts the server writes in
// English only (reasoning, details, steps) are marked lang="en".

import { h } from '../../../shared/dom.ts';
import { m, tattr, tx, type MsgSource } from '../../../shared/i18n.ts';
import { timeMsg } from '../../../shared/format.ts';
import {
  accessControlLabel,
  categoryLabel,
  checkCounts,
  checkMark,
  checkState,
  faceDataUrl,
  groupChecks,
  holderRows,
  proofState,
  verdictClass,
  verdictIcon,
  verdictLabel,
  verdictSentence,
  type Check,
  type Proof,
  type Report,
} from './logic.ts';
import { T, checkStateMsg, proofStateMsg, sizeMsg } from './text.ts';

export function verdictBanner(r: Report): HTMLElement {
  return h('div', { class: verdictClass(r.verdict), 'data-testid': 'identity-verdict', 'data-verdict': r.verdict },
    h('span', { class: 'id-verdict-icon', 'aria-hidden': 'true' }, verdictIcon(r.verdict)),
    h('div', { class: 'id-verdict-body' },
      h('p', { class: 'id-verdict-label', 'data-testid': 'identity-verdict-label' }, tx(verdictLabel(r.verdict))),
      h('p', { class: 'id-verdict-sentence', 'data-testid': 'identity-verdict-sentence' }, tx(verdictSentence(r))),
      r.reasoning.length
        ? h('details', { class: 'id-reasoning', open: true },
          h('summary', {}, tx(T.reasoning)),
          h('ol', { lang: 'en', 'data-testid': 'identity-reasoning' }, r.reasoning.map((s) => h('li', {}, s))))
        : null,
    ),
  );
}

function fact(label: MsgSource, value: Node | string | null, testid?: string): HTMLElement | null {
  if (value === null || value === '') return null;
  return h('div', { class: 'fact' }, h('dt', {}, tx(label)), h('dd', { 'data-testid': testid }, value));
}

function holderSection(r: Report): HTMLElement {
  const name = r.holder.full_name;
  let photo: HTMLElement;
  const faces = r.faces.map((f) => ({ f, src: faceDataUrl(f.png_base64) })).filter((x) => x.src !== null);
  if (r.faces_withheld) {
    photo = h('p', { class: 'notice warn id-photo-note', 'data-testid': 'identity-faces-withheld' }, tx(T.facesWithheld));
  } else if (faces.length === 0) {
    photo = h('p', { class: 'muted id-photo-note', 'data-testid': 'identity-no-photo' }, tx(T.noPhoto));
  } else {
    photo = h('div', { class: 'id-photos' }, faces.map(({ f, src }, i) => {
      const img = h('img', {
        src: src!, class: 'id-photo', 'data-testid': i === 0 ? 'identity-photo' : `identity-photo-${i}`,
        width: f.width > 0 ? f.width : undefined, height: f.height > 0 ? f.height : undefined, draggable: 'false',
      });
      tattr(img, 'alt', T.photoAlt(name));
      return h('figure', { class: 'id-photo-figure' }, img,
        f.source_format ? h('figcaption', { class: 'small muted' }, f.source_format) : null);
    }));
  }
  const rows = holderRows(r.holder);
  const facts = rows.length
    ? h('dl', { class: 'facts id-holder-facts', 'data-testid': 'identity-holder' }, rows.map((row) =>
      h('div', { class: 'fact', 'data-field': row.key },
        h('dt', {}, tx(row.label)),
        h('dd', { 'data-testid': `identity-holder-${row.key}`, class: row.key === 'personal_number' || row.key.includes('number') ? 'mono' : undefined }, row.value))))
    : h('p', { class: 'muted', 'data-testid': 'identity-holder' }, tx(T.noHolder));
  return h('section', { class: 'id-section', 'aria-labelledby': 'id-holder-title' },
    h('h3', { id: 'id-holder-title' }, tx(T.holder)),
    h('div', { class: 'id-holder' },
      h('div', { class: 'id-photo-col' }, photo),
      h('div', { class: 'id-holder-col' },
        facts,
        r.holder.mrz_lines.length
          ? [h('h4', {}, tx(T.mrz)), h('pre', { class: 'id-mrz mono', 'data-testid': 'identity-mrz', translate: 'no' }, r.holder.mrz_lines.join('\n'))]
          : null,
      ),
    ),
  );
}

function checkRow(c: Check): HTMLTableRowElement {
  const state = checkState(c);
  return h('tr', {
    class: `id-check id-check-${state}`, 'data-testid': 'identity-check', 'data-check-id': c.id,
    'data-passed': String(c.passed), 'data-informational': String(c.informational), 'data-category': c.category,
  },
  h('td', { class: 'id-mark' },
    h('span', { 'aria-hidden': 'true' }, checkMark(c)),
    h('span', { class: 'visually-hidden' }, tx(checkStateMsg(state)))),
  h('td', { class: 'id-check-title' }, tx(m(c.title_vi, c.title_en)), h('div', { class: 'small muted mono' }, c.id)),
  h('td', { class: 'id-check-detail small', lang: 'en' }, c.detail),
  );
}

function checksSection(r: Report): HTMLElement {
  const n = checkCounts(r.checks);
  const groups = groupChecks(r.checks);
  return h('section', { class: 'id-section', 'aria-labelledby': 'id-checks-title', 'data-testid': 'identity-checks' },
    h('div', { class: 'section-head' },
      h('h3', { id: 'id-checks-title' }, tx(T.checks)),
      h('span', { class: 'small', 'data-testid': 'identity-check-counts', 'data-passed': n.passed, 'data-failed': n.failed, 'data-info': n.info },
        tx(T.checkCounts(n.passed, n.failed, n.info)))),
    groups.length === 0 ? h('p', { class: 'muted' }, tx(T.noChecks)) : groups.map((g) =>
      h('div', { class: 'id-check-group', 'data-category': g.category },
        h('h4', {}, tx(categoryLabel(g.category))),
        h('div', { class: 'table-wrap' },
          h('table', { class: 'id-checks' },
            h('thead', {}, h('tr', {},
              h('th', { scope: 'col', class: 'id-mark' }, tx(T.result)),
              h('th', { scope: 'col' }, tx(T.check)),
              h('th', { scope: 'col' }, tx(T.detail)))),
            h('tbody', {}, g.checks.map(checkRow)))))),
  );
}

function proofView(label: MsgSource, p: Proof, testid: string): HTMLElement {
  const state = proofState(p);
  return h('div', { class: `id-proof id-proof-${state}`, 'data-testid': testid, 'data-state': state },
    h('p', { class: 'id-proof-head' }, h('strong', {}, tx(label)), ': ', tx(proofStateMsg(state))),
    p.protocol ? h('p', { class: 'small' }, tx(T.protocol), ': ', h('span', { class: 'mono' }, p.protocol)) : null,
    p.detail ? h('p', { class: 'small muted', lang: 'en' }, p.detail) : null,
  );
}

function sessionSection(r: Report): HTMLElement {
  const s = r.session;
  return h('section', { class: 'id-section', 'aria-labelledby': 'id-session-title', 'data-testid': 'identity-session' },
    h('h3', { id: 'id-session-title' }, tx(T.session)),
    h('dl', { class: 'facts' },
      fact(T.live, tx(s.live ? T.yes : T.no), 'identity-session-live'),
      fact(T.reader, s.reader, 'identity-session-reader'),
      fact(T.accessControl, h('span', { class: 'mono' }, tx(accessControlLabel(s.access_control))), 'identity-session-access'),
    ),
    h('h4', {}, tx(T.steps)),
    s.steps.length
      ? h('ol', { class: 'id-steps small', lang: 'en', 'data-testid': 'identity-steps' }, s.steps.map((x) => h('li', {}, x)))
      : h('p', { class: 'small muted' }, tx(T.noSteps)),
    h('div', { class: 'id-proofs' },
      proofView(T.ca, s.chip_authentication, 'identity-ca'),
      proofView(T.aa, s.active_authentication, 'identity-aa')),
  );
}

function filesSection(r: Report): HTMLElement {
  return h('section', { class: 'id-section', 'aria-labelledby': 'id-files-title' },
    h('h3', { id: 'id-files-title' }, tx(T.filesRead)),
    r.files.length
      ? h('ul', { class: 'chips', 'data-testid': 'identity-files-read' }, r.files.map((f) =>
        h('li', { class: 'chip', 'data-file': f.name }, h('span', { class: 'mono' }, f.name), ' ', h('span', { class: 'chip-state' }, tx(sizeMsg(f.size))))))
      : h('p', { class: 'small muted' }, tx(T.noFilesRead)),
    h('dl', { class: 'facts id-certs' },
      fact(T.signer, h('span', { class: 'mono' }, r.document_signer || '—'), 'identity-signer'),
      fact(T.csca, h('span', { class: 'mono' }, r.csca || '—'), 'identity-csca'),
    ),
  );
}

/** The whole report. */
export function reportView(r: Report): HTMLElement {
  return h('div', { class: 'id-report', 'data-testid': 'identity-report', 'data-verdict': r.verdict, 'data-id': r.id ?? '' },
    verdictBanner(r),
    h('p', { class: 'id-meta small muted' },
      r.id !== null ? h('span', { 'data-testid': 'identity-report-id' }, tx(T.verificationNo(r.id))) : null,
      r.id !== null && r.verified_at ? ' · ' : null,
      r.verified_at ? h('time', { datetime: r.verified_at, 'data-testid': 'identity-verified-at' }, tx(timeMsg(r.verified_at))) : null,
    ),
    holderSection(r),
    checksSection(r),
    sessionSection(r),
    filesSection(r),
  );
}
