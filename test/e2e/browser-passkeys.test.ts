import type { BrowserContext, CDPSession, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serveFrontend } from '../helpers/loopback-browser.js';
import { type BrowserRig, startBrowserRig } from './browser-rig.js';
import { request, type ServerProcess, signedUpUser } from './server-process.js';

/*
 * Passkeys in real Chromium against the real server (`npm start`'s dist/node.mjs), with the DevTools
 * virtual authenticator (a platform authenticator holding resident keys, verifying its user): register
 * from settings, sign out, sign in with the passkey without typing an address, remove it. The frontend is
 * a blank page on `localhost` (the relying party: WebAuthn refuses IP addresses as RP IDs); the API is
 * called from it across origins, as a web app would. Every request that leaves the machine is blocked.
 */

let frontend: Awaited<ReturnType<typeof serveFrontend>>;
let frontendUrl: string;
let server: ServerProcess;
let rig: BrowserRig;
let context: BrowserContext;
let blocked: string[];

beforeAll(async () => {
  frontend = await serveFrontend(
    () => `<!doctype html><title>Frontend</title><h1>Settings</h1><script>${FRONTEND_SCRIPT}</script>`,
  );
  frontendUrl = frontend.url.replace('127.0.0.1', 'localhost');
  rig = await startBrowserRig('browser-passkeys', { AMPLY_STAGE: 'dev', FRONTEND_URL: frontendUrl });
  ({ server, context, blocked } = rig);
});

afterAll(async () => {
  await rig?.close();
  await frontend?.close();
});

/** A platform authenticator with resident keys and user verification (a laptop's fingerprint reader). */
async function addVirtualAuthenticator(page: Page): Promise<{ cdp: CDPSession; authenticatorId: string }> {
  const cdp = await context.newCDPSession(page);
  await cdp.send('WebAuthn.enable', { enableUI: false });
  const { authenticatorId } = await cdp.send('WebAuthn.addVirtualAuthenticator', {
    options: {
      protocol: 'ctap2',
      transport: 'internal',
      hasResidentKey: true,
      hasUserVerification: true,
      isUserVerified: true,
      automaticPresenceSimulation: true,
    },
  });
  return { cdp, authenticatorId };
}

/**
 * The frontend's passkey code, as a web app would have it: "Add a passkey" in settings (options →
 * navigator.credentials.create() → register), "Sign in with a passkey" (no address field: the browser
 * offers the passkey), and "Remove" (a bodyless DELETE, as browsers send it).
 */
const FRONTEND_SCRIPT = `
async function answer(response) {
  return { status: response.status, body: await response.json() };
}
window.addPasskey = async (api, token) => {
  const headers = { authorization: 'Bearer ' + token, 'content-type': 'application/json' };
  const options = await (await fetch(api + '/user/passkeys/registration-options', { method: 'POST', headers })).json();
  const credential = await navigator.credentials.create({
    publicKey: PublicKeyCredential.parseCreationOptionsFromJSON(options.data),
  });
  return answer(await fetch(api + '/user/passkeys', {
    method: 'POST',
    headers,
    body: JSON.stringify({ credential: credential.toJSON(), name: 'This laptop' }),
  }));
};
window.signInWithPasskey = async (api) => {
  const options = await (await fetch(api + '/auth/passkey/options', { method: 'POST' })).json();
  const credential = await navigator.credentials.get({
    publicKey: PublicKeyCredential.parseRequestOptionsFromJSON(options.data),
  });
  return answer(await fetch(api + '/auth/passkey/verify', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ credential: credential.toJSON() }),
  }));
};
window.removePasskey = async (api, token, passkeyId) =>
  answer(await fetch(api + '/user/passkeys/' + passkeyId, {
    method: 'DELETE',
    headers: { authorization: 'Bearer ' + token },
  }));
`;

type PageAnswer = { status: number; body: any };

/** Calls one of the frontend's functions in the page. */
function inPage(page: Page, name: string, ...args: string[]): Promise<PageAnswer> {
  return page.evaluate(
    ([fn, ...rest]) => (globalThis as any)[fn as string](...rest) as Promise<PageAnswer>,
    [name, ...args],
  );
}

describe('passkeys in a browser', () => {
  it('registers a passkey, signs out, signs in with it (no address typed) and removes it', async () => {
    const api = server.baseUrl;
    const user = await signedUpUser(api, 'passkey-browser');
    const page = await context.newPage();
    await page.goto(`${frontendUrl}/settings`);
    const { cdp, authenticatorId } = await addVirtualAuthenticator(page);

    // Settings → "Add a passkey", right after signing in (a recent sign-in stands in for the password).
    const registered = await inPage(page, 'addPasskey', api, user.accessToken);
    expect(registered.status).toBe(201);
    expect(registered.body.data).toMatchObject({ name: 'This laptop', lastUsedAt: null });
    const { credentials } = await cdp.send('WebAuthn.getCredentials', { authenticatorId });
    expect(credentials).toHaveLength(1);
    expect(credentials[0]).toMatchObject({ isResidentCredential: true, rpId: 'localhost' });
    expect(Buffer.from(credentials[0]?.userHandle ?? '', 'base64').toString('utf8')).toBe(
      (await request(api, 'GET', '/user/profile', { token: user.accessToken })).json.data.userId,
    );

    // Sign out.
    const loggedOut = await request(api, 'POST', '/auth/logout', { token: user.accessToken, body: {} });
    expect(loggedOut.status).toBe(200);

    // "Sign in with a passkey": the page never asks for the address.
    const signedIn = await inPage(page, 'signInWithPasskey', api);
    expect(signedIn.status).toBe(200);
    const { accessToken } = signedIn.body.data as { accessToken: string };
    const profile = await request(api, 'GET', '/user/profile', { token: accessToken });
    expect(profile.json.data.email).toBe(user.email);
    const listed = await request(api, 'GET', '/user/passkeys', { token: accessToken });
    expect(listed.json.data.items).toEqual([
      expect.objectContaining({ passkeyId: registered.body.data.passkeyId, lastUsedAt: expect.any(String) }),
    ]);

    // Settings → "Remove": the browser's bodyless DELETE.
    const removed = await inPage(page, 'removePasskey', api, accessToken, registered.body.data.passkeyId);
    expect(removed).toEqual({
      status: 200,
      body: { success: true, data: { passkeyId: registered.body.data.passkeyId, removed: true } },
    });
    expect((await request(api, 'GET', '/user/passkeys', { token: accessToken })).json.data.items).toEqual([]);

    // The authenticator still holds the key, but the server no longer accepts it.
    const refused = await inPage(page, 'signInWithPasskey', api);
    expect(refused.status).toBe(401);
    expect(refused.body.error.code).toBe('AUTH_INVALID_CREDENTIALS');

    const events = await request(api, 'GET', '/user/security-events?limit=50', { token: accessToken });
    const types = (events.json.data.items as { type: string }[]).map((item) => item.type);
    expect(types).toEqual(
      expect.arrayContaining(['passkey.registered', 'passkey.removed', 'login.succeeded']),
    );
    expect(blocked).toEqual([]);
  });
});
