// Browser end-to-end tests of the 113/114 dispatch pages against an already running real server started with
// --demo (demo accounts calltaker and dispatcher, demo units; the demo also keeps synthetic calls coming, so
// the first test finds its own incident by id and copes with a duplicate suggestion or a unit taken meanwhile;
// the second does a training exercise on whatever random scenario the server gives).
//
//   PRECINCT_URL=http://127.0.0.1:18080 [PRECINCT_DEMO_PASSWORD=precinct-demo] [SCREENSHOT_DIR=DIR] \
//     node --test dispatch.test.mjs
//
// Drives Debian's Chromium (/usr/bin/chromium) through playwright-core; never downloads a browser.
// Without PRECINCT_URL the test is skipped with a message; on a server without the dispatch module it skips.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { BASE, byId, openBrowser, screenshot } from './browser.mjs';

const PASSWORD = process.env.PRECINCT_DEMO_PASSWORD ?? 'precinct-demo';
const SKIP = BASE ? false : 'PRECINCT_URL is not set: start the server with --demo and set PRECINCT_URL';

// The call: 114, fire with people trapped (the priority rules make it P1), coordinates in central Hà Nội.
const CALL = {
  caller: '0912 345 678',
  description: 'Cháy nhà 3 tầng, có người mắc kẹt trên tầng thượng',
  lat: '21.0362',
  lon: '105.8345',
  accuracy: '25',
};

