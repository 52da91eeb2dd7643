// Browser end-to-end tests of the document digitization pages (capability "digitize", #/documents) against an
// already running real server started with --demo (demo accounts clerk and investigator):
//
//   PRECINCT_URL=http://127.0.0.1:18080 PRECINCT_OCR_SAMPLE=/path/to/page.png [PRECINCT_OCR_WORD='Cộng hòa xã hội chủ nghĩa'] \
//     [PRECINCT_DEMO_PASSWORD=precinct-demo] [SCREENSHOT_DIR=DIR] node --test documents.test.mjs
//
// PRECINCT_OCR_SAMPLE is a page image made by a program (e.g. one PNG of the OCR corpus program: --source ours
// --variants clean --pages 1), with PRECINCT_OCR_WORD printed on it (default "Cộng hòa xã hội chủ nghĩa", the
// national motto that heads every administrative page); the test searches for it without accents. Without PRECINCT_URL every test is skipped with a
// message, without PRECINCT_OCR_SAMPLE the upload-and-search test is; on a server without the module they skip.
//
// Drives Debian's Chromium (/usr/bin/chromium) through playwright-core; never downloads a browser.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { BASE, byId, capabilityAvailable, openBrowser, screenshot, signInAs } from './browser.mjs';

const SKIP = BASE ? false : 'PRECINCT_URL is not set: start the server with --demo and set PRECINCT_URL';
const SAMPLE = process.env.PRECINCT_OCR_SAMPLE ?? '';
const SKIP_SAMPLE = SKIP || (SAMPLE ? false : 'PRECINCT_OCR_SAMPLE is not set: give the path of a generated page image to upload');
const WORD = (process.env.PRECINCT_OCR_WORD ?? 'Cộng hòa xã hội chủ nghĩa').normalize('NFC');
const PURPOSE = 'Tra cứu văn bản phục vụ kiểm thử';

/** "Quyết định" → "quyet dinh": what an officer types without a Vietnamese keyboard. */
const unaccented = (s) => s.normalize('NFD').replace(/\p{M}/gu, '').replace(/đ/g, 'd').replace(/Đ/g, 'D').toLowerCase();

/** The testid of the element that has the focus. */
const focused = (page) => page.evaluate(() => document.activeElement?.getAttribute('data-testid') ?? document.activeElement?.tagName ?? '');

/** Fills the purpose prompt if the server asks for one (personal data). */
async function givePurposeIfAsked(page, next) {
  const prompt = page.locator(byId('purpose-input'));
  await prompt.or(next).first().waitFor({ timeout: 30_000 });
  if (await prompt.isVisible()) {
    assert.equal(await focused(page), 'purpose-input', 'the purpose box has the focus');
    await prompt.fill(PURPOSE);
    await page.locator(byId('purpose-submit')).click();
  }
}

/** The upload row of the file sent last. */
const lastUpload = (page) => page.locator(`${byId('documents-queue')} li.upload-item`).last();

/** Waits until an upload row is finished one way or another; returns its phase. */
async function settledPhase(page, timeout) {
  const row = lastUpload(page);
  await row.waitFor();
  const handle = await row.elementHandle();
  await page.waitForFunction((li) => ['done', 'failed', 'error', 'cancelled'].includes(li.dataset.phase ?? ''), handle, { timeout });
  return row.getAttribute('data-phase');
}

// Runs `body(page)` in a fresh browser signed in as `role`, on a server that reports the digitize capability (the
// test is skipped otherwise), and checks afterwards that the page threw nothing and broke no security policy.
async function asOfficer(t, role, viewport, body) {
  if (!(await capabilityAvailable('digitize'))) {
    t.skip('the server does not report the digitize capability as available');
    return;
  }
  const { context, errors, cspViolations, close } = await openBrowser(viewport);
  try {
    const page = context.pages()[0] ?? (await context.newPage());
    page.setDefaultTimeout(20_000);
    await signInAs(page, role, 'digitize');
    await body(page);
    assert.deepEqual(errors, [], 'no uncaught errors in the page');
    assert.deepEqual(cspViolations, [], 'no Content-Security-Policy violations');
  } finally {
    await close();
  }
}

