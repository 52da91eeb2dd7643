// Pure rules of the citizen report pages (modules/reports/README.md): tracking codes, the proof-of-work challenge,
// what the form must hold before it is sent, photos, and which control a refused field names. No DOM and no
// imports, so `npm test` runs these in Node (test/reports.test.mjs).

// ---- tracking codes: 10 Crockford base32 symbols and a check symbol, shown as XXXX-XXXX-XXX ----

export const CODE_ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
export const CODE_LENGTH = 11;

/**
 * What a citizen typed, as the server reads it: upper case, spaces and hyphens dropped, O read as 0 and I, L as 1.
 * Other characters are kept (and make the code malformed).
 */
export function normalizeTrackingCode(text: string): string {
  return text
    .toUpperCase()
    .replace(/[\s\-‐‑‒–—_.]/g, '')
    .replace(/O/g, '0')
    .replace(/[IL]/g, '1');
}

/** Eleven symbols of the alphabet (the check symbol itself is the server's business). */
export function isWellFormedCode(text: string): boolean {
  const n = normalizeTrackingCode(text);
  return n.length === CODE_LENGTH && [...n].every((c) => CODE_ALPHABET.includes(c));
}

/** "7k3m 9qxa 2fb" → "7K3M-9QXA-2FB"; null unless it is a well-formed code. */
export function formatTrackingCode(text: string): string | null {
  if (!isWellFormedCode(text)) return null;
  const n = normalizeTrackingCode(text);
  return `${n.slice(0, 4)}-${n.slice(4, 8)}-${n.slice(8)}`;
}

/** The groups of what has been typed so far ("7K3M9Q" → "7K3M-9Q"), at most 11 symbols, for a live input. */
export function groupCodeAsTyped(text: string): string {
  const n = normalizeTrackingCode(text).replace(/[^0-9A-Z]/g, '').slice(0, CODE_LENGTH);
  const parts = [n.slice(0, 4), n.slice(4, 8), n.slice(8)].filter((p) => p !== '');
  return parts.join('-');
}

// ---- proof of work: a decimal nonce n with SHA-256(token + ":" + n) starting with `bits` zero bits ----

/** How many leading zero bits a digest has. */
export function leadingZeroBits(digest: Uint8Array): number {
  let zero = 0;
  for (const byte of digest) {
    if (byte === 0) {
      zero += 8;
      continue;
    }
    return zero + Math.clz32(byte) - 24;
  }
  return zero;
}

export function solves(digest: Uint8Array, bits: number): boolean {
  return leadingZeroBits(digest) >= bits;
}

/** Hashes a batch of messages (crypto.subtle or the plain TypeScript SHA-256). */
export type BatchDigest = (messages: Uint8Array<ArrayBuffer>[]) => Promise<Uint8Array[]>;

export interface SolveOptions {
  /** Messages hashed per batch, between progress reports. */
  batch?: number;
  /** Nonces tried so far (after each batch). */
  onProgress?: (tried: number) => void;
  /** Stops the search (the promise rejects with an AbortError). */
  signal?: AbortSignal;
  /** The first nonce to try (default 0). */
  start?: number;
}

/** The message for a nonce: UTF-8 of token + ":" + nonce. */
export function powMessage(token: string, nonce: number | string): Uint8Array {
  return new TextEncoder().encode(`${token}:${nonce}`);
}

function aborted(): Error {
  const e = new Error('the search was stopped');
  e.name = 'AbortError';
  return e;
}

