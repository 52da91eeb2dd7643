// What the browser tests share: Debian's Chromium through playwright-core in a fresh temporary profile, page
// errors and Content-Security-Policy violations collected, and screenshots on request (SCREENSHOT_DIR).
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright-core';

export const BASE = (process.env.PRECINCT_URL ?? '').replace(/\/+$/, '');
export const CHROMIUM = '/usr/bin/chromium';
const SCREENSHOT_DIR = process.env.SCREENSHOT_DIR ?? '';

const ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export const byId = (id) => `[data-testid="${id}"]`;

/** A fresh Chromium profile in a temporary folder; returns the context, what went wrong, and a cleanup. */
export async function openBrowser({ width = 1280, height = 800 } = {}) {
  assert.ok(fs.existsSync(CHROMIUM), `${CHROMIUM} is missing (apt-get install chromium)`);
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'precinct-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: ARGS,
    viewport: { width, height },
    locale: 'vi-VN',
    timezoneId: 'Asia/Ho_Chi_Minh',
  });
  const errors = [];
  const cspViolations = [];
  context.on('weberror', (e) => errors.push(String(e.error())));
  context.on('console', (msg) => {
    if (msg.type() === 'error' && /Content Security Policy/i.test(msg.text())) cspViolations.push(msg.text());
  });
  const close = async () => {
    await context.close().catch(() => {});
    fs.rmSync(profile, { recursive: true, force: true });
  };
  return { context, errors, cspViolations, close };
}

export async function screenshot(page, name) {
  if (!SCREENSHOT_DIR) return;
  fs.mkdirSync(SCREENSHOT_DIR, { recursive: true });
  await page.screenshot({ path: path.join(SCREENSHOT_DIR, name), fullPage: true });
}

/** The password of the accounts `serve --demo` creates. */
export const DEMO_PASSWORD = process.env.PRECINCT_DEMO_PASSWORD ?? 'precinct-demo';

/** A token for a demo account, through the API. */
export async function demoToken(username) {
  const res = await fetch(`${BASE}/api/v1/auth/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: DEMO_PASSWORD }),
  });
  if (res.status !== 201) throw new Error(`sign-in of ${username} failed: ${res.status} ${await res.text()}`);
  return (await res.json()).token;
}

/** Does the server report capability `id` as available? */
export async function capabilityAvailable(id) {
  const info = await (await fetch(`${BASE}/api/v1/system/info`, { headers: { authorization: `Bearer ${await demoToken('clerk')}` } })).json();
  return (info.capabilities ?? []).some((c) => c.id === id && c.available);
}

/**
 * Signs a demo account in on the console and waits until the live stream is connected and the capability's
 * navigation link is there (its topics are subscribed once the server reports the capability).
 */
export async function signInAs(page, username, capability) {
  await page.goto(`${BASE}/console/`);
  await page.locator(byId('username')).fill(username);
  await page.locator(byId('password')).fill(DEMO_PASSWORD);
  await page.locator(byId('sign-in')).click();
  await page.locator(byId('user-role')).waitFor({ state: 'visible' });
  await page.locator(`${byId('live-indicator')}[data-state="connected"]`).waitFor({ timeout: 15_000 });
  await page.waitForFunction((nav) => document.querySelector(`a[data-testid="${nav}"]`) !== null, `nav-${capability}`);
}
