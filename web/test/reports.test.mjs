// Unit tests of the citizen reports pages and the reports console pages: the plain TypeScript SHA-256 against the
// FIPS 180-4 vectors and Node's crypto, the proof-of-work search, tracking codes, form rules, the workflow's
// buttons, the queue's filter and order, live events (no browser needed).
// Run with `npm test`: tsc compiles the sources into .test-build/ first.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import { sha256, sha256Hex, toHex } from '../.test-build/shared/sha256.js';
import {
  formatTrackingCode,
  fromLocalInput,
  groupCategories,
  groupCodeAsTyped,
  isWellFormedCode,
  leadingZeroBits,
  normalizeTrackingCode,
  parsePublicRoute,
  phoneLast4,
  photoKind,
  powMessage,
  powProgress,
  reportFieldFor,
  reportFields,
  secretRequired,
  solveChallenge,
  solves,
  splitBilingual,
  deadlineText,
  validateLookup,
  validateReport,
} from '../.test-build/public/reports/logic.js';
import { fallbackDigest, solvePow } from '../.test-build/public/reports/pow.js';
import {
  bytesToDataUrl,
  dueIn,
  dueState,
  filterQuery,
  formatHours,
  formatShare,
  hearsDeadlines,
  isReportsRole,
  matchesFilter,
  nextStatuses,
  parseReportsEvent,
  parseReportsRoute,
  reportViewAllowed,
  reportViewsFor,
  reportsHash,
  reportsTopics,
  sortReports,
} from '../.test-build/console/pages/reports/logic.js';

const enc = (s) => new TextEncoder().encode(s);
const nodeHex = (bytes) => createHash('sha256').update(bytes).digest('hex');

// ---------------------------------------------------------------- SHA-256

