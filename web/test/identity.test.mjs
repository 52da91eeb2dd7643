// Unit tests of the chip ID card verification page (capability "identity"): roles, how the purpose travels, the
// access keys, the dump's file names and limits, the request body built from the form, base64, verdict colours and
// labels, checks grouped by category, the report read defensively, the holder's fields, chip proofs, the history
// with masked numbers (no browser needed). Run with `npm test`: tsc compiles the sources into .test-build/ first
// (src/console/pages/identity/logic.ts must be listed in tsconfig.test.json).
// The browser test against a running server is tests/e2e/browser/identity.test.mjs.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  CHECK_CATEGORIES,
  HOLDER_KEYS,
  HOLDER_LABELS,
  MAX_DUMP_FILE_BYTES,
  VERDICTS,
  accessControlLabel,
  blocksDump,
  buildVerifyRequest,
  bytesToBase64,
  categoryLabel,
  checkCounts,
  checkMark,
  checkState,
  chipFileName,
  defaultReader,
  digitsOnly,
  faceDataUrl,
  formatSize,
  groupChecks,
  holderRows,
  identityTopics,
  isCan,
  isCompanionFile,
  isDocumentNumber,
  isIdentityRole,
  isPurposeValid,
  isYymmdd,
  maskNumber,
  normalizeDocumentNumber,
  normalizeReport,
  parseHistory,
  parseReaders,
  planDump,
  problemField,
  proofState,
  purposeBytes,
  purposeTransport,
  verdictClass,
  verdictIcon,
  verdictLabel,
  verdictSentence,
  verdictTone,
  withPurposeQuery,
} from '../.test-build/console/pages/identity/logic.js';

// ---------------------------------------------------------------- roles

test('clerks, investigators, supervisors and dispatchers open the page; no live topic', () => {
  for (const r of ['clerk', 'investigator', 'supervisor', 'dispatcher']) {
    assert.equal(isIdentityRole(r), true, r);
    assert.deepEqual(identityTopics(r), []);
  }
  for (const r of ['call_taker', 'admin', 'auditor', '', 'Clerk']) assert.equal(isIdentityRole(r), false, r);
});

// ---------------------------------------------------------------- purpose

test('purpose: 3 to 200 bytes of UTF-8 once trimmed; ASCII in the header, anything else in the query', () => {
  assert.equal(purposeBytes('  abc  '), 3);
  assert.equal(purposeBytes('Kiểm tra'), 10, 'ể takes 3 bytes');
  assert.equal(isPurposeValid('ab'), false);
  assert.equal(isPurposeValid('abc'), true);
  assert.equal(isPurposeValid('   '), false);
  assert.equal(isPurposeValid('a'.repeat(200)), true);
  assert.equal(isPurposeValid('a'.repeat(201)), false);
  assert.equal(isPurposeValid('ệ'.repeat(66)), true, '198 bytes');
  assert.equal(isPurposeValid('ệ'.repeat(67)), false, '67 letters but 201 bytes');

  assert.deepEqual(purposeTransport(' Traffic stop, case 12/2026 '), { header: 'Traffic stop, case 12/2026' });
  assert.deepEqual(purposeTransport('Kiểm tra hành chính'), { query: 'Kiểm tra hành chính' });
  assert.deepEqual(purposeTransport('café'), { query: 'café' }, 'Latin-1 is not ASCII: the query');
  assert.deepEqual(purposeTransport('line\nbreak'), { query: 'line\nbreak' }, 'no control characters in a header');
  assert.equal(withPurposeQuery('/api/v1/identity/verifications', 'Kiểm tra'),
    '/api/v1/identity/verifications?purpose=Ki%E1%BB%83m%20tra');
  assert.equal(withPurposeQuery('/api/v1/identity/verifications?limit=20', 'a&b=c'),
    '/api/v1/identity/verifications?limit=20&purpose=a%26b%3Dc');
});

// ---------------------------------------------------------------- access keys

test('MRZ dates: six digits of a real day', () => {
  const cases = [
    ['920315', true], ['320315', true], ['000229', true], ['240229', true], ['230229', false], ['921231', true],
    ['920431', false], ['921301', false], ['920001', false], ['920100', false], ['92031', false], ['9203155', false],
    ['92-03-15', false], ['', false], ['ABCDEF', false], ['920230', false],
  ];
  for (const [s, ok] of cases) assert.equal(isYymmdd(s), ok, s);
});

