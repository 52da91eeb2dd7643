// Browser end-to-end tests of the citizen reports pages and the reports console pages against an already running
// real server started with --demo (demo accounts clerk and supervisor). Best with a low proof-of-work difficulty
// (run.sh passes a config with [modules.reports] pow_bits = 10); the default difficulty works too, only slower.
//
//   PRECINCT_URL=http://127.0.0.1:18080 [PRECINCT_DEMO_PASSWORD=precinct-demo] [SCREENSHOT_DIR=DIR] \
//     node --test reports.test.mjs
//
// Drives Debian's Chromium (/usr/bin/chromium) through playwright-core; never downloads a browser.
// Without PRECINCT_URL the tests are skipped with a message; on a server without the reports module they skip.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import zlib from 'node:zlib';
import { BASE, byId, capabilityAvailable, demoToken, openBrowser, screenshot, signInAs } from './browser.mjs';

const SKIP = BASE ? false : 'PRECINCT_URL is not set: start the server with --demo and set PRECINCT_URL';

const CODE_RE = /^[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{3}$/;

/** A small PNG photo (a colour gradient), made here: no fixture files. */
function png(width = 64, height = 48) {
  const crcTable = Array.from({ length: 256 }, (_, n) => {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    return c >>> 0;
  });
  const crc32 = (buf) => {
    let c = 0xffffffff;
    for (const b of buf) c = crcTable[(c ^ b) & 0xff] ^ (c >>> 8);
    return (c ^ 0xffffffff) >>> 0;
  };
  const chunk = (type, data) => {
    const len = Buffer.alloc(4);
    len.writeUInt32BE(data.length);
    const body = Buffer.concat([Buffer.from(type), data]);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(body));
    return Buffer.concat([len, body, crc]);
  };
  const raw = Buffer.alloc((width * 3 + 1) * height);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const o = y * (width * 3 + 1) + 1 + x * 3;
      raw[o] = 200;
      raw[o + 1] = (x * 4) & 0xff;
      raw[o + 2] = (y * 5) & 0xff;
    }
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8;
  ihdr[9] = 2;
  return Buffer.concat([Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]), chunk('IHDR', ihdr),
    chunk('IDAT', zlib.deflateSync(raw)), chunk('IEND', Buffer.alloc(0))]);
}

/** Files a report through the API as a citizen would (challenge solved here). */
async function fileByApi(body) {
  const ch = await (await fetch(`${BASE}/api/v1/reports/challenge`)).json();
  let n = 0;
  for (;; n++) {
    const d = createHash('sha256').update(`${ch.token}:${n}`).digest();
    let zero = 0;
    for (const byte of d) {
      if (byte === 0) {
        zero += 8;
        continue;
      }
      zero += Math.clz32(byte) - 24;
      break;
    }
    if (zero >= ch.bits) break;
  }
  const res = await fetch(`${BASE}/api/v1/reports`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ ...body, pow_token: ch.token, pow_nonce: String(n) }),
  });
  assert.equal(res.status, 201, await res.clone().text());
  return res.json();
}

const REPORT = {
  description: 'Quán karaoke hát rất to sau 23 giờ, ảnh hưởng cả ngõ 12 Hàng Bạc',
  phone: '0912 345 678',
  last4: '5678',
  reply: 'Công an phường đã tiếp nhận và sẽ kiểm tra trong tối nay. Cảm ơn bạn đã phản ánh.',
  purpose: 'Xử lý phản ánh tiếng ồn của người dân',
};

