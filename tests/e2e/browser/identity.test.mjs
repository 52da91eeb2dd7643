// Browser end-to-end tests of the chip ID card verification page (capability "identity", #/identity) against an
// already running real server started with --demo (demo accounts clerk, investigator, dispatcher; the simulated
// cards software:genuine and software:cloned):
//
//   PRECINCT_URL=http://127.0.0.1:18080 [PRECINCT_DEMO_PASSWORD=precinct-demo] [SCREENSHOT_DIR=DIR] node --test identity.test.mjs
//
// Without PRECINCT_URL every test is skipped with a message; on a server without the module they skip.
//
// Drives Debian's Chromium (/usr/bin/chromium) through playwright-core; never downloads a browser.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { BASE, byId, capabilityAvailable, openBrowser, screenshot, signInAs } from './browser.mjs';

const SKIP = BASE ? false : 'PRECINCT_URL is not set: start the server with --demo and set PRECINCT_URL';
// One purpose with Vietnamese letters (sent as ?purpose=), one in plain ASCII (sent in the header X-Purpose).
const PURPOSE_VI = 'Kiểm tra giấy tờ phục vụ kiểm thử';
const PURPOSE_ASCII = 'Identity check for the browser test';

/** The testid of the element that has the focus. */
const focused = (page) => page.evaluate(() => document.activeElement?.getAttribute('data-testid') ?? document.activeElement?.tagName ?? '');

// Runs `body(page)` in a fresh browser signed in as `role`, on a server that reports the identity capability (the
// test is skipped otherwise), and checks afterwards that the page threw nothing and broke no security policy.
async function asOfficer(t, role, body) {
  if (!(await capabilityAvailable('identity'))) {
    t.skip('the server does not report the identity capability as available');
    return;
  }
  const { context, errors, cspViolations, close } = await openBrowser({ width: 1400, height: 1000 });
  try {
    const page = context.pages()[0] ?? (await context.newPage());
    page.setDefaultTimeout(20_000);
    await signInAs(page, role, 'identity');
    await body(page);
    assert.deepEqual(errors, [], 'no uncaught errors in the page');
    assert.deepEqual(cspViolations, [], 'no Content-Security-Policy violations');
  } finally {
    await close();
  }
}

