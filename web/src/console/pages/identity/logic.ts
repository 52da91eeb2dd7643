// Pure rules of the chip ID card verification page (capability "identity", routes under /api/v1/identity): who may
// open it, how the purpose travels, the request built from the form (access keys checked, dump files named as the
// server names them), base64, the verdict's colour and label, the checks grouped by category, the holder's fields,
// the chip proofs, the history rows with masked numbers. No DOM and no imports, so `npm test` runs these in Node
// (test/identity.test.mjs).

/** A text in both languages (the shape of the console's Msg; this file has no imports). */
export interface Text2 {
  readonly vi: string;
  readonly en: string;
}

// ---- roles and live topics ----

export const IDENTITY_ROLES = ['clerk', 'investigator', 'supervisor', 'dispatcher'] as const;

export function isIdentityRole(role: string): boolean {
  return (IDENTITY_ROLES as readonly string[]).includes(role);
}

/** The page listens to no live topic: a verification is one request and its answer. */
export function identityTopics(_role: string): string[] {
  return [];
}

// ---- purpose ----

export const PURPOSE_MIN_BYTES = 3;
export const PURPOSE_MAX_BYTES = 200;

/** The server counts the purpose in bytes of UTF-8 (Vietnamese letters with diacritics take 2 or 3). */
export function purposeBytes(purpose: string): number {
  return new TextEncoder().encode(purpose.trim()).length;
}

export function isPurposeValid(purpose: string): boolean {
  const n = purposeBytes(purpose);
  return n >= PURPOSE_MIN_BYTES && n <= PURPOSE_MAX_BYTES;
}

/**
 * How a purpose goes to the server. Header values are read as Latin-1, so only printable ASCII goes in the header
 * X-Purpose (which keeps it out of the address, and so out of access logs); anything else goes as ?purpose=,
 * percent-encoded UTF-8, the way the other console pages send purposes.
 */
export function purposeTransport(purpose: string): { header: string } | { query: string } {
  const p = purpose.trim();
  return /^[\x20-\x7e]*$/.test(p) ? { header: p } : { query: p };
}

/** `path` with ?purpose= (or &purpose=) appended. */
export function withPurposeQuery(path: string, purpose: string): string {
  return `${path}${path.includes('?') ? '&' : '?'}purpose=${encodeURIComponent(purpose)}`;
}

// ---- readers ----

export interface DemoAccess {
  document_number: string;
  date_of_birth: string;
  date_of_expiry: string;
  can: string;
}

export interface Reader {
  id: string;
  kind: 'software' | 'pcsc' | string;
  label_vi: string;
  label_en: string;
  /** Software cards only: the access data of the simulated card. */
  demo_access: DemoAccess | null;
}

const str = (v: unknown): string => (typeof v === 'string' ? v : '');

/** GET /api/v1/identity/readers, read defensively: readers without an id are left out. */
export function parseReaders(raw: unknown): { readers: Reader[]; pcscError: string | null } {
  const o = (raw !== null && typeof raw === 'object' ? raw : {}) as Record<string, unknown>;
  const list = Array.isArray(o['readers']) ? o['readers'] : [];
  const readers: Reader[] = [];
  for (const r of list) {
    if (r === null || typeof r !== 'object') continue;
    const x = r as Record<string, unknown>;
    const id = str(x['id']);
    if (!id || readers.some((y) => y.id === id)) continue;
    const d = x['demo_access'];
    let demo: DemoAccess | null = null;
    if (d !== null && typeof d === 'object') {
      const a = d as Record<string, unknown>;
      demo = {
        document_number: str(a['document_number']),
        date_of_birth: str(a['date_of_birth']),
        date_of_expiry: str(a['date_of_expiry']),
        can: str(a['can']),
      };
    }
    const labelVi = str(x['label_vi']) || str(x['label_en']) || id;
    readers.push({ id, kind: str(x['kind']) || 'pcsc', label_vi: labelVi, label_en: str(x['label_en']) || labelVi, demo_access: demo });
  }
  const err = o['pcsc_error'];
  return { readers, pcscError: typeof err === 'string' && err.trim() ? err : null };
}

/** The reader to choose first: the one chosen before if still there, else a real (PC/SC) reader, else the first. */
export function defaultReader(readers: Reader[], previous: string | null): string {
  if (previous && readers.some((r) => r.id === previous)) return previous;
  return (readers.find((r) => r.kind === 'pcsc') ?? readers[0])?.id ?? '';
}