/** Is the dispatch capability there? (A server built or configured without the module: skip.) */
async function dispatchAvailable() {
  const res = await fetch(`${BASE}/api/v1/auth/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'dispatcher', password: PASSWORD }),
  });
  if (res.status !== 201) throw new Error(`sign-in of dispatcher failed: ${res.status} ${await res.text()}`);
  const { token } = await res.json();
  const info = await (await fetch(`${BASE}/api/v1/system/info`, { headers: { authorization: `Bearer ${token}` } })).json();
  return (info.capabilities ?? []).some((c) => c.id === 'dispatch' && c.available);
}

async function signInAs(page, username) {
  await page.goto(`${BASE}/console/`);
  await page.locator(byId('username')).fill(username);
  await page.locator(byId('password')).fill(PASSWORD);
  await page.locator(byId('sign-in')).click();
  await page.locator(`${byId('user-role')}`).waitFor({ state: 'visible' });
  // The dispatch topics are subscribed once the server reports the capability: wait for the live stream.
  await page.locator(`${byId('live-indicator')}[data-state="connected"]`).waitFor({ timeout: 15_000 });
}

/** The data-testid of the focused element (after a key press). */
async function focused(page) {
  return page.evaluate(() => document.activeElement?.getAttribute('data-testid') ?? document.activeElement?.tagName ?? '');
}

async function expectFocus(page, testid, step) {
  await page.waitForFunction((id) => document.activeElement?.getAttribute('data-testid') === id, testid, { timeout: 5_000 })
    .catch(async () => assert.fail(`${step}: focus is on ${await focused(page)}, expected ${testid}`));
}

test('call-taker records a 114 fire call by keyboard; dispatcher sees it live and dispatches the first recommended unit',
  { skip: SKIP, timeout: 180_000 }, async (t) => {
    if (!(await dispatchAvailable())) {
      t.skip('the server does not report the dispatch capability as available');
      return;
    }
    const { context, errors, cspViolations, close } = await openBrowser({ width: 1400, height: 900 });
    try {
      // ---- call-taker ----
      const ct = context.pages()[0] ?? (await context.newPage());
      ct.setDefaultTimeout(15_000);
      await signInAs(ct, 'calltaker');
      const nav = ct.locator(`a${byId('nav-dispatch')}`);
      await nav.waitFor({ state: 'visible' });
      await nav.click();
      await ct.locator(byId('dispatch-intake')).waitFor();
      await ct.locator(`${byId('intake-category')} option[value="FIRE"]`).waitFor({ state: 'attached' });

      // Keyboard only from here: the form has focus on the line, Tab goes line → caller → category →
      // description → location.
      await expectFocus(ct, 'intake-line-113', 'autofocus');
      await ct.keyboard.press('ArrowRight');
      assert.equal(await ct.locator(byId('intake-line-114')).isChecked(), true, 'ArrowRight picks 114');
      await ct.keyboard.press('Tab');
      await expectFocus(ct, 'intake-caller', 'Tab after the line');
      await ct.keyboard.type(CALL.caller);
      await ct.keyboard.press('Tab');
      await expectFocus(ct, 'intake-category', 'Tab after the caller');
      await ct.keyboard.type('FIRE'); // options start with their code: type-ahead picks FIRE
      for (let i = 0; i < 30 && (await ct.locator(byId('intake-category')).inputValue()) !== 'FIRE'; i++) {
        await ct.keyboard.press('ArrowDown');
      }
      assert.equal(await ct.locator(byId('intake-category')).inputValue(), 'FIRE');
      await ct.keyboard.press('Tab');
      await expectFocus(ct, 'intake-description', 'Tab after the category');
      await ct.keyboard.type(CALL.description);
      await ct.keyboard.press('Tab');
      await expectFocus(ct, 'intake-loc-mode-coords', 'Tab after the description');
      // Alt+3 shows the address field, Alt+1 goes back to coordinates and into latitude.
      await ct.keyboard.press('Alt+3');
      await expectFocus(ct, 'intake-address', 'Alt+3');
      await ct.keyboard.press('Alt+1');
      await expectFocus(ct, 'intake-lat', 'Alt+1');
      await ct.keyboard.type(CALL.lat);
      await ct.keyboard.press('Tab');
      await ct.keyboard.type(CALL.lon);
      await ct.keyboard.press('Tab');
      await ct.keyboard.type(CALL.accuracy);
      await ct.keyboard.press('Control+Enter');

      // The answer: an incident, or (the demo keeps calls coming) a likely duplicate, rejected here.
      const created = ct.locator(byId('intake-incident')).first();
      const duplicates = ct.locator(byId('intake-duplicates')).first();
      await created.or(duplicates).waitFor({ timeout: 15_000 });
      if (await duplicates.isVisible()) {
        await screenshot(ct, 'dispatch-duplicates.png');
        await ct.locator(byId('duplicate-reject')).first().focus();
        await ct.keyboard.press('Enter');
        await created.waitFor();
      }
      const incidentId = Number(await created.getAttribute('data-incident-id'));
      assert.ok(Number.isInteger(incidentId) && incidentId > 0, 'the incident has an id');
      assert.equal(await created.getAttribute('data-priority'), 'P1', 'people trapped in a fire is P1');
      const reason = (await ct.locator(byId('intake-priority-reason')).first().innerText()).trim();
      assert.ok(reason.length > 0, 'the priority reason is shown');
      assert.equal(await ct.locator(byId('intake-description')).inputValue(), '', 'the form is cleared for the next call');
      await expectFocus(ct, 'intake-line-113', 'after recording');
      const ctStatus = ct.locator(byId('intake-incident-status')).first();
      assert.equal(await ctStatus.getAttribute('data-status'), 'new');
      await screenshot(ct, 'dispatch-intake.png');

      // ---- dispatcher, in another page (its own session: the token is kept per tab) ----
      const dp = await context.newPage();
      dp.setDefaultTimeout(15_000);
      await signInAs(dp, 'dispatcher');
      await dp.locator(`a${byId('nav-dispatch')}`).click();
      await dp.locator(byId('dispatch-board')).waitFor();
      const item = dp.locator(byId(`queue-item-${incidentId}`));
      await item.waitFor();
      assert.equal(await item.getAttribute('data-priority'), 'P1');
      assert.equal(await item.getAttribute('data-unack'), 'true', 'an unacknowledged P1 stands out');
      await dp.locator(byId(`map-incident-${incidentId}`)).waitFor({ state: 'attached' });
      if ((await dp.locator(byId('dispatch-map')).getAttribute('data-tiles')) === 'false') {
        assert.ok(await dp.locator(byId('no-base-map')).isVisible(), 'the map says it has no base map');
      }
      // The queue's age ticks.
      const age = dp.locator(byId(`queue-age-${incidentId}`));
      const age1 = await age.innerText();
      await dp.waitForFunction(([sel, before]) => document.querySelector(sel)?.textContent !== before,
        [byId(`queue-age-${incidentId}`), age1], { timeout: 5_000 });
      await screenshot(dp, 'dispatch-board.png');

      await item.click();
      await dp.locator(`${byId('dispatch-incident')}[data-incident-id="${incidentId}"]`).waitFor();
      assert.match(dp.url(), new RegExp(`#/?dispatch/incident/${incidentId}$`));

      // Dispatch the first recommendation; a unit taken meanwhile (409) refreshes the list: try again.
      let unitId = null;
      for (let attempt = 0; attempt < 3 && unitId === null; attempt++) {
        const first = dp.locator(`${byId('recommendations')} [data-testid^="recommend-dispatch-"]`).first();
        await first.waitFor();
        await dp.waitForFunction((sel) => {
          const b = document.querySelector(sel);
          return b && !b.disabled;
        }, `${byId('recommendations')} [data-testid^="recommend-dispatch-"]`);
        const candidate = Number(await first.getAttribute('data-unit-id'));
        await first.click();
        const ok = dp.locator(byId('dispatch-ok'));
        const failed = dp.locator(byId('dispatch-error'));
        await ok.or(failed).waitFor();
        if (await ok.isVisible()) unitId = candidate;
      }
      assert.ok(unitId !== null, 'a recommended unit was dispatched');
      await dp.locator(`${byId(`incident-unit-${unitId}`)}`).waitFor();
      await dp.locator(`${byId('incident-status')}:not([data-status="new"])`).waitFor();
      await screenshot(dp, 'dispatch-incident.png');

      // Units view: the unit is dispatched to this incident. (The demo may move it on to en_route soon after.)
      await dp.locator(byId('dispatch-tab-units')).click();
      const row = dp.locator(byId(`unit-row-${unitId}`));
      await row.waitFor();
      await dp.waitForFunction(([sel, inc]) => {
        const r = document.querySelector(sel);
        return r && r.getAttribute('data-incident-id') === String(inc) &&
          ['dispatched', 'en_route', 'on_scene'].includes(r.getAttribute('data-status') ?? '');
      }, [byId(`unit-row-${unitId}`), incidentId]);
      const unitStatus = await row.getAttribute('data-status');
      assert.ok(['dispatched', 'en_route', 'on_scene'].includes(unitStatus), `unit status ${unitStatus}`);
      await screenshot(dp, 'dispatch-units.png');

      // Back in the call-taker's page, the incident's status arrived live (no reload, no polling).
      await ct.waitForFunction((sel) => {
        const s = document.querySelector(sel)?.getAttribute('data-status');
        return s && s !== 'new';
      }, byId('intake-incident-status'), { timeout: 15_000 });
      assert.ok(['dispatched', 'en_route', 'on_scene'].includes(await ctStatus.getAttribute('data-status')));
      await screenshot(ct, 'dispatch-intake-live.png');

      assert.deepEqual(errors, [], 'no uncaught errors in the pages');
      assert.deepEqual(cspViolations, [], 'no Content-Security-Policy violations (Leaflet styles through CSSOM)');
    } finally {
      await close();
    }
  });

