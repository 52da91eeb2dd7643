// Document digitization through the real binary: upload a scan rendered from our own text, follow the progress
// events, find the page by a search typed without accents, read the outputs; refusals; a server killed in the middle
// of a multi-page job finishes it after a restart without indexing any page twice; `precinct ocr` on the command line.
// Pages come from the corpus program (PRECINCT_OCR_CORPUS); the tests skip with a message where it is missing.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, it, before, after } from 'node:test';

import { api, assertProblem, readEvents, runCli, signIn, startServer, tempDir } from './harness.mjs';

const CORPUS = process.env.PRECINCT_OCR_CORPUS;
const skip = !CORPUS || !fs.existsSync(CORPUS) ? 'PRECINCT_OCR_CORPUS (the corpus program) is not built' : false;
const CONFIG = '[modules.digitize]\nworkers = 1\nmax_upload_bytes = 8388608\n';
// Header values are Latin-1 on the wire: the console sends a Vietnamese purpose as the `purpose` query parameter.
const PURPOSE = { 'x-purpose': 'archive check' };

// Accent-free lower case, for comparing OCR output where a diacritic may be misread.
const fold = (t) => t.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/[đĐ]/g, 'd').toLowerCase();

function makePages(args) {
  const dir = tempDir('precinct-ocr-pages-');
  // The page generator is a test tool: fontconfig's caches, alive at its exit, are not the product's leaks.
  const env = { ...process.env, ASAN_OPTIONS: 'detect_leaks=0' };
  const r = spawnSync(CORPUS, ['--out', dir, '--source', 'ours', '--variants', 'clean', ...args], { encoding: 'utf8', env });
  assert.equal(r.status, 0, r.stderr);
  return dir;
}

function firstPng(dir) {
  const name = fs.readdirSync(dir).filter((f) => f.endsWith('.png')).sort()[0];
  return path.join(dir, name);
}

async function upload(url, token, file, { name = path.basename(file), type = 'image/png', lang, title } = {}) {
  const form = new FormData();
  if (lang) form.append('lang', lang);
  if (title) form.append('title', title);
  form.append('file', new Blob([fs.readFileSync(file)], { type }), name);
  const res = await fetch(`${url}/api/v1/documents`, { method: 'POST', headers: { authorization: `Bearer ${token}` }, body: form });
  const text = await res.text();
  return { status: res.status, headers: res.headers, text, json: text ? JSON.parse(text) : null };
}

async function waitFor(url, token, id, pred, ms = 240_000) {
  const end = Date.now() + ms;
  for (;;) {
    const r = await api(url, 'GET', `/api/v1/documents/${id}`, { token });
    assert.equal(r.status, 200, r.text);
    if (pred(r.json)) return r.json;
    if (Date.now() > end) throw new Error(`document ${id} still ${r.json.status} (${r.json.pages_done}/${r.json.pages_total})`);
    await new Promise((res) => setTimeout(res, 200));
  }
}