// ---- access keys ----

/** A date as the MRZ writes it: YYMMDD, a real day (29 February in years divisible by 4). */
export function isYymmdd(s: string): boolean {
  if (!/^\d{6}$/.test(s)) return false;
  const yy = Number(s.slice(0, 2));
  const mm = Number(s.slice(2, 4));
  const dd = Number(s.slice(4, 6));
  if (mm < 1 || mm > 12 || dd < 1) return false;
  const days = [31, yy % 4 === 0 ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][mm - 1]!;
  return dd <= days;
}

/** The card access number printed on the card: exactly 6 digits. */
export function isCan(s: string): boolean {
  return /^\d{6}$/.test(s);
}

/** A document number as typed: spaces and fillers (<) gone, letters in capitals. */
export function normalizeDocumentNumber(s: string): string {
  return s.replace(/[\s<]+/g, '').toUpperCase();
}

export function isDocumentNumber(s: string): boolean {
  return /^[A-Z0-9]{1,22}$/.test(s);
}

/** Digits only (what a date or CAN field keeps of what is typed or pasted: "92-03-15" → "920315"). */
export function digitsOnly(s: string): string {
  return s.replace(/\D+/g, '');
}

// ---- dump files ----

/**
 * The server's limit for a file of a dump: 1 MiB. (Its limit of 32 files cannot be reached: only 19 names stand for
 * chip files, two files for one name are refused here, and the others are not sent.)
 */
export const MAX_DUMP_FILE_BYTES = 1 << 20;

/**
 * The name the server gives an elementary file (EF_COM.bin, EF_SOD.bin, EF_CardAccess.bin, DG1.bin … DG16.bin),
 * from the names dumps use (also Datagroup1.bin, EF.COM, dg1.der; case-insensitive); null for any other name.
 */
export function chipFileName(name: string): string | null {
  let n = name.toLowerCase();
  for (const ext of ['.bin', '.der', '.dat']) {
    if (n.length > ext.length && n.endsWith(ext)) {
      n = n.slice(0, -ext.length);
      break;
    }
  }
  for (const prefix of ['ef_', 'ef.', 'ef']) {
    if (n.startsWith(prefix) && n.length > prefix.length) {
      n = n.slice(prefix.length);
      break;
    }
  }
  if (n === 'com') return 'EF_COM.bin';
  if (n === 'sod') return 'EF_SOD.bin';
  if (n === 'cardaccess' || n === 'card_access') return 'EF_CardAccess.bin';
  for (const prefix of ['datagroup', 'dg']) {
    if (!n.startsWith(prefix)) continue;
    const digits = n.slice(prefix.length);
    if (!/^\d{1,2}$/.test(digits)) return null;
    const k = Number(digits);
    return k >= 1 && k <= 16 ? `DG${k}.bin` : null;
  }
  return null;
}

/** Certificates, CRLs, master lists and notes kept beside a dump: not chip files, never sent. */
export function isCompanionFile(name: string): boolean {
  const n = name.toLowerCase();
  return ['.cer', '.crt', '.pem', '.crl', '.mls', '.txt', '.md', '.json'].some((e) => n.length > e.length && n.endsWith(e));
}

export type DumpFileStatus = 'send' | 'companion' | 'other' | 'too_large' | 'empty' | 'duplicate';

export interface DumpEntry {
  /** The name of the file chosen. */
  name: string;
  size: number;
  /** The elementary file it stands for (EF_SOD.bin, DG1.bin …), or null. */
  chip: string | null;
  status: DumpFileStatus;
}

/** Whether a status stops the request (the others are left out with a note). */
export function blocksDump(status: DumpFileStatus): boolean {
  return status === 'too_large' || status === 'empty' || status === 'duplicate';
}

/** What becomes of each chosen file: sent under its elementary name, left out, or in the way. */
export function planDump(files: readonly { name: string; size: number }[]): DumpEntry[] {
  const seen = new Map<string, number>();
  for (const f of files) {
    const chip = chipFileName(f.name);
    if (chip) seen.set(chip, (seen.get(chip) ?? 0) + 1);
  }
  return files.map((f) => {
    const chip = chipFileName(f.name);
    let status: DumpFileStatus;
    if (!chip) status = isCompanionFile(f.name) ? 'companion' : 'other';
    else if ((seen.get(chip) ?? 0) > 1) status = 'duplicate';
    else if (f.size > MAX_DUMP_FILE_BYTES) status = 'too_large';
    else if (f.size <= 0) status = 'empty';
    else status = 'send';
    return { name: f.name, size: f.size, chip, status };
  });
}

