// Unit tests of the document digitization console pages: roles and topics, hash routes, the upload's first checks,
// the search query and its paging, live events and progress, the alignment of OCR words with the page text,
// formatting and download names (no browser needed). Run with `npm test`: tsc compiles the sources into
// .test-build/ first (src/console/pages/documents/logic.ts must be listed in tsconfig.test.json).
// The browser test against a running server is tests/e2e/browser/documents.test.mjs.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  EMPTY_SEARCH,
  MAX_UPLOAD_BYTES,
  SEARCH_PAGE,
  alignWords,
  applyDocEvent,
  baseName,
  boxPercent,
  bytesToDataUrl,
  canUpload,
  checkFile,
  checkSearch,
  clampPage,
  confidenceLevel,
  defaultDocumentsView,
  docFields,
  docProgress,
  documentViewAllowed,
  documentViewsFor,
  documentsHash,
  documentsTopics,
  downloadName,
  formatBytes,
  formatDocDate,
  formatPercent,
  hasCriteria,
  isDocumentLink,
  isDocumentsRole,
  isIsoDate,
  pageRange,
  parseDocumentsEvent,
  parseDocumentsRoute,
  prevOffset,
  searchHashParams,
  searchParamsFrom,
  searchQuery,
  snippetParts,
  wordAt,
} from '../.test-build/console/pages/documents/logic.js';

// ---------------------------------------------------------------- roles

test('clerks, investigators and supervisors see the pages; only clerks and supervisors upload', () => {
  for (const r of ['clerk', 'investigator', 'supervisor']) {
    assert.equal(isDocumentsRole(r), true, r);
    assert.deepEqual(documentsTopics(r), ['documents']);
  }
  for (const r of ['call_taker', 'dispatcher', 'admin', 'auditor', '']) {
    assert.equal(isDocumentsRole(r), false, r);
    assert.deepEqual(documentsTopics(r), [], 'no topic the server would refuse');
    assert.deepEqual(documentViewsFor(r), []);
    assert.equal(documentViewAllowed(r, 'viewer'), false);
  }
  assert.equal(canUpload('clerk'), true);
  assert.equal(canUpload('supervisor'), true);
  assert.equal(canUpload('investigator'), false);
  assert.deepEqual(documentViewsFor('clerk'), ['upload', 'list', 'search']);
  assert.deepEqual(documentViewsFor('investigator'), ['list', 'search']);
  assert.equal(documentViewAllowed('investigator', 'upload'), false);
  assert.equal(documentViewAllowed('investigator', 'viewer'), true);
  assert.equal(defaultDocumentsView('clerk'), 'upload');
  assert.equal(defaultDocumentsView('investigator'), 'search');
});

// ---------------------------------------------------------------- routes

test('hash routes: views, a document with its page, the query kept; the leading slash optional', () => {
  assert.deepEqual(parseDocumentsRoute('#/documents'), { view: null, id: null, page: null, params: {} });
  assert.equal(parseDocumentsRoute('#documents/upload').view, 'upload');
  assert.equal(parseDocumentsRoute('#/documents/list').view, 'list');
  assert.deepEqual(parseDocumentsRoute('#/documents/list?status=done&offset=25').params, { status: 'done', offset: '25' });
  const s = parseDocumentsRoute('#/documents/search?q=quy%E1%BA%BFt%20%C4%91%E1%BB%8Bnh&type=quyet_dinh');
  assert.equal(s.view, 'search');
  assert.equal(s.params.q, 'quyết định');
  assert.deepEqual(parseDocumentsRoute('#/documents/12'), { view: 'viewer', id: 12, page: null, params: {} });
  assert.equal(parseDocumentsRoute('#/documents/12?page=3').page, 3);
  assert.equal(parseDocumentsRoute('#/documents/12?page=0').page, null);
  assert.equal(parseDocumentsRoute('#/documents/12?page=x').page, null);
  assert.equal(parseDocumentsRoute('#/documents/0').view, null);
  assert.equal(parseDocumentsRoute('#/documents/abc').view, null);
  assert.equal(parseDocumentsRoute('#/reports/12').view, null);
  assert.equal(documentsHash('upload'), '#/documents/upload');
  assert.equal(documentsHash('viewer', { id: 12 }), '#/documents/12');
  assert.equal(documentsHash('viewer', { id: 12, page: 1 }), '#/documents/12');
  assert.equal(documentsHash('viewer', { id: 12, page: 4 }), '#/documents/12?page=4');
  assert.equal(documentsHash('list', { params: { status: '', offset: 0 } }), '#/documents/list');
  assert.equal(documentsHash('list', { params: { status: 'failed', offset: 25 } }), '#/documents/list?status=failed&offset=25');
  // A round trip of a search through the hash.
  const p = { ...EMPTY_SEARCH, q: '"quyết định" -dự_thảo', issuer: 'UBND', offset: 40 };
  const back = searchParamsFrom(parseDocumentsRoute(documentsHash('search', { params: searchHashParams(p) })).params);
  assert.deepEqual(back, p);
});