test('SHA-256: the FIPS 180-4 / NIST example vectors', () => {
  assert.equal(sha256Hex(''), 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
  assert.equal(sha256Hex('abc'), 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  assert.equal(sha256Hex('abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq'),
    '248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1');
  assert.equal(sha256Hex('abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmnoijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu'),
    'cf5b16a778af8380036ce59e7b0492370b249b11e8f07a51afac45037afee9d1');
  assert.equal(toHex(sha256(new Uint8Array(1_000_000).fill(0x61))),
    'cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0', 'one million "a"');
  assert.equal(sha256Hex('The quick brown fox jumps over the lazy dog'),
    'd7a8fbb307d7809469ca9abcb0082e4f8d5651e46d3cdb762d02d0bf37c9e592');
});

test('SHA-256: every length around the block and padding boundaries agrees with node:crypto', () => {
  for (let n = 0; n <= 300; n++) {
    const data = randomBytes(n);
    assert.equal(toHex(sha256(new Uint8Array(data))), nodeHex(data), `length ${n}`);
  }
  // UTF-8 text, as the challenge messages are built.
  const s = 'Tiếng ồn — karaoke lúc nửa đêm ✓';
  assert.equal(sha256Hex(s), nodeHex(Buffer.from(s, 'utf8')));
});

// ---------------------------------------------------------------- proof of work

test('leading zero bits of a digest', () => {
  assert.equal(leadingZeroBits(new Uint8Array([0x80, 0])), 0);
  assert.equal(leadingZeroBits(new Uint8Array([0x01, 0xff])), 7);
  assert.equal(leadingZeroBits(new Uint8Array([0x00, 0x40])), 9);
  assert.equal(leadingZeroBits(new Uint8Array([0x00, 0x00, 0x0f])), 20);
  assert.equal(leadingZeroBits(new Uint8Array(32)), 256);
  assert.equal(solves(new Uint8Array([0x00, 0x3f]), 10), true);
  assert.equal(solves(new Uint8Array([0x00, 0x40]), 10), false);
  assert.equal(solves(new Uint8Array([0xff]), 0), true);
});

/** What the server checks (modules/reports/src/proof_of_work.cpp): SHA-256(token ":" nonce) starts with bits zeros. */
function serverAccepts(token, nonce, bits) {
  const d = createHash('sha256').update(`${token}:${nonce}`).digest();
  let zero = 0;
  for (const byte of d) {
    if (byte === 0) {
      zero += 8;
      if (zero >= bits) break;
      continue;
    }
    for (let b = 7; b >= 0 && !(byte & (1 << b)); b--) zero++;
    break;
  }
  return zero >= bits;
}

const TOKEN = '1795464173975.6b0f931de5cb2bb61adb23fa.d6383d0071611a8a901c1b9cbdd81991821b097a70e785201d86331964085c98';

test('proof of work: the plain SHA-256 finds the smallest nonce the server accepts, with progress', async () => {
  for (const bits of [0, 1, 8, 12]) {
    const seen = [];
    const nonce = await solvePow(TOKEN, bits, { batch: 64, onProgress: (n) => seen.push(n) }, 'fallback');
    assert.match(nonce, /^\d+$/, 'a decimal nonce');
    assert.ok(serverAccepts(TOKEN, nonce, bits), `nonce ${nonce} solves ${bits} bits`);
    for (let n = 0; n < Number(nonce); n++) assert.ok(!serverAccepts(TOKEN, String(n), bits), `${n} is smaller and would do`);
    assert.ok(seen.length >= 1 && seen.every((v, i) => i === 0 || v >= seen[i - 1]), 'progress only grows');
    assert.equal(seen.at(-1), Number(nonce) + 1, 'the last progress counts the answer');
  }
});

test('proof of work: crypto.subtle (what a secure page uses) gives the same answer as the plain SHA-256', async () => {
  const a = await solvePow(TOKEN, 10, {}, 'subtle');
  const b = await solvePow(TOKEN, 10, {}, 'fallback');
  assert.equal(a, b);
  assert.ok(serverAccepts(TOKEN, a, 10));
  assert.equal(toHex(sha256(powMessage(TOKEN, a))), nodeHex(Buffer.from(`${TOKEN}:${a}`)));
});

test('proof of work: the search can be stopped, and a bad difficulty is refused', async () => {
  const ac = new AbortController();
  let batches = 0;
  const p = solveChallenge(TOKEN, 60, fallbackDigest, {
    batch: 16,
    signal: ac.signal,
    onProgress: () => {
      if (++batches === 3) ac.abort();
    },
  });
  await assert.rejects(p, { name: 'AbortError' });
  await assert.rejects(solveChallenge(TOKEN, 65, fallbackDigest), /difficulty/);
  assert.equal(powProgress(0, 10), 0);
  assert.ok(Math.abs(powProgress(1024, 10) - (1 - Math.exp(-1))) < 1e-12);
  assert.ok(powProgress(1e9, 10) <= 1);
});

// ---------------------------------------------------------------- tracking codes

test('tracking codes: normalized as the server reads them and shown as XXXX-XXXX-XXX', () => {
  assert.equal(normalizeTrackingCode(' 7k3m-9qxa 2fb '), '7K3M9QXA2FB');
  assert.equal(normalizeTrackingCode('o1il'), '0111', 'O is 0, I and L are 1');
  assert.equal(formatTrackingCode('7k3m9qxa2fb'), '7K3M-9QXA-2FB');
  assert.equal(formatTrackingCode('WDJF-WHAW-FZB'), 'WDJF-WHAW-FZB');
  assert.equal(formatTrackingCode('wdjf whaw fzb'), 'WDJF-WHAW-FZB');
  assert.equal(formatTrackingCode('WDJF-WHAW-FZ'), null, 'too short');
  assert.equal(formatTrackingCode('WDJF-WHAW-FZBB'), null, 'too long');
  assert.equal(formatTrackingCode('WDJF-WHAW-FZU'), null, 'U is not in the alphabet');
  assert.equal(isWellFormedCode('P6JJ-T60K-CPD'), true);
  assert.equal(groupCodeAsTyped('7k3m9q'), '7K3M-9Q');
  assert.equal(groupCodeAsTyped('7K3M-'), '7K3M');
  assert.equal(groupCodeAsTyped('7k3m9qxa2fbzzz'), '7K3M-9QXA-2FB', 'at most 11 symbols');
  assert.deepEqual(validateLookup('7K3M-9QXA-2FB', '5678'), []);
  assert.deepEqual(validateLookup('7K3M', '56'), ['code', 'secret']);
  assert.deepEqual(validateLookup('7K3M-9QXA-2FB', '123456789012'), []);
});

test('public routes: home, report, lookup with a code', () => {
  assert.deepEqual(parsePublicRoute(''), { view: 'home' });
  assert.deepEqual(parsePublicRoute('#/'), { view: 'home' });
  assert.deepEqual(parsePublicRoute('#/report'), { view: 'report' });
  assert.deepEqual(parsePublicRoute('#report'), { view: 'report' });
  assert.deepEqual(parsePublicRoute('#/lookup'), { view: 'lookup', code: '' });
  assert.deepEqual(parsePublicRoute('#/lookup/wdjf-whaw-fzb'), { view: 'lookup', code: 'WDJF-WHAW-FZB' });
  assert.deepEqual(parsePublicRoute('#/lookup/%E0'), { view: 'lookup', code: '' });
  assert.deepEqual(parsePublicRoute('#/nothing'), { view: 'home' });
});

// ---------------------------------------------------------------- the report form

const base = {
  category: 'noise',
  description: 'Karaoke rất to lúc nửa đêm',
  lat: 21.03,
  lon: 105.85,
  address: '',
  occurredAt: '',
  anonymous: false,
  name: '',
  phone: '0912 345 678',
  email: '',
  secret: '',
  photos: [],
  sharePhotoLocation: false,
};

const rules = (v, anon = false) => validateReport({ ...base, ...v }, anon, Date.parse('2026-11-23T12:00:00Z'))
  .map((p) => `${p.field}:${p.rule}`);

test('report form: what must be there before sending', () => {
  assert.deepEqual(rules({}), []);
  assert.deepEqual(rules({ category: '' }), ['category:required']);
  assert.deepEqual(rules({ description: 'ngắn' }), ['description:description_length']);
  assert.deepEqual(rules({ description: 'ồn ào ồn' }), [], '10 bytes of UTF-8 are enough, not 10 letters');
  assert.deepEqual(rules({ lat: null, lon: null }), ['location:location_required']);
  assert.deepEqual(rules({ lat: null, lon: null, address: 'Số 5 Hàng Bạc' }), []);
  assert.deepEqual(rules({ lat: null, lon: null, sharePhotoLocation: true, photos: [{ name: 'a.jpg', type: 'image/jpeg', size: 10 }] }), [],
    'a shared photo position may be the location');
  assert.deepEqual(rules({ address: 'x'.repeat(301) }), ['address:address_length']);
  assert.deepEqual(rules({ occurredAt: '2026-11-24T12:00:00Z' }), ['occurred_at:future']);
  assert.deepEqual(rules({ occurredAt: '2026-11-22T12:00:00Z' }), []);
  assert.deepEqual(rules({ phone: '09x' }), ['phone:phone_chars']);
  assert.deepEqual(rules({ phone: '0912 345' }), ['phone:phone_digits']);
  assert.deepEqual(rules({ email: 'không-phải-email' }), ['email:email']);
});

test('report form: a secret is required without a phone, and for anonymous reports only where allowed', () => {
  assert.equal(secretRequired({ anonymous: false, phone: '0912345678' }), false);
  assert.equal(secretRequired({ anonymous: false, phone: ' ' }), true);
  assert.equal(secretRequired({ anonymous: true, phone: '0912345678' }), true);
  assert.deepEqual(rules({ phone: '' }), ['secret:secret_required']);
  assert.deepEqual(rules({ phone: '', secret: '12' }), ['secret:secret_format']);
  assert.deepEqual(rules({ phone: '', secret: '1234567890123' }), ['secret:secret_format']);
  assert.deepEqual(rules({ phone: '', secret: '12a4' }), ['secret:secret_format']);
  assert.deepEqual(rules({ phone: '', secret: '4321' }), []);
  assert.deepEqual(rules({ anonymous: true, phone: '', secret: '4321' }), ['anonymous:anonymous_not_allowed']);
  assert.deepEqual(rules({ anonymous: true, phone: '', secret: '4321' }, true), []);
  assert.deepEqual(rules({ anonymous: true, phone: '0912345678', email: 'bad' }, true), ['secret:secret_required'],
    'contact fields are ignored when anonymous');
  assert.equal(phoneLast4('0912 345 678'), '5678');
  assert.equal(phoneLast4('12'), '');
});

test('report form: photos — at most 3 JPEG, PNG or WebP; HEIC named', () => {
  const jpg = { name: 'a.jpg', type: 'image/jpeg', size: 1000 };
  assert.equal(photoKind(jpg), 'ok');
  assert.equal(photoKind({ name: 'b.PNG', type: '' }), 'ok');
  assert.equal(photoKind({ name: 'c.webp', type: 'image/webp' }), 'ok');
  assert.equal(photoKind({ name: 'IMG_0001.HEIC', type: '' }), 'heic');
  assert.equal(photoKind({ name: 'x', type: 'image/heif' }), 'heic');
  assert.equal(photoKind({ name: 'd.gif', type: 'image/gif' }), 'other');
  assert.deepEqual(rules({ photos: [jpg, jpg, jpg] }), []);
  assert.deepEqual(rules({ photos: [jpg, jpg, jpg, jpg] }), ['photo:photo_count']);
  assert.deepEqual(rules({ photos: [jpg, { name: 'IMG.heic', type: 'image/heic', size: 5 }] }), ['photo:photo_heic']);
  assert.deepEqual(rules({ photos: [{ ...jpg, size: 10 * 1024 * 1024 + 1 }] }), ['photo:photo_size']);
});

test('report form: the fields sent follow the README', () => {
  const f = Object.fromEntries(reportFields({ ...base, name: ' Lan ', secret: '9999' }, 'vi'));
  assert.deepEqual(f, {
    category: 'noise', description: 'Karaoke rất to lúc nửa đêm', lat: '21.030000', lon: '105.850000',
    name: 'Lan', phone: '0912 345 678', language: 'vi',
  }, 'no secret with a phone; empty fields left out');
  const a = Object.fromEntries(reportFields({ ...base, anonymous: true, name: 'Lan', secret: '4321', lat: null, lon: null,
    address: 'Hàng Bạc', photos: [{ name: 'a.jpg', type: 'image/jpeg', size: 1 }], sharePhotoLocation: true }, 'en'));
  assert.deepEqual(a, { category: 'noise', description: 'Karaoke rất to lúc nửa đêm', address: 'Hàng Bạc', anonymous: 'true',
    secret: '4321', share_photo_location: 'true', language: 'en' }, 'anonymous: no contact fields at all');
});

test('report form: a refused field names its control', () => {
  for (const f of ['category', 'description', 'address', 'occurred_at', 'anonymous', 'name', 'phone', 'email', 'secret', 'photo']) {
    assert.equal(reportFieldFor(f), f);
  }
  assert.equal(reportFieldFor('lat'), 'location');
  assert.equal(reportFieldFor('lon'), 'location');
  assert.equal(reportFieldFor('location'), 'location');
  assert.equal(reportFieldFor('pow'), null);
  assert.equal(reportFieldFor('website'), null);
  assert.equal(reportFieldFor(undefined), null);
});

test('categories: grouped in the order given; deadlines and bilingual texts', () => {
  const g = groupCategories([
    { code: 'noise', group: 'public-order' },
    { code: 'illegal_parking', group: 'traffic' },
    { code: 'gambling', group: 'public-order' },
    { code: 'x', group: '' },
  ]);
  assert.deepEqual(g.map((x) => [x.group, x.categories.map((c) => c.code)]),
    [['public-order', ['noise', 'gambling']], ['traffic', ['illegal_parking']], ['other', ['x']]]);
  assert.equal(deadlineText({ amount: 5, unit: 'working_days', legal_basis: '', confirmed: false }, 'vi'), '5 ngày làm việc');
  assert.equal(deadlineText({ amount: 1, unit: 'working_days', legal_basis: '', confirmed: true }, 'en'), '1 working day');
  assert.equal(deadlineText({ amount: 24, unit: 'hours', text_en: '24 hours (⚠ unverified)', legal_basis: '', confirmed: false }, 'en'),
    '24 hours (⚠ unverified)');
  assert.deepEqual(splitBilingual('Bộ luật Tố tụng hình sự 2015, Điều 147 / Criminal Procedure Code 2015, Art. 147'),
    { vi: 'Bộ luật Tố tụng hình sự 2015, Điều 147', en: 'Criminal Procedure Code 2015, Art. 147' });
  const two = '⚠ chưa xác minh / unverified — chỉ tiêu nội bộ / internal target';
  assert.deepEqual(splitBilingual(two), { vi: two, en: two }, 'more than one " / ": kept whole');
  assert.equal(fromLocalInput(''), '');
  assert.match(fromLocalInput('2026-11-23T10:15'), /^2026-11-2\dT\d\d:15:00\.000Z$/);
});

// ---------------------------------------------------------------- console: roles, routes, workflow

test('reports console: roles, topics and views follow the README', () => {
  for (const r of ['clerk', 'investigator', 'supervisor']) assert.equal(isReportsRole(r), true);
  for (const r of ['admin', 'auditor', 'dispatcher', 'call_taker', '']) {
    assert.equal(isReportsRole(r), false);
    assert.deepEqual(reportsTopics(r), []);
  }
  assert.deepEqual(reportsTopics('clerk'), ['reports']);
  assert.deepEqual(reportsTopics('investigator'), ['reports']);
  assert.deepEqual(reportsTopics('supervisor'), ['reports', 'reports.deadlines']);
  assert.equal(hearsDeadlines('supervisor'), true);
  assert.equal(hearsDeadlines('clerk'), false);
  assert.deepEqual(reportViewsFor('clerk'), ['queue']);
  assert.deepEqual(reportViewsFor('supervisor'), ['queue', 'stats']);
  assert.equal(reportViewAllowed('clerk', 'stats'), false);
  assert.equal(reportViewAllowed('investigator', 'report'), true);
  assert.equal(reportViewAllowed('admin', 'report'), false);
  assert.deepEqual(parseReportsRoute('#/reports'), { view: null, id: null });
  assert.deepEqual(parseReportsRoute('#/reports/queue'), { view: 'queue', id: null });
  assert.deepEqual(parseReportsRoute('#reports/stats'), { view: 'stats', id: null });
  assert.deepEqual(parseReportsRoute('#/reports/report/12'), { view: 'report', id: 12 });
  assert.deepEqual(parseReportsRoute('#/reports/report/x'), { view: null, id: null });
  assert.deepEqual(parseReportsRoute('#/dispatch/board'), { view: null, id: null });
  assert.equal(reportsHash('report', 7), '#/reports/report/7');
  assert.equal(reportsHash('queue'), '#/reports/queue');
});

test('status buttons: the allowed next statuses, with a reason for rejected and a place for forwarded', () => {
  const next = (s) => nextStatuses(s).map((m) => m.to);
  assert.deepEqual(next('received'), ['accepted', 'rejected', 'forwarded']);
  assert.deepEqual(next('accepted'), ['in_progress', 'forwarded', 'rejected']);
  assert.deepEqual(next('in_progress'), ['resolved', 'forwarded']);
  assert.deepEqual(next('forwarded'), ['accepted', 'closed']);
  assert.deepEqual(next('resolved'), ['closed', 'in_progress']);
  assert.deepEqual(next('rejected'), ['closed']);
  assert.deepEqual(next('closed'), []);
  assert.deepEqual(next('nonsense'), []);
  for (const s of ['received', 'accepted', 'in_progress', 'forwarded', 'resolved', 'rejected']) {
    for (const m of nextStatuses(s)) {
      assert.equal(m.needs, m.to === 'rejected' ? 'reason' : m.to === 'forwarded' ? 'forwarded_to' : null, `${s} → ${m.to}`);
    }
  }
});

// ---------------------------------------------------------------- console: the queue

const NOW = Date.parse('2026-11-23T12:00:00Z');
const rep = (id, status, due, extra = {}) => ({
  id, code: `C${id}`, category: 'noise', status, unit_id: 'ca-hoan-kiem', due_at: due,
  received_at: '2026-11-20T00:00:00Z', updated_at: '2026-11-20T00:00:00Z', due_state: 'on_track', ...extra,
});

test('queue order: open reports first by due time, then the others by last change', () => {
  const list = [
    rep(1, 'resolved', '2026-11-21T00:00:00Z', { updated_at: '2026-11-22T00:00:00Z' }),
    rep(2, 'received', '2026-11-25T00:00:00Z'),
    rep(3, 'in_progress', '2026-11-23T13:00:00Z'),
    rep(4, 'closed', '2026-11-21T00:00:00Z', { updated_at: '2026-11-23T00:00:00Z' }),
    rep(5, 'forwarded', '2026-11-22T00:00:00Z'),
    rep(6, 'received', '2026-11-25T00:00:00Z', { received_at: '2026-11-19T00:00:00Z' }),
    rep(7, 'received', null),
  ];
  assert.deepEqual(sortReports(list).map((r) => r.id), [5, 3, 6, 2, 7, 4, 1]);
});

test('queue filter: a live event is kept or dropped as GET /api/v1/reports would', () => {
  const f = { status: 'open', category: '', unit: '', due: '' };
  assert.equal(matchesFilter(rep(1, 'received', '2026-11-25T00:00:00Z'), f, NOW), true);
  assert.equal(matchesFilter(rep(1, 'resolved', '2026-11-25T00:00:00Z'), f, NOW), false);
  assert.equal(matchesFilter(rep(1, 'resolved', '2026-11-25T00:00:00Z'), { ...f, status: '' }, NOW), true);
  assert.equal(matchesFilter(rep(1, 'accepted', '2026-11-25T00:00:00Z'), { ...f, status: 'received' }, NOW), false);
  assert.equal(matchesFilter(rep(1, 'received', '2026-11-25T00:00:00Z'), { ...f, category: 'gambling' }, NOW), false);
  assert.equal(matchesFilter(rep(1, 'received', '2026-11-25T00:00:00Z'), { ...f, unit: 'ca-ba-dinh' }, NOW), false);
  assert.equal(matchesFilter(rep(1, 'received', '2026-11-22T00:00:00Z'), { ...f, due: 'overdue' }, NOW), true);
  assert.equal(matchesFilter(rep(1, 'received', '2026-11-25T00:00:00Z'), { ...f, due: 'overdue' }, NOW), false);
  assert.equal(matchesFilter(rep(1, 'received', '2026-11-23T14:00:00Z', { due_state: 'due_soon' }), { ...f, due: 'due_soon' }, NOW), true);
  assert.equal(dueState(rep(1, 'received', '2026-11-23T11:00:00Z', { due_state: 'due_soon' }), NOW), 'overdue', 'the clock moved on');
  assert.equal(dueState(rep(1, 'closed', '2026-11-20T00:00:00Z'), NOW), 'done');
  assert.equal(filterQuery(f, 100), 'status=open&limit=100');
  assert.equal(filterQuery({ status: '', category: 'noise', unit: 'ca-hoan-kiem', due: 'due_soon' }, 50, 100),
    'category=noise&unit=ca-hoan-kiem&due=due_soon&limit=50&offset=100');
});

test('live events: report.created/updated on "reports", due flags on "reports.deadlines"', () => {
  const summary = rep(9, 'received', '2026-11-25T00:00:00Z');
  assert.deepEqual(parseReportsEvent('reports', { type: 'report.created', report: summary }),
    { kind: 'report', type: 'report.created', report: summary });
  assert.equal(parseReportsEvent('reports', { type: 'report.updated', report: summary })?.kind, 'report');
  assert.equal(parseReportsEvent('reports', { type: 'report.updated', ...summary })?.report.id, 9, 'a bare summary');
  assert.deepEqual(parseReportsEvent('reports.deadlines', { type: 'report.overdue', report: summary }),
    { kind: 'deadline', type: 'report.overdue', report: summary });
  assert.equal(parseReportsEvent('reports.deadlines', { type: 'report.due_soon', report: summary })?.kind, 'deadline');
  assert.equal(parseReportsEvent('reports', { type: 'report.overdue', report: summary }), null);
  assert.equal(parseReportsEvent('dispatch', { type: 'report.created', report: summary }), null);
  assert.equal(parseReportsEvent('reports', { type: 'report.created', report: { id: 'x' } }), null);
  assert.equal(parseReportsEvent('reports', 'text'), null);
});

test('formatting: hours, shares, time left, photos as data: URLs', () => {
  assert.equal(formatHours(36.5, 'vi'), '1 ngày 12 giờ');
  assert.equal(formatHours(36.5, 'en'), '1 d 12 h');
  assert.equal(formatHours(2.25, 'en'), '2 h 15 min');
  assert.equal(formatHours(0.5, 'vi'), '30 phút');
  assert.equal(formatHours(null, 'vi'), '—');
  assert.equal(formatShare(0.125, 'vi'), '12,5%');
  assert.equal(formatShare(0.125, 'en'), '12.5%');
  assert.equal(formatShare(0, 'en'), '0%');
  assert.equal(formatShare(1, 'vi'), '100%');
  assert.equal(dueIn('2026-11-23T14:30:00Z', NOW, 'vi'), 'còn 2 giờ 30 phút');
  assert.equal(dueIn('2026-11-23T10:00:00Z', NOW, 'en'), '2 h over');
  const bytes = new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 0, 16]);
  assert.equal(bytesToDataUrl(bytes), `data:image/jpeg;base64,${Buffer.from(bytes).toString('base64')}`);
  const big = new Uint8Array(100_000).map((_, i) => i & 0xff);
  assert.equal(bytesToDataUrl(big, 'image/png'), `data:image/png;base64,${Buffer.from(big).toString('base64')}`);
});
