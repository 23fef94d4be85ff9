import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { blockNonLoopback, CHROMIUM } from '../helpers/loopback-browser.js';
import {
  E2E_PASSWORD,
  login,
  makeTempDir,
  registerAndReadCode,
  removeDir,
  request,
  type ServerProcess,
  startServer,
  uniqueAddress,
} from './server-process.js';

/*
 * The lured browser, in real Chromium against the real server and its development OpenID provider. Alice
 * starts connecting Spotify (or linking Google) and sends the provider's URL to Bob; Bob's browser finishes
 * it at the provider and lands on his own frontend, which redeems the one-time code with Bob's session:
 * refused, and nothing is stored on either account. Alice's own browser then finishes the same flow and is
 * connected (linked). Each person has their own browser (an isolated context: cookies, storage); the
 * frontend is a tiny page served here that does what a real one does with the redirect. Every request that
 * leaves the machine is blocked.
 */

let frontend: Server;
let frontendUrl: string;
let apiUrl = '';
let server: ServerProcess;
let dataDir: string;
let browser: Browser;
const blocked: string[] = [];

/**
 * The frontend's pages: `/dashboard?connect_code=…&platform=…` and `/auth/callback#link_code=…&provider=…`
 * take the code out of the address bar and redeem it with the signed-in user's token.
 */
function frontendPage(): string {
  return `<!doctype html><title>Frontend</title><h1>Frontend</h1><pre id="result"></pre>
<script>
(async () => {
  const query = new URLSearchParams(location.search);
  const fragment = new URLSearchParams(location.hash.slice(1));
  const [path, code] = query.has('connect_code')
    ? ['/platforms/' + query.get('platform') + '/complete', query.get('connect_code')]
    : fragment.has('link_code')
      ? ['/user/auth-providers/' + fragment.get('provider') + '/complete', fragment.get('link_code')]
      : [];
  if (!code) return;
  history.replaceState(null, '', location.pathname);
  const response = await fetch(${JSON.stringify(apiUrl)} + path, {
    method: 'POST',
    headers: {
      authorization: 'Bearer ' + localStorage.getItem('amply.accessToken'),
      'content-type': 'application/json',
    },
    body: JSON.stringify({ code }),
  });
  document.getElementById('result').textContent = JSON.stringify({ status: response.status, body: await response.json() });
})();
</script>`;
}

interface Person {
  email: string;
  accessToken: string;
  browser: BrowserContext;
  page: Page;
}

/** An Amply account (registered through the server) with its own browser, signed in to the frontend. */
async function person(label: string): Promise<Person> {
  const email = uniqueAddress(label);
  const { code } = await registerAndReadCode(server.baseUrl, email, label);
  expect((await request(server.baseUrl, 'POST', '/auth/confirm', { body: { email, code } })).status).toBe(
    200,
  );
  const { accessToken } = await login(server.baseUrl, email, E2E_PASSWORD);
  const context = await browser.newContext();
  await blockNonLoopback(context, blocked);
  const page = await context.newPage();
  await page.goto(`${frontendUrl}/`);
  await page.evaluate((token) => localStorage.setItem('amply.accessToken', token), accessToken);
  return { email, accessToken, browser: context, page };
}

/**
 * Follows `authUrl` in `who`'s browser: signs in at the stand-in provider when it asks (as `who`), allows,
 * and answers what `who`'s frontend got back when it redeemed the code.
 */
async function finishInBrowser(who: Person, authUrl: string) {
  const { page } = who;
  await page.goto(authUrl);
  const email = page.getByLabel('Email');
  const allow = page.getByRole('button', { name: 'Allow' });
  await email.or(allow).first().waitFor();
  if (await email.isVisible()) {
    await email.fill(who.email);
    await page.getByLabel('Name').fill('Browser Person');
    await page.getByRole('button', { name: 'Sign in' }).click();
  }
  await allow.click();
  await page.waitForURL(`${frontendUrl}/**`);
  const result = page.locator('#result');
  await expect.poll(() => result.textContent()).not.toBe('');
  expect(new URL(page.url()).search + new URL(page.url()).hash).toBe('');
  return JSON.parse((await result.textContent()) as string) as {
    status: number;
    body: { data?: unknown; error?: { code: string } };
  };
}