// ---------------------------------------------------------------- upload

test('upload check: PNG, JPEG, TIFF, PDF by type or extension; at most 100 MiB; not empty', () => {
  assert.equal(MAX_UPLOAD_BYTES, 104857600);
  assert.deepEqual(checkFile('scan.png', 'image/png', 10), { ok: true, format: 'png' });
  assert.deepEqual(checkFile('SCAN.JPG', '', 10), { ok: true, format: 'jpeg' });
  assert.deepEqual(checkFile('a.jpeg', 'image/jpeg', 10), { ok: true, format: 'jpeg' });
  assert.deepEqual(checkFile('multi.tif', '', 10), { ok: true, format: 'tiff' });
  assert.deepEqual(checkFile('multi.TIFF', 'image/tiff', 10), { ok: true, format: 'tiff' });
  assert.deepEqual(checkFile('hồ sơ.pdf', 'application/pdf', 10), { ok: true, format: 'pdf' });
  assert.deepEqual(checkFile('noext', 'application/pdf', 10), { ok: true, format: 'pdf' }, 'the type is enough');
  assert.deepEqual(checkFile('photo.heic', 'image/heic', 10), { ok: false, reason: 'format' });
  assert.deepEqual(checkFile('doc.docx', '', 10), { ok: false, reason: 'format' });
  assert.deepEqual(checkFile('a.png', 'image/png', 0), { ok: false, reason: 'empty' });
  assert.deepEqual(checkFile('a.pdf', 'application/pdf', MAX_UPLOAD_BYTES), { ok: true, format: 'pdf' });
  assert.deepEqual(checkFile('a.pdf', 'application/pdf', MAX_UPLOAD_BYTES + 1), { ok: false, reason: 'size' });
});

// ---------------------------------------------------------------- progress and live events

test('progress: pages no longer pending of the total; unknown total is indeterminate; done is full', () => {
  assert.deepEqual(docProgress({ status: 'queued', pages_total: 0, pages_done: 0 }), { value: 0, max: 0 });
  // The server's pages_done counts read, blank and failed pages alike.
  assert.deepEqual(docProgress({ status: 'processing', pages_total: 8, pages_done: 4, pages_failed: 1 }), { value: 4, max: 8 });
  assert.deepEqual(docProgress({ status: 'processing', pages_total: 2, pages_done: 5 }), { value: 2, max: 2 }, 'never past the total');
  assert.deepEqual(docProgress({ status: 'done', pages_total: 8, pages_done: 8 }), { value: 8, max: 8 });
  assert.deepEqual(docProgress({ status: 'done', pages_total: 0 }), { value: 1, max: 1 });
});