/** Finds the smallest nonce (from `start`) that solves the challenge; resolves with it as decimal text. */
export async function solveChallenge(token: string, bits: number, digest: BatchDigest, opts: SolveOptions = {}): Promise<string> {
  if (!Number.isInteger(bits) || bits < 0 || bits > 64) throw new Error(`unexpected difficulty ${bits}`);
  const batch = Math.max(1, Math.floor(opts.batch ?? 256));
  const prefix = new TextEncoder().encode(`${token}:`);
  let n = Math.max(0, Math.floor(opts.start ?? 0));
  let tried = 0;
  for (;;) {
    if (opts.signal?.aborted) throw aborted();
    const messages: Uint8Array<ArrayBuffer>[] = [];
    for (let i = 0; i < batch; i++) {
      const digits = String(n + i);
      const m = new Uint8Array(prefix.length + digits.length);
      m.set(prefix);
      for (let j = 0; j < digits.length; j++) m[prefix.length + j] = digits.charCodeAt(j);
      messages.push(m);
    }
    const digests = await digest(messages);
    for (let i = 0; i < digests.length; i++) {
      if (solves(digests[i]!, bits)) {
        opts.onProgress?.(tried + i + 1);
        return String(n + i);
      }
    }
    n += batch;
    tried += batch;
    opts.onProgress?.(tried);
  }
}

/** The chance that a search of `tried` nonces has found an answer by now (0..1), for a progress bar. */
export function powProgress(tried: number, bits: number): number {
  if (tried <= 0) return 0;
  return 1 - Math.exp(-tried / 2 ** bits);
}

// ---- categories ----

export interface DeadlineInfo {
  amount: number;
  unit: string;
  text_vi?: string;
  text_en?: string;
  legal_basis: string;
  extension?: string;
  confirmed: boolean;
  note?: string;
}

export interface CategoryInfo {
  code: string;
  name_vi: string;
  name_en: string;
  description_vi: string;
  description_en: string;
  group: string;
  anonymous_allowed: boolean;
  deadline: DeadlineInfo;
}

/** Categories by group, groups in order of their first category, categories in the order the server gave. */
export function groupCategories<T extends { group: string }>(categories: T[]): { group: string; categories: T[] }[] {
  const out: { group: string; categories: T[] }[] = [];
  for (const c of categories) {
    const g = c.group || 'other';
    let entry = out.find((x) => x.group === g);
    if (!entry) {
      entry = { group: g, categories: [] };
      out.push(entry);
    }
    entry.categories.push(c);
  }
  return out;
}

/** "20 ngày" / "20 days" when the server gave no text; hours, days or working days. */
export function deadlineText(d: DeadlineInfo, lang: 'vi' | 'en'): string {
  const given = lang === 'vi' ? d.text_vi : d.text_en;
  if (given) return given;
  const n = d.amount;
  if (lang === 'vi') {
    const unit = d.unit === 'hours' ? 'giờ' : d.unit === 'working_days' ? 'ngày làm việc' : 'ngày';
    return `${n} ${unit}`;
  }
  const unit = d.unit === 'hours' ? 'hour' : d.unit === 'working_days' ? 'working day' : 'day';
  return `${n} ${unit}${n === 1 ? '' : 's'}`;
}

/**
 * A text the server gives in both languages as "Vietnamese / English" (legal bases, extensions): split when it has
 * exactly one " / ", else the whole text for both.
 */
export function splitBilingual(text: string): { vi: string; en: string } {
  const i = text.indexOf(' / ');
  if (i < 0 || text.indexOf(' / ', i + 3) >= 0) return { vi: text, en: text };
  return { vi: text.slice(0, i).trim(), en: text.slice(i + 3).trim() };
}

// ---- the report form ----

export interface ReportValues {
  category: string;
  description: string;
  lat: number | null;
  lon: number | null;
  address: string;
  /** RFC 3339, or "" when not given. */
  occurredAt: string;
  anonymous: boolean;
  name: string;
  phone: string;
  email: string;
  secret: string;
  photos: { name: string; type: string; size: number }[];
  sharePhotoLocation: boolean;
}

export type ReportField =
  | 'category' | 'description' | 'location' | 'address' | 'occurred_at' | 'anonymous'
  | 'name' | 'phone' | 'email' | 'secret' | 'photo';

export type ReportRule =
  | 'required' | 'description_length' | 'location_required' | 'address_length' | 'future'
  | 'anonymous_not_allowed' | 'name_length' | 'phone_chars' | 'phone_digits' | 'email' | 'secret_format'
  | 'secret_required' | 'photo_count' | 'photo_heic' | 'photo_type' | 'photo_size';