const get = (who: Person, path: string) => request(server.baseUrl, 'GET', path, { token: who.accessToken });
const platformsOf = async (who: Person) => (await get(who, '/user/platforms')).json.data.items;
const linkedOf = async (who: Person) =>
  ((await get(who, '/user/auth-providers')).json.data.items as Array<{ provider: string; linked: boolean }>)
    .filter((item) => item.linked)
    .map((item) => item.provider);
const eventTypesOf = async (who: Person) =>
  ((await get(who, '/user/security-events')).json.data.items as Array<{ type: string }>).map(
    (event) => event.type,
  );

beforeAll(async () => {
  frontend = createServer((_req, res) => {
    res.setHeader('content-type', 'text/html; charset=utf-8');
    res.end(frontendPage());
  });
  await new Promise<void>((resolve) => frontend.listen(0, '127.0.0.1', resolve));
  frontendUrl = `http://127.0.0.1:${(frontend.address() as AddressInfo).port}`;
  dataDir = await makeTempDir('lured-browser');
  server = await startServer({
    dataDir,
    env: { AMPLY_STAGE: 'dev', AMPLY_DEV_OIDC: 'on', FRONTEND_URL: frontendUrl },
  });
  apiUrl = server.baseUrl;
  browser = await chromium.launch(CHROMIUM);
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
  await new Promise((resolve) => frontend?.close(resolve));
  if (dataDir) await removeDir(dataDir);
});

describe('a flow finished in a lured browser', () => {
  it("connects nothing when Bob's browser finishes Alice's Spotify connect; Alice's own browser connects", async () => {
    const alice = await person('alice');
    const bob = await person('bob');

    const lure = await request(server.baseUrl, 'POST', '/platforms/spotify/connect', {
      token: alice.accessToken,
    });
    const lured = await finishInBrowser(bob, lure.json.data.authUrl);
    expect(lured.status).toBe(403);
    expect(lured.body.error?.code).toBe('OAUTH_STARTED_BY_ANOTHER_ACCOUNT');
    expect(await platformsOf(alice)).toEqual([]);
    expect(await platformsOf(bob)).toEqual([]);
    expect(await eventTypesOf(alice)).toContain('platform.connect_redeemed_elsewhere');

    const own = await request(server.baseUrl, 'POST', '/platforms/spotify/connect', {
      token: alice.accessToken,
    });
    const connected = await finishInBrowser(alice, own.json.data.authUrl);
    expect(connected).toEqual({
      status: 200,
      body: { success: true, data: { platform: 'spotify', connected: true } },
    });
    expect(await platformsOf(alice)).toEqual([
      expect.objectContaining({ platform: 'spotify', connected: true, needsReauth: false }),
    ]);
    expect(await platformsOf(bob)).toEqual([]);
    expect(blocked).toEqual([]);
  });

  it("links nothing when Bob's browser finishes Alice's Google link; Alice's own browser links", async () => {
    const alice = await person('alice-link');
    const bob = await person('bob-link');
    const startLink = () =>
      request(server.baseUrl, 'POST', '/user/auth-providers/google/link', {
        token: alice.accessToken,
        body: { currentPassword: E2E_PASSWORD },
      });

    const lured = await finishInBrowser(bob, (await startLink()).json.data.authUrl);
    expect(lured.status).toBe(403);
    expect(lured.body.error?.code).toBe('OAUTH_STARTED_BY_ANOTHER_ACCOUNT');
    expect(await linkedOf(alice)).toEqual([]);
    expect(await linkedOf(bob)).toEqual([]);
    expect(await eventTypesOf(alice)).toContain('identity.link_redeemed_elsewhere');

    const linked = await finishInBrowser(alice, (await startLink()).json.data.authUrl);
    expect(linked).toEqual({
      status: 200,
      body: { success: true, data: { provider: 'google', linked: true } },
    });
    expect(await linkedOf(alice)).toEqual(['google']);
    expect(await linkedOf(bob)).toEqual([]);
    expect(blocked).toEqual([]);
  });
});