test('live events of the topic "documents": read, merged into a document; anything else ignored', () => {
  const ev = parseDocumentsEvent('documents', { id: 12, status: 'processing', pages_done: 3, pages_total: 8, pages_failed: 0 });
  assert.deepEqual(ev, { id: 12, status: 'processing', pages_done: 3, pages_total: 8, pages_failed: 0 });
  assert.equal(parseDocumentsEvent('documents', { id: 1, status: 'done', pages_blank: 2 }).pages_blank, 2);
  assert.deepEqual(parseDocumentsEvent('documents', { type: 'document.updated', document: { id: 4, status: 'done' } }), { id: 4, status: 'done' });
  assert.equal(parseDocumentsEvent('reports', { id: 12, status: 'done' }), null);
  assert.equal(parseDocumentsEvent('documents', { id: '12', status: 'done' }), null);
  assert.equal(parseDocumentsEvent('documents', 'text'), null);
  assert.equal(parseDocumentsEvent('documents', null), null);
  const doc = { id: 12, status: 'queued', pages_total: 0, pages_done: 0, pages_failed: 0, title: 'x' };
  const after = applyDocEvent(doc, ev);
  assert.deepEqual(after, { id: 12, status: 'processing', pages_total: 8, pages_done: 3, pages_failed: 0, title: 'x' });
  assert.equal(doc.status, 'queued', 'the document itself is not changed');
  assert.equal(applyDocEvent({ ...doc, id: 13 }, ev).status, 'queued', 'an event of another document');
  assert.equal(applyDocEvent(after, { id: 12, status: 'done' }).pages_done, 3, 'counts the event lacks stay');
});

// ---------------------------------------------------------------- search

test('search parameters: from the hash, checked, as a query; dates must be real and in order', () => {
  const p = searchParamsFrom({ q: '  quyet dinh ', type: 'quyet_dinh', date_from: '2024-02-30', date_to: '2024-12-31', offset: '20', x: '1' });
  assert.deepEqual(p, { q: 'quyet dinh', type: 'quyet_dinh', issuer: '', number: '', date_from: '', date_to: '2024-12-31', offset: 20 });
  assert.equal(isIsoDate('2024-02-29'), true);
  assert.equal(isIsoDate('2023-02-29'), false);
  assert.equal(isIsoDate('2024-2-1'), false);
  assert.equal(hasCriteria(EMPTY_SEARCH), false);
  assert.equal(checkSearch(EMPTY_SEARCH), 'empty');
  assert.equal(checkSearch({ ...EMPTY_SEARCH, issuer: 'UBND' }), null, 'a filter alone is a search');
  assert.equal(checkSearch({ ...EMPTY_SEARCH, q: 'a', date_from: '2024-13-01' }), 'date_from');
  assert.equal(checkSearch({ ...EMPTY_SEARCH, q: 'a', date_to: 'x' }), 'date_to');
  assert.equal(checkSearch({ ...EMPTY_SEARCH, q: 'a', date_from: '2024-05-01', date_to: '2024-04-01' }), 'date_order');
  assert.equal(checkSearch({ ...EMPTY_SEARCH, q: 'a', date_from: '2024-04-01', date_to: '2024-04-01' }), null);
  assert.equal(SEARCH_PAGE, 20);
  assert.equal(searchQuery({ ...EMPTY_SEARCH, q: '"quyết định" -dự thảo* & more', number: '123/QĐ-UBND' }),
    'q=%22quy%E1%BA%BFt+%C4%91%E1%BB%8Bnh%22+-d%E1%BB%B1+th%E1%BA%A3o*+%26+more&number=123%2FQ%C4%90-UBND&limit=20&offset=0');
  assert.equal(searchQuery({ ...EMPTY_SEARCH, q: 'x', date_from: '2024-01-01', date_to: '2024-12-31', offset: 40 }, 10),
    'q=x&date_from=2024-01-01&date_to=2024-12-31&limit=10&offset=40');
});

