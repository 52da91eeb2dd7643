// Audit log (auditor, admin): the newest entries, newest first, with new ones prepended as they arrive on
// the "audit" topic; chain verification and NDJSON export for auditors.

import { h, replace } from '../../shared/dom.ts';
import { tattr, tx } from '../../shared/i18n.ts';
import { timeMsg } from '../../shared/format.ts';
import { problemView } from '../../shared/problem.ts';
import { M } from '../messages.ts';
import { knownPurpose, loadingView, loadWithPurpose, pageHeading, refreshButton, brief, type Ctx, type Page } from '../page.ts';
import { canVerifyAudit } from '../roles.ts';

export interface AuditEntry {
  seq: number;
  at: string;
  actor: string;
  role: string;
  action: string;
  target: string;
  purpose: string;
  source_ip: string;
  request_id: string;
  detail: unknown;
  prev_hash: string;
  hash: string;
}

interface VerifyResult {
  ok: boolean;
  entries: number;
  head_seq: number;
  head_hash: string;
  first_bad_seq: number | null;
  problem: string | null;
}

const PURPOSE_KEY = 'audit';
const MAX_ROWS = 500;

export function auditPage(ctx: Ctx): Page {
  let alive = true;
  let tbody: HTMLTableSectionElement | null = null;
  const seen = new Set<number>();
  const pending: AuditEntry[] = [];
  const body = h('div', {}, loadingView());
  const verifyOut = h('div', { 'aria-live': 'polite' });

  const addLive = (entry: AuditEntry): void => {
    if (typeof entry.seq !== 'number' || seen.has(entry.seq)) return;
    if (!tbody) {
      pending.push(entry);
      return;
    }
    seen.add(entry.seq);
    const row = entryRow(entry);
    row.classList.add('fresh');
    tbody.prepend(row);
    while (tbody.rows.length > MAX_ROWS) tbody.deleteRow(-1);
    body.querySelector('.empty')?.remove();
  };

  const off = ctx.live.onEvent((item) => {
    if (item.topic === 'audit' && item.data && typeof item.data === 'object') addLive(item.data as AuditEntry);
  });

  const load = async (): Promise<void> => {
    tbody = null;
    seen.clear();
    replace(body, loadingView());
    try {
      const res = await loadWithPurpose(body, PURPOSE_KEY, (purpose) =>
        ctx.api.json<{ items: AuditEntry[] }>('/api/v1/audit?order=desc&limit=100', { purpose }),
      );
      if (!alive) return;
      const items = Array.isArray(res.items) ? res.items : [];
      tbody = h('tbody', {});
      for (const e of items) {
        if (seen.has(e.seq)) continue;
        seen.add(e.seq);
        tbody.append(entryRow(e));
      }
      replace(body, auditTable(tbody), items.length === 0 ? h('p', { class: 'muted empty' }, tx(M.noEntries)) : null);
      // Entries that arrived live while the list was loading, oldest first so the newest ends on top.
      pending.sort((a, b) => a.seq - b.seq).splice(0).forEach(addLive);
    } catch (e) {
      if (alive) replace(body, problemView(e));
    }
  };

  const actions: Node[] = [refreshButton(() => void load())];
  if (canVerifyAudit(ctx.user.role)) {
    actions.unshift(verifyButton(ctx, verifyOut), exportLink(ctx, verifyOut));
  }
  void load();

  const el = h(
    'div',
    { class: 'page audit', 'data-testid': 'page-audit' },
    pageHeading(M.auditTitle, ...actions),
    h('p', { class: 'muted' }, tx(M.auditLead)),
    verifyOut,
    h('section', { class: 'card flush' }, body),
  );
  return {
    el,
    title: M.auditTitle,
    destroy: () => {
      alive = false;
      off();
    },
  };
}

function auditTable(tbody: HTMLTableSectionElement): HTMLElement {
  return h('div', { class: 'table-wrap' },
    h('table', { class: 'audit-table', 'data-testid': 'audit-table' },
      h('thead', {}, h('tr', {},
        h('th', { scope: 'col' }, tx(M.seq)),
        h('th', { scope: 'col' }, tx(M.at)),
        h('th', { scope: 'col' }, tx(M.actor)),
        h('th', { scope: 'col' }, tx(M.action)),
        h('th', { scope: 'col' }, tx(M.target)),
        h('th', { scope: 'col' }, tx(M.purpose)),
        h('th', { scope: 'col' }, tx(M.sourceIp)),
        h('th', { scope: 'col' }, tx(M.detail)),
      )),
      tbody,
    ),
  );
}

