// The web UI in a real browser: login (good, wrong, throttled), CSRF, a download requested
// from the form whose progress bar reaches done, a dead letter requeued, hostile strings from
// slskd and from job fields rendered inert, polling that stops in a hidden tab, and the
// first-run dashboard of an unconfigured harmonyd. Screenshots go to $UI_SCREENSHOTS.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';

import {
  eventually, launchBrowser, screenshotPath, startHarmonyd, startStandIn, stopAll,
} from './harness.mjs';

const KEY = 'browser-test-key-0123456789abcdef';
const XSS_SCRIPT = '<script>window.__xss = "script"</script>';
const XSS_ATTR = '"onmouseover="window.__xss=\'attr\'" x="';
const XSS_LINK = 'javascript:window.__xss=\'link\'';
// slskd strings are cut at 4 KB by harmonyd's client, so the longest name a peer can deliver is
// about that (3.8 KB here, with the rest of the path under 4 KB); 5 and 10 KB names are sent
// where a person types them (the request form).
const LONG = 'L'.repeat(3800);

const peers = [
  { username: 'flac_peer', filename: '@@c\\The Beatles\\Let It Be (1970)\\06 - Let It Be.flac', seconds: 4 },
  // Hostile names: markup in the user name, the folders and a 10 KB folder name. The transfer
  // stays queued, so nothing is written and the candidate stays on the job's page.
  {
    // slskd user names go into transfer URLs, so this one has markup but no '/' or quotes.
    username: '<svg onload=window.__xss=1>',
    filename: `@@x\\Payload Band\\${XSS_SCRIPT} ${XSS_ATTR} ${LONG}\\01 - Payload Song.flac`,
    seconds: 2,
    outcome: 'stay_queued',
  },
  { username: 'slow_peer', filename: '@@s\\Slow Peer\\Queued\\01 - Queued Song.flac', seconds: 2, outcome: 'stay_queued' },
];

async function shot(page, name) {
  const file = screenshotPath(name);
  if (file) await page.screenshot({ path: file, fullPage: true });
}