test('citizen files a report with a photo; a clerk sees it arrive live, accepts and replies; the citizen looks it up',
  { skip: SKIP, timeout: 240_000 }, async (t) => {
    if (!(await capabilityAvailable('reports'))) {
      t.skip('the server does not report the reports capability as available');
      return;
    }
    const { context, errors, cspViolations, close } = await openBrowser({ width: 1400, height: 1000 });
    try {
      // ---- the clerk's queue is open before the report is filed ----
      const clerk = context.pages()[0] ?? (await context.newPage());
      clerk.setDefaultTimeout(20_000);
      await signInAs(clerk, 'clerk', 'reports');
      await clerk.locator(`a${byId('nav-reports')}`).click();
      await clerk.locator(byId('reports-queue-view')).waitFor();
      assert.match(clerk.url(), /#\/?reports\/queue$/);
      await clerk.locator(`${byId('reports-count')}[data-total]`).waitFor({ state: 'attached' });
      assert.equal(await clerk.locator(byId('reports-filter-status')).inputValue(), 'open', 'open reports by default');

      // ---- citizen: from the public home page to the report form (a phone-sized window) ----
      const citizen = await context.newPage();
      citizen.setDefaultTimeout(20_000);
      await citizen.setViewportSize({ width: 390, height: 844 });
      await citizen.goto(`${BASE}/`);
      await citizen.locator(byId('emergency-line-113')).waitFor();
      await citizen.locator(byId('report-link')).click();
      await citizen.locator(byId('report-page')).waitFor();
      assert.match(citizen.url(), /#\/report$/);
      await citizen.locator(`${byId('report-category')} option[value="noise"]`).waitFor({ state: 'attached' });

      // Categories are grouped, each with its time limit; an unconfirmed one says so.
      assert.ok(await citizen.locator(`${byId('report-category')} optgroup`).count() >= 3, 'categories are grouped');
      const noiseOption = (await citizen.locator(`${byId('report-category')} option[value="noise"]`).innerText()).trim();
      assert.match(noiseOption, /^Tiếng ồn — .*24 giờ.*⚠ chưa xác minh/, `option text: ${noiseOption}`);
      await citizen.locator(byId('report-category')).selectOption('noise');
      const deadline = citizen.locator(byId('report-category-deadline'));
      assert.equal(await deadline.getAttribute('data-confirmed'), 'false');
      assert.match(await deadline.innerText(), /⚠ chưa xác minh/);
      assert.ok(await citizen.locator(byId('report-anonymous')).isVisible(), 'noise may be reported anonymously');

      // The honeypot is out of sight, out of the Tab order and empty.
      const website = citizen.locator(byId('report-website'));
      assert.equal(await website.getAttribute('tabindex'), '-1');
      assert.equal(await website.getAttribute('autocomplete'), 'off');
      assert.equal(await website.inputValue(), '');
      assert.equal(await website.evaluate((el) => el.closest('[aria-hidden="true"]') !== null), true, 'hidden from assistive technology');
      assert.equal(await website.evaluate((el) => {
        const holder = el.closest('[aria-hidden="true"]');
        const r = holder.getBoundingClientRect();
        return r.width <= 1 && r.height <= 1 && getComputedStyle(holder).overflow === 'hidden';
      }), true, 'visually hidden (clipped to a pixel)');

      // Sending too early: the form marks what is missing (the description, the location).
      await citizen.locator(byId('report-submit')).click();
      await citizen.locator(byId('report-invalid')).waitFor();
      assert.ok(await citizen.locator(byId('report-error-description')).isVisible());
      assert.equal(await citizen.locator(byId('report-description')).getAttribute('aria-invalid'), 'true');
      assert.ok(await citizen.locator(byId('report-error-location')).isVisible());

      // Description, a tap on the map, a phone number, a photo.
      await citizen.locator(byId('report-description')).fill(REPORT.description);
      const map = citizen.locator(byId('report-map'));
      await map.scrollIntoViewIfNeeded();
      const mb = await map.boundingBox();
      await citizen.mouse.click(mb.x + mb.width * 0.6, mb.y + mb.height * 0.4);
      const point = citizen.locator(`${byId('report-point')}[data-lat]`);
      await point.waitFor();
      const lat = Number(await point.getAttribute('data-lat'));
      const lon = Number(await point.getAttribute('data-lon'));
      assert.ok(lat > 20.9 && lat < 21.2 && lon > 105.7 && lon < 106, `a point in Hà Nội: ${lat}, ${lon}`);
      await citizen.locator(byId('report-marker')).waitFor({ state: 'attached' });
      assert.ok(await citizen.locator(byId('report-secret-box')).isVisible(), 'without a phone a secret is asked for');
      await citizen.locator(byId('report-phone')).fill(REPORT.phone);
      assert.equal(await citizen.locator(byId('report-secret-box')).isVisible(), false, 'with a phone no secret is needed');
      await citizen.locator(byId('report-photo')).setInputFiles({ name: 'karaoke.png', mimeType: 'image/png', buffer: png() });
      await citizen.locator(`${byId('report-photo-item-0')}[data-kind="ok"]`).waitFor();
      await screenshot(citizen, 'reports-form.png');

      await citizen.locator(byId('report-submit')).click();
      const done = citizen.locator(byId('report-done'));
      await done.waitFor({ timeout: 90_000 });
      const code = (await citizen.locator(byId('report-code')).innerText()).trim();
      assert.match(code, CODE_RE, `tracking code ${code}`);
      const factor = citizen.locator(byId('report-lookup-factor'));
      assert.equal(await factor.getAttribute('data-lookup'), 'phone_last4');
      assert.match(await factor.innerText(), /4 số cuối số điện thoại/);
      assert.ok((await citizen.locator(byId('report-due')).innerText()).trim().length > 0, 'the due date is shown');
      assert.match(await citizen.locator(byId('report-deadline')).innerText(), /24 giờ/);
      assert.ok((await citizen.locator(byId('report-legal-basis')).innerText()).trim().length > 0, 'the legal basis is shown');
      await screenshot(citizen, 'reports-done.png');

      // ---- clerk: the report arrived in the queue without a reload ----
      const row = clerk.locator(`[data-testid^="reports-row-"][data-code="${code}"]`);
      await row.waitFor({ timeout: 20_000 });
      const id = Number(await row.getAttribute('data-id'));
      assert.ok(Number.isInteger(id) && id > 0);
      assert.equal(await row.getAttribute('data-status'), 'received');
      assert.ok(await clerk.locator(byId(`reports-photos-${id}`)).isVisible(), 'the photo icon');
      assert.match(await row.innerText(), /Tiếng ồn/);
      await screenshot(clerk, 'reports-queue.png');

      // Open it: personal data, so a purpose is asked for.
      await clerk.locator(byId(`reports-link-${id}`)).click();
      await clerk.locator(`${byId('report-detail')}[data-report-id="${id}"]`).waitFor();
      await clerk.locator(byId('purpose-input')).fill(REPORT.purpose);
      await clerk.locator(byId('purpose-submit')).click();
      await clerk.locator(byId('report-description')).waitFor();
      assert.equal((await clerk.locator(byId('report-description')).innerText()).trim(), REPORT.description);
      assert.equal((await clerk.locator(byId('report-contact-phone')).innerText()).trim(), REPORT.phone);
      assert.equal(await clerk.locator(byId('report-status')).getAttribute('data-status'), 'received');
      await clerk.locator(byId('report-detail-marker')).waitFor({ state: 'attached' });
      // The photo, fetched with the purpose and shown from its bytes.
      const img = clerk.locator('[data-testid^="report-photo-"] >> nth=0');
      await clerk.waitForFunction(() => {
        const i = document.querySelector('img.report-photo-img');
        return i && i.complete && i.naturalWidth > 0;
      }, null, { timeout: 20_000 });
      assert.match(await img.getAttribute('src'), /^data:image\/jpeg;base64,/);
      // The allowed moves from "received".
      for (const to of ['accepted', 'rejected', 'forwarded']) {
        assert.ok(await clerk.locator(byId(`report-action-${to}`)).isVisible(), `button for ${to}`);
      }
      assert.equal(await clerk.locator(byId('report-action-closed')).count(), 0);

      // Accept, then reply to the citizen.
      await clerk.locator(byId('report-action-accepted')).click();
      await clerk.locator(`${byId('report-status')}[data-status="accepted"]`).waitFor();
      await clerk.locator(byId('report-action-in_progress')).waitFor();
      await clerk.locator(byId('report-reply-text')).fill(REPORT.reply);
      await clerk.locator(byId('report-reply-submit')).click();
      await clerk.locator(byId('report-reply-ok')).waitFor();
      await clerk.locator(`${byId('report-history')} [data-kind="reply"]`).waitFor();
      await screenshot(clerk, 'reports-detail.png');

      // Back in the queue, the row shows the new status (from the live event).
      await clerk.locator(byId('report-back')).click();
      await clerk.locator(`${byId(`reports-row-${id}`)}[data-status="accepted"]`).waitFor();

      // ---- citizen: look the report up ----
      await citizen.locator(byId('report-lookup-link')).click();
      await citizen.locator(byId('lookup-page')).waitFor();
      assert.equal(await citizen.locator(byId('lookup-code')).inputValue(), code, 'the code is filled in');
      // A wrong second factor: one neutral message.
      await citizen.locator(byId('lookup-secret')).fill('0000');
      await citizen.locator(byId('lookup-submit')).click();
      await citizen.locator(byId('lookup-not-found')).waitFor();
      await citizen.locator(byId('lookup-secret')).fill(REPORT.last4);
      await citizen.locator(byId('lookup-submit')).click();
      await citizen.locator(byId('lookup-result')).waitFor();
      const status = citizen.locator(byId('lookup-status'));
      assert.equal(await status.getAttribute('data-status'), 'accepted');
      assert.equal((await status.innerText()).trim(), 'Đã thụ lý');
      assert.equal((await citizen.locator(byId('lookup-reply-0')).innerText()).includes(REPORT.reply), true, 'the reply is shown');
      assert.ok((await citizen.locator(byId('lookup-due')).innerText()).trim().length > 0);
      assert.equal(await citizen.locator(byId('lookup-not-found')).count(), 0);
      await screenshot(citizen, 'reports-lookup.png');
      // English.
      await citizen.locator(byId('language-switch')).click();
      await citizen.waitForFunction((sel) => document.querySelector(sel)?.textContent?.trim() === 'Accepted', byId('lookup-status'));
      assert.equal(await citizen.getAttribute('html', 'lang'), 'en');
      await citizen.locator(byId('language-switch')).click();

      assert.deepEqual(errors, [], 'no uncaught errors in the pages');
      assert.deepEqual(cspViolations, [], 'no Content-Security-Policy violations (Leaflet through CSSOM, photos as data: URLs)');
    } finally {
      await close();
    }
  });

test('citizen on plain http (no crypto.subtle) files an anonymous tip-off with a secret and looks it up with it',
  { skip: SKIP, timeout: 120_000 }, async (t) => {
    if (!(await capabilityAvailable('reports'))) {
      t.skip('the server does not report the reports capability as available');
      return;
    }
    const { context, errors, cspViolations, close } = await openBrowser({ width: 390, height: 844 });
    try {
      const page = context.pages()[0] ?? (await context.newPage());
      page.setDefaultTimeout(20_000);
      // As on a plain-http address: browsers then leave crypto.subtle out, and the page uses its own SHA-256.
      await page.addInitScript(() => Object.defineProperty(window, 'isSecureContext', { get: () => false }));
      await page.goto(`${BASE}/#/report`);
      await page.locator(`${byId('report-category')} option[value="gambling"]`).waitFor({ state: 'attached' });
      assert.ok(await page.locator(byId('report-pow-fallback')).isVisible(), 'the page says the check may be slower');
      await page.locator(byId('report-category')).selectOption('gambling');
      assert.equal(await page.locator(byId('report-category-deadline')).getAttribute('data-confirmed'), 'true');
      assert.doesNotMatch(await page.locator(byId('report-category-deadline')).innerText(), /⚠/);
      await page.locator(byId('report-description')).fill('Có sới bạc xóc đĩa họp hằng đêm trong nhà kho cuối ngõ');
      await page.locator(byId('report-address')).fill('Cuối ngõ 5 Hàng Bạc, Hoàn Kiếm');

      // A HEIC photo is named and refused before sending; removing it clears the mark.
      await page.locator(byId('report-photo')).setInputFiles({ name: 'IMG_0001.HEIC', mimeType: 'image/heic', buffer: Buffer.from('not really') });
      await page.locator(`${byId('report-photo-item-0')}[data-kind="heic"]`).waitFor();
      assert.match(await page.locator(byId('report-error-photo')).innerText(), /HEIC/);
      await page.locator(byId('report-photo-remove-0')).click();
      assert.equal(await page.locator(byId('report-error-photo')).isVisible(), false);

      // Anonymous: no contact fields, a secret is required.
      await page.locator(byId('report-anonymous')).check();
      assert.equal(await page.locator(byId('report-phone')).isVisible(), false);
      assert.ok(await page.locator(byId('report-secret-box')).isVisible());
      await page.locator(byId('report-submit')).click();
      await page.locator(byId('report-error-secret')).waitFor();
      assert.equal(await page.locator(byId('report-secret')).getAttribute('aria-invalid'), 'true');
      await page.locator(byId('report-secret')).fill('246810');
      assert.equal(await page.locator(byId('report-invalid')).count(), 0, 'the summary goes once the field is corrected');
      await page.locator(byId('report-submit')).click();
      await page.locator(byId('report-done')).waitFor({ timeout: 60_000 });
      const code = (await page.locator(byId('report-code')).innerText()).trim();
      assert.match(code, CODE_RE);
      assert.equal(await page.locator(byId('report-lookup-factor')).getAttribute('data-lookup'), 'secret');
      assert.match(await page.locator(byId('report-deadline')).innerText(), /20 ngày/);

      // Look-up: a malformed code is caught here; then the code typed in lower case without hyphens.
      await page.goto(`${BASE}/#/lookup`);
      await page.locator(byId('lookup-code')).fill('ABC');
      await page.locator(byId('lookup-secret')).fill('246810');
      await page.locator(byId('lookup-submit')).click();
      assert.ok(await page.locator(byId('lookup-error-code')).isVisible());
      await page.locator(byId('lookup-code')).fill('');
      await page.locator(byId('lookup-code')).pressSequentially(code.replace(/-/g, '').toLowerCase());
      assert.equal(await page.locator(byId('lookup-code')).inputValue(), code, 'grouped as typed');
      await page.locator(byId('lookup-submit')).click();
      await page.locator(byId('lookup-result')).waitFor();
      assert.equal(await page.locator(byId('lookup-status')).getAttribute('data-status'), 'received');
      assert.ok(await page.locator(byId('lookup-no-replies')).isVisible());
      await screenshot(page, 'reports-anonymous-lookup.png');

      assert.deepEqual(errors, [], 'no uncaught errors in the page');
      assert.deepEqual(cspViolations, [], 'no Content-Security-Policy violations');
    } finally {
      await close();
    }
  });

test('investigator: marks a duplicate, forwards with a place, takes back, assigns, notes, rejects with a reason, closes',
  { skip: SKIP, timeout: 150_000 }, async (t) => {
    if (!(await capabilityAvailable('reports'))) {
      t.skip('the server does not report the reports capability as available');
      return;
    }
    // Two reports of the same kind at the same place: the second suggests the first as a duplicate.
    const point = { category: 'illegal_parking', lat: 21.0412, lon: 105.8361 };
    const first = await fileByApi({ ...point, description: 'Ô tô đỗ chắn cổng trường tiểu học', phone: '0901 111 222' });
    const second = await fileByApi({ ...point, description: 'Xe ô tô đỗ chắn lối vào trường học', secret: '1357' });
    const tok = await demoToken('investigator');
    const list = await (await fetch(`${BASE}/api/v1/reports?status=open&limit=500`, { headers: { authorization: `Bearer ${tok}` } })).json();
    const id1 = list.reports.find((r) => r.code === first.code)?.id;
    const id2 = list.reports.find((r) => r.code === second.code)?.id;
    assert.ok(id1 && id2, 'both reports are in the queue');

    const { context, errors, cspViolations, close } = await openBrowser({ width: 1400, height: 1000 });
    try {
      const page = context.pages()[0] ?? (await context.newPage());
      page.setDefaultTimeout(20_000);
      await signInAs(page, 'investigator', 'reports');
      await page.goto(`${BASE}/console/#/reports/queue`);
      await page.locator(byId(`reports-row-${id2}`)).waitFor();
      assert.equal(await page.locator(byId(`reports-suggestions-${id2}`)).getAttribute('data-count'), '1');

      // The queue filters: by category; a status no report has empties it.
      await page.locator(byId('reports-filter-category')).selectOption('illegal_parking');
      await page.locator(byId(`reports-row-${id1}`)).waitFor();
      assert.equal(await page.locator('[data-testid^="reports-row-"]').evaluateAll((rows) =>
        rows.every((r) => r.textContent.includes('Đỗ xe'))), true);
      await page.locator(byId('reports-filter-status')).selectOption('closed');
      await page.locator(byId('reports-queue-empty')).or(page.locator('[data-testid^="reports-row-"][data-status="closed"]').first()).waitFor();
      await page.locator(byId('reports-filter-reset')).click();
      await page.locator(byId(`reports-row-${id2}`)).waitFor();

      // The second report: a duplicate of the first.
      await page.locator(byId(`reports-link-${id2}`)).click();
      await page.locator(byId('purpose-input')).fill('Kiểm tra phản ánh trùng');
      await page.locator(byId('purpose-submit')).click();
      await page.locator(byId(`report-suggestion-${id1}`)).waitFor();
      await page.locator(byId(`report-duplicate-${id1}`)).click();
      await page.locator(byId(`report-duplicate-confirm-${id1}`)).click();
      await page.locator(byId('report-duplicate-ok')).waitFor();
      await page.locator(byId('report-is-duplicate')).waitFor();
      assert.notEqual(await page.locator(byId('report-status')).getAttribute('data-status'), 'received');

      // The first report: forward (a place is needed), take back, assign, note, reject (a reason is needed), close.
      await page.goto(`${BASE}/console/#/reports/report/${id1}`);
      await page.locator(byId('purpose-input')).fill('Xử lý phản ánh đỗ xe');
      await page.locator(byId('purpose-submit')).click();
      await page.locator(byId('report-action-forwarded')).click();
      await page.locator(byId('report-move-confirm')).click();
      assert.equal(await page.locator(byId('report-move-text')).getAttribute('aria-invalid'), 'true', 'a place is needed');
      await page.locator(byId('report-move-text')).fill('Đội Cảnh sát giao thông số 1');
      await page.locator(byId('report-move-confirm')).click();
      await page.locator(`${byId('report-status')}[data-status="forwarded"]`).waitFor();
      assert.deepEqual(await page.locator('[data-testid^="report-action-"][data-to]').evaluateAll((b) => b.map((x) => x.dataset.to)),
        ['accepted', 'closed']);
      await page.locator(byId('report-action-accepted')).click();
      await page.locator(`${byId('report-status')}[data-status="accepted"]`).waitFor();

      await page.locator(byId('report-assign-unit')).selectOption('ca-ba-dinh');
      await page.locator(byId('report-assign-officer')).fill('investigator');
      await page.locator(byId('report-assign-submit')).click();
      await page.locator(byId('report-assign-ok')).waitFor();
      await page.waitForFunction((sel) => /Ba Đình/.test(document.querySelector(sel)?.textContent ?? ''), byId('report-unit'));
      assert.equal((await page.locator(byId('report-assigned-to')).innerText()).trim(), 'investigator');

      await page.locator(byId('report-note-text')).fill('Đã liên hệ CSGT, chờ phản hồi.');
      await page.locator(byId('report-note-submit')).click();
      await page.locator(byId('report-note-ok')).waitFor();
      await page.locator(`${byId('report-history')} [data-kind="note"]`).waitFor();

      await page.locator(byId('report-action-rejected')).click();
      await page.locator(byId('report-move-form')).waitFor();
      await page.locator(byId('report-move-text')).fill('Xe đã được di dời trước khi lực lượng chức năng đến.');
      await page.locator(byId('report-move-confirm')).click();
      await page.locator(`${byId('report-status')}[data-status="rejected"]`).waitFor();
      assert.match(await page.locator(byId('report-status-reason')).innerText(), /di dời/);
      await page.locator(byId('report-action-closed')).click();
      await page.locator(`${byId('report-status')}[data-status="closed"]`).waitFor();
      await page.locator(byId('report-no-moves')).waitFor();
      await screenshot(page, 'reports-workflow.png');

      // The citizen reads the reason (never the internal note).
      const view = await (await fetch(`${BASE}/api/v1/reports/lookup`, {
        method: 'POST', headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ code: first.code, secret: '1222' }),
      })).json();
      assert.equal(view.status, 'closed');
      assert.ok(!JSON.stringify(view).includes('chờ phản hồi'), 'internal notes stay internal');

      assert.deepEqual(errors, [], 'no uncaught errors in the page');
      assert.deepEqual(cspViolations, [], 'no Content-Security-Policy violations');
    } finally {
      await close();
    }
  });