test('paging: "N–M of total", previous and next', () => {
  assert.deepEqual(pageRange(0, 20, 57), { from: 1, to: 20, total: 57, prev: false, next: true });
  assert.deepEqual(pageRange(40, 17, 57), { from: 41, to: 57, total: 57, prev: true, next: false });
  assert.deepEqual(pageRange(0, 0, 0), { from: 0, to: 0, total: 0, prev: false, next: false });
  assert.deepEqual(pageRange(20, 0, 20), { from: 0, to: 0, total: 20, prev: true, next: false }, 'past the end: back is possible');
  assert.equal(pageRange(0, 5, 2).total, 5, 'the total is never less than what is shown');
  assert.equal(prevOffset(40, 20), 20);
  assert.equal(prevOffset(10, 20), 0);
});

test('snippets: parts with hits, a plain string, junk left out', () => {
  assert.deepEqual(snippetParts([{ text: '… quy định về ', hit: false }, { text: 'Quyết định', hit: true }, { text: '', hit: true }, { x: 1 }, null]),
    [{ text: '… quy định về ', hit: false }, { text: 'Quyết định', hit: true }]);
  assert.deepEqual(snippetParts('<b>not html</b>'), [{ text: '<b>not html</b>', hit: false }]);
  assert.deepEqual(snippetParts(undefined), []);
  assert.deepEqual(snippetParts([{ text: 'x', hit: 'yes' }]), [{ text: 'x', hit: false }], 'only true is a hit');
});

test('fields: strings only; dates day first', () => {
  assert.deepEqual(docFields({ number: '123/QĐ-UBND', type: 'quyet_dinh', date: '2024-03-05', issuer: 7 }),
    { number: '123/QĐ-UBND', type: 'quyet_dinh', type_vi: '', type_en: '', date: '2024-03-05', place: '', issuer: '' });
  assert.deepEqual(docFields(null).number, '');
  assert.equal(formatDocDate('2024-03-05'), '05/03/2024');
  assert.equal(formatDocDate('03/2024'), '03/2024');
});

// ---------------------------------------------------------------- words and text

const W = (text, x, y, w = 40, h = 20, conf = 90) => ({ text, x, y, w, h, conf });

test('words aligned with the text: line breaks kept, every word clickable, a missing word left out', () => {
  const words = [W('Quyết', 0, 0), W('định', 50, 0), W('số', 0, 30), W('123/QĐ-UBND', 50, 30)];
  const segs = alignWords('Quyết định\nsố 123/QĐ-UBND', words);
  assert.deepEqual(segs, [
    { text: 'Quyết', word: 0 }, { text: ' ', word: null }, { text: 'định', word: 1 }, { text: '\n', word: null },
    { text: 'số', word: 2 }, { text: ' ', word: null }, { text: '123/QĐ-UBND', word: 3 },
  ]);
  assert.equal(segs.map((s) => s.text).join(''), 'Quyết định\nsố 123/QĐ-UBND', 'the text is all there');
  // A word the text lacks is skipped; the words after it still match.
  const s2 = alignWords('một hai ba', [W('một', 0, 0), W('XYZ', 0, 0), W('hai', 0, 0), W('ba', 0, 0)]);
  assert.deepEqual(s2.filter((s) => s.word !== null).map((s) => s.word), [0, 2, 3]);
  // A short word is not matched far ahead (which would make everything after it unclickable).
  const far = `${'x'.repeat(100)} a b`;
  const s3 = alignWords(far, [W('a', 0, 0), W('b', 0, 0)]);
  assert.deepEqual(s3.filter((s) => s.word !== null).map((s) => s.word), [], 'too far: left plain');
  assert.equal(s3.map((s) => s.text).join(''), far);
  // Decomposed (NFD) accents in the words still match the NFC text.
  const s4 = alignWords('Hà Nội', [W('Hà'.normalize('NFD'), 0, 0), W('Nội'.normalize('NFD'), 0, 0)]);
  assert.deepEqual(s4.filter((s) => s.word !== null).map((s) => s.word), [0, 1]);
  // Without text: the words joined.
  assert.deepEqual(alignWords('', [W('a', 0, 0), W('b', 0, 0)]).map((s) => s.text), ['a', ' ', 'b']);
  assert.deepEqual(alignWords('chỉ văn bản', []), [{ text: 'chỉ văn bản', word: null }]);
  assert.deepEqual(alignWords('', []), []);
});