// ---- base64 ----

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/** Standard base64 (RFC 4648 §4, with padding) of bytes. */
export function bytesToBase64(data: ArrayBuffer | Uint8Array): string {
  const b = data instanceof Uint8Array ? data : new Uint8Array(data);
  const out: string[] = [];
  let i = 0;
  for (; i + 2 < b.length; i += 3) {
    const n = (b[i]! << 16) | (b[i + 1]! << 8) | b[i + 2]!;
    out.push(B64[(n >> 18) & 63]! + B64[(n >> 12) & 63]! + B64[(n >> 6) & 63]! + B64[n & 63]!);
  }
  const rest = b.length - i;
  if (rest === 1) {
    const n = b[i]! << 16;
    out.push(`${B64[(n >> 18) & 63]!}${B64[(n >> 12) & 63]!}==`);
  } else if (rest === 2) {
    const n = (b[i]! << 16) | (b[i + 1]! << 8);
    out.push(`${B64[(n >> 18) & 63]!}${B64[(n >> 12) & 63]!}${B64[(n >> 6) & 63]!}=`);
  }
  return out.join('');
}

/** A face from the report as an image address: PNG only (the page policy allows data: images). */
export function faceDataUrl(pngBase64: string): string | null {
  const s = pngBase64.replace(/\s+/g, '');
  if (!s || !/^[A-Za-z0-9+/]+={0,2}$/.test(s)) return null;
  return `data:image/png;base64,${s}`;
}

// ---- the request ----

export type Source = 'reader' | 'dump';
export type AccessKind = 'mrz' | 'can';

/** A field of the form; "mrz" is the three MRZ fields together (the chip refused them). */
export type FieldName = 'purpose' | 'source' | 'reader' | 'mrz' | 'document_number' | 'date_of_birth' | 'date_of_expiry' | 'can' | 'files';

export type FieldReason = 'required' | 'format' | 'date' | 'no_sod' | 'blocked' | 'unread';

export interface FieldProblem {
  field: FieldName;
  reason: FieldReason;
}

export interface VerifyForm {
  purpose: string;
  source: Source;
  reader: string;
  access: AccessKind;
  documentNumber: string;
  dateOfBirth: string;
  dateOfExpiry: string;
  can: string;
  /** The files chosen, with their content once read (base64). */
  files: readonly { name: string; size: number; base64?: string | null }[];
}

export type VerifyBody =
  | { reader: string; mrz: { document_number: string; date_of_birth: string; date_of_expiry: string } }
  | { reader: string; can: string }
  | { files: Record<string, string> };

export type VerifyRequest = { ok: true; body: VerifyBody; purpose: string } | { ok: false; problems: FieldProblem[] };

