// Processes for the browser tier: the slskd and Spotify stand-ins and harmonyd on loopback, and Debian's
// chromium through playwright-core. Everything started here is stopped by stopAll().
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import readline from 'node:readline';

function required(name) {
  const value = process.env[name];
  if (!value) {
    throw new Error(`${name} is not set: run this test through ctest (tests/browser/CMakeLists.txt)`);
  }
  return value;
}

const requireWeb = createRequire(path.join(required('HARMONY_WEB_DIR'), 'package.json'));
const { chromium } = requireWeb('playwright-core');

const children = [];
const temps = [];

export function tempDir(prefix) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  temps.push(dir);
  return dir;
}

export async function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

// Waits for `check` to return a truthy value (polling), or throws naming `what`.
export async function eventually(what, check, timeoutMs = 20000, everyMs = 100) {
  const until = Date.now() + timeoutMs;
  let last;
  while (Date.now() < until) {
    try {
      last = await check();
      if (last) return last;
    } catch (error) {
      last = error;
    }
    await new Promise((r) => setTimeout(r, everyMs));
  }
  throw new Error(`timed out waiting for ${what} (last: ${last})`);
}

// Starts the stand-in program named by the environment variable `program` (its stdin stays open:
// closing it ends the stand-in); resolves to the JSON line it prints once it listens.
async function spawnStandIn(program, args) {
  const child = spawn(required(program), args, { stdio: ['pipe', 'pipe', 'inherit'] });
  children.push(child);
  const line = await new Promise((resolve, reject) => {
    const lines = readline.createInterface({ input: child.stdout });
    lines.once('line', resolve);
    child.once('exit', (code) => reject(new Error(`${program} exited with ${code}`)));
  });
  return JSON.parse(line);
}

// Starts the stand-in with `peers`; resolves to {url, apiKey, downloads}.
export async function startStandIn(peers, { transferStepMs = 2000 } = {}) {
  const root = tempDir('harmony-standin-');
  const downloads = path.join(root, 'downloads');
  fs.mkdirSync(downloads);
  const peersFile = path.join(root, 'peers.json');
  fs.writeFileSync(peersFile, JSON.stringify(peers));
  const { url, api_key: apiKey } = await spawnStandIn('SLSKD_STANDIN',
    ['--downloads', downloads, '--peers', peersFile, '--transfer-step-ms', String(transferStepMs)]);
  return { url, apiKey, downloads };
}

// Starts the Spotify stand-in (seeded catalogue plus `artists`, [{id, name}]) accepting
// `redirectUri`; resolves to {accountsUrl, apiUrl, clientId, clientSecret}.
export async function startSpotifyStandIn(redirectUri, artists = []) {
  const root = tempDir('harmony-spotify-');
  const artistsFile = path.join(root, 'artists.json');
  fs.writeFileSync(artistsFile, JSON.stringify(artists));
  const started = await spawnStandIn('SPOTIFY_STANDIN',
    ['--redirect-uri', redirectUri, '--artists', artistsFile]);
  return {
    accountsUrl: started.accounts_url,
    apiUrl: started.api_url,
    clientId: started.client_id,
    clientSecret: started.client_secret,
  };
}

// Starts harmonyd with `env` on a free port; resolves once /live answers.
export async function startHarmonyd(env) {
  const root = tempDir('harmony-ui-');
  const port = await freePort();
  const dirs = { config: path.join(root, 'config'), music: path.join(root, 'music') };
  for (const dir of Object.values(dirs)) fs.mkdirSync(dir);
  const downloads = env.DOWNLOADS_DIR ?? path.join(root, 'downloads');
  fs.mkdirSync(downloads, { recursive: true });
  const childEnv = {
    PATH: process.env.PATH,
    HARMONY_PROFILE: 'container',
    APP_HOST: '127.0.0.1',
    APP_PORT: String(port),
    CONFIG_DIR: dirs.config,
    MUSIC_DIR: dirs.music,
    DOWNLOADS_DIR: downloads,
    ...env,
  };
  const child = spawn(required('HARMONYD'), [], { env: childEnv, stdio: ['ignore', 'ignore', 'pipe'] });
  let log = '';
  child.stderr.on('data', (chunk) => { log = (log + chunk).slice(-20000); });
  children.push(child);
  const base = `http://127.0.0.1:${port}`;
  await eventually('harmonyd to answer /live', async () => {
    if (child.exitCode !== null) throw new Error(`harmonyd exited ${child.exitCode}: ${log}`);
    const response = await fetch(`${base}/live`);
    return response.ok;
  }, 20000);
  return { base, port, log: () => log, child };
}

// harmonyd with the API key `key`, the Spotify stand-in (seeded catalogue plus `artists`) and an
// slskd stand-in without peers (requested tracks are searched for and stay missing); resolves to
// {harmonyd, callbackPort}.
export async function startSpotifyHub(key, artists = []) {
  const callbackPort = await freePort();
  const spotify = await startSpotifyStandIn(`http://127.0.0.1:${callbackPort}/callback`, artists);
  const slskd = await startStandIn([]);
  const harmonyd = await startHarmonyd({
    HARMONY_API_KEYS: key,
    DOWNLOADS_DIR: slskd.downloads,
    SLSKD_URL: slskd.url,
    SLSKD_API_KEY: slskd.apiKey,
    SPOTIFY_CLIENT_ID: spotify.clientId,
    SPOTIFY_CLIENT_SECRET: spotify.clientSecret,
    SPOTIFY_ACCOUNTS_URL: spotify.accountsUrl,
    SPOTIFY_API_URL: spotify.apiUrl,
    SPOTIFY_REDIRECT_URI: `http://127.0.0.1:${callbackPort}/callback`,
    RATE_LIMIT_ENABLED: 'false',
  });
  return { harmonyd, callbackPort };
}

// Playwright starts chromium with a new empty profile of its own (it refuses --user-data-dir).
export async function launchBrowser() {
  const browser = await chromium.launch({
    executablePath: required('CHROMIUM'),
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  return browser;
}

export async function stopAll() {
  for (const child of children.splice(0)) {
    if (child.exitCode === null && child.signalCode === null) {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.stdin?.end();
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
      await exited;
      clearTimeout(timer);
    }
  }
  for (const dir of temps.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
}

export function screenshotPath(name) {
  const dir = process.env.UI_SCREENSHOTS;
  if (!dir) return null;
  fs.mkdirSync(dir, { recursive: true });
  return path.join(dir, `${name}.png`);
}
