import type { BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serveFrontend } from '../helpers/loopback-browser.js';
import { type BrowserRig, startBrowserRig } from './browser-rig.js';
import { request, type ServerProcess } from './server-process.js';

/*
 * The whole SSO story in real Chromium against the real server (`npm start`'s dist/node.mjs) with its
 * development OpenID provider: "Continue with Google" → the stand-in's sign-in and consent pages → the
 * frontend's /auth/callback with a one-time code → tokens; then "Connect Spotify" through the browser (its
 * one-time code redeemed by the session that started it) and a platform refresh. The frontend is a tiny
 * page served here on loopback; every request that leaves the machine is blocked.
 */

let frontend: Awaited<ReturnType<typeof serveFrontend>>;
let frontendUrl: string;
let server: ServerProcess;
let rig: BrowserRig;
let context: BrowserContext;
let blocked: string[];

beforeAll(async () => {
  frontend = await serveFrontend(
    (path) => `<!doctype html><title>Frontend</title><h1>Frontend at ${path}</h1>`,
  );
  frontendUrl = frontend.url;
  rig = await startBrowserRig('browser-sso', {
    AMPLY_STAGE: 'dev',
    AMPLY_DEV_OIDC: 'on',
    FRONTEND_URL: frontendUrl,
  });
  ({ server, context, blocked } = rig);
});

afterAll(async () => {
  await rig?.close();
  await frontend?.close();
});

describe('SSO in a browser', () => {
  it('signs in with Google (the dev stand-in), connects Spotify and refreshes it', async () => {
    expect(server.stdout()).toContain('(development OpenID provider) stands in for google');
    const page = await context.newPage();

    // "Continue with Google"
    const started = Date.now();
    const login = await request(server.baseUrl, 'POST', '/auth/google/login');
    expect(login.status).toBe(200);
    await page.goto(login.json.data.authUrl);
    await expect(page.getByRole('alert').textContent()).resolves.toContain('Development stand-in');
    await page.getByLabel('Email').fill('browser-user@example.com');
    await page.getByLabel('Name').fill('Browser User');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('button', { name: 'Allow' }).click();
    await page.waitForURL(`${frontendUrl}/auth/callback#*`);
    const landed = new URL(page.url());
    const fragment = new URLSearchParams(landed.hash.slice(1));
    expect(landed.search).toBe('');
    expect(fragment.get('state')).toBe(login.json.data.state);
    const exchanged = await request(server.baseUrl, 'POST', '/auth/token', {
      body: { code: fragment.get('code') },
    });
    const signInMs = Date.now() - started;
    expect(exchanged.status).toBe(200);
    const { accessToken } = exchanged.json.data as { accessToken: string };
    const profile = await request(server.baseUrl, 'GET', '/user/profile', { token: accessToken });
    expect(profile.json.data).toMatchObject({
      email: 'browser-user@example.com',
      primaryAuthProvider: 'google',
    });

    // "Connect Spotify": the stand-in remembers the browser's sign-in and asks only for consent.
    const connect = await request(server.baseUrl, 'POST', '/platforms/spotify/connect', {
      token: accessToken,
    });
    expect(connect.status).toBe(200);
    await page.goto(connect.json.data.authUrl);
    await page.getByRole('button', { name: 'Allow' }).click();
    await page.waitForURL(`${frontendUrl}/dashboard?connect_code=*`);
    const dashboard = new URL(page.url()).searchParams;
    expect(dashboard.get('platform')).toBe('spotify');
    // The frontend redeems the one-time code with the session that started the connect.
    const completed = await request(server.baseUrl, 'POST', '/platforms/spotify/complete', {
      token: accessToken,
      body: { code: dashboard.get('connect_code') },
    });
    expect(completed.json.data).toEqual({ platform: 'spotify', connected: true });
    const platforms = await request(server.baseUrl, 'GET', '/user/platforms', { token: accessToken });
    expect(platforms.json.data.items).toEqual([
      expect.objectContaining({ platform: 'spotify', connected: true, needsReauth: false }),
    ]);
    const refreshed = await request(server.baseUrl, 'POST', '/platforms/spotify/refresh', {
      token: accessToken,
    });
    expect(refreshed.status).toBe(200);
    expect(refreshed.json.data).toEqual({ accessToken: expect.any(String), expiresIn: expect.any(Number) });

    // A returning user: the stand-in remembers the browser, so the round trip is all redirects.
    const again = Date.now();
    const second = await request(server.baseUrl, 'POST', '/auth/google/login');
    await page.goto(second.json.data.authUrl);
    await page.waitForURL(`${frontendUrl}/auth/callback#*`);
    const code = new URLSearchParams(new URL(page.url()).hash.slice(1)).get('code');
    const returning = await request(server.baseUrl, 'POST', '/auth/token', { body: { code } });
    const returningMs = Date.now() - again;
    const returningProfile = await request(server.baseUrl, 'GET', '/user/profile', {
      token: returning.json.data.accessToken,
    });
    expect(returningProfile.json.data.userId).toBe(profile.json.data.userId);

    expect(blocked).toEqual([]);
    console.info(
      `browser SSO round trip (login start → code exchanged): first, with typing ${signInMs} ms; returning ${returningMs} ms`,
    );
  });
});