test('CAN: exactly six digits; document numbers: letters and digits, spaces and fillers dropped', () => {
  assert.equal(isCan('123456'), true);
  for (const s of ['12345', '1234567', '12345a', ' 123456', '']) assert.equal(isCan(s), false, JSON.stringify(s));
  assert.equal(normalizeDocumentNumber(' c01 x00<<0 '), 'C01X000');
  assert.equal(isDocumentNumber('205123456'), true);
  assert.equal(isDocumentNumber('C01X00T47'), true);
  assert.equal(isDocumentNumber('2051-23456'), false);
  assert.equal(isDocumentNumber(''), false);
  assert.equal(isDocumentNumber('1'.repeat(23)), false);
  assert.equal(digitsOnly('92-03-15'), '920315');
  assert.equal(digitsOnly(' 12 34 56 '), '123456');
});

// ---------------------------------------------------------------- dump files

test('dump file names: the server\'s names from the names dumps use; companions and others told apart', () => {
  const names = {
    'EF_COM.bin': 'EF_COM.bin', 'ef_sod.BIN': 'EF_SOD.bin', 'EF.SOD': 'EF_SOD.bin', 'SOD.der': 'EF_SOD.bin',
    'EF_CardAccess.bin': 'EF_CardAccess.bin', 'card_access.dat': 'EF_CardAccess.bin', 'DG1.bin': 'DG1.bin',
    'dg02.bin': 'DG2.bin', 'Datagroup14.bin': 'DG14.bin', 'DG16.bin': 'DG16.bin', 'EF_DG13.bin': 'DG13.bin',
    'DG0.bin': null, 'DG17.bin': null, 'DG.bin': null, 'DG100.bin': null, 'photo.jpg': null, 'ds.cer': null, '.bin': null,
  };
  for (const [name, want] of Object.entries(names)) assert.equal(chipFileName(name), want, name);
  for (const n of ['ds.cer', 'CSCA.crt', 'x.pem', 'list.CRL', 'master.mls', 'README.md', 'notes.txt', 'meta.json']) {
    assert.equal(isCompanionFile(n), true, n);
  }
  for (const n of ['DG1.bin', 'photo.jpg', '.txt']) assert.equal(isCompanionFile(n), false, n);
});

test('a dump plan: what is sent, left out, or in the way (duplicates, over 1 MiB, empty)', () => {
  assert.equal(MAX_DUMP_FILE_BYTES, 1048576);
  const plan = planDump([
    { name: 'EF_SOD.bin', size: 1800 },
    { name: 'DG1.bin', size: 93 },
    { name: 'Datagroup1.bin', size: 93 },
    { name: 'DG2.bin', size: MAX_DUMP_FILE_BYTES + 1 },
    { name: 'DG3.bin', size: MAX_DUMP_FILE_BYTES },
    { name: 'DG11.bin', size: 0 },
    { name: 'ds.cer', size: 900 },
    { name: 'photo.jpg', size: 5000 },
  ]);
  assert.deepEqual(plan.map((e) => [e.chip, e.status]), [
    ['EF_SOD.bin', 'send'], ['DG1.bin', 'duplicate'], ['DG1.bin', 'duplicate'], ['DG2.bin', 'too_large'],
    ['DG3.bin', 'send'], ['DG11.bin', 'empty'], [null, 'companion'], [null, 'other'],
  ]);
  assert.deepEqual(['send', 'companion', 'other', 'too_large', 'empty', 'duplicate'].filter(blocksDump), ['too_large', 'empty', 'duplicate']);
});

// ---------------------------------------------------------------- base64