test('the word under a point of the image; its box in percent of the page', () => {
  const words = [W('big', 0, 0, 200, 100), W('small', 10, 10, 20, 10), W('other', 300, 300)];
  assert.equal(wordAt(words, 15, 15), 1, 'the smallest box holding the point');
  assert.equal(wordAt(words, 100, 50), 0);
  assert.equal(wordAt(words, 310, 310), 2);
  assert.equal(wordAt(words, 1000, 1000), -1);
  assert.equal(wordAt([W('zero', 0, 0, 0, 0)], 0, 0), -1);
  assert.deepEqual(boxPercent(W('x', 248, 351, 124, 35), 2480, 3508), { left: 10, top: 10.006, width: 5, height: 0.998 });
  assert.equal(boxPercent(W('x', 0, 0), 0, 100), null);
});

// ---------------------------------------------------------------- formatting

test('confidence levels and percentages; sizes; pages clamped', () => {
  assert.equal(confidenceLevel(91.2), 'high');
  assert.equal(confidenceLevel(85), 'high');
  assert.equal(confidenceLevel(70), 'medium');
  assert.equal(confidenceLevel(59.9), 'low');
  assert.equal(confidenceLevel(null), 'none');
  assert.equal(formatPercent(87.46, 'vi'), '87,5%');
  assert.equal(formatPercent(87.46, 'en'), '87.5%');
  assert.equal(formatPercent(90, 'vi'), '90%');
  assert.equal(formatPercent(null, 'en'), '—');
  assert.equal(formatBytes(512, 'vi'), '512 B');
  assert.equal(formatBytes(1536, 'vi'), '1,5 KB');
  assert.equal(formatBytes(1536, 'en'), '1.5 KB');
  assert.equal(formatBytes(100 * 1024 * 1024, 'en'), '100 MB');
  assert.equal(formatBytes(3 * 1024 * 1024, 'en'), '3 MB');
  assert.equal(clampPage(3, 8), 3);
  assert.equal(clampPage(9, 8), 8);
  assert.equal(clampPage(0, 8), 1);
  assert.equal(clampPage(null, 0), 1);
});

test('download names: the server\'s (RFC 6266 and 5987), made safe; else from the file name', () => {
  assert.equal(downloadName('attachment; filename="scan.pdf"', 'x.pdf'), 'scan.pdf');
  assert.equal(downloadName("attachment; filename=\"a.pdf\"; filename*=UTF-8''h%E1%BB%93%20s%C6%A1.pdf", 'x.pdf'), 'hồ sơ.pdf');
  assert.equal(downloadName('attachment; filename=../../etc/passwd', 'x'), '_.._etc_passwd');
  assert.equal(downloadName(null, 'scan.txt'), 'scan.txt');
  assert.equal(downloadName('attachment', 'scan.txt'), 'scan.txt');
  assert.equal(baseName('C:\\scans\\hồ sơ 01.tiff', 3), 'hồ sơ 01');
  assert.equal(baseName('.pdf', 3), '.pdf');
  assert.equal(baseName('', 3), 'document-3');
});

test('only the server\'s own document links are followed', () => {
  assert.equal(isDocumentLink('/api/v1/documents/12/pdf'), true);
  assert.equal(isDocumentLink('/api/v1/documents/12/result.json'), true);
  assert.equal(isDocumentLink('https://evil.example/api/v1/documents/12/pdf'), false);
  assert.equal(isDocumentLink('/api/v1/documents/12/../../auth/token'), false);
  assert.equal(isDocumentLink('/api/v1/audit/export'), false);
  assert.equal(isDocumentLink(undefined), false);
});

test('an image as a data: URL', () => {
  assert.equal(bytesToDataUrl(new Uint8Array([0xff, 0xd8, 0xff])), 'data:image/jpeg;base64,/9j/');
});