/** The body of POST /api/v1/identity/verifications from the form, or every field that is not right yet. */
export function buildVerifyRequest(form: VerifyForm): VerifyRequest {
  const problems: FieldProblem[] = [];
  const purpose = form.purpose.trim();
  if (!purpose) problems.push({ field: 'purpose', reason: 'required' });
  else if (!isPurposeValid(purpose)) problems.push({ field: 'purpose', reason: 'format' });

  let body: VerifyBody | null = null;
  if (form.source === 'reader') {
    const reader = form.reader.trim();
    if (!reader) problems.push({ field: 'reader', reason: 'required' });
    if (form.access === 'can') {
      const can = form.can.trim();
      if (!can) problems.push({ field: 'can', reason: 'required' });
      else if (!isCan(can)) problems.push({ field: 'can', reason: 'format' });
      body = { reader, can };
    } else {
      const doc = normalizeDocumentNumber(form.documentNumber);
      const dob = form.dateOfBirth.trim();
      const exp = form.dateOfExpiry.trim();
      if (!doc) problems.push({ field: 'document_number', reason: 'required' });
      else if (!isDocumentNumber(doc)) problems.push({ field: 'document_number', reason: 'format' });
      if (!dob) problems.push({ field: 'date_of_birth', reason: 'required' });
      else if (!isYymmdd(dob)) problems.push({ field: 'date_of_birth', reason: 'date' });
      if (!exp) problems.push({ field: 'date_of_expiry', reason: 'required' });
      else if (!isYymmdd(exp)) problems.push({ field: 'date_of_expiry', reason: 'date' });
      body = { reader, mrz: { document_number: doc, date_of_birth: dob, date_of_expiry: exp } };
    }
  } else if (form.source === 'dump') {
    const plan = planDump(form.files);
    const send = plan.map((e, i) => ({ e, i })).filter(({ e }) => e.status === 'send');
    if (form.files.length === 0) problems.push({ field: 'files', reason: 'required' });
    else if (plan.some((e) => blocksDump(e.status))) problems.push({ field: 'files', reason: 'blocked' });
    else if (!send.some(({ e }) => e.chip === 'EF_SOD.bin')) problems.push({ field: 'files', reason: 'no_sod' });
    else {
      const files: Record<string, string> = {};
      let unread = false;
      for (const { e, i } of send) {
        const b64 = form.files[i]!.base64;
        if (typeof b64 !== 'string' || b64 === '') unread = true;
        else files[e.chip!] = b64;
      }
      if (unread) problems.push({ field: 'files', reason: 'unread' });
      body = { files };
    }
  } else {
    problems.push({ field: 'source', reason: 'required' });
  }
  if (problems.length > 0 || !body) return { ok: false, problems };
  return { ok: true, body, purpose };
}

/** The form field a server problem names (its `field`), or null when it names none of them. */
export function problemField(field: string | undefined | null): FieldName | null {
  if (!field) return null;
  const f = field.trim().toLowerCase().replace(/^body\./, '');
  if (f === 'purpose' || f === 'x-purpose') return 'purpose';
  if (f === 'reader') return 'reader';
  if (f === 'can') return 'can';
  if (f === 'mrz') return 'mrz';
  const leaf = f.replace(/^mrz[./]/, '');
  if (leaf === 'document_number' || leaf === 'date_of_birth' || leaf === 'date_of_expiry') return leaf;
  if (f === 'files' || f === 'dump' || f.startsWith('files.') || f.startsWith('files/') || f.startsWith('dump.')) return 'files';
  return null;
}

// ---- verdicts ----

export const VERDICTS = ['genuine', 'clone_suspected', 'chip_not_proven', 'altered', 'untrusted', 'expired', 'unreadable'] as const;
export type Verdict = (typeof VERDICTS)[number];

export type VerdictTone = 'good' | 'warn' | 'bad';

/** Green only for a genuine card; amber when the data is authentic but the chip was not proven; red otherwise. */
export function verdictTone(verdict: string): VerdictTone {
  if (verdict === 'genuine') return 'good';
  if (verdict === 'chip_not_proven') return 'warn';
  return 'bad';
}

export function verdictClass(verdict: string): string {
  return `id-verdict id-verdict-${verdictTone(verdict)}`;
}

export function verdictIcon(verdict: string): string {
  const tone = verdictTone(verdict);
  return tone === 'good' ? '✓' : tone === 'warn' ? '!' : '✗';
}

const VERDICT_LABELS: Record<Verdict, Text2> = {
  genuine: { vi: 'Thẻ thật', en: 'Genuine' },
  clone_suspected: { vi: 'Nghi chip sao chép', en: 'Suspected clone' },
  chip_not_proven: { vi: 'Chưa chứng minh được chip', en: 'Chip not proven' },
  altered: { vi: 'Dữ liệu đã bị sửa', en: 'Data altered' },
  untrusted: { vi: 'Người ký không được tin cậy', en: 'Untrusted signer' },
  expired: { vi: 'Đã hết hạn', en: 'Expired' },
  unreadable: { vi: 'Không đọc được', en: 'Unreadable' },
};

/** A short label of a verdict (the banner's heading, the history's badge). */
export function verdictLabel(verdict: string): Text2 {
  return (VERDICT_LABELS as Record<string, Text2 | undefined>)[verdict] ?? { vi: `Kết luận: ${verdict}`, en: `Verdict: ${verdict}` };
}

/** The server's sentence for the verdict, each language falling back to the other, then to the label. */
export function verdictSentence(r: { verdict: string; verdict_vi?: string; verdict_en?: string }): Text2 {
  const vi = (r.verdict_vi ?? '').trim();
  const en = (r.verdict_en ?? '').trim();
  if (!vi && !en) return verdictLabel(r.verdict);
  return { vi: vi || en, en: en || vi };
}

