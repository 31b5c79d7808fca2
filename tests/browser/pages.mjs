// What the browser tests check on every page: screenshots, inert hostile strings, phone width.
import assert from 'node:assert/strict';

import { screenshotPath } from './harness.mjs';

// A desktop-sized page logged in with `key` at `base`; dialogs are dismissed into `dialogs`.
export async function loggedInPage(browser, base, key, dialogs) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  page.on('dialog', (dialog) => { dialogs.push(dialog.message()); dialog.dismiss(); });
  await page.goto(`${base}/ui/login`);
  await page.fill('#key', key);
  await Promise.all([page.waitForNavigation(), page.press('#key', 'Enter')]);
  assert.equal(new URL(page.url()).pathname, '/ui/');
  return { context, page };
}

export async function shot(page, name) {
  const file = screenshotPath(name);
  if (file) await page.screenshot({ path: file, fullPage: true });
}

// No script of ours sets __xss, no dialog opens, no element carries an inline handler and no
// link points at javascript:.
export async function assertInert(page) {
  await page.hover('main').catch(() => {});
  for (const element of await page.$$('main td, main h1, main code, main strong')) {
    await element.hover().catch(() => {});
  }
  const found = await page.evaluate(() => ({
    xss: window.__xss ?? null,
    handlers: [...document.querySelectorAll('*')].filter((el) =>
      [...el.attributes].some((a) => a.name.startsWith('on'))).length,
    scripts: [...document.querySelectorAll('script')].filter((s) => !s.src).length,
    jsLinks: [...document.querySelectorAll('a[href]')].filter((a) =>
      a.getAttribute('href').trim().toLowerCase().startsWith('javascript:')).length,
  }));
  assert.deepEqual(found, { xss: null, handlers: 0, scripts: 0, jsLinks: 0 });
}

// How far `url` overflows a phone's width (px), with the session of `context`.
export async function fitsPhone(browser, context, url) {
  const phone = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true,
    storageState: await context.storageState() });
  const small = await phone.newPage();
  await small.goto(url);
  const overflow = await small.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  await phone.close();
  return overflow;
}