test('base64: the RFC 4648 vectors, an ArrayBuffer, all byte values, a large buffer', () => {
  const enc = (s) => bytesToBase64(new TextEncoder().encode(s));
  assert.deepEqual(['', 'f', 'fo', 'foo', 'foob', 'fooba', 'foobar'].map(enc), ['', 'Zg==', 'Zm8=', 'Zm9v', 'Zm9vYg==', 'Zm9vYmE=', 'Zm9vYmFy']);
  assert.equal(bytesToBase64(new Uint8Array([0xff, 0xd8, 0xff]).buffer), '/9j/');
  const all = new Uint8Array(256).map((_, i) => i);
  assert.equal(bytesToBase64(all), Buffer.from(all).toString('base64'));
  const big = new Uint8Array(300_001).map((_, i) => (i * 7919) & 255);
  assert.equal(bytesToBase64(big), Buffer.from(big).toString('base64'));
  // A view into a larger buffer encodes only its own bytes.
  assert.equal(bytesToBase64(new Uint8Array([1, 2, 3, 4, 5]).subarray(1, 4)), Buffer.from([2, 3, 4]).toString('base64'));
});

test('faces: PNG data addresses from base64 only', () => {
  assert.equal(faceDataUrl('iVBORw0KGgo='), 'data:image/png;base64,iVBORw0KGgo=');
  assert.equal(faceDataUrl('iVBO\nRw0K'), 'data:image/png;base64,iVBORw0K', 'line breaks dropped');
  assert.equal(faceDataUrl(''), null);
  assert.equal(faceDataUrl('"><script>'), null);
  assert.equal(faceDataUrl('abc);background:url(x'), null);
});

// ---------------------------------------------------------------- the request

const FORM = {
  purpose: 'Kiểm tra hành chính',
  source: 'reader',
  reader: 'software:genuine',
  access: 'mrz',
  documentNumber: '205123456',
  dateOfBirth: '920315',
  dateOfExpiry: '320315',
  can: '123456',
  files: [],
};

test('the request for a reader: the MRZ data or the CAN, with the purpose trimmed', () => {
  assert.deepEqual(buildVerifyRequest({ ...FORM, purpose: '  Kiểm tra hành chính ', documentNumber: ' 2051 23456 ' }), {
    ok: true,
    purpose: 'Kiểm tra hành chính',
    body: { reader: 'software:genuine', mrz: { document_number: '205123456', date_of_birth: '920315', date_of_expiry: '320315' } },
  });
  assert.deepEqual(buildVerifyRequest({ ...FORM, access: 'can', dateOfBirth: 'junk' }), {
    ok: true, purpose: 'Kiểm tra hành chính', body: { reader: 'software:genuine', can: '123456' },
  }, 'the MRZ fields do not matter with the CAN');
});

test('the request: every field that is not right, at once', () => {
  const r = buildVerifyRequest({ ...FORM, purpose: 'ab', reader: '', documentNumber: '', dateOfBirth: '921332', dateOfExpiry: '' });
  assert.equal(r.ok, false);
  assert.deepEqual(r.problems, [
    { field: 'purpose', reason: 'format' },
    { field: 'reader', reason: 'required' },
    { field: 'document_number', reason: 'required' },
    { field: 'date_of_birth', reason: 'date' },
    { field: 'date_of_expiry', reason: 'required' },
  ]);
  assert.deepEqual(buildVerifyRequest({ ...FORM, purpose: ' ', documentNumber: '205-123', dateOfExpiry: '32031' }).problems, [
    { field: 'purpose', reason: 'required' },
    { field: 'document_number', reason: 'format' },
    { field: 'date_of_expiry', reason: 'date' },
  ]);
  assert.deepEqual(buildVerifyRequest({ ...FORM, access: 'can', can: '12345' }).problems, [{ field: 'can', reason: 'format' }]);
  assert.deepEqual(buildVerifyRequest({ ...FORM, access: 'can', can: '' }).problems, [{ field: 'can', reason: 'required' }]);
  assert.deepEqual(buildVerifyRequest({ ...FORM, source: 'other' }).problems, [{ field: 'source', reason: 'required' }]);
});