// ---- checks ----

export interface Check {
  id: string;
  category: string;
  passed: boolean;
  informational: boolean;
  title_vi: string;
  title_en: string;
  detail: string;
}

export const CHECK_CATEGORIES = ['printed', 'passive', 'chip', 'data'] as const;

const CATEGORY_LABELS: Record<string, Text2> = {
  printed: { vi: 'Dữ liệu in (MRZ, số định danh)', en: 'Printed data (MRZ, personal number)' },
  passive: { vi: 'Xác thực thụ động (chữ ký của cơ quan cấp)', en: 'Passive authentication (the issuer\'s signature)' },
  chip: { vi: 'Xác thực chip (CA, AA)', en: 'Chip authentication (CA, AA)' },
  data: { vi: 'Cấu trúc và hiệu lực dữ liệu', en: 'Data structure and validity' },
};

export function categoryLabel(category: string): Text2 {
  return CATEGORY_LABELS[category] ?? { vi: `Nhóm ${category || '—'}`, en: `Group ${category || '—'}` };
}

export type CheckState = 'passed' | 'failed' | 'info';

/** Informational checks never change the verdict: they are neither passed nor failed. */
export function checkState(c: Pick<Check, 'passed' | 'informational'>): CheckState {
  if (c.informational) return 'info';
  return c.passed ? 'passed' : 'failed';
}

export function checkMark(c: Pick<Check, 'passed' | 'informational'>): '✓' | '✗' | 'ℹ' {
  const s = checkState(c);
  return s === 'info' ? 'ℹ' : s === 'passed' ? '✓' : '✗';
}

const STATE_ORDER: Record<CheckState, number> = { failed: 0, passed: 1, info: 2 };

/**
 * The checks by category, in the order printed → passive → chip → data (then any other category, as first seen);
 * within a group the failed ones first, then the passed, then the informational, each in the server's order.
 */
export function groupChecks(checks: readonly Check[]): { category: string; checks: Check[] }[] {
  const groups = new Map<string, Check[]>();
  for (const c of CHECK_CATEGORIES) groups.set(c, []);
  for (const c of checks) {
    const key = c.category || 'data';
    let g = groups.get(key);
    if (!g) {
      g = [];
      groups.set(key, g);
    }
    g.push(c);
  }
  const out: { category: string; checks: Check[] }[] = [];
  for (const [category, list] of groups) {
    if (list.length === 0) continue;
    const sorted = list.map((c, i) => ({ c, i }))
      .sort((a, b) => STATE_ORDER[checkState(a.c)] - STATE_ORDER[checkState(b.c)] || a.i - b.i)
      .map((x) => x.c);
    out.push({ category, checks: sorted });
  }
  return out;
}

export function checkCounts(checks: readonly Check[]): { passed: number; failed: number; info: number; total: number } {
  const n = { passed: 0, failed: 0, info: 0, total: checks.length };
  for (const c of checks) n[checkState(c)]++;
  return n;
}

// ---- the report ----

export interface Proof {
  supported: boolean;
  performed: boolean;
  passed: boolean;
  protocol: string;
  detail: string;
}

export interface Face {
  png_base64: string;
  width: number;
  height: number;
  source_format: string;
}

export const HOLDER_KEYS = [
  'personal_number', 'full_name', 'date_of_birth', 'sex', 'nationality', 'ethnicity', 'religion', 'place_of_origin',
  'place_of_residence', 'identifying_marks', 'issue_date', 'expiry_date', 'father_name', 'mother_name', 'spouse_name',
  'old_id_number', 'document_number', 'document_code', 'issuing_state', 'mrz_date_of_birth', 'mrz_date_of_expiry',
  'province',
] as const;
export type HolderKey = (typeof HOLDER_KEYS)[number];
export type Holder = Record<HolderKey, string> & { mrz_lines: string[] };

export interface Report {
  id: number | null;
  verdict: string;
  verdict_vi: string;
  verdict_en: string;
  reasoning: string[];
  holder: Holder;
  faces: Face[];
  faces_withheld: boolean;
  checks: Check[];
  session: {
    live: boolean;
    reader: string;
    access_control: string;
    steps: string[];
    chip_authentication: Proof;
    active_authentication: Proof;
  };
  files: { name: string; size: number }[];
  document_signer: string;
  csca: string;
  verified_at: string;
}

