// The web UI in a real browser: login (good, wrong, throttled), CSRF, a download requested
// from the form whose progress bar reaches done, a dead letter requeued, hostile strings from
// slskd, from Spotify and from job fields rendered inert, an artist found on Spotify and
// watched, Spotify connected through the stand-in's authorize redirect, polling that stops in a
// hidden tab, and the first-run pages of an unconfigured harmonyd. Screenshots go to
// $UI_SCREENSHOTS.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';

import {
  eventually, launchBrowser, startHarmonyd, startSpotifyHub, startStandIn, stopAll,
} from './harness.mjs';
import { assertInert, fitsPhone, loggedInPage, shot } from './pages.mjs';

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

async function api(base, method, path, body) {
  const response = await fetch(`${base}${path}`, {
    method,
    headers: { 'X-API-Key': KEY, ...(body ? { 'Content-Type': 'application/json' } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
  const text = await response.text();
  return { status: response.status, json: text ? JSON.parse(text) : null };
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

// The stand-in's seeded artist (SpotifyStandIn::k_artist) and one whose name is hostile.
const NOVA = { id: '4aawyAB9vmqN3uQ7FjRGTy', name: 'Nova Tideline' };
const HOSTILE_ARTIST = { id: 'XssArtist0000000000001', name: `${XSS_SCRIPT}${XSS_ATTR} Payload Artist` };

describe('with API keys and Spotify (stand-in)', () => {
  let harmonyd;
  let browser;
  let context;
  let page;
  let callbackPort;
  const dialogs = [];

  before(async () => {
    ({ harmonyd, callbackPort } = await startSpotifyHub(KEY, [HOSTILE_ARTIST]));
    browser = await launchBrowser();
    ({ context, page } = await loggedInPage(browser, harmonyd.base, KEY, dialogs));
  });

  after(async () => {
    await browser?.close();
    await stopAll();
  });

  test('an empty watchlist says how to add an artist', async () => {
    await page.goto(`${harmonyd.base}/ui/watchlist`);
    assert.match(await page.textContent('#watchlist-empty'), /Search for an artist/);
    await page.goto(`${harmonyd.base}/ui/search`);
    assert.match(await page.textContent('#search-hint'), /Search Spotify for an artist/);
  });

  test('search an artist and watch it', async () => {
    await page.goto(`${harmonyd.base}/ui/search`);
    await page.focus('#q');
    await page.keyboard.type('nova');
    await Promise.all([page.waitForNavigation(), page.keyboard.press('Enter')]);
    const row = page.locator(`tr[data-artist="${NOVA.id}"]`);
    assert.equal(await row.count(), 1);
    assert.match(await row.textContent(), /Nova Tideline/);
    await shot(page, 'search');
    // With the keyboard: focus the row's Watch button and press Enter.
    await row.locator('button').focus();
    await Promise.all([page.waitForNavigation(), page.keyboard.press('Enter')]);
    assert.equal(decodeURIComponent(new URL(page.url()).pathname), `/ui/watchlist/spotify:${NOVA.id}`);
    assert.equal(await page.textContent('#artist-name'), NOVA.name);
    await page.goto(`${harmonyd.base}/ui/watchlist`);
    const watched = page.locator(`tr[data-key="spotify:${NOVA.id}"]`);
    assert.equal(await watched.count(), 1);
    assert.match(await watched.textContent(), /Nova Tideline/);
    // Search now knows it is watched.
    await page.goto(`${harmonyd.base}/ui/search?type=artist&q=nova`);
    assert.match(await page.locator(`tr[data-artist="${NOVA.id}"]`).textContent(), /Watched/);
    const listed = await api(harmonyd.base, 'GET', '/api/v1/watchlist');
    assert.deepEqual(listed.json.items.map((a) => a.artist_key), [`spotify:${NOVA.id}`]);
  });

  test('a watched artist shows its releases and takes priority, monitor, pause and resume', async () => {
    const url = `${harmonyd.base}/ui/watchlist/spotify:${NOVA.id}`;
    await eventually('the first check to list the releases', async () => {
      await page.goto(url);
      return (await page.locator('#releases tr[data-release]').count()) === 13;
    }, 30000, 500);
    assert.match(await page.textContent('#releases'), /Harbour Lights/);
    await page.fill('#priority', '80');
    await page.selectOption('#monitor', 'none');
    await Promise.all([page.waitForNavigation(), page.click('form[action$="/settings"] button')]);
    assert.equal(await page.inputValue('#priority'), '80');
    assert.equal(await page.inputValue('#monitor'), 'none');
    await Promise.all([page.waitForNavigation(), page.click('form[action$="/check"] button')]);
    await Promise.all([page.waitForNavigation(), page.click('form[action$="/pause"] button')]);
    assert.equal(await page.textContent('#watch-state'), 'paused');
    await Promise.all([page.waitForNavigation(), page.click('form[action$="/resume"] button')]);
    assert.equal(await page.textContent('#watch-state'), 'active');
    const watch = await api(harmonyd.base, 'GET', `/api/v1/watchlist/spotify:${NOVA.id}`);
    assert.equal(watch.json.priority, 80);
    assert.equal(watch.json.monitor, 'none');
    assert.equal(watch.json.state, 'active');
    await page.goto(`${harmonyd.base}/ui/watchlist`);
    assert.match(await page.textContent('#activity'), /paused/);
    assert.match(await page.textContent('#activity'), /resumed/);
  });

  test('an artist pasted by link with its whole discography shows missing tracks per album', async () => {
    await page.goto(`${harmonyd.base}/ui/watchlist`);
    await page.fill('#artist', 'https://open.spotify.com/artist/1dfeR4HaWDbWqFHLkxsg1d?si=abc');
    await page.selectOption('#add-monitor', 'all');
    await Promise.all([page.waitForNavigation(), page.click('form[action="/ui/watchlist"] button')]);
    assert.equal(await page.textContent('#artist-name'), 'The Quiet Meridian');
    const release = page.locator('#releases tr[data-release]');
    // slskd has no peers: the queued track is searched for and stays missing.
    await eventually('Meridian Hours to be wanted with its track missing', async () => {
      await page.reload();
      if ((await release.count()) !== 1) return false;
      const cells = await release.locator('td').allTextContents();
      return cells[3] === 'incomplete' && cells[4] === '0' && cells[5] === '1';
    }, 30000, 500);
    await release.locator('summary').click();
    assert.match(await release.textContent(), /Quiet Hour/);
    assert.equal(await release.locator('a[href^="/ui/downloads/"]').count(), 1, 'the track links to its download');
    await shot(page, 'watch-artist');
    await page.goto(`${harmonyd.base}/ui/watchlist`);
    assert.equal(await page.locator('#watched tbody tr').count(), 2);
    await shot(page, 'watchlist');
  });

  test('an album and a track found on Spotify are requested as downloads', async () => {
    await page.goto(`${harmonyd.base}/ui/search?type=album&q=meridian`);
    const album = page.locator('#results tr[data-album]');
    assert.equal(await album.count(), 1);
    assert.match(await album.textContent(), /Meridian Hours/);
    await Promise.all([page.waitForNavigation(), album.locator('button').click()]);
    assert.equal(new URL(page.url()).pathname, '/ui/downloads');
    const jobs = (await api(harmonyd.base, 'GET', '/api/v1/downloads?limit=100')).json.items;
    assert.ok(jobs.some((j) => j.request.title === 'Quiet Hour' && j.request.album === 'Meridian Hours'),
      'the album\'s track is a download');
    await page.goto(`${harmonyd.base}/ui/search?type=track&q=harbour%20song%203`);
    const track = page.locator('#results tr[data-track]');
    assert.equal(await track.count(), 1);
    await Promise.all([page.waitForNavigation(), track.locator('button').click()]);
    assert.match(new URL(page.url()).pathname, /^\/ui\/downloads\/\d+$/);
    const job = await api(harmonyd.base, 'GET', new URL(page.url()).pathname.replace('/ui/', '/api/v1/'));
    assert.deepEqual([job.json.request.artist, job.json.request.title, job.json.request.album],
      ['Nova Tideline', 'Harbour Song 3', 'Harbour Lights']);
  });

  test('connect Spotify through the stand-in\'s authorize redirect and see connected', async () => {
    await page.goto(`${harmonyd.base}/ui/spotify`);
    assert.equal(await page.textContent('#spotify-state'), 'unauthenticated');
    assert.match(await page.textContent('main'), /Not rate limited/);
    await Promise.all([page.waitForNavigation(), page.click('#connect')]);
    const authorize = await page.getAttribute('#authorize', 'href');
    assert.ok(authorize.includes('/authorize?') && authorize.includes('code_challenge='), authorize);
    await Promise.all([page.waitForNavigation(), page.click('#authorize')]);
    // The stand-in answered 302 to harmonyd's own callback listener.
    assert.equal(new URL(page.url()).port, String(callbackPort));
    assert.equal(await page.textContent('h1'), 'Spotify is connected');
    await Promise.all([page.waitForNavigation(), page.click('#back')]);
    assert.equal(new URL(page.url()).pathname, '/ui/spotify');
    assert.equal(await page.textContent('#spotify-state'), 'connected');
    assert.equal(await page.textContent('#spotify-user'), 'Stand-in Listener');
    await shot(page, 'spotify');
    assert.ok(await fitsPhone(browser, context, `${harmonyd.base}/ui/spotify`) <= 1);
    await Promise.all([page.waitForNavigation(), page.click('form[action="/ui/spotify/disconnect"] button')]);
    assert.equal(await page.textContent('#spotify-state'), 'unauthenticated');
  });

  test('a manual completion with a wrong address says what went wrong', async () => {
    await page.goto(`${harmonyd.base}/ui/spotify`);
    await page.click('details summary');
    await page.fill('#redirect_url', `http://127.0.0.1:${callbackPort}/callback?code=nope&state=unknown`);
    const [response] = await Promise.all([page.waitForNavigation(),
      page.click('form[action="/ui/spotify/manual"] button')]);
    assert.equal(response.status(), 400);
    assert.ok((await page.textContent('#manual-error')).length > 0);
    assert.equal(await page.textContent('#spotify-state'), 'unauthenticated');
  });

  test('an artist name from Spotify with markup renders inert everywhere', async () => {
    await page.goto(`${harmonyd.base}/ui/search?type=artist&q=payload`);
    const row = page.locator(`tr[data-artist="${HOSTILE_ARTIST.id}"]`);
    assert.equal(await row.count(), 1);
    assert.ok((await row.textContent()).includes(XSS_SCRIPT), 'the name is shown as text');
    await assertInert(page);
    await Promise.all([page.waitForNavigation(), row.locator('button').click()]);
    assert.equal(await page.textContent('#artist-name'), HOSTILE_ARTIST.name);
    await assertInert(page);
    await eventually('the hostile artist\'s release to be listed', async () => {
      await page.goto(`${harmonyd.base}/ui/watchlist/spotify:${HOSTILE_ARTIST.id}`);
      return (await page.locator('#releases tr[data-release]').count()) === 1;
    }, 30000, 500);
    await assertInert(page);
    for (const path of ['/ui/watchlist', '/ui/search?type=album&q=payload',
      '/ui/search?type=track&q=light']) {
      await page.goto(`${harmonyd.base}${path}`);
      assert.ok((await page.textContent('main')).includes(XSS_SCRIPT), `${path} shows the name`);
      await assertInert(page);
    }
    assert.ok(await fitsPhone(browser, context, `${harmonyd.base}/ui/watchlist`) <= 1);
    assert.ok(await fitsPhone(browser, context, `${harmonyd.base}/ui/search?type=artist&q=payload`) <= 1);
    assert.deepEqual(dialogs, []);
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

  test('without Spotify, search offers a direct request and the Spotify page says what to set', async () => {
    await page.goto(`${harmonyd.base}/ui/search`);
    assert.match(await page.textContent('#spotify-off'), /SPOTIFY_CLIENT_ID/);
    await page.fill('#query', 'The Beatles – Let It Be');
    const [response] = await Promise.all([page.waitForNavigation(),
      page.click('form[action="/ui/downloads"] button[type=submit]')]);
    // No slskd either: the request is refused with harmonyd's own explanation.
    assert.equal(response.status(), 503);
    assert.match(await page.textContent('#request-error'), /slskd|SLSKD/);
    await page.goto(`${harmonyd.base}/ui/spotify`);
    assert.match(await page.textContent('#spotify-state'), /Not configured/);
    assert.match(await page.textContent('main'), /SPOTIFY_CLIENT_SECRET/);
    await page.goto(`${harmonyd.base}/ui/watchlist`);
    assert.match(await page.textContent('#watchlist-empty'), /Search for an artist/);
  });

  test('an empty dead-letter list says what to do next', async () => {
    await page.goto(`${harmonyd.base}/ui/dead-letters`);
    assert.match(await page.textContent('.empty'), /No dead letters/);
  });
});