test('the request for a dump: files under the server\'s names, companions left out; no reader or key', () => {
  const files = [
    { name: 'ef_sod.bin', size: 3, base64: 'AQID' },
    { name: 'Datagroup1.bin', size: 2, base64: 'BAU=' },
    { name: 'ds.cer', size: 3, base64: 'BgcI' },
    { name: 'readme.md', size: 1 },
    { name: 'photo.jpg', size: 1 },
  ];
  assert.deepEqual(buildVerifyRequest({ ...FORM, source: 'dump', reader: '', documentNumber: '', files }), {
    ok: true, purpose: 'Kiểm tra hành chính', body: { files: { 'EF_SOD.bin': 'AQID', 'DG1.bin': 'BAU=' } },
  });
  const dump = (list) => buildVerifyRequest({ ...FORM, source: 'dump', files: list });
  assert.deepEqual(dump([]).problems, [{ field: 'files', reason: 'required' }]);
  assert.deepEqual(dump([{ name: 'DG1.bin', size: 2, base64: 'BAU=' }]).problems, [{ field: 'files', reason: 'no_sod' }]);
  assert.deepEqual(dump([{ name: 'ds.cer', size: 2, base64: 'BAU=' }]).problems, [{ field: 'files', reason: 'no_sod' }]);
  assert.deepEqual(dump([{ name: 'EF_SOD.bin', size: 3, base64: 'AQID' }, { name: 'DG1.bin', size: 2, base64: 'BAU=' }, { name: 'dg1.der', size: 2, base64: 'BAU=' }]).problems,
    [{ field: 'files', reason: 'blocked' }], 'two files for DG1');
  assert.deepEqual(dump([{ name: 'EF_SOD.bin', size: MAX_DUMP_FILE_BYTES + 1, base64: 'AQID' }]).problems, [{ field: 'files', reason: 'blocked' }]);
  assert.deepEqual(dump([{ name: 'EF_SOD.bin', size: 3 }]).problems, [{ field: 'files', reason: 'unread' }]);
  // Every chip file at once: 19 names, under the server's limit of 32 files.
  const many = Array.from({ length: 16 }, (_, i) => ({ name: `DG${i + 1}.bin`, size: 1, base64: 'AA==' }));
  assert.equal(dump([...many, { name: 'EF_SOD.bin', size: 1, base64: 'AA==' }, { name: 'EF_COM.bin', size: 1, base64: 'AA==' }]).ok, true);
});

test('a server problem is shown at the field it names', () => {
  const cases = {
    purpose: 'purpose', 'X-Purpose': 'purpose', reader: 'reader', can: 'can', mrz: 'mrz',
    'mrz.document_number': 'document_number', 'mrz.date_of_birth': 'date_of_birth', date_of_expiry: 'date_of_expiry',
    files: 'files', 'files.DG1.bin': 'files', dump: 'files', 'body.can': 'can', topics: null, '': null,
  };
  for (const [f, want] of Object.entries(cases)) assert.equal(problemField(f), want, f);
  assert.equal(problemField(undefined), null);
});

// ---------------------------------------------------------------- verdicts

test('verdicts: green only for genuine, amber for a chip not proven, red for the rest and for unknown ones', () => {
  assert.deepEqual(VERDICTS, ['genuine', 'clone_suspected', 'chip_not_proven', 'altered', 'untrusted', 'expired', 'unreadable']);
  assert.deepEqual(VERDICTS.map(verdictTone), ['good', 'bad', 'warn', 'bad', 'bad', 'bad', 'bad']);
  assert.equal(verdictTone('something_new'), 'bad', 'never green by accident');
  assert.equal(verdictClass('genuine'), 'id-verdict id-verdict-good');
  assert.equal(verdictClass('clone_suspected'), 'id-verdict id-verdict-bad');
  assert.equal(verdictClass('chip_not_proven'), 'id-verdict id-verdict-warn');
  assert.deepEqual(['genuine', 'chip_not_proven', 'altered'].map(verdictIcon), ['✓', '!', '✗']);
  for (const v of VERDICTS) {
    const l = verdictLabel(v);
    assert.ok(l.vi && l.en && l.vi !== l.en, `${v} has both languages`);
  }
  assert.deepEqual(verdictLabel('clone_suspected'), { vi: 'Nghi chip sao chép', en: 'Suspected clone' });
  assert.deepEqual(verdictLabel('x'), { vi: 'Kết luận: x', en: 'Verdict: x' });
  assert.deepEqual(verdictSentence({ verdict: 'genuine', verdict_vi: 'Thẻ thật.', verdict_en: 'Genuine card.' }), { vi: 'Thẻ thật.', en: 'Genuine card.' });
  assert.deepEqual(verdictSentence({ verdict: 'genuine', verdict_vi: '', verdict_en: 'Genuine card.' }), { vi: 'Genuine card.', en: 'Genuine card.' });
  assert.deepEqual(verdictSentence({ verdict: 'expired' }), verdictLabel('expired'));
});