/** A category for the caller's words: a trainee's guess by keywords (the check scores it either way). */
function guessCategory(script) {
  const s = script.toLowerCase();
  const rules = [
    [/cháy|khói|gas|fire/, 'FIRE'],
    [/kẹt|đuối nước/, 'RESCUE'],
    [/va chạm|collided/, 'TRAFFIC'],
    [/dao|đánh/, 'CRIME-VIOLENT'],
    [/cướp|trộm|stolen/, 'CRIME-PROPERTY'],
    [/chuyển tiền/, 'CYBER-FRAUD'],
    [/bất tỉnh/, 'MEDICAL'],
    [/trẻ|cháu bé/, 'CHILD-PROTECTION'],
    [/gây rối|karaoke|đua xe/, 'PUBLIC-ORDER'],
  ];
  return rules.find(([re]) => re.test(s))?.[1] ?? 'INFO';
}

test('call-taker does a training exercise: the scenario shown, the same form, a score with four aspects, nothing recorded',
  { skip: SKIP, timeout: 120_000 }, async (t) => {
    if (!(await dispatchAvailable())) {
      t.skip('the server does not report the dispatch capability as available');
      return;
    }
    const { context, errors, cspViolations, close } = await openBrowser({ width: 1400, height: 1000 });
    try {
      const ct = context.pages()[0] ?? (await context.newPage());
      ct.setDefaultTimeout(15_000);
      await signInAs(ct, 'calltaker');
      await ct.locator(`a${byId('nav-dispatch')}`).click();
      await ct.locator(byId('dispatch-intake')).waitFor();
      await ct.locator(byId('dispatch-tab-training')).click();
      await ct.locator(byId('dispatch-training')).waitFor();
      assert.match(ct.url(), /#\/?dispatch\/training$/);
      assert.equal(await ct.locator(byId('dispatch-tab-training')).getAttribute('aria-current'), 'page');

      // The scenario: a training banner, the line and number as the phone shows them, the caller's words.
      await ct.locator(`${byId('training-caller')}[data-caller]`).waitFor();
      await ct.locator(`${byId('intake-category')} option[value="FIRE"]`).waitFor({ state: 'attached' });
      const banner = ct.locator(byId('training-banner'));
      assert.ok(await banner.isVisible(), 'the training banner is shown');
      assert.match(await banner.innerText(), /huấn luyện/i);
      const scenarioId = await ct.locator(byId('dispatch-training')).getAttribute('data-scenario-id');
      assert.match(scenarioId ?? '', /^\d+$/);
      const line = await ct.locator(byId('training-line')).getAttribute('data-line');
      assert.match(line ?? '', /^\d+$/);
      const callerShown = (await ct.locator(byId('training-caller')).innerText()).trim();
      assert.ok(callerShown.length > 0, 'the caller number is shown');
      const script = (await ct.locator(byId('training-script')).innerText()).trim();
      const scriptVi = ((await ct.locator(byId('training-script-vi')).textContent()) ?? '').trim();
      assert.equal(script, scriptVi, 'in Vietnamese the script is what the caller says');
      const address = /Địa chỉ:\s*(.+?)\.?"?$/.exec(scriptVi)?.[1];
      assert.ok(address, `the script gives an address: ${scriptVi}`);
      if (await ct.locator(byId('training-aml-box')).isVisible()) {
        assert.match(await ct.locator(byId('training-aml')).inputValue(), /^A"?ML=/, 'the AML message is shown as received');
      }
      // The clock runs.
      await ct.waitForFunction((sel) => document.querySelector(sel)?.textContent !== '0:00', byId('training-timer'),
        { timeout: 5_000 });

      // The same form as a real call.
      if (line === '113' || line === '114') {
        await ct.locator(byId(`intake-line-${line}`)).check();
      } else {
        await ct.locator(byId('intake-line-other')).check();
        await ct.locator(byId('intake-line-other-number')).fill(line);
      }
      await ct.locator(byId('intake-category')).selectOption(guessCategory(scriptVi));
      await ct.locator(byId('intake-description')).fill(scriptVi);
      await ct.locator(byId('intake-loc-mode-address')).check();
      await ct.locator(byId('intake-address')).fill(address);

      // A malformed caller number: refused as call.caller, shown next to the caller field.
      await ct.locator(byId('intake-caller')).fill('không rõ');
      await ct.locator(byId('intake-submit')).click();
      await ct.locator(byId('intake-error')).waitFor();
      assert.ok(await ct.locator(byId('intake-error-caller')).isVisible(), 'the refused caller is marked');
      assert.equal(await ct.locator(byId('intake-caller')).getAttribute('aria-invalid'), 'true');
      assert.equal(await ct.locator(byId('training-score')).count(), 0, 'no score for a refused call');

      // The number as shown, then Ctrl+Enter checks the call.
      await ct.locator(byId('intake-caller')).fill(callerShown);
      await ct.keyboard.press('Control+Enter');
      const score = ct.locator(byId('training-score'));
      await score.waitFor();
      assert.equal(await ct.locator(byId('intake-error-caller')).isVisible(), false, 'the caller error is gone');
      const points = Number(await score.getAttribute('data-score'));
      assert.ok(Number.isInteger(points) && points >= 0 && points <= 100, `score ${points}`);
      const rows = ct.locator(`${byId('training-items')} > li`);
      assert.equal(await rows.count(), 4, 'four aspects');
      for (const aspect of ['line', 'category', 'priority', 'location']) {
        const row = ct.locator(byId(`training-item-${aspect}`));
        assert.ok(await row.isVisible(), `aspect ${aspect}`);
        assert.match(await row.getAttribute('data-ok'), /^(true|false)$/);
        assert.ok((await ct.locator(byId(`training-note-${aspect}`)).innerText()).trim().length > 0, `note of ${aspect}`);
      }
      assert.equal(await ct.locator(byId('training-item-line')).getAttribute('data-ok'), 'true', 'the line shown is right');
      assert.ok(points >= 25, 'the right line earns its points');
      assert.ok(await ct.locator(byId('training-elapsed')).isVisible(), 'the time taken is shown');
      assert.ok(await ct.locator(byId('training-expected')).isVisible(), 'the answers are shown');
      assert.equal(await ct.locator(byId('training-expected-line')).innerText().then((s) => s.startsWith(line)), true);
      assert.equal(await ct.locator(byId('intake-submit')).isDisabled(), true, 'a checked exercise is not sent again');
      assert.equal(await ct.locator(byId('intake-incident')).count(), 0, 'no incident card: nothing is recorded');
      await screenshot(ct, 'dispatch-training.png');

      // Next exercise: a new scenario, an empty form, the clock from zero.
      await ct.locator(byId('training-next')).click();
      await ct.waitForFunction((sel) => !document.querySelector(sel), byId('training-score'));
      await ct.waitForFunction((sel) => {
        const b = document.querySelector(sel);
        return b && !b.disabled;
      }, byId('intake-submit'));
      assert.equal(await ct.locator(byId('intake-description')).inputValue(), '', 'the form is cleared');
      assert.match((await ct.locator(byId('dispatch-training')).getAttribute('data-scenario-id')) ?? '', /^\d+$/);

      assert.deepEqual(errors, [], 'no uncaught errors in the page');
      assert.deepEqual(cspViolations, [], 'no Content-Security-Policy violations');
    } finally {
      await close();
    }
  });
