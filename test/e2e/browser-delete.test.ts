import type { BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serveFrontend } from '../helpers/loopback-browser.js';
import { type BrowserRig, startBrowserRig } from './browser-rig.js';
import { login, registerAndReadCode, request, type ServerProcess, uniqueAddress } from './server-process.js';

/*
 * A web app deleting a guitar with `fetch` from a page in real Chromium, against the started server: the
 * browser sends a bodyless DELETE with neither Content-Length nor Transfer-Encoding (Fetch spec), across
 * origins (a CORS preflight first), as any frontend would.
 */

let frontend: Awaited<ReturnType<typeof serveFrontend>>;
let frontendUrl: string;
let server: ServerProcess;
let rig: BrowserRig;
let context: BrowserContext;
let blocked: string[];

beforeAll(async () => {
  frontend = await serveFrontend(() => '<!doctype html><title>Collection</title><h1>My guitars</h1>');
  frontendUrl = frontend.url;
  rig = await startBrowserRig('browser-delete', { AMPLY_STAGE: 'dev', AMPLY_DEV_OIDC: 'off' });
  ({ server, context, blocked } = rig);
});

afterAll(async () => {
  await rig?.close();
  await frontend?.close();
});

describe('a web app in Chromium', () => {
  it('deletes a guitar with fetch(…, { method: "DELETE" }) and no body', async () => {
    const email = uniqueAddress('browser-delete');
    const { code } = await registerAndReadCode(server.baseUrl, email);
    expect((await request(server.baseUrl, 'POST', '/auth/confirm', { body: { email, code } })).status).toBe(
      200,
    );
    const { accessToken } = await login(server.baseUrl, email);
    const created = await request(server.baseUrl, 'POST', '/guitars', {
      token: accessToken,
      body: { brand: 'Rickenbacker', model: '360', year: 1964, type: 'semi-hollow' },
    });
    expect(created.status).toBe(201);

    const page = await context.newPage();
    await page.goto(frontendUrl);
    const sent = page.waitForRequest((req) => req.method() === 'DELETE');
    const answer = await page.evaluate(
      async ({ url, token }) => {
        const response = await fetch(url, {
          method: 'DELETE',
          headers: { Authorization: `Bearer ${token}` },
        });
        return { status: response.status, body: await response.json() };
      },
      { url: `${server.baseUrl}/guitars/${created.json.data.id}`, token: accessToken },
    );
    const headers = await (await sent).allHeaders();
    expect(headers['content-length']).toBeUndefined();
    expect(headers['transfer-encoding']).toBeUndefined();
    expect(answer).toMatchObject({ status: 200, body: { success: true } });

    const after = await request(server.baseUrl, 'GET', `/guitars/${created.json.data.id}`, {
      token: accessToken,
    });
    expect(after.status).toBe(404);
    expect(blocked).toEqual([]);
  });
});