test('supervisor: statistics as bar charts, and the deadline banner for a report due soon',
  { skip: SKIP, timeout: 150_000 }, async (t) => {
    if (!(await capabilityAvailable('reports'))) {
      t.skip('the server does not report the reports capability as available');
      return;
    }
    const { context, errors, cspViolations, close } = await openBrowser({ width: 1400, height: 1000 });
    try {
      const sup = context.pages()[0] ?? (await context.newPage());
      sup.setDefaultTimeout(20_000);
      await signInAs(sup, 'supervisor', 'reports');
      await sup.goto(`${BASE}/console/#/reports`);
      await sup.locator(byId('reports-tab-stats')).click();
      await sup.locator(byId('reports-stats')).waitFor();

      // A noise report (24 hours) is due soon from the start: the server flags it within its check interval.
      const filed = await fileByApi({
        category: 'noise',
        description: 'Loa kẹo kéo mở hết cỡ ở công viên lúc nửa đêm',
        address: 'Công viên Thống Nhất',
        phone: '0987 654 321',
      });
      assert.match(filed.code, CODE_RE);

      await sup.locator(byId('reports-stats-load')).click();
      await sup.locator(byId('reports-chart-category')).waitFor();
      await sup.locator(byId('reports-chart-status')).waitFor();
      await sup.locator(byId('reports-chart-unit')).waitFor();
      assert.ok(Number(await sup.locator(byId('reports-stats-total')).innerText()) >= 1);
      assert.match(await sup.locator(byId('reports-stats-overdue')).innerText(), /%$/);
      assert.ok(await sup.locator(`${byId('reports-chart-category')} rect.bar`).count() >= 1);
      await screenshot(sup, 'reports-stats.png');

      const banner = sup.locator(`${byId('deadline-banner')} [data-testid^="deadline-"][data-due-state]`);
      await banner.first().waitFor({ timeout: 60_000 });
      const flagged = await sup.locator(`${byId('deadline-banner')} li`).evaluateAll((els) => els.map((e) => e.textContent));
      assert.ok(flagged.some((s) => s.includes(filed.code)), `the banner names ${filed.code}: ${flagged.join(' | ')}`);
      await screenshot(sup, 'reports-deadline-banner.png');

      assert.deepEqual(errors, [], 'no uncaught errors in the page');
      assert.deepEqual(cspViolations, [], 'no Content-Security-Policy violations');
    } finally {
      await close();
    }
  });