async function api(base, method, path, body) {
  const response = await fetch(`${base}${path}`, {
    method,
    headers: { 'X-API-Key': KEY, ...(body ? { 'Content-Type': 'application/json' } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
  const text = await response.text();
  return { status: response.status, json: text ? JSON.parse(text) : null };
}

// No script of ours sets __xss, no dialog opens, no element carries an inline handler and no
// link points at javascript:.
async function assertInert(page) {
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

describe('with API keys, slskd and hostile peers', () => {
  let harmonyd;
  let browser;
  let context;
  let page;
  const dialogs = [];

  before(async () => {
    const standin = await startStandIn(peers);
    harmonyd = await startHarmonyd({
      HARMONY_API_KEYS: KEY,
      DOWNLOADS_DIR: standin.downloads,
      SLSKD_URL: standin.url,
      SLSKD_API_KEY: standin.apiKey,
      DOWNLOAD_POLL_INTERVAL: '100ms',
      SEARCH_TIMEOUT: '1s',
      DOWNLOAD_MAX_ATTEMPTS: '1',
      DOWNLOAD_REMOTE_QUEUE_TIMEOUT: '6s',
      RATE_LIMIT_ENABLED: 'false',
    });
    browser = await launchBrowser();
    context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    page = await context.newPage();
    page.on('dialog', (dialog) => { dialogs.push(dialog.message()); dialog.dismiss(); });
  });

  after(async () => {
    await browser?.close();
    await stopAll();
  });

  test('the root redirects to the login form, which refuses a wrong key', async () => {
    await page.goto(`${harmonyd.base}/`);
    assert.equal(new URL(page.url()).pathname, '/ui/login');
    await shot(page, 'login');
    await page.fill('#key', 'not-the-key');
    const [response] = await Promise.all([page.waitForNavigation(), page.press('#key', 'Enter')]);
    assert.equal(response.status(), 401);
    assert.match(await page.textContent('#login-error'), /not valid/);
  });

  test('the right key opens a session cookie that is HttpOnly and SameSite=Strict', async () => {
    await page.fill('#key', KEY);
    await Promise.all([page.waitForNavigation(), page.click('button[type=submit]')]);
    assert.equal(new URL(page.url()).pathname, '/ui/');
    const [cookie] = await context.cookies();
    assert.equal(cookie.name, 'harmony_session');
    assert.equal(cookie.httpOnly, true);
    assert.equal(cookie.sameSite, 'Strict');
    assert.equal(await page.locator('.banner').count(), 0, 'no open-access banner with keys');
  });

  test('a form without the CSRF token is refused with a page that says so', async () => {
    await page.goto(`${harmonyd.base}/ui/downloads`);
    await page.evaluate(() => document.querySelector('form[action="/ui/downloads"] input[name=csrf]').remove());
    await page.fill('#query', 'Nobody – Never Sent');
    const [response] = await Promise.all([page.waitForNavigation(), page.click('form[action="/ui/downloads"] button[type=submit]')]);
    assert.equal(response.status(), 403);
    assert.match(await page.textContent('h1'), /CSRF/);
    const listed = await api(harmonyd.base, 'GET', '/api/v1/downloads');
    assert.equal(listed.json.items.length, 0, 'nothing was requested');
  });

  test('a download requested with the keyboard shows a moving progress bar until done', async () => {
    await page.goto(`${harmonyd.base}/ui/downloads`);
    await page.focus('#query');
    await page.keyboard.type('The Beatles – Let It Be');
    await Promise.all([page.waitForNavigation(), page.keyboard.press('Enter')]);
    assert.match(new URL(page.url()).pathname, /^\/ui\/downloads\/\d+$/);
    const seen = new Set();
    await eventually('the job to be done with a full progress bar', async () => {
      const progress = page.locator('#job-progress');
      if (await progress.count()) {
        const value = Number(await progress.getAttribute('value'));
        const max = Number(await progress.getAttribute('max'));
        seen.add(value / max);
        if (value > 0 && value < max) await shot(page, 'download-in-progress');
      }
      return (await page.textContent('#job-state')) === 'done' && seen.has(1);
    }, 60000, 200);
    assert.ok([...seen].some((fraction) => fraction > 0 && fraction < 1),
      `the bar showed a partial transfer (saw ${[...seen].join(', ')})`);
    assert.match(await page.textContent('#job-final-path'), /Let It Be/);
    await shot(page, 'download');
  });

  test('hostile strings from slskd and from job fields render as text', async () => {
    const hostile = await api(harmonyd.base, 'POST', '/api/v1/downloads',
      { artist: 'Payload Band', title: 'Payload Song' });
    assert.equal(hostile.status, 202);
    const fields = await api(harmonyd.base, 'POST', '/api/v1/downloads',
      { artist: `${XSS_SCRIPT}${XSS_ATTR}`, title: XSS_LINK, album: `${XSS_ATTR}<b>bold</b>` });
    assert.equal(fields.status, 202);
    await page.goto(`${harmonyd.base}/ui/downloads/${hostile.json.id}`);
    await eventually('the hostile candidate to be chosen', async () =>
      (await page.locator('.filename').count()) > 0, 30000);
    const filename = await page.textContent('.filename code');
    assert.ok(filename.includes(XSS_SCRIPT) && filename.includes(LONG), 'the name is shown as text');
    await assertInert(page);
    for (const path of ['/ui/', '/ui/downloads', `/ui/downloads/${fields.json.id}`]) {
      await page.goto(`${harmonyd.base}${path}`);
      await assertInert(page);
    }
    assert.ok((await page.textContent('h1')).includes(XSS_SCRIPT));
    // Long names typed into the request form (5 KB and 10 KB) are refused by harmonyd's own
    // check (512 bytes per field) with a message on the page.
    for (const [size, status] of [[5 * 1024, 422], [10 * 1024, 422]]) {
      await page.goto(`${harmonyd.base}/ui/downloads`);
      await page.evaluate((name) => {
        document.querySelector('#artist').value = name;
        document.querySelector('#title').value = 'Song';
      }, `${XSS_SCRIPT}${'H'.repeat(size)}`);
      const [refused] = await Promise.all([page.waitForNavigation(),
        page.click('form[action="/ui/downloads"] button[type=submit]')]);
      assert.equal(refused.status(), status);
      if (status === 422) {
        assert.match(await page.textContent('#request-error'), /longer than 512 bytes/);
      }
      await assertInert(page);
    }
    assert.deepEqual(dialogs, []);
  });

  test('a dead letter is requeued from its page', async () => {
    const queued = await api(harmonyd.base, 'POST', '/api/v1/downloads',
      { artist: 'Slow Peer', title: 'Queued Song' });
    await eventually('the job to be dead-lettered', async () =>
      (await api(harmonyd.base, 'GET', `/api/v1/downloads/${queued.json.id}`)).json.state === 'dead_letter', 60000, 250);
    await page.goto(`${harmonyd.base}/ui/dead-letters`);
    const row = page.locator(`tr[data-job="${queued.json.id}"]`);
    assert.equal(await row.count(), 1);
    await assertInert(page);
    await shot(page, 'dead-letters');
    await Promise.all([page.waitForNavigation(), row.locator('button').click()]);
    assert.equal(new URL(page.url()).pathname, '/ui/dead-letters');
    assert.equal(await page.locator(`tr[data-job="${queued.json.id}"]`).count(), 0);
    const job = await api(harmonyd.base, 'GET', `/api/v1/downloads/${queued.json.id}`);
    assert.notEqual(job.json.state, 'dead_letter');
  });

  test('the dashboard, downloads and system pages render, also on a phone', async () => {
    await page.goto(`${harmonyd.base}/ui/`);
    assert.ok(await page.locator('.count').count() > 0);
    await shot(page, 'dashboard');
    await page.goto(`${harmonyd.base}/ui/downloads`);
    await shot(page, 'downloads');
    await page.goto(`${harmonyd.base}/ui/system`);
    assert.match(await page.textContent('main'), /HARMONY_API_KEYS/);
    assert.ok(!(await page.content()).includes(KEY), 'the key never reaches a page');
    await shot(page, 'system');
    const phone = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true,
      storageState: await context.storageState() });
    const small = await phone.newPage();
    await small.goto(`${harmonyd.base}/ui/`);
    const overflow = await small.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.ok(overflow <= 1, `the dashboard fits a phone (overflow ${overflow}px)`);
    await shot(small, 'dashboard-phone');
    await phone.close();
  });

  test('six wrong keys within five minutes get 429', async () => {
    const fresh = await browser.newContext();
    const login = await fresh.newPage();
    const statuses = [];
    for (let i = 0; i < 7; i += 1) {
      await login.goto(`${harmonyd.base}/ui/login`);
      await login.fill('#key', `wrong-${i}`);
      const [response] = await Promise.all([login.waitForNavigation(), login.press('#key', 'Enter')]);
      statuses.push(response.status());
    }
    // The first test's wrong key was forgiven by the login that followed it.
    assert.deepEqual(statuses, [401, 401, 401, 401, 401, 429, 429]);
    assert.match(await login.textContent('h1'), /Too many failed logins/);
    await fresh.close();
  });
});

describe('without keys or slskd (a first run)', () => {
  let harmonyd;
  let browser;
  let page;

  before(async () => {
    harmonyd = await startHarmonyd({ RATE_LIMIT_ENABLED: 'false' });
    browser = await launchBrowser();
    page = await (await browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
  });

  after(async () => {
    await browser?.close();
    await stopAll();
  });

  test('the dashboard says the UI is open and what to configure first', async () => {
    await page.goto(`${harmonyd.base}/`);
    assert.equal(new URL(page.url()).pathname, '/ui/');
    assert.match(await page.textContent('.banner'), /HARMONY_API_KEYS/);
    const setup = await page.textContent('.setup');
    assert.match(setup, /SLSKD_URL/);
    assert.match(setup, /HARMONY_API_KEYS/);
    await shot(page, 'first-run');
  });

  test('polling asks at most once a second and stops while the tab is hidden', async () => {
    const polls = [];
    page.on('request', (request) => {
      if (request.url().includes('/ui/partials/')) polls.push(Date.now());
    });
    await page.goto(`${harmonyd.base}/ui/`);
    await new Promise((r) => setTimeout(r, 3500));
    const visible = polls.length;
    assert.ok(visible >= 2 && visible <= 4, `3.5 s visible: ${visible} polls`);
    await page.evaluate(() => {
      Object.defineProperty(document, 'hidden', { configurable: true, get: () => true });
      document.dispatchEvent(new Event('visibilitychange'));
    });
    const before = polls.length;
    await new Promise((r) => setTimeout(r, 2500));
    assert.equal(polls.length, before, 'no poll while hidden');
  });

  test('an empty dead-letter list says what to do next', async () => {
    await page.goto(`${harmonyd.base}/ui/dead-letters`);
    assert.match(await page.textContent('.empty'), /No dead letters/);
  });
});
