import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  authorizeAtProvider,
  oidcProviderEnv,
  startTestOidcProvider,
} from '../../../test/helpers/oidc-provider.js';
import { followCallback, rawConnection } from '../../../test/helpers/platforms.js';
import { createTestApp, signedInUser, type TestApp } from '../../../test/helpers/test-app.js';

/*
 * YouTube is an OpenID platform (Google): connecting it goes through discovery, a nonce and a validated
 * ID token. The local OpenID provider stands in for Google, issuing access tokens that live 2 minutes
 * (so every refresh goes upstream) and refresh tokens that rotate on every use.
 */

let dev: Awaited<ReturnType<typeof startTestOidcProvider>>;
let t: TestApp;

beforeAll(async () => {
  dev = await startTestOidcProvider({ accessTokenTtl: 120 });
  t = await createTestApp({
    env: { ...oidcProviderEnv(dev, ['youtube']), AMPLY_RATE_LIMIT_PLATFORM_REFRESH: '1000/60' },
  });
});

afterAll(() => dev.close());

describe('an OpenID platform (YouTube)', () => {
  it('connects (nonce, PKCE, validated ID token), refreshes upstream with each rotated refresh token, and disconnects', async () => {
    const user = await signedInUser(t);
    const started = await t.call('POST', '/platforms/youtube/connect', { token: user.accessToken });
    const authUrl = new URL(started.json.data.authUrl);
    expect(authUrl.searchParams.get('nonce')).toBeTruthy();
    expect(authUrl.searchParams.get('code_challenge_method')).toBe('S256');

    const landed = await followCallback(
      t,
      await authorizeAtProvider(authUrl.href, { email: 'viewer@example.com' }),
    );
    expect(landed.searchParams.get('platform')).toBe('youtube');
    expect(await rawConnection(t, user.userId, 'youtube')).toBeUndefined();
    const completed = await t.call('POST', '/platforms/youtube/complete', {
      token: user.accessToken,
      body: { code: landed.searchParams.get('connect_code') },
    });
    expect(completed.json.data).toEqual({ platform: 'youtube', connected: true });
    const [listed] = (await t.call('GET', '/user/platforms', { token: user.accessToken })).json.data.items;
    expect(listed).toMatchObject({ platform: 'youtube', connected: true, needsReauth: false });
    expect(listed.platformUserId).toMatch(/\S/);
    expect(listed.scope).toContain('offline_access');

    const first = await t.call('POST', '/platforms/youtube/refresh', { token: user.accessToken });
    const second = await t.call('POST', '/platforms/youtube/refresh', { token: user.accessToken });
    expect([first.status, second.status]).toEqual([200, 200]);
    expect(second.json.data.accessToken).not.toBe(first.json.data.accessToken);
    expect((await rawConnection(t, user.userId, 'youtube'))?.version).toBe(3);

    const removed = await t.call('DELETE', '/user/platforms/youtube', { token: user.accessToken });
    expect(removed.status).toBe(200);
    expect(await rawConnection(t, user.userId, 'youtube')).toBeUndefined();
  });
});
