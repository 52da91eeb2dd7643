// Browser end-to-end test of the licence-plate page (capability "vision", #/plates) against an already running real
// server started with --demo: its camera demo-1 plays a made street video in a loop, and 30K-123.45, which passes in
// it, is on the demo watchlist.
//
//   PRECINCT_URL=http://127.0.0.1:18080 node --test plates.test.mjs
//
// Without PRECINCT_URL the test is skipped with a message; on a server without the module it skips.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { BASE, byId, capabilityAvailable, openBrowser, screenshot, signInAs } from './browser.mjs';

const SKIP = BASE ? false : 'PRECINCT_URL is not set: start the server with --demo and set PRECINCT_URL';

test('an investigator sees the demo camera, a live alert with its crop, adds to the watchlist and searches reads',
  { skip: SKIP, timeout: 180_000 }, async (t) => {
    if (!(await capabilityAvailable('vision'))) {
      t.skip('the server does not report the vision capability as available');
      return;
    }
    const { context, errors, cspViolations, close } = await openBrowser({ width: 1400, height: 1100 });
    try {
      const page = context.pages()[0] ?? (await context.newPage());
      page.setDefaultTimeout(20_000);
      await signInAs(page, 'investigator', 'vision');
      const nav = page.locator(`a${byId('nav-vision')}`);
      assert.equal(await nav.getAttribute('href'), '#/plates');
      await nav.click();
      await page.locator(byId('page-plates')).waitFor();

      // Personal data: the page asks for a purpose once.
      await page.locator(byId('purpose-input')).fill('Truy tìm xe bị mất cắp (kiểm thử)');
      await page.locator(byId('purpose-submit')).click();

      // The demo camera streams.
      const camera = page.locator(byId('camera-row')).filter({ hasText: 'demo-1' });
      await camera.waitFor();

      // An alert for the watchlisted plate arrives (live, or already listed), with its crop as an image.
      const alert = page.locator(byId('plate-alert')).filter({ hasText: '30K-123.45' }).first();
      await alert.waitFor({ timeout: 90_000 });
      await page.waitForFunction((sel) => {
        const img = document.querySelector(sel);
        return img instanceof HTMLImageElement && img.complete && img.naturalWidth > 0;
      }, `${byId('plate-alert')} ${byId('plate-crop')}`, { timeout: 20_000 });
      assert.match(await alert.innerText(), /Khớp chính xác|Exact match/);
      assert.match(await alert.innerText(), /Sự vụ|Incident/);

      // A refused form names every missing field; a complete one adds the entry.
      await page.locator(byId('watch-submit')).click();
      assert.ok((await page.locator('#watch-err-reason').innerText()).length > 0);
      assert.ok((await page.locator('#watch-err-legal_basis').innerText()).length > 0);
      await page.locator(byId('watch-value')).fill('51F-678.90');
      await page.locator(byId('watch-reason')).fill('Xe liên quan vụ va chạm bỏ chạy');
      await page.locator(byId('watch-basis')).fill('Quyết định truy tìm số 7/QĐ (kiểm thử)');
      await page.locator(byId('watch-owner')).fill('Đội CSGT số 1');
      const inMonth = new Date(Date.now() + 30 * 86400e3).toISOString().slice(0, 10);
      await page.locator(byId('watch-expires')).fill(inMonth);
      await page.locator(byId('watch-submit')).click();
      await page.locator(byId('watch-row')).filter({ hasText: '51F-678.90' }).waitFor();

      // Search reads with a wildcard: the demo street's plates are there, with crops.
      await page.locator(byId('search-pattern')).fill('30K*');
      await page.locator(byId('search-submit')).click();
      const row = page.locator(byId('read-row')).filter({ hasText: '30K-123.45' }).first();
      await row.waitFor();
      await page.waitForFunction((sel) => {
        const img = document.querySelector(sel);
        return img instanceof HTMLImageElement && img.complete && img.naturalWidth > 0;
      }, `${byId('read-row')} ${byId('plate-crop')}`, { timeout: 20_000 });
      await screenshot(page, 'plates.png');

      assert.deepEqual(errors, [], 'no uncaught errors in the page');
      assert.deepEqual(cspViolations, [], 'no Content-Security-Policy violations');
    } finally {
      await close();
    }
  });