// ---------------------------------------------------------------- checks

const C = (id, category, passed, informational = false) => ({ id, category, passed, informational, title_vi: id, title_en: id, detail: '' });

test('checks: ✓ passed, ✗ failed, ℹ informational whatever its result', () => {
  assert.equal(checkState(C('a', 'data', true)), 'passed');
  assert.equal(checkState(C('a', 'data', false)), 'failed');
  assert.equal(checkState(C('a', 'chip', false, true)), 'info');
  assert.equal(checkState(C('a', 'chip', true, true)), 'info');
  assert.equal(checkMark(C('a', 'data', true)), '✓');
  assert.equal(checkMark(C('a', 'data', false)), '✗');
  assert.equal(checkMark(C('a', 'data', false, true)), 'ℹ');
});

test('checks grouped printed → passive → chip → data → others; failed first in a group, else the server\'s order', () => {
  const checks = [
    C('lds.com', 'data', true), C('pa.signature', 'passive', true), C('chip.aa', 'chip', false, true),
    C('pa.chain', 'passive', false), C('mrz.check_digits', 'printed', true), C('chip.ca', 'chip', true),
    C('pa.hash.dg1', 'passive', true), C('qr.match', 'visual', true), C('pa.crl', 'passive', true, true),
    C('x.nocat', '', true),
  ];
  const g = groupChecks(checks);
  assert.deepEqual(g.map((x) => x.category), ['printed', 'passive', 'chip', 'data', 'visual']);
  assert.deepEqual(g.map((x) => x.checks.map((c) => c.id)), [
    ['mrz.check_digits'],
    ['pa.chain', 'pa.signature', 'pa.hash.dg1', 'pa.crl'],
    ['chip.ca', 'chip.aa'],
    ['lds.com', 'x.nocat'],
    ['qr.match'],
  ]);
  assert.equal(g.flatMap((x) => x.checks).length, checks.length, 'no check lost');
  assert.deepEqual(groupChecks([]), []);
  assert.deepEqual(checkCounts(checks), { passed: 7, failed: 1, info: 2, total: 10 });
  assert.deepEqual(CHECK_CATEGORIES, ['printed', 'passive', 'chip', 'data']);
  for (const c of CHECK_CATEGORIES) assert.ok(categoryLabel(c).vi && categoryLabel(c).en);
  assert.deepEqual(categoryLabel('visual'), { vi: 'Nhóm visual', en: 'Group visual' });
});

// ---------------------------------------------------------------- the report

const REPORT = {
  id: 12,
  verdict: 'genuine',
  verdict_vi: 'Thẻ thật: dữ liệu do cơ quan cấp ký và chip chứng minh được khóa của nó.',
  verdict_en: 'Genuine: the data is signed by the issuer and the chip proved its key.',
  reasoning: ['Passive authentication passed.', 'Chip authentication passed.'],
  holder: {
    personal_number: '079092003456', full_name: 'Nguyễn Văn An', date_of_birth: '15/03/1992', sex: 'Nam',
    nationality: 'Việt Nam', ethnicity: 'Kinh', religion: '', place_of_origin: 'Hà Nội', place_of_residence: 'TP. Hồ Chí Minh',
    identifying_marks: '', issue_date: '01/07/2021', expiry_date: '15/03/2032', father_name: '', mother_name: '',
    spouse_name: '', old_id_number: '', document_number: '205123456', document_code: 'ID', issuing_state: 'VNM',
    mrz_date_of_birth: '920315', mrz_date_of_expiry: '320315', mrz_lines: ['IDVNM2051234566079092003456<<3', 'x', 'y'],
    province: 'Hồ Chí Minh',
  },
  faces: [{ png_base64: 'iVBORw0KGgo=', width: 120, height: 160, source_format: 'image/jp2' }],
  checks: [C('pa.signature', 'passive', true), { id: '', category: 'data' }, 'junk', { id: 'chip.ca', category: 'chip', passed: 'yes' }],
  session: {
    live: true, reader: 'software:genuine', access_control: 'PACE-ECDH-GM-AES-CBC-CMAC-128', steps: ['PACE', 7],
    chip_authentication: { supported: true, performed: true, passed: true, protocol: 'CA-ECDH-AES-CBC-CMAC-128', detail: 'ok' },
  },
  files: [{ name: 'DG1', size: 93 }, { size: 4 }],
  document_signer: 'CN=DS', csca: 'CN=CSCA', verified_at: '2026-12-03T10:00:00Z',
};