const obj = (v: unknown): Record<string, unknown> => (v !== null && typeof v === 'object' && !Array.isArray(v) ? v as Record<string, unknown> : {});
const arr = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
const strings = (v: unknown): string[] => arr(v).filter((x): x is string => typeof x === 'string');
const num = (v: unknown): number => (typeof v === 'number' && Number.isFinite(v) ? v : 0);

function proofOf(v: unknown): Proof {
  const p = obj(v);
  return { supported: p['supported'] === true, performed: p['performed'] === true, passed: p['passed'] === true, protocol: str(p['protocol']), detail: str(p['detail']) };
}

/** The report (201 of POST /verifications, or a stored one) with every field present and of its type. */
export function normalizeReport(raw: unknown): Report {
  const r = obj(raw);
  const h = obj(r['holder']);
  const holder = { mrz_lines: strings(h['mrz_lines']) } as Holder;
  for (const k of HOLDER_KEYS) holder[k] = str(h[k]);
  const s = obj(r['session']);
  const checks: Check[] = arr(r['checks']).map(obj).filter((c) => str(c['id'])).map((c) => ({
    id: str(c['id']),
    category: str(c['category']),
    passed: c['passed'] === true,
    informational: c['informational'] === true,
    title_vi: str(c['title_vi']) || str(c['title_en']) || str(c['id']),
    title_en: str(c['title_en']) || str(c['title_vi']) || str(c['id']),
    detail: str(c['detail']),
  }));
  const faces: Face[] = arr(r['faces']).map(obj).filter((f) => str(f['png_base64'])).map((f) => ({
    png_base64: str(f['png_base64']), width: num(f['width']), height: num(f['height']), source_format: str(f['source_format']),
  }));
  const id = r['id'];
  return {
    id: typeof id === 'number' && Number.isFinite(id) ? id : null,
    verdict: str(r['verdict']) || 'unreadable',
    verdict_vi: str(r['verdict_vi']),
    verdict_en: str(r['verdict_en']),
    reasoning: strings(r['reasoning']),
    holder,
    faces,
    faces_withheld: r['faces_withheld'] === true,
    checks,
    session: {
      live: s['live'] === true,
      reader: str(s['reader']),
      access_control: str(s['access_control']),
      steps: strings(s['steps']),
      chip_authentication: proofOf(s['chip_authentication']),
      active_authentication: proofOf(s['active_authentication']),
    },
    files: arr(r['files']).map(obj).filter((f) => str(f['name'])).map((f) => ({ name: str(f['name']), size: num(f['size']) })),
    document_signer: str(r['document_signer']),
    csca: str(r['csca']),
    verified_at: str(r['verified_at']),
  };
}

/** The holder's fields in the order of the card, with their labels; empty fields left out. */
export const HOLDER_LABELS: readonly { key: HolderKey; label: Text2 }[] = [
  { key: 'personal_number', label: { vi: 'Số định danh', en: 'Personal number' } },
  { key: 'full_name', label: { vi: 'Họ và tên', en: 'Full name' } },
  { key: 'date_of_birth', label: { vi: 'Ngày sinh', en: 'Date of birth' } },
  { key: 'sex', label: { vi: 'Giới tính', en: 'Sex' } },
  { key: 'nationality', label: { vi: 'Quốc tịch', en: 'Nationality' } },
  { key: 'ethnicity', label: { vi: 'Dân tộc', en: 'Ethnicity' } },
  { key: 'religion', label: { vi: 'Tôn giáo', en: 'Religion' } },
  { key: 'place_of_origin', label: { vi: 'Quê quán', en: 'Place of origin' } },
  { key: 'place_of_residence', label: { vi: 'Nơi thường trú', en: 'Place of residence' } },
  { key: 'identifying_marks', label: { vi: 'Đặc điểm nhận dạng', en: 'Identifying marks' } },
  { key: 'issue_date', label: { vi: 'Ngày cấp', en: 'Issue date' } },
  { key: 'expiry_date', label: { vi: 'Có giá trị đến', en: 'Valid until' } },
  { key: 'father_name', label: { vi: 'Cha', en: 'Father' } },
  { key: 'mother_name', label: { vi: 'Mẹ', en: 'Mother' } },
  { key: 'spouse_name', label: { vi: 'Vợ/Chồng', en: 'Spouse' } },
  { key: 'old_id_number', label: { vi: 'Số CMND cũ', en: 'Old ID number' } },
  { key: 'document_number', label: { vi: 'Số thẻ (MRZ)', en: 'Document number (MRZ)' } },
  { key: 'document_code', label: { vi: 'Loại giấy tờ (MRZ)', en: 'Document code (MRZ)' } },
  { key: 'issuing_state', label: { vi: 'Nước cấp', en: 'Issuing state' } },
  { key: 'mrz_date_of_birth', label: { vi: 'Ngày sinh (MRZ, YYMMDD)', en: 'Date of birth (MRZ, YYMMDD)' } },
  { key: 'mrz_date_of_expiry', label: { vi: 'Ngày hết hạn (MRZ, YYMMDD)', en: 'Date of expiry (MRZ, YYMMDD)' } },
  { key: 'province', label: { vi: 'Tỉnh, thành phố (theo số định danh)', en: 'Province (from the personal number)' } },
];

