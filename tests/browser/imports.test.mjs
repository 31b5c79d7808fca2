// The Imports page in a real browser against harmonyd with the Spotify and slskd stand-ins:
// pasted lines and an uploaded CSV file (multipart, with the session's CSRF token) show each
// line's result — what was understood, the Spotify match or `unmatched`, the download or why
// it was skipped — and a hostile line renders inert; a followed Spotify playlist is listed with
// its state and synced again on demand. Screenshots go to $UI_SCREENSHOTS.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';

import { eventually, launchBrowser, startSpotifyHub, stopAll } from './harness.mjs';
import { assertInert, fitsPhone, loggedInPage, shot } from './pages.mjs';

const KEY = 'browser-test-key-imports-0123456789';
const XSS_SCRIPT = '<script>window.__xss = "script"</script>';
const XSS_ATTR = '"onmouseover="window.__xss=\'attr\'" x="';

// Waits until the import page's live part says the import is no longer processing.
async function waitForImport(page) {
  await eventually('the import to finish', async () =>
    (await page.textContent('#import-status')).trim() !== 'processing', 30000, 200);
  assert.equal((await page.textContent('#import-status')).trim(), 'done');
}

// Each row of the per-line table: line, what was understood, the match, result and link.
async function rows(page) {
  return page.$$eval('#import-items tbody tr', (trs) => trs.map((tr) => ({
    line: Number(tr.dataset.line),
    outcome: tr.dataset.outcome,
    track: tr.querySelector('.track')?.textContent ?? '',
    match: tr.children[2].textContent,
    download: tr.querySelector('a[href^="/ui/downloads/"]')?.getAttribute('href') ?? null,
    reason: tr.querySelector('.reason')?.textContent ?? '',
  })));
}