test('a report is read defensively: every field there and of its type, junk left out', () => {
  const r = normalizeReport(REPORT);
  assert.equal(r.id, 12);
  assert.equal(r.verdict, 'genuine');
  assert.equal(r.holder.full_name, 'Nguyễn Văn An');
  assert.deepEqual(r.holder.mrz_lines, REPORT.holder.mrz_lines);
  assert.deepEqual(r.checks.map((c) => [c.id, c.passed, c.title_en]), [['pa.signature', true, 'pa.signature'], ['chip.ca', false, 'chip.ca']],
    'a check without an id is dropped; "yes" is not true; the id stands in for a missing title');
  assert.deepEqual(r.session.steps, ['PACE']);
  assert.equal(r.session.chip_authentication.passed, true);
  assert.deepEqual(r.session.active_authentication, { supported: false, performed: false, passed: false, protocol: '', detail: '' });
  assert.deepEqual(r.files, [{ name: 'DG1', size: 93 }]);
  assert.equal(r.faces.length, 1);
  assert.equal(r.faces_withheld, false);

  const empty = normalizeReport(null);
  assert.equal(empty.verdict, 'unreadable', 'no verdict is never taken as genuine');
  assert.equal(empty.id, null);
  for (const k of HOLDER_KEYS) assert.equal(empty.holder[k], '', k);
  assert.deepEqual([empty.checks, empty.faces, empty.files, empty.reasoning, empty.holder.mrz_lines], [[], [], [], [], []]);

  const withheld = normalizeReport({ ...REPORT, faces: [], faces_withheld: true });
  assert.deepEqual([withheld.faces, withheld.faces_withheld], [[], true]);
});

test('the holder\'s fields in the order of the card with bilingual labels; empty ones left out', () => {
  const rows = holderRows(normalizeReport(REPORT).holder);
  assert.deepEqual(rows.slice(0, 3).map((r) => [r.key, r.label.vi, r.label.en, r.value]), [
    ['personal_number', 'Số định danh', 'Personal number', '079092003456'],
    ['full_name', 'Họ và tên', 'Full name', 'Nguyễn Văn An'],
    ['date_of_birth', 'Ngày sinh', 'Date of birth', '15/03/1992'],
  ]);
  assert.ok(!rows.some((r) => r.key === 'religion' || r.key === 'father_name'), 'empty fields are not shown');
  assert.equal(rows.find((r) => r.key === 'expiry_date').label.vi, 'Có giá trị đến');
  const labels = Object.fromEntries(HOLDER_LABELS.map((l) => [l.key, `${l.label.vi} / ${l.label.en}`]));
  assert.equal(labels.place_of_residence, 'Nơi thường trú / Place of residence');
  assert.equal(labels.identifying_marks, 'Đặc điểm nhận dạng / Identifying marks');
  assert.equal(labels.spouse_name, 'Vợ/Chồng / Spouse');
  assert.equal(labels.old_id_number, 'Số CMND cũ / Old ID number');
  assert.deepEqual(HOLDER_LABELS.map((l) => l.key).sort(), [...HOLDER_KEYS].sort(), 'every field has a label');
  assert.deepEqual(holderRows({ full_name: '   ' }), []);
});

test('chip proofs: passed, failed, announced but not run, not announced', () => {
  assert.equal(proofState({ supported: true, performed: true, passed: true }), 'passed');
  assert.equal(proofState({ supported: true, performed: true, passed: false }), 'failed');
  assert.equal(proofState({ supported: true, performed: false, passed: false }), 'not_performed');
  assert.equal(proofState({ supported: false, performed: false, passed: false }), 'unsupported');
  assert.deepEqual(accessControlLabel('BAC'), { vi: 'BAC', en: 'BAC' });
  assert.equal(accessControlLabel('PACE-ECDH-GM-AES-CBC-CMAC-128').en, 'PACE — PACE-ECDH-GM-AES-CBC-CMAC-128');
  assert.deepEqual(accessControlLabel('none'), { vi: 'Không (tệp trích xuất)', en: 'None (dump files)' });
});

