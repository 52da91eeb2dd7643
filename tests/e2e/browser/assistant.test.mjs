// Browser end-to-end tests of the assistant's chat widget on the citizen page and the assistant's console pages,
// against the real server started with --demo by run.sh (demo account clerk).
//
// Drives Debian's Chromium (/usr/bin/chromium) through playwright-core; never downloads a browser.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { BASE, byId, capabilityAvailable, demoToken, openBrowser, screenshot, signInAs } from './browser.mjs';

const SKIP = BASE ? false : 'PRECINCT_URL is not set: start the server with --demo and set PRECINCT_URL';
const CONVERSATION_KEY = 'precinct.assistant.conversation';

/** The testid of the element that has the focus. */
const focused = (page) => page.evaluate(() => document.activeElement?.getAttribute('data-testid') ?? document.activeElement?.tagName ?? '');

/** Waits until the chat is no longer sending (the reply, or an error, is there). */
async function settled(page) {
  await page.waitForFunction(() => document.querySelector('[data-testid="assistant-chat"]')?.getAttribute('data-busy') !== 'true');
  const errors = page.locator(`${byId('assistant-errors')} .problem`);
  if (await errors.count()) assert.fail(`the chat shows an error: ${await errors.first().innerText()}`);
}

const msgs = (page, author) => page.locator(`${byId('assistant-transcript')} > li[data-author="${author}"]`);

const QUESTION = 'phí làm hộ chiếu bao nhiêu?';
const HANDOFF = 'tôi cần gặp cán bộ';
const OFFICER_REPLY = 'Chào bạn, tôi là cán bộ tiếp công dân.\nBạn cần hỗ trợ gì thêm về hộ chiếu?';
const FOLLOW_UP = 'Tôi muốn hỏi về gia hạn hộ chiếu cho con';

