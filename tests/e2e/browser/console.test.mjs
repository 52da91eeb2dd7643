// Browser end-to-end test of the Precinct web front end against an already running real server.
//
//   PRECINCT_URL=http://127.0.0.1:18080 PRECINCT_USER=... PRECINCT_PASSWORD=... \
//     [SCREENSHOT_DIR=DIR] node --test console.test.mjs
//
// Drives Debian's Chromium (/usr/bin/chromium) through playwright-core; never downloads a browser.
// Without PRECINCT_URL both tests are skipped with a message.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { BASE, byId, openBrowser, screenshot } from './browser.mjs';

const USER = process.env.PRECINCT_USER ?? '';
const PASSWORD = process.env.PRECINCT_PASSWORD ?? '';
const SKIP = BASE
  ? false
  : 'PRECINCT_URL is not set: start the server and set PRECINCT_URL, PRECINCT_USER and PRECINCT_PASSWORD';

// What the console shows for each role in Vietnamese and English: "label (code)".
const ROLE_LABELS = {
  call_taker: ['Cán bộ tiếp nhận cuộc gọi', 'Call taker'],
  dispatcher: ['Điều phối viên', 'Dispatcher'],
  supervisor: ['Cán bộ giám sát', 'Supervisor'],
  clerk: ['Văn thư', 'Clerk'],
  investigator: ['Điều tra viên', 'Investigator'],
  admin: ['Quản trị viên', 'Administrator'],
  auditor: ['Kiểm toán viên', 'Auditor'],
};

test('officer signs in, sees the role, switches language and gets a live connection', { skip: SKIP, timeout: 90_000 }, async () => {
  assert.ok(USER && PASSWORD, 'PRECINCT_USER and PRECINCT_PASSWORD must be set with PRECINCT_URL');
  const { context, errors, close } = await openBrowser();
  try {
    const page = context.pages()[0] ?? (await context.newPage());
    page.setDefaultTimeout(15_000);
    await page.goto(`${BASE}/console/`);

    // Sign in.
    await page.locator(byId('username')).fill(USER);
    await page.locator(byId('password')).fill(PASSWORD);
    await page.locator(byId('sign-in')).click();

    // The header shows the role: Vietnamese label and the English code.
    const role = page.locator(byId('user-role'));
    await role.waitFor({ state: 'visible' });
    assert.equal(await page.getAttribute('html', 'lang'), 'vi', 'Vietnamese is the default language');
    const code = await role.getAttribute('data-role');
    assert.ok(code && code in ROLE_LABELS, `unexpected role code ${code}`);
    const [vi, en] = ROLE_LABELS[code];
    assert.equal((await role.innerText()).trim(), `${vi} (${code})`);
    assert.ok((await page.locator(byId('user-name')).innerText()).trim().length > 0, 'display name is shown');

    // Switch VI → EN: a known label and the role label change; then back.
    const overview = page.locator(byId('nav-overview'));
    assert.equal((await overview.innerText()).trim(), 'Tổng quan');
    await page.locator(byId('language-switch')).click();
    await page.waitForFunction(
      (sel) => document.querySelector(sel)?.textContent?.trim() === 'Overview',
      byId('nav-overview'),
      { timeout: 5_000 },
    );
    assert.equal(await page.getAttribute('html', 'lang'), 'en');
    assert.equal((await role.innerText()).trim(), `${en} (${code})`);
    await page.locator(byId('language-switch')).click();
    await page.waitForFunction(
      (sel) => document.querySelector(sel)?.textContent?.trim() === 'Tổng quan',
      byId('nav-overview'),
      { timeout: 5_000 },
    );
    assert.equal(await page.getAttribute('html', 'lang'), 'vi');

    // The live indicator reaches "connected" (after the server's hello event) within 10 s.
    const live = page.locator(`${byId('live-indicator')}[data-state="connected"]`);
    await live.waitFor({ state: 'visible', timeout: 10_000 });
    assert.ok((await live.innerText()).trim().length > 0, 'the live indicator has visible text');

    // Capabilities come from the server and are listed in the navigation.
    await page.locator(`${byId('capabilities-nav')} [data-testid^="nav-"]`).first().waitFor();

    await screenshot(page, 'console.png');

    // Sign out: back to the sign-in form.
    await page.locator(byId('sign-out')).click();
    await page.locator(byId('username')).waitFor({ state: 'visible' });

    assert.deepEqual(errors, [], 'no uncaught errors in the page');
  } finally {
    await close();
  }
});

test('public page lists the 113 and 114 emergency lines', { skip: SKIP, timeout: 60_000 }, async () => {
  const { context, errors, close } = await openBrowser();
  try {
    const page = context.pages()[0] ?? (await context.newPage());
    page.setDefaultTimeout(15_000);
    await page.goto(`${BASE}/`);
    for (const number of ['113', '114']) {
      const row = page.locator(byId(`emergency-line-${number}`));
      await row.waitFor({ state: 'visible' });
      const text = await row.innerText();
      assert.ok(text.includes(number), `row for ${number} shows the number`);
      assert.ok(text.replace(number, '').trim().length > 0, `row for ${number} names the service`);
    }
    assert.ok(await page.locator('a[href="/console/"]').isVisible(), 'link to the officer console');
    await screenshot(page, 'public.png');
    assert.deepEqual(errors, [], 'no uncaught errors in the page');
  } finally {
    await close();
  }
});