export function holderRows(holder: Partial<Record<HolderKey, string>>): { key: HolderKey; label: Text2; value: string }[] {
  return HOLDER_LABELS.map(({ key, label }) => ({ key, label, value: (holder[key] ?? '').trim() })).filter((r) => r.value !== '');
}

export type ProofState = 'passed' | 'failed' | 'not_performed' | 'unsupported';

/** A chip proof (CA or AA): not announced by the chip, announced but not run, run and passed, run and failed. */
export function proofState(p: Pick<Proof, 'supported' | 'performed' | 'passed'>): ProofState {
  if (p.performed) return p.passed ? 'passed' : 'failed';
  return p.supported ? 'not_performed' : 'unsupported';
}

/** How the chip was opened: PACE, BAC, or none (a dump). */
export function accessControlLabel(ac: string): Text2 {
  if (!ac || ac === 'none') return { vi: 'Không (tệp trích xuất)', en: 'None (dump files)' };
  if (ac.startsWith('PACE')) return { vi: `PACE — ${ac}`, en: `PACE — ${ac}` };
  return { vi: ac, en: ac };
}

// ---- history ----

/**
 * A number with only its first 3 and last 4 characters shown ("079203003456" → "079*****3456"); a shorter one
 * keeps its last 3 (6 to 9 characters) or nothing. A number that already has a "*" is taken as masked.
 */
export function maskNumber(s: string): string {
  const v = s.trim();
  if (!v || v.includes('*')) return v;
  if (v.length >= 10) return `${v.slice(0, 3)}${'*'.repeat(v.length - 7)}${v.slice(-4)}`;
  if (v.length >= 6) return `${'*'.repeat(v.length - 3)}${v.slice(-3)}`;
  return '*'.repeat(v.length);
}

export interface HistoryRow {
  id: number;
  created_at: string;
  officer: string;
  purpose: string;
  verdict: string;
  document: string;
  access_control: string;
  reader: string;
}

/** GET /api/v1/identity/verifications, newest first, the document numbers masked whatever the server sent. */
export function parseHistory(raw: unknown): HistoryRow[] {
  const rows = arr(obj(raw)['verifications']).map(obj).filter((v) => typeof v['id'] === 'number').map((v) => ({
    id: v['id'] as number,
    created_at: str(v['created_at']),
    officer: str(v['officer']),
    purpose: str(v['purpose']),
    verdict: str(v['verdict']) || 'unreadable',
    document: maskNumber(str(v['document'])),
    access_control: str(v['access_control']),
    reader: str(v['reader']),
  }));
  return rows.sort((a, b) => (a.created_at < b.created_at ? 1 : a.created_at > b.created_at ? -1 : b.id - a.id));
}

// ---- formatting ----

/** "93 B", "1,5 KB" (Vietnamese decimal comma), "1.5 KB". */
export function formatSize(bytes: number, lang: 'vi' | 'en'): string {
  if (!(bytes >= 0)) return '—';
  if (bytes < 1024) return `${bytes} B`;
  const kb = bytes / 1024;
  const unit = kb < 1024 ? 'KB' : 'MB';
  const v = unit === 'KB' ? kb : kb / 1024;
  const s = String(Math.round(v * 10) / 10);
  return `${lang === 'vi' ? s.replace('.', ',') : s} ${unit}`;
}