describe('document digitization', { skip }, () => {
  let s;
  let clerk;
  before(async () => {
    s = await startServer({ config: CONFIG });
    clerk = await signIn(s.url, 'clerk');
  });
  after(async () => s?.stop());

  it('uploads a scan, reports progress, extracts fields and finds the page without accents', async () => {
    const dir = makePages(['--pages', '1']);
    const png = firstPng(dir);
    const truth = fs.readFileSync(png.replace(/\.png$/, '.txt'), 'utf8');
    const live = readEvents(s.url, clerk, 'documents', (ev) => ev.json?.status === 'done', 240_000);
    await new Promise((r) => setTimeout(r, 300));
    const up = await upload(s.url, clerk, png, { title: 'Hồ sơ thử / test file' });
    assert.equal(up.status, 201, up.text);
    assert.equal(up.json.pages_total, 1);
    assert.equal(up.json.format, 'png');
    assert.equal(up.json.lang, 'vie+eng');
    assert.match(up.headers.get('location'), new RegExp(`/api/v1/documents/${up.json.id}$`));
    const events = await live;
    const mine = events.filter((e) => e.json?.id === up.json.id);
    assert.ok(mine.some((e) => e.json.pages_done === 1 && e.json.status === 'done'), JSON.stringify(mine));

    const doc = await waitFor(s.url, clerk, up.json.id, (d) => d.status === 'done');
    assert.equal(doc.pages_done, 1);
    assert.ok(doc.confidence > 70, `confidence ${doc.confidence}`);
    assert.equal(doc.pages[0].status, 'done');
    // The header of every administrative page we render names its number, date and type.
    const number = truth.match(/Số:\s*(\S+)/)?.[1];
    if (number) assert.equal(doc.fields.number, number);
    assert.match(doc.fields.date, /^\d{4}-\d{2}-\d{2}$/);
    assert.ok(doc.fields.type.length > 0, JSON.stringify(doc.fields));
    assert.ok(doc.fields.issuer.length > 0, JSON.stringify(doc.fields));
    assert.ok(doc.links.pdf && doc.links.text && doc.links.json);

    const found = await api(s.url, 'GET', '/api/v1/documents/search?q=' + encodeURIComponent('cong hoa xa hoi chu nghia'),
      { token: clerk, headers: PURPOSE });
    assert.equal(found.status, 200, found.text);
    const hit = found.json.results.find((h) => h.document_id === doc.id);
    assert.ok(hit, found.text);
    assert.equal(hit.page, 1);
    const marked = hit.snippet.filter((p) => p.hit).map((p) => p.text).join(' ');
    assert.match(fold(marked), /cong hoa xa hoi chu nghia/);
    assert.ok(hit.snippet.some((p) => !p.hit), 'the snippet has context around the hits');
    const filtered = await api(s.url, 'GET',
      `/api/v1/documents/search?q=cong+hoa&type=${doc.fields.type}&number=${encodeURIComponent(doc.fields.number)}`,
      { token: clerk, headers: PURPOSE });
    assert.ok(filtered.json.results.some((h) => h.document_id === doc.id), filtered.text);
    const other = doc.fields.type === 'bien_ban' ? 'thong_bao' : 'bien_ban';
    const none = await api(s.url, 'GET', `/api/v1/documents/search?q=cong+hoa&type=${other}`, { token: clerk, headers: PURPOSE });
    assert.ok(!none.json.results.some((h) => h.document_id === doc.id));

    const pdf = await fetch(`${s.url}${doc.links.pdf}`, { headers: { authorization: `Bearer ${clerk}`, ...PURPOSE } });
    assert.equal(pdf.status, 200);
    assert.equal(pdf.headers.get('content-type'), 'application/pdf');
    const bytes = Buffer.from(await pdf.arrayBuffer());
    assert.equal(bytes.subarray(0, 5).toString(), '%PDF-');
    const pdftotext = spawnSync('pdftotext', ['-', '-'], { input: bytes, encoding: 'utf8' });
    const text = await api(s.url, 'GET', doc.links.text, { token: clerk, headers: PURPOSE });
    assert.match(fold(text.text), /doc lap - tu do - hanh phuc/);
    // The PDF's invisible layer copies as the text output reads (pdftotext, from poppler-utils).
    if (pdftotext.status === 0) {
      const words = (t) => t.normalize('NFC').split(/\s+/).filter(Boolean);
      const fromPdf = new Set(words(pdftotext.stdout));
      const ours = words(text.text);
      const found = ours.filter((w) => fromPdf.has(w)).length;
      assert.ok(found / ours.length > 0.97, `${found} of ${ours.length} words copied from the PDF as written`);
    }
    const page = await api(s.url, 'GET', `/api/v1/documents/${doc.id}/pages/1`, { token: clerk, headers: PURPOSE });
    assert.equal(page.status, 200);
    assert.ok(page.json.words.length > 50);
    assert.equal(page.json.width, 2480);
    const image = await fetch(`${s.url}/api/v1/documents/${doc.id}/pages/1/image`, {
      headers: { authorization: `Bearer ${clerk}`, ...PURPOSE } });
    assert.equal(image.headers.get('content-type'), 'image/jpeg');
    const result = await api(s.url, 'GET', doc.links.json, { token: clerk, headers: PURPOSE });
    assert.equal(result.json.pages[0].status, 'done');
  });

  it('refuses what it must and protects personal data', async () => {
    const gif = path.join(tempDir(), 'x.gif');
    fs.writeFileSync(gif, 'GIF89a' + 'x'.repeat(100));
    assertProblem(await upload(s.url, clerk, gif, { type: 'image/gif' }), 400, 'invalid-argument', 'file');
    const big = path.join(tempDir(), 'big.png');
    // Over the file limit (8 MiB here) but within the request's: the whole body is read, then refused.
    fs.writeFileSync(big, Buffer.alloc(8 * 1024 * 1024 + 1000));
    const tooBig = await upload(s.url, clerk, big);
    assert.equal(tooBig.status, 413, tooBig.text);
    const png = firstPng(makePages(['--pages', '1']));
    assertProblem(await upload(s.url, clerk, png, { lang: 'xx!' }), 400, 'invalid-argument', 'lang');
    const investigator = await signIn(s.url, 'investigator');
    assert.equal((await upload(s.url, investigator, png)).status, 403);
    const calltaker = await signIn(s.url, 'calltaker');
    assert.equal((await api(s.url, 'GET', '/api/v1/documents', { token: calltaker })).status, 403);
    const noPurpose = await api(s.url, 'GET', '/api/v1/documents/search?q=cong', { token: investigator });
    assertProblem(noPurpose, 400, 'invalid-argument');
    assertProblem(await api(s.url, 'GET', '/api/v1/documents/search?q=%22open', { token: clerk, headers: PURPOSE }),
      400, 'invalid-argument', 'q');
    assertProblem(await api(s.url, 'GET', '/api/v1/documents/999999', { token: clerk }), 404, 'not-found');
    const list = await api(s.url, 'GET', '/api/v1/documents?status=done', { token: clerk });
    assert.equal(list.status, 200);
    assert.ok(list.json.total >= 1);
    const types = await api(s.url, 'GET', '/api/v1/documents/types', { token: clerk });
    assert.ok(types.json.types.some((t) => t.code === 'quyet_dinh' && t.name_vi === 'Quyết định'));
  });
});