function entryRow(e: AuditEntry): HTMLTableRowElement {
  const detail = brief(e.detail, 120);
  return h('tr', { 'data-seq': e.seq },
    h('td', { class: 'num' }, String(e.seq)),
    h('td', { class: 'nowrap' }, h('time', { datetime: e.at }, tx(timeMsg(e.at)))),
    h('td', {}, e.actor || '—', e.role ? h('div', { class: 'small muted mono' }, e.role) : null),
    h('td', {}, h('code', {}, e.action)),
    h('td', { class: 'wrap' }, e.target || ''),
    h('td', { class: 'wrap' }, e.purpose || ''),
    h('td', { class: 'nowrap' }, h('code', {}, e.source_ip || '')),
    h('td', { class: 'wrap small', title: `request_id: ${e.request_id ?? ''}\nhash: ${e.hash ?? ''}\nprev_hash: ${e.prev_hash ?? ''}` },
      detail),
  );
}

function verifyButton(ctx: Ctx, out: HTMLElement): HTMLButtonElement {
  const label = h('span', {}, tx(M.verify));
  const btn = h('button', { type: 'button', 'data-testid': 'audit-verify' }, label);
  btn.addEventListener('click', async () => {
    btn.disabled = true;
    replace(label, tx(M.verifying));
    replace(out);
    try {
      const r = await ctx.api.json<VerifyResult>('/api/v1/audit/verify');
      replace(
        out,
        r.ok
          ? h('p', { class: 'notice ok', 'data-testid': 'audit-verify-result', 'data-ok': 'true' },
              tx(M.verifyOk(r.entries, r.head_seq)))
          : h('div', { class: 'notice warn', role: 'alert', 'data-testid': 'audit-verify-result', 'data-ok': 'false' },
              h('p', {}, tx(M.verifyBad(r.first_bad_seq ?? '?'))),
              r.problem ? h('p', {}, r.problem) : null,
            ),
      );
    } catch (e) {
      replace(out, problemView(e));
    } finally {
      btn.disabled = false;
      replace(label, tx(M.verify));
    }
  });
  return btn;
}

/** A real link to the export; clicking it downloads with the bearer token (fetch + blob). */
function exportLink(ctx: Ctx, out: HTMLElement): HTMLAnchorElement {
  const label = h('span', {}, tx(M.exportLog));
  const a = h('a', { href: '/api/v1/audit/export', class: 'btn secondary', 'data-testid': 'audit-export' }, label);
  tattr(a, 'title', M.exportLog);
  let busy = false;
  a.addEventListener('click', async (ev) => {
    ev.preventDefault();
    if (busy) return;
    busy = true;
    a.setAttribute('aria-busy', 'true');
    replace(label, tx(M.exporting));
    try {
      const res = await ctx.api.raw('/api/v1/audit/export', {
        accept: 'application/x-ndjson',
        purpose: knownPurpose(PURPOSE_KEY),
      });
      const blob = await res.blob();
      const url = URL.createObjectURL(blob);
      const tmp = h('a', { href: url, download: fileName(res.headers.get('Content-Disposition')) });
      document.body.append(tmp);
      tmp.click();
      tmp.remove();
      window.setTimeout(() => URL.revokeObjectURL(url), 10000);
    } catch (e) {
      replace(out, problemView(e));
    } finally {
      busy = false;
      a.removeAttribute('aria-busy');
      replace(label, tx(M.exportLog));
    }
  });
  return a;
}

function fileName(disposition: string | null): string {
  const match = disposition ? /filename="?([^";]+)"?/i.exec(disposition) : null;
  if (match?.[1]) return match[1].replace(/[\\/]/g, '_');
  const stamp = new Date().toISOString().replace(/[:]/g, '').replace(/\..*$/, '');
  return `precinct-audit-${stamp}.ndjson`;
}