export interface FieldProblem {
  field: ReportField;
  rule: ReportRule;
}

export const MAX_PHOTOS = 3;
export const MAX_PHOTO_BYTES = 10 * 1024 * 1024;

export function utf8Length(s: string): number {
  return new TextEncoder().encode(s).length;
}

export function phoneDigitCount(phone: string): number {
  return phone.replace(/\D/g, '').length;
}

/** The last 4 digits of a phone number (what a lookup then asks for), or "". */
export function phoneLast4(phone: string): string {
  const d = phone.replace(/\D/g, '');
  return d.length >= 4 ? d.slice(-4) : '';
}

/** A secret is needed when the report is anonymous or no phone number is given. */
export function secretRequired(v: Pick<ReportValues, 'anonymous' | 'phone'>): boolean {
  return v.anonymous || v.phone.trim() === '';
}

export function isValidSecret(s: string): boolean {
  return /^\d{4,12}$/.test(s);
}

export type PhotoKind = 'ok' | 'heic' | 'other';

/** JPEG, PNG and WebP are accepted; HEIC/HEIF (iPhones) is named, as the server refuses it with its own message. */
export function photoKind(file: { name: string; type: string }): PhotoKind {
  const type = file.type.toLowerCase();
  const ext = /\.([a-z0-9]+)$/i.exec(file.name)?.[1]?.toLowerCase() ?? '';
  if (type === 'image/heic' || type === 'image/heif' || ext === 'heic' || ext === 'heif') return 'heic';
  if (['image/jpeg', 'image/png', 'image/webp'].includes(type)) return 'ok';
  if (!type && ['jpg', 'jpeg', 'png', 'webp'].includes(ext)) return 'ok';
  return 'other';
}

/** What stops the form from being sent, in the order of the form; the server checks again. */
export function validateReport(v: ReportValues, anonymousAllowed: boolean, now = Date.now()): FieldProblem[] {
  const out: FieldProblem[] = [];
  if (!v.category) out.push({ field: 'category', rule: 'required' });
  const d = utf8Length(v.description.trim());
  if (d < 10 || d > 4000) out.push({ field: 'description', rule: 'description_length' });
  const hasPoint = v.lat !== null && v.lon !== null;
  const photoMayLocate = v.sharePhotoLocation && v.photos.length > 0;
  if (!hasPoint && v.address.trim() === '' && !photoMayLocate) out.push({ field: 'location', rule: 'location_required' });
  if (utf8Length(v.address.trim()) > 300) out.push({ field: 'address', rule: 'address_length' });
  if (v.occurredAt) {
    const t = Date.parse(v.occurredAt);
    if (Number.isNaN(t) || t > now + 60_000) out.push({ field: 'occurred_at', rule: 'future' });
  }
  if (v.anonymous && !anonymousAllowed) out.push({ field: 'anonymous', rule: 'anonymous_not_allowed' });
  if (!v.anonymous) {
    if (utf8Length(v.name.trim()) > 200) out.push({ field: 'name', rule: 'name_length' });
    const phone = v.phone.trim();
    if (phone) {
      if (!/^[0-9 +\-.]+$/.test(phone)) out.push({ field: 'phone', rule: 'phone_chars' });
      else if (phoneDigitCount(phone) < 9 || phoneDigitCount(phone) > 15) out.push({ field: 'phone', rule: 'phone_digits' });
    }
    const email = v.email.trim();
    if (email && (utf8Length(email) > 200 || !/^[^\s@]+@[^\s@]+$/.test(email))) out.push({ field: 'email', rule: 'email' });
  }
  if (secretRequired(v)) {
    if (v.secret === '') out.push({ field: 'secret', rule: 'secret_required' });
    else if (!isValidSecret(v.secret)) out.push({ field: 'secret', rule: 'secret_format' });
  } else if (v.secret !== '' && !isValidSecret(v.secret)) {
    out.push({ field: 'secret', rule: 'secret_format' });
  }
  if (v.photos.length > MAX_PHOTOS) out.push({ field: 'photo', rule: 'photo_count' });
  else {
    const kinds = v.photos.map(photoKind);
    if (kinds.includes('heic')) out.push({ field: 'photo', rule: 'photo_heic' });
    else if (kinds.includes('other')) out.push({ field: 'photo', rule: 'photo_type' });
    else if (v.photos.some((p) => p.size > MAX_PHOTO_BYTES)) out.push({ field: 'photo', rule: 'photo_size' });
  }
  return out;
}