test('citizen asks the assistant, follows a suggestion, is handed over; a clerk claims and replies; the citizen reads it',
  { skip: SKIP, timeout: 240_000 }, async () => {
    assert.ok(await capabilityAvailable('assistant'), 'the server does not report the assistant capability as available');
    const { context, errors, cspViolations, close } = await openBrowser({ width: 1400, height: 1000 });
    try {
      // ---- citizen: the floating button on the home page opens the chat ----
      const citizen = context.pages()[0] ?? (await context.newPage());
      citizen.setDefaultTimeout(20_000);
      await citizen.goto(`${BASE}/`);
      await citizen.locator(byId('emergency-line-113')).waitFor();
      const launcher = citizen.locator(byId('assistant-launcher'));
      assert.match(await launcher.innerText(), /Hỏi trợ lý/);
      assert.equal(await launcher.getAttribute('aria-expanded'), 'false');
      await launcher.click();
      const panel = citizen.locator(byId('assistant-panel'));
      await panel.waitFor();
      assert.equal(await panel.getAttribute('role'), 'dialog');
      assert.equal(await launcher.getAttribute('aria-expanded'), 'true');
      assert.equal(await focused(citizen), 'assistant-input', 'the message box has the focus');
      assert.equal(await citizen.locator(byId('assistant-log')).getAttribute('aria-live'), 'polite', 'new messages are announced');
      await citizen.locator(byId('assistant-intro')).waitFor();

      // ---- a question about a procedure: an answer with its legal basis ----
      await citizen.locator(byId('assistant-input')).fill(QUESTION);
      assert.match(await citizen.locator(byId('assistant-counter')).innerText(), new RegExp(`^${[...QUESTION].length}/1000`));
      await citizen.locator(byId('assistant-input')).press('Enter');
      await msgs(citizen, 'assistant').first().waitFor({ timeout: 30_000 });
      await settled(citizen);
      assert.equal(await citizen.locator(byId('assistant-input')).inputValue(), '', 'the box is emptied once sent');
      assert.equal(await msgs(citizen, 'citizen').count(), 1);
      assert.equal((await msgs(citizen, 'citizen').first().locator(byId('assistant-msg-text')).innerText()).trim(), QUESTION);
      const answer = msgs(citizen, 'assistant').first(); // the reply to the first question (a locator: pinned by position)
      assert.ok((await answer.locator(byId('assistant-msg-text')).innerText()).trim().length > 0, 'the reply has text');
      await answer.locator(byId('assistant-citations')).waitFor();
      assert.match(await answer.locator(byId('assistant-citations')).innerText(), /Căn cứ pháp lý/);
      const citations = answer.locator(byId('assistant-citation'));
      assert.ok(await citations.count() >= 1, 'at least one citation');
      assert.ok((await citations.first().innerText()).trim().length > 3, 'the citation names an instrument');
      for (const c of await citations.all()) {
        if ((await c.getAttribute('data-unconfirmed')) === 'true') assert.match(await c.innerText(), /⚠ chưa xác minh/);
      }
      if (await answer.locator(byId('assistant-checked')).count()) {
        assert.match(await answer.locator(byId('assistant-checked')).innerText(), /kiểm tra ngày \d{2}\/\d{2}\/\d{4}/);
      }
      if (await answer.locator(byId('assistant-unconfirmed')).count()) {
        assert.match(await answer.locator(byId('assistant-unconfirmed')).innerText(), /chưa được xác minh/);
      }
      // Server text is shown as text, its line breaks kept.
      assert.equal(await answer.locator(byId('assistant-msg-text')).evaluate((el) => getComputedStyle(el).whiteSpace), 'pre-wrap');
      const conversationId = await citizen.evaluate((k) => sessionStorage.getItem(k), CONVERSATION_KEY);
      assert.match(conversationId ?? '', /^[0-9a-f]{32}$/i, `the conversation id is kept: ${conversationId}`);
      await screenshot(citizen, 'assistant-answer.png');

      // ---- a suggestion chip sends its text ----
      const chip = answer.locator(byId('assistant-suggestion')).first();
      await chip.waitFor();
      const chipText = (await chip.innerText()).trim();
      await chip.click();
      await citizen.waitForFunction(() => document.querySelectorAll('[data-testid="assistant-transcript"] > li[data-author="assistant"]').length >= 2,
        null, { timeout: 30_000 });
      await settled(citizen);
      assert.equal((await msgs(citizen, 'citizen').nth(1).locator(byId('assistant-msg-text')).innerText()).trim(), chipText);
      assert.equal(await answer.locator(byId('assistant-suggestions')).count(), 0, 'the earlier suggestions are gone');

      // ---- asking for an officer: handed over, the widget waits ----
      await citizen.locator(byId('assistant-input')).fill(HANDOFF);
      await citizen.locator(byId('assistant-send')).click();
      await citizen.locator(`${byId('assistant-handoff')}[data-state="waiting"]`).waitFor({ timeout: 30_000 });
      await settled(citizen);
      assert.equal(await msgs(citizen, 'assistant').last().getAttribute('data-kind'), 'handoff');
      assert.match(await citizen.locator(byId('assistant-handoff')).innerText(), /Đang chờ cán bộ/);
      await screenshot(citizen, 'assistant-handoff.png');

      // ---- clerk: the conversation is in the queue, waiting ----
      const clerk = await context.newPage();
      clerk.setDefaultTimeout(20_000);
      await signInAs(clerk, 'clerk', 'assistant');
      await clerk.locator(`a${byId('nav-assistant')}`).click();
      await clerk.locator(byId('assistant-queue-view')).waitFor();
      assert.match(clerk.url(), /#\/?assistant\/queue$/);
      const row = clerk.locator(byId(`assistant-row-${conversationId}`));
      await row.waitFor({ timeout: 20_000 });
      assert.equal(await row.getAttribute('data-state'), 'waiting');
      assert.match(await row.innerText(), /Đang chờ/);
      assert.ok(await clerk.locator(byId(`assistant-waited-${conversationId}`)).isVisible(), 'the waiting time is shown');
      // Waiting ones come first.
      const states = await clerk.locator('[data-testid^="assistant-row-"]').evaluateAll((rows) => rows.map((r) => r.dataset.state));
      assert.deepEqual(states, [...states].sort((a, b) => (a === 'waiting' ? 0 : 1) - (b === 'waiting' ? 0 : 1)));
      await screenshot(clerk, 'assistant-queue.png');

      // ---- the conversation: the whole transcript; claim, then reply ----
      await clerk.locator(byId(`assistant-link-${conversationId}`)).click();
      await clerk.locator(`${byId('assistant-conversation')}[data-conversation-id="${conversationId}"]`).waitFor();
      const claim = clerk.locator(byId('assistant-claim'));
      await claim.or(clerk.locator(byId('purpose-input'))).first().waitFor();
      if (await clerk.locator(byId('purpose-input')).isVisible()) {
        await clerk.locator(byId('purpose-input')).fill('Trả lời người dân cần gặp cán bộ');
        await clerk.locator(byId('purpose-submit')).click();
      }
      await claim.waitFor();
      const transcript = clerk.locator(byId('assistant-transcript'));
      const citizenTexts = await transcript.locator('li[data-author="citizen"]').allInnerTexts();
      assert.ok(citizenTexts.some((s) => s.includes(QUESTION)), 'the first question is in the transcript');
      assert.ok(citizenTexts.some((s) => s.includes(HANDOFF)), 'the request for an officer is in the transcript');
      assert.ok(await transcript.locator('li[data-author="assistant"]').count() >= 3, 'the assistant\'s replies are in it');
      assert.equal(await clerk.locator(byId('assistant-reply-form')).isVisible(), false, 'no reply box before claiming');
      assert.match(await clerk.locator(byId('assistant-reply-note')).innerText(), /Nhận xử lý/);
      assert.match(await claim.innerText(), /Nhận xử lý/);
      await claim.click();
      await clerk.locator(`${byId('assistant-conversation-state')}[data-state="active"]`).waitFor();
      await clerk.locator(byId('assistant-reply-text')).waitFor();
      assert.equal(await focused(clerk), 'assistant-reply-text', 'the reply box has the focus once claimed');
      assert.match(await clerk.locator(byId('assistant-close')).innerText(), /Kết thúc/);
      await clerk.locator(byId('assistant-reply-text')).fill(OFFICER_REPLY);
      await clerk.locator(byId('assistant-reply-text')).press('Control+Enter');
      await clerk.locator(byId('assistant-reply-ok')).waitFor();
      await transcript.locator('li[data-author="officer"]').first().waitFor();
      await screenshot(clerk, 'assistant-conversation.png');

      // ---- citizen: the officer's reply arrives in the chat (polled every 3 s) ----
      const officerMsg = msgs(citizen, 'officer').first();
      await officerMsg.waitFor({ timeout: 20_000 });
      assert.match(await officerMsg.locator('.msg-author').innerText(), /Cán bộ/);
      assert.equal((await officerMsg.locator(byId('assistant-msg-text')).innerText()).trim(), OFFICER_REPLY, 'the line break is kept');
      await citizen.locator(`${byId('assistant-handoff')}[data-state="active"]`).waitFor();
      await screenshot(citizen, 'assistant-officer-reply.png');

      // ---- the citizen writes again: it reaches the officer live ----
      await citizen.locator(byId('assistant-input')).fill(FOLLOW_UP);
      await citizen.locator(byId('assistant-input')).press('Enter');
      await settled(citizen);
      await clerk.waitForFunction((text) => [...document.querySelectorAll('[data-testid="assistant-transcript"] li[data-author="citizen"]')]
        .some((li) => li.textContent.includes(text)), FOLLOW_UP, { timeout: 20_000 });
      assert.equal(await msgs(citizen, 'citizen').filter({ hasText: FOLLOW_UP }).count(), 1, 'shown once in the chat');

      // ---- the clerk ends the handoff: the widget says so and stops polling ----
      await clerk.locator(byId('assistant-close')).click();
      await clerk.locator(byId('assistant-close-confirm')).click();
      await clerk.locator(`${byId('assistant-conversation-state')}[data-state="closed"]`).waitFor();
      assert.equal(await clerk.locator(byId('assistant-reply-form')).isVisible(), false);
      await citizen.locator(`${byId('assistant-handoff')}[data-state="closed"]`).waitFor({ timeout: 20_000 });

      // ---- a reload continues the conversation: the transcript is read back ----
      await citizen.reload();
      await citizen.locator(byId('assistant-launcher')).click();
      await msgs(citizen, 'officer').first().waitFor();
      assert.equal(await citizen.evaluate((k) => sessionStorage.getItem(k), CONVERSATION_KEY), conversationId);
      assert.ok(await msgs(citizen, 'citizen').count() >= 4);
      // Start over: a new conversation.
      await citizen.locator(byId('assistant-restart')).click();
      assert.equal(await msgs(citizen, 'citizen').count(), 0);
      assert.equal(await citizen.evaluate((k) => sessionStorage.getItem(k), CONVERSATION_KEY), null);
      await citizen.locator(byId('assistant-intro')).waitFor();

      assert.deepEqual(errors, [], 'no uncaught errors in the pages');
      assert.deepEqual(cspViolations, [], 'no Content-Security-Policy violations');
    } finally {
      await close();
    }
  });

test('the chat by keyboard: opens, refuses an empty message, closes with Escape; the full page #/assistant',
  { skip: SKIP, timeout: 90_000 }, async () => {
    assert.ok(await capabilityAvailable('assistant'), 'the server does not report the assistant capability as available');
    const { context, errors, cspViolations, close } = await openBrowser({ width: 390, height: 844 });
    try {
      const page = context.pages()[0] ?? (await context.newPage());
      page.setDefaultTimeout(20_000);
      await page.goto(`${BASE}/#/report`);
      const launcher = page.locator(byId('assistant-launcher'));
      await launcher.waitFor();
      await launcher.focus();
      await page.keyboard.press('Enter');
      await page.locator(byId('assistant-panel')).waitFor();
      assert.equal(await focused(page), 'assistant-input');
      // Enter on an empty box: nothing is sent, the box says why.
      await page.keyboard.press('Enter');
      await page.locator(byId('assistant-input-error')).waitFor();
      assert.equal(await page.locator(byId('assistant-input')).getAttribute('aria-invalid'), 'true');
      assert.equal(await msgs(page, 'citizen').count(), 0);
      // Shift+Enter is a new line, not a message.
      await page.keyboard.type('dòng một');
      await page.keyboard.press('Shift+Enter');
      await page.keyboard.type('dòng hai');
      assert.equal(await page.locator(byId('assistant-input')).inputValue(), 'dòng một\ndòng hai');
      assert.equal(await msgs(page, 'citizen').count(), 0);
      // The limit: at most 1,000 characters.
      assert.equal(await page.locator(byId('assistant-input')).getAttribute('maxlength'), '1000');
      // Escape closes the panel and gives the focus back to the button.
      await page.keyboard.press('Escape');
      await page.locator(byId('assistant-panel')).waitFor({ state: 'hidden' });
      assert.equal(await focused(page), 'assistant-launcher');
      assert.equal(await launcher.getAttribute('aria-expanded'), 'false');
      // What was typed is still there when it opens again.
      await page.keyboard.press('Enter');
      await page.locator(byId('assistant-panel')).waitFor();
      assert.equal(await page.locator(byId('assistant-input')).inputValue(), 'dòng một\ndòng hai');
      await page.locator(byId('assistant-close')).click();

      // The chat as a page: the floating button is hidden there.
      await page.goto(`${BASE}/#/assistant`);
      await page.locator(`${byId('assistant-page')} ${byId('assistant-chat')}`).waitFor();
      assert.equal(await launcher.isVisible(), false);
      assert.equal(await page.locator(byId('assistant-close')).isVisible(), false, 'nothing to close on the page');
      await screenshot(page, 'assistant-page.png');

      assert.deepEqual(errors, [], 'no uncaught errors in the page');
      assert.deepEqual(cspViolations, [], 'no Content-Security-Policy violations');
    } finally {
      await close();
    }
  });