describe('a job survives a killed server', { skip }, () => {
  it('finishes every page after a restart and indexes each page once', async () => {
    const dir = makePages(['--pages', '4', '--tiff']);
    const tiff = path.join(dir, 'clean.tif');
    const dataDir = tempDir();
    let s = await startServer({ dataDir, config: CONFIG });
    let clerk = await signIn(s.url, 'clerk');
    const up = await upload(s.url, clerk, tiff, { type: 'image/tiff' });
    assert.equal(up.status, 201, up.text);
    assert.equal(up.json.pages_total, 4);
    const partial = await waitFor(s.url, clerk, up.json.id, (d) => d.pages_done >= 1);
    assert.ok(partial.pages_done < 4, 'the job finished before the kill');
    await s.kill9();

    s = await startServer({ dataDir, config: CONFIG });
    try {
      clerk = await signIn(s.url, 'clerk');
      const doc = await waitFor(s.url, clerk, up.json.id, (d) => d.status === 'done');
      assert.equal(doc.pages_done, 4);
      assert.ok(doc.pages.every((p) => p.status === 'done'), JSON.stringify(doc.pages));
      // Every page carries the national motto once: exactly one hit per page of this document.
      const r = await api(s.url, 'GET', '/api/v1/documents/search?q=' + encodeURIComponent('"doc lap tu do hanh phuc"') + '&limit=100',
        { token: clerk, headers: PURPOSE });
      assert.equal(r.status, 200, r.text);
      const pages = r.json.results.filter((h) => h.document_id === doc.id).map((h) => h.page).sort();
      assert.deepEqual(pages, [...new Set(pages)]);
      assert.ok(pages.length >= 3, JSON.stringify(pages));
    } finally {
      await s.stop();
    }
  });
});

describe('precinct ocr', { skip }, () => {
  it('writes a searchable PDF, text and JSON per input and names the files it could not read', () => {
    const dir = makePages(['--pages', '1']);
    const png = firstPng(dir);
    const bad = path.join(dir, 'notes.doc');
    fs.writeFileSync(bad, 'not a scan');
    const out = tempDir();
    const r = spawnSync(process.env.PRECINCT_BIN, ['ocr', '--jobs', '1', '--out', out, png, bad], { encoding: 'utf8', timeout: 240_000 });
    assert.equal(r.status, 1, r.stderr);
    assert.match(r.stderr, /notes\.doc: unsupported format/);
    const stem = path.basename(png, '.png');
    const json = JSON.parse(fs.readFileSync(path.join(out, `${stem}.json`), 'utf8'));
    assert.equal(json.pages[0].status, 'done');
    assert.ok(json.confidence > 70);
    assert.ok(json.fields.number.length > 0);
    assert.match(fold(fs.readFileSync(path.join(out, `${stem}.txt`), 'utf8')), /doc lap/);
    assert.equal(fs.readFileSync(path.join(out, `${stem}.pdf`)).subarray(0, 5).toString(), '%PDF-');
    const usage = runCli(['ocr', '--out', out, '--lang', 'zz', png]);
    assert.equal(usage.status, 2);
    assert.match(usage.stderr, /--lang/);
  });
});