/** The form fields to send (photos apart), as the README names them; empty optional fields are left out. */
export function reportFields(v: ReportValues, language: 'vi' | 'en'): [string, string][] {
  const f: [string, string][] = [['category', v.category], ['description', v.description.trim()]];
  if (v.lat !== null && v.lon !== null) {
    f.push(['lat', v.lat.toFixed(6)], ['lon', v.lon.toFixed(6)]);
  }
  if (v.address.trim()) f.push(['address', v.address.trim()]);
  if (v.occurredAt) f.push(['occurred_at', v.occurredAt]);
  if (v.anonymous) {
    f.push(['anonymous', 'true']);
  } else {
    if (v.name.trim()) f.push(['name', v.name.trim()]);
    if (v.phone.trim()) f.push(['phone', v.phone.trim()]);
    if (v.email.trim()) f.push(['email', v.email.trim()]);
  }
  if (secretRequired(v) && v.secret) f.push(['secret', v.secret]);
  if (v.sharePhotoLocation && v.photos.length > 0) f.push(['share_photo_location', 'true']);
  f.push(['language', language]);
  return f;
}

/** The control of the report form a problem's `field` names (null: none, e.g. the challenge). */
export function reportFieldFor(field: string | null | undefined): ReportField | null {
  const f = (field ?? '').trim();
  switch (f) {
    case 'category':
    case 'description':
    case 'address':
    case 'occurred_at':
    case 'anonymous':
    case 'name':
    case 'phone':
    case 'email':
    case 'secret':
    case 'photo':
      return f;
    case 'lat':
    case 'lon':
    case 'location':
    case 'share_photo_location':
      return 'location';
    default:
      return f.startsWith('photo') ? 'photo' : null;
  }
}

/** The lookup form: a well-formed code and a secret of 4 to 12 digits. */
export function validateLookup(code: string, secret: string): ('code' | 'secret')[] {
  const out: ('code' | 'secret')[] = [];
  if (!isWellFormedCode(code)) out.push('code');
  if (!isValidSecret(secret.trim())) out.push('secret');
  return out;
}

// ---- time ----

/** A Date as the value of <input type="datetime-local"> in local time ("2026-11-23T10:15"). */
export function toLocalInput(d: Date): string {
  const p = (n: number): string => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}T${p(d.getHours())}:${p(d.getMinutes())}`;
}

/** The value of a datetime-local input (local time) as RFC 3339 UTC; "" when empty or invalid. */
export function fromLocalInput(value: string): string {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?$/.test(value)) return '';
  const d = new Date(value);
  return Number.isNaN(d.getTime()) ? '' : d.toISOString();
}

/** Public routes of the citizen page: "#/report", "#/lookup" (optionally "#/lookup/CODE"), else home. */
export type PublicRoute = { view: 'home' } | { view: 'report' } | { view: 'lookup'; code: string };

export function parsePublicRoute(hash: string): PublicRoute {
  const parts = hash.replace(/^#\/?/, '').split('?')[0]!.split('/').filter((p) => p !== '');
  if (parts[0] === 'report') return { view: 'report' };
  if (parts[0] === 'lookup') {
    let code = '';
    try {
      code = decodeURIComponent(parts[1] ?? '');
    } catch {
      code = '';
    }
    return { view: 'lookup', code: formatTrackingCode(code) ?? '' };
  }
  return { view: 'home' };
}