test('a clerk uploads a page, sees it processed live, finds it by a word typed without accents and reads it in the viewer',
  { skip: SKIP_SAMPLE, timeout: 420_000 }, (t) => asOfficer(t, 'clerk', { width: 1400, height: 1000 }, async (page) => {
      assert.ok(fs.existsSync(SAMPLE), `PRECINCT_OCR_SAMPLE does not exist: ${SAMPLE}`);

      // ---- the navigation opens #/documents: upload is the clerk's usual view ----
      const nav = page.locator(`a${byId('nav-digitize')}`);
      assert.equal(await nav.getAttribute('href'), '#/documents');
      assert.match(await nav.innerText(), /Số hóa tài liệu/);
      await nav.click();
      await page.locator(byId('documents-upload-view')).waitFor();
      assert.match(page.url(), /#\/documents\/upload$/);
      assert.equal(await nav.getAttribute('aria-current'), 'page');
      for (const tab of ['upload', 'list', 'search']) await page.locator(byId(`documents-tab-${tab}`)).waitFor();
      assert.equal(await page.locator(byId('documents-lang')).inputValue(), 'vie+eng', 'Vietnamese and English by default');

      // ---- choose the file (the input behind the drop zone), give a title, send ----
      const title = `Kiểm thử số hóa ${Date.now()}`;
      await page.locator(byId('documents-file-input')).setInputFiles(SAMPLE);
      await page.locator(`${byId('documents-chosen-0')}[data-ok="true"]`).waitFor();
      assert.match(await page.locator(byId('documents-chosen-0')).innerText(), new RegExp(path.basename(SAMPLE).replace(/[.*+?^${}()|[\]\\]/g, '\\$&')));
      await page.locator(byId('documents-title')).fill(title);
      const submit = page.locator(byId('documents-upload-submit'));
      assert.match(await submit.innerText(), /Tải lên 1 tệp/);
      await submit.click();
      const row = lastUpload(page);
      await row.waitFor();
      assert.ok(await row.locator('progress').count() === 1, 'the upload has its own progress bar');
      assert.equal(await page.locator(byId('documents-chosen')).innerText().then((s) => s.trim()), 'Chưa chọn tệp nào.', 'the choice is emptied once sent');

      // ---- upload bytes, then pages from the live stream, then done with the confidence ----
      const phase = await settledPhase(page, 300_000);
      if (phase !== 'done') assert.fail(`the upload ended ${phase}: ${await row.innerText()}`);
      const id = Number(await row.getAttribute('data-doc-id'));
      assert.ok(id > 0, 'the row knows its document');
      const key = (await row.getAttribute('data-testid')).replace('documents-upload-', '');
      assert.match(await page.locator(byId(`documents-upload-state-${key}`)).innerText(), /Xong\s+độ tin cậy trung bình (\d+(,\d)?%|—)/);
      assert.equal(await page.locator(byId(`documents-upload-status-${key}`)).getAttribute('data-status'), 'done');
      await screenshot(page, 'documents-upload.png');

      // ---- the list: the document, done, with its progress and time ----
      await page.locator(byId('documents-tab-list')).click();
      await page.locator(byId('documents-list-view')).waitFor();
      const listRow = page.locator(byId(`documents-row-${id}`));
      await listRow.waitFor();
      assert.equal(await listRow.getAttribute('data-status'), 'done');
      assert.match(await page.locator(byId(`documents-link-${id}`)).innerText(), new RegExp(title));
      assert.match(await page.locator(byId(`documents-progress-${id}`)).innerText(), /trang/);
      await screenshot(page, 'documents-list.png');

      // ---- search without accents (personal data: a purpose is asked for) ----
      await page.locator(byId('documents-tab-search')).click();
      await page.locator(byId('documents-search-view')).waitFor();
      assert.match(await page.locator(byId('documents-q-hint')).innerText(), /không dấu/);
      const query = unaccented(WORD);
      await page.locator(byId('documents-q')).fill(query);
      await page.locator(byId('documents-q')).press('Enter');
      await givePurposeIfAsked(page, page.locator(byId('documents-results')).or(page.locator(byId('documents-no-results'))));
      const result = page.locator(`${byId('documents-results')} li[data-document-id="${id}"]`).first();
      await result.waitFor({ timeout: 30_000 });
      assert.match(page.url(), new RegExp(`#/documents/search\\?q=${encodeURIComponent(query).replace(/%20/g, '\\+')}`), 'the search is in the hash');
      assert.match(await page.locator(byId('documents-search-count')).innerText(), /\d+–\d+ trên \d+/);
      const marks = await result.locator('.snippet mark').allInnerTexts();
      assert.ok(marks.length > 0, 'the snippet marks the hits');
      const firstWord = query.split(/\s+/)[0];
      assert.ok(marks.some((m) => unaccented(m).includes(firstWord)), `a hit is the word: ${JSON.stringify(marks)}`);
      if (unaccented(WORD) !== WORD.toLowerCase()) {
        assert.ok(marks.some((m) => unaccented(m) !== m.toLowerCase()), `the accented text was found: ${JSON.stringify(marks)}`);
      }
      assert.equal(await result.locator('.snippet *:not(mark)').count(), 0, 'the snippet is text and marks only');
      await screenshot(page, 'documents-search.png');

      // ---- the viewer: image on the left, text on the right ----
      const link = result.locator('a.result-link');
      const pageNo = Number(await link.getAttribute('data-page'));
      await link.click();
      await page.locator(`${byId('documents-viewer')}[data-document-id="${id}"]`).waitFor();
      await givePurposeIfAsked(page, page.locator(byId('documents-page-text')));
      const image = page.locator(byId('documents-page-image'));
      await image.waitFor();
      await page.waitForFunction((sel) => {
        const img = document.querySelector(sel);
        return img instanceof HTMLImageElement && img.complete && img.naturalWidth > 0;
      }, byId('documents-page-image'));
      assert.match(await image.getAttribute('src'), /^data:image\/(jpeg|png);base64,/, 'the image came with the token and purpose');
      const text = page.locator(byId('documents-page-text'));
      assert.ok(unaccented(await text.innerText()).includes(firstWord), 'the page text has the word');
      assert.match(page.url(), new RegExp(`#/documents/${id}(\\?page=${pageNo})?$`));
      const [imgBox, textBox] = [await image.boundingBox(), await text.boundingBox()];
      assert.ok(imgBox && textBox && imgBox.x + imgBox.width <= textBox.x + 1, 'image and text side by side, the image on the left');
      assert.equal(await page.locator(`${byId(`documents-page-btn-${pageNo}`)}[aria-current="page"]`).count(), 1);
      assert.match(await page.locator(byId('documents-viewer-title')).innerText(), new RegExp(title));
      await page.locator(byId('documents-downloads')).locator(byId('documents-download-pdf')).waitFor();

      // A word of the text shows its box on the image; by keyboard too.
      const box = page.locator(byId('documents-word-box'));
      const words = text.locator('.w');
      if (await words.count()) {
        await words.first().click();
        await box.waitFor();
        await text.focus();
        await page.keyboard.press('ArrowRight');
        assert.equal(await text.locator('.w.on').count(), 1, 'one word chosen');
        await page.keyboard.press('Escape');
        await box.waitFor({ state: 'hidden' });
      }
      await screenshot(page, 'documents-viewer.png');

      // The searchable PDF downloads (fetched with the token, saved from a blob).
      const [download] = await Promise.all([
        page.waitForEvent('download', { timeout: 30_000 }),
        page.locator(byId('documents-download-pdf')).click(),
      ]);
      assert.match(download.suggestedFilename(), /\.pdf$/i);

      // English second: the same page in English.
      await page.locator(byId('language-switch')).click();
      await page.waitForFunction((sel) => /Recognised text/.test(document.querySelector(sel)?.textContent ?? ''), '.page-textpane');
      await page.locator(byId('language-switch')).click();

  }));

test('a file the server cannot read is refused with its problem; a wrong type is stopped before sending',
  { skip: SKIP, timeout: 120_000 }, (t) => asOfficer(t, 'clerk', undefined, async (page) => {
      await page.goto(`${BASE}/console/#/documents/upload`);
      await page.locator(byId('documents-upload-view')).waitFor();
      const input = page.locator(byId('documents-file-input'));

      // A text file: refused here, nothing to send.
      await input.setInputFiles({ name: 'ghi-chu.txt', mimeType: 'text/plain', buffer: Buffer.from('không phải ảnh') });
      await page.locator(`${byId('documents-chosen-0')}[data-ok="false"]`).waitFor();
      assert.match(await page.locator(byId('documents-chosen-error-0')).innerText(), /Định dạng không hỗ trợ/);
      assert.equal(await page.locator(byId('documents-upload-submit')).isDisabled(), true);
      await page.locator(byId('documents-chosen-remove-0')).click();

      // A "PNG" that is not one: the server answers with a problem, shown on its row.
      await input.setInputFiles({ name: 'gia-mao.png', mimeType: 'image/png', buffer: Buffer.from('this is not a PNG image at all') });
      await page.locator(`${byId('documents-chosen-0')}[data-ok="true"]`).waitFor();
      await page.locator(byId('documents-upload-submit')).click();
      const phase = await settledPhase(page, 60_000);
      assert.equal(phase, 'error', 'the server refused the file');
      const problem = lastUpload(page).locator('.problem');
      await problem.waitFor();
      assert.ok((await problem.locator('.problem-title').innerText()).trim().length > 0, 'the problem has a title');

  }));

test('an investigator searches and reads but has no upload', { skip: SKIP, timeout: 90_000 }, (t) =>
  asOfficer(t, 'investigator', undefined, async (page) => {
    await page.locator(`a${byId('nav-digitize')}`).click();
    await page.locator(byId('documents-search-view')).waitFor();
    assert.match(page.url(), /#\/documents\/search$/, 'search is the investigator\'s usual view');
    assert.equal(await page.locator(byId('documents-tab-upload')).count(), 0, 'no upload tab');
    await page.locator(byId('documents-tab-list')).waitFor();
    // An empty search says what is missing, and keeps the focus in the box.
    await page.locator(byId('documents-search-submit')).click();
    await page.locator(byId('documents-search-invalid')).waitFor();
    assert.equal(await focused(page), 'documents-q');
    // The upload view by its address: refused.
    await page.goto(`${BASE}/console/#/documents/upload`);
    await page.locator(byId('documents-not-allowed')).waitFor();
    // The list opens (reading it needs no purpose).
    await page.locator(byId('documents-tab-list')).click();
    await page.locator(byId('documents-list-view')).waitFor();
    await page.locator(byId('documents-list')).or(page.locator(byId('documents-list-empty'))).first().waitFor();

  }));