// ---------------------------------------------------------------- readers

test('readers: read defensively; the simulated card\'s access data kept; the first choice', () => {
  const r = parseReaders({
    readers: [
      { id: 'software:genuine', kind: 'software', label_vi: 'Thẻ mô phỏng thật', label_en: 'Simulated genuine card',
        demo_access: { document_number: '205123456', date_of_birth: '920315', date_of_expiry: '320315', can: '123456' } },
      { id: 'software:cloned', kind: 'software', label_vi: 'Thẻ mô phỏng sao chép' },
      { id: 'software:genuine', kind: 'software' },
      { kind: 'pcsc' },
      null,
    ],
    pcsc_error: 'no PC/SC service',
  });
  assert.deepEqual(r.readers.map((x) => x.id), ['software:genuine', 'software:cloned'], 'no duplicate, none without an id');
  assert.equal(r.readers[0].demo_access.can, '123456');
  assert.equal(r.readers[1].demo_access, null);
  assert.equal(r.readers[1].label_en, 'Thẻ mô phỏng sao chép', 'a missing label falls back to the other');
  assert.equal(r.pcscError, 'no PC/SC service');
  assert.deepEqual(parseReaders({ readers: [], pcsc_error: null }), { readers: [], pcscError: null });
  assert.deepEqual(parseReaders('junk'), { readers: [], pcscError: null });

  const pcsc = { id: 'pcsc:0', kind: 'pcsc', label_vi: 'ACR', label_en: 'ACR', demo_access: null };
  assert.equal(defaultReader(r.readers, null), 'software:genuine');
  assert.equal(defaultReader([...r.readers, pcsc], null), 'pcsc:0', 'a real reader first');
  assert.equal(defaultReader([...r.readers, pcsc], 'software:cloned'), 'software:cloned', 'the one chosen before');
  assert.equal(defaultReader(r.readers, 'gone'), 'software:genuine');
  assert.equal(defaultReader([], null), '');
});

// ---------------------------------------------------------------- history

test('masking: the first 3 and last 4 of long numbers, the last 3 of shorter ones; masked ones untouched', () => {
  assert.equal(maskNumber('079092003456'), '079*****3456');
  assert.equal(maskNumber('0790920034'), '079***0034');
  assert.equal(maskNumber('205123456'), '******456');
  assert.equal(maskNumber('123456'), '***456');
  assert.equal(maskNumber('12345'), '*****');
  assert.equal(maskNumber('079*****3456'), '079*****3456');
  assert.equal(maskNumber(''), '');
  assert.equal(maskNumber('C01X00T47'), '******T47');
  assert.equal(maskNumber(' 079092003456 '), '079*****3456', 'trimmed first');
});

test('history: newest first, every number masked whatever the server sent, rows without an id left out', () => {
  const rows = parseHistory({
    verifications: [
      { id: 3, created_at: '2026-12-03T09:00:00Z', officer: 'clerk', purpose: 'Kiểm tra', verdict: 'genuine', document: '079*****3456', access_control: 'PACE', reader: 'software:genuine' },
      { id: 5, created_at: '2026-12-03T10:00:00Z', officer: 'investigator', purpose: 'Vụ việc 12', verdict: 'clone_suspected', document: '079092003456', access_control: 'BAC', reader: 'software:cloned' },
      { id: 4, created_at: '2026-12-03T10:00:00Z', verdict: 'altered' },
      { id: '6', created_at: '2026-12-04T00:00:00Z' },
    ],
  });
  assert.deepEqual(rows.map((r) => r.id), [5, 4, 3]);
  assert.equal(rows[0].document, '079*****3456', 'a full number from the server is masked here too');
  assert.equal(rows[1].officer, '');
  assert.deepEqual(parseHistory({}), []);
});

test('sizes: bytes, then KB and MB with the language\'s decimal mark', () => {
  assert.equal(formatSize(93, 'vi'), '93 B');
  assert.equal(formatSize(1536, 'vi'), '1,5 KB');
  assert.equal(formatSize(1536, 'en'), '1.5 KB');
  assert.equal(formatSize(1048576, 'en'), '1 MB');
  assert.equal(formatSize(-1, 'en'), '—');
});