/** Opens the page from the navigation and waits until the readers are listed. */
async function openIdentity(page) {
  const nav = page.locator(`a${byId('nav-identity')}`);
  assert.equal(await nav.getAttribute('href'), '#/identity');
  await nav.click();
  await page.locator(byId('page-identity')).waitFor();
  assert.match(page.url(), /#\/identity$/);
  assert.equal(await nav.getAttribute('aria-current'), 'page');
  await page.locator(`${byId('identity-reader')}:not([disabled]) option[value="software:genuine"]`).waitFor({ state: 'attached' });
}

/** Chooses a simulated card, checks its access data was filled in, verifies it; returns the verdict banner. */
async function verifyCard(page, reader, purpose, access = 'mrz') {
  await page.locator(byId('identity-source-reader')).check();
  await page.locator(byId('identity-purpose')).fill(purpose);
  await page.locator(byId('identity-reader')).selectOption(reader);
  await page.locator(byId('identity-prefilled')).waitFor();
  await page.locator(byId(`identity-access-${access}`)).check();
  if (access === 'mrz') {
    assert.ok((await page.locator(byId('identity-doc')).inputValue()).length > 0, 'the document number is filled in');
    assert.match(await page.locator(byId('identity-dob')).inputValue(), /^\d{6}$/);
    assert.match(await page.locator(byId('identity-expiry')).inputValue(), /^\d{6}$/);
  } else {
    assert.match(await page.locator(byId('identity-can')).inputValue(), /^\d{6}$/);
  }
  const before = (await page.locator(byId('identity-result')).getAttribute('data-seq')) ?? '0';
  await page.locator(byId('identity-submit')).click();
  // A new report (the page counts them), or a problem.
  await page.waitForFunction(([sel, old]) =>
    (document.querySelector(sel)?.getAttribute('data-seq') ?? '0') !== old || document.querySelector('[data-testid="identity-error"]') !== null,
  [byId('identity-result'), before], { timeout: 60_000 });
  const problem = page.locator(byId('identity-error'));
  if (await problem.count()) assert.fail(`the verification was refused: ${await problem.innerText()}`);
  return page.locator(byId('identity-verdict'));
}

/** Every check row, with its id, result and whether it is informational. */
async function checkRows(page) {
  return page.locator(byId('identity-check')).evaluateAll((rows) => rows.map((r) => ({
    id: r.getAttribute('data-check-id'),
    passed: r.getAttribute('data-passed'),
    informational: r.getAttribute('data-informational'),
    category: r.getAttribute('data-category'),
    mark: r.querySelector('.id-mark [aria-hidden="true"]')?.textContent ?? '',
  })));
}

test('a clerk verifies the simulated genuine card, then the cloned one, and sees both in the history',
  { skip: SKIP, timeout: 180_000 }, (t) => asOfficer(t, 'clerk', async (page) => {
    await openIdentity(page);
    assert.match(await page.locator('.page-head h1').innerText(), /Xác thực thẻ căn cước gắn chip/);

    // ---- genuine: green, a photo, every check shown and passed ----
    const verdict = await verifyCard(page, 'software:genuine', PURPOSE_VI);
    assert.equal(await verdict.getAttribute('data-verdict'), 'genuine');
    assert.match(await verdict.getAttribute('class'), /id-verdict-good/);
    assert.ok((await page.locator(byId('identity-verdict-sentence')).innerText()).trim().length > 0, 'the verdict has its sentence');
    const photo = page.locator(byId('identity-photo'));
    await photo.waitFor();
    assert.match(await photo.getAttribute('src'), /^data:image\/png;base64,/);
    await page.waitForFunction((sel) => {
      const img = document.querySelector(sel);
      return img instanceof HTMLImageElement && img.complete && img.naturalWidth > 0;
    }, byId('identity-photo'));
    assert.ok((await page.locator(byId('identity-holder-full_name')).innerText()).trim().length > 0, 'the holder\'s name');
    assert.match(await page.locator(byId('identity-holder')).innerText(), /Số định danh/);
    assert.ok((await page.locator(byId('identity-mrz')).innerText()).includes('<'), 'the MRZ lines');
    const rows = await checkRows(page);
    assert.ok(rows.length >= 10, `at least 10 checks shown, got ${rows.length}`);
    const decisive = rows.filter((r) => r.informational !== 'true');
    assert.ok(decisive.length >= 10, `at least 10 checks that count, got ${decisive.length}`);
    assert.deepEqual(decisive.filter((r) => r.passed !== 'true').map((r) => r.id), [], 'every check that counts passed');
    assert.ok(decisive.every((r) => r.mark === '✓'), 'passed checks are marked ✓');
    assert.ok(rows.some((r) => r.category === 'passive') && rows.some((r) => r.category === 'chip'), 'passive and chip checks');
    const proofs = await Promise.all(['identity-ca', 'identity-aa'].map((id) => page.locator(byId(id)).getAttribute('data-state')));
    assert.ok(proofs.includes('passed'), `the chip proved its key by CA or AA: ${proofs}`);
    assert.ok(!proofs.includes('failed'));
    assert.ok(await page.locator(`${byId('identity-steps')} li`).count() > 0, 'the session\'s steps');
    assert.ok(await page.locator(`${byId('identity-files-read')} li`).count() > 0, 'the files read');
    await screenshot(page, 'identity-genuine.png');

    // The same report in English.
    await page.locator(byId('language-switch')).click();
    await page.waitForFunction((sel) => document.querySelector(sel)?.textContent?.trim() === 'Genuine', byId('identity-verdict-label'));
    await page.locator(byId('language-switch')).click();
    await page.waitForFunction((sel) => document.querySelector(sel)?.textContent?.trim() === 'Thẻ thật', byId('identity-verdict-label'));

    // ---- cloned: the data is authentic but the chip fails its proof ----
    const cloned = await verifyCard(page, 'software:cloned', PURPOSE_ASCII);
    assert.equal(await cloned.getAttribute('data-verdict'), 'clone_suspected');
    assert.match(await cloned.getAttribute('class'), /id-verdict-bad/);
    const cloneRows = await checkRows(page);
    assert.ok(cloneRows.some((r) => r.category === 'chip' && r.passed === 'false' && r.informational !== 'true' && r.mark === '✗'),
      'a chip check failed and is marked ✗');
    assert.ok(cloneRows.filter((r) => r.category === 'passive' && r.informational !== 'true').every((r) => r.passed === 'true'),
      'passive authentication still passes: copied files carry a valid signature');
    await screenshot(page, 'identity-cloned.png');

    // ---- the history: the two, newest first, numbers masked ----
    const clonedId = await page.locator(byId('identity-report')).getAttribute('data-id');
    const rowSel = `${byId('identity-history')} ${byId('identity-history-row')}`;
    await page.waitForFunction(([sel, id]) => document.querySelector(sel)?.getAttribute('data-id') === id, [rowSel, clonedId]);
    const history = page.locator(rowSel);
    assert.equal(await history.nth(0).getAttribute('data-verdict'), 'clone_suspected');
    assert.equal(await history.nth(1).getAttribute('data-verdict'), 'genuine');
    const text = await page.locator(byId('identity-history')).innerText();
    assert.ok(text.includes('*'), 'document numbers are masked');
    const pn = page.locator(byId('identity-holder-personal_number'));
    if (await pn.count()) assert.ok(!text.includes((await pn.innerText()).trim()), 'the full personal number is not in the history');
  }));

test('an investigator verifies with the CAN (PACE); wrong input is named at its field before anything is sent',
  { skip: SKIP, timeout: 120_000 }, (t) => asOfficer(t, 'investigator', async (page) => {
    await openIdentity(page);

    // No purpose and a date that is no day: both named, the focus on the first.
    await page.locator(byId('identity-purpose')).fill('');
    await page.locator(byId('identity-reader')).selectOption('software:genuine');
    await page.locator(byId('identity-access-mrz')).check();
    await page.locator(byId('identity-dob')).fill('921332');
    await page.locator(byId('identity-submit')).click();
    await page.locator(byId('identity-invalid-purpose')).waitFor();
    await page.locator(byId('identity-invalid-date_of_birth')).waitFor();
    assert.equal(await focused(page), 'identity-purpose');
    assert.equal(await page.locator(byId('identity-dob')).getAttribute('aria-invalid'), 'true');
    assert.equal(await page.locator(byId('identity-report')).count(), 0, 'nothing was sent');

    // A dump without EF.SOD is stopped here; a photo among the files is left out.
    await page.locator(byId('identity-source-dump')).check();
    await page.locator(byId('identity-purpose')).fill(PURPOSE_VI);
    await page.locator(byId('identity-files')).setInputFiles([
      { name: 'DG1.bin', mimeType: 'application/octet-stream', buffer: Buffer.from([0x61, 0x01, 0x00]) },
      { name: 'photo.jpg', mimeType: 'image/jpeg', buffer: Buffer.from([0xff, 0xd8, 0xff]) },
    ]);
    await page.locator(`${byId('identity-file-1')}[data-status="other"]`).waitFor();
    await page.locator(byId('identity-submit')).click();
    await page.locator(byId('identity-invalid-files')).waitFor();
    assert.match(await page.locator(byId('identity-invalid-files')).innerText(), /EF_SOD\.bin/);

    // The CAN opens the chip with PACE.
    await page.locator(byId('identity-files-clear')).click();
    const verdict = await verifyCard(page, 'software:genuine', PURPOSE_VI, 'can');
    assert.equal(await verdict.getAttribute('data-verdict'), 'genuine');
    assert.match(await page.locator(byId('identity-session-access')).innerText(), /PACE/);
  }));

test('a dispatcher verifies a card but is not shown the portrait', { skip: SKIP, timeout: 120_000 }, (t) =>
  asOfficer(t, 'dispatcher', async (page) => {
    await openIdentity(page);
    const verdict = await verifyCard(page, 'software:genuine', PURPOSE_ASCII);
    assert.equal(await verdict.getAttribute('data-verdict'), 'genuine');
    await page.locator(byId('identity-faces-withheld')).waitFor();
    assert.match(await page.locator(byId('identity-faces-withheld')).innerText(), /vai trò của bạn không được xem ảnh/);
    assert.equal(await page.locator(byId('identity-photo')).count(), 0, 'no photo');
    assert.equal(await page.locator('.id-report img').count(), 0, 'no image at all in the report');
    assert.ok(await page.locator(byId('identity-check')).count() >= 10, 'the checks are still shown');
    await screenshot(page, 'identity-dispatcher.png');
  }));