describe('imports with API keys and Spotify (stand-in)', () => {
  let harmonyd;
  let browser;
  let context;
  let page;
  const dialogs = [];
  let pasted = [];

  before(async () => {
    ({ harmonyd } = await startSpotifyHub(KEY));
    browser = await launchBrowser();
    ({ context, page } = await loggedInPage(browser, harmonyd.base, KEY, dialogs));
  });

  after(async () => {
    await browser?.close();
    await stopAll();
  });

  test('an empty Imports page says what to do first', async () => {
    await page.click('nav a[href="/ui/imports"]');
    await page.waitForURL(`${harmonyd.base}/ui/imports`);
    assert.match(await page.textContent('#imports-empty'), /Paste a few/);
  });

  test('pasted lines show each line\'s result', async () => {
    await page.fill('#import-text', [
      'Nova Tideline - Harbour Song 1',
      'Nobody Known - No Such Song',
      'just some words',
      'nova tideline – harbour song 1',
      `${XSS_SCRIPT} - ${XSS_ATTR}`,
    ].join('\n'));
    await Promise.all([page.waitForNavigation(), page.click('form[action="/ui/imports"] button')]);
    assert.match(new URL(page.url()).pathname, /^\/ui\/imports\/\d+$/);
    await waitForImport(page);
    pasted = await rows(page);
    assert.deepEqual(pasted.map((r) => [r.line, r.outcome]),
      [[1, 'queued'], [2, 'queued'], [3, 'invalid'], [4, 'duplicate'], [5, 'queued']]);
    assert.equal(pasted[0].track, 'Nova Tideline – Harbour Song 1');
    assert.match(pasted[0].match, /Harbour Lights/);
    assert.match(pasted[0].match, /ISRC QZTST26/);
    assert.match(pasted[0].match, /score (0\.(7[5-9]|[89]\d)|1\.00) of 0\.75 needed/);
    assert.match(pasted[0].download, /^\/ui\/downloads\/\d+$/);
    assert.match(pasted[1].match, /unmatched/);
    assert.match(pasted[1].download, /^\/ui\/downloads\/\d+$/);
    assert.equal(pasted[2].download, null);
    assert.notEqual(pasted[2].reason, '', 'an invalid line says why');
    assert.equal(pasted[3].reason, 'line 1 asks for the same recording');
    assert.ok(pasted[4].track.includes(XSS_SCRIPT), 'the hostile line is shown as text');
    await assertInert(page);
    await shot(page, 'import');
    assert.ok(await fitsPhone(browser, context, page.url()) <= 1);
    // The download the first line became is the one linked.
    await Promise.all([page.waitForNavigation(), page.click(`a[href="${pasted[0].download}"]`)]);
    assert.match(await page.textContent('main'), /Harbour Song 1/);
  });

  test('an upload without the CSRF token is refused and stores nothing', async () => {
    await page.goto(`${harmonyd.base}/ui/imports`);
    await page.evaluate(() =>
      document.querySelector('form[action="/ui/imports/upload"] input[name=csrf]').remove());
    await page.setInputFiles('#import-file',
      { name: 'list.csv', mimeType: 'text/csv', buffer: Buffer.from('artist,title\nA,B\n') });
    const [response] = await Promise.all([page.waitForNavigation(),
      page.click('form[action="/ui/imports/upload"] button')]);
    assert.equal(response.status(), 403);
    assert.match(await page.textContent('h1'), /CSRF/);
    await page.goto(`${harmonyd.base}/ui/imports`);
    assert.equal(await page.locator('#imports tbody tr').count(), 1, 'only the pasted import');
  });

  test('an uploaded CSV file gives the same items as the pasted lines', async () => {
    await page.goto(`${harmonyd.base}/ui/imports`);
    const csv = 'Title,Artist\r\nHarbour Song 1,Nova Tideline\r\nNo Such Song,Nobody Known\r\n';
    await page.setInputFiles('#import-file',
      { name: 'list.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
    await Promise.all([page.waitForNavigation(),
      page.click('form[action="/ui/imports/upload"] button')]);
    assert.match(new URL(page.url()).pathname, /^\/ui\/imports\/\d+$/);
    await waitForImport(page);
    assert.match(await page.textContent('main'), /list\.csv read as csv/);
    const uploaded = await rows(page);
    assert.deepEqual(uploaded.map((r) => [r.track, r.download]),
      pasted.slice(0, 2).map((r) => [r.track, r.download]), 'the same tracks and downloads');
    for (const row of uploaded) {
      assert.equal(row.outcome, 'duplicate');
      assert.match(row.reason, /^already requested as download \d+$/);
    }
    assert.match(uploaded[0].match, /Harbour Lights/);
    await page.goto(`${harmonyd.base}/ui/imports`);
    assert.equal(await page.locator('#imports tbody tr').count(), 2);
    assert.match(await page.textContent('#imports'), /list\.csv/);
    await assertInert(page);
    await shot(page, 'imports');
    assert.deepEqual(dialogs, []);
  });

  test('a binary file is refused with a reason on the page', async () => {
    await page.goto(`${harmonyd.base}/ui/imports`);
    await page.setInputFiles('#import-file', {
      name: 'cover.csv', mimeType: 'text/csv', buffer: Buffer.from([0x50, 0x4b, 0x03, 0x04, 0, 0, 1]),
    });
    const [response] = await Promise.all([page.waitForNavigation(),
      page.click('form[action="/ui/imports/upload"] button')]);
    assert.equal(response.status(), 400);
    assert.notEqual((await page.textContent('#import-error')).trim(), '');
    assert.equal(await page.locator('#imports tbody tr').count(), 2, 'nothing stored');
  });

  test('a followed playlist is listed, synced and can be synced again', async () => {
    await page.goto(`${harmonyd.base}/ui/imports`);
    assert.match(await page.textContent('#playlists-empty'), /No playlists followed yet/);
    // A playlist's items need the connected user: connect through the stand-in's redirect.
    await page.goto(`${harmonyd.base}/ui/spotify`);
    await Promise.all([page.waitForNavigation(), page.click('#connect')]);
    await Promise.all([page.waitForNavigation(), page.click('#authorize')]);
    assert.equal(await page.textContent('h1'), 'Spotify is connected');

    await page.goto(`${harmonyd.base}/ui/imports`);
    await page.fill('#playlist-ref', 'https://open.spotify.com/playlist/37i9dQZF1DXcBWIGoYBM5M?si=abc');
    await Promise.all([page.waitForNavigation(),
      page.click('form[action="/ui/playlists"] button')]);
    assert.equal(new URL(page.url()).hash, '#playlists');
    const row = page.locator('#playlists-table tr[data-playlist="37i9dQZF1DXcBWIGoYBM5M"]');
    await eventually('the first sync of the followed playlist', async () => {
      await page.reload();
      return (await row.locator('.badge').textContent()).trim() === 'synced';
    }, 20000, 250);
    assert.match(await row.textContent(), /Stand-in Mix/);
    assert.match(await row.textContent(), /Playlists\/[^/]+\.m3u8/);
    await Promise.all([page.waitForNavigation(), row.locator('button').click()]);
    assert.equal(new URL(page.url()).hash, '#playlists');
    assert.equal(await page.locator('#playlists-table tbody tr').count(), 1);
    await assertInert(page);
    assert.deepEqual(dialogs, []);
  });
});
