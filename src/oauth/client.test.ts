import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  authorizeAtProvider,
  oidcProviderEnv,
  startTestOidcProvider,
} from '../../test/helpers/oidc-provider.js';
import { createTestApp, type TestApp } from '../../test/helpers/test-app.js';
import type { DevOidcProvider } from '../dev/oidc-provider.js';
import { InvalidGrantError, UpstreamError } from './errors.js';

/*
 * The OAuth client against a real OpenID provider (the dev provider, in-process): what the connections
 * module relies on — refresh that rotates, `invalid_grant` told apart from an upstream failure, revocation.
 * The plain OAuth 2.0 path (SoundCloud-like) is exercised by the connections tests' local server.
 */

let dev: DevOidcProvider;
let t: TestApp;
let silent: ReturnType<typeof createServer>;
let silentUrl: string;

beforeAll(async () => {
  dev = await startTestOidcProvider();
  // Accepts connections and never answers: a provider that hangs.
  silent = createServer(() => {});
  await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
  silentUrl = `http://127.0.0.1:${(silent.address() as AddressInfo).port}`;
  t = await createTestApp({
    env: {
      ...oidcProviderEnv(dev, ['youtube', 'google']),
      AMPLY_OAUTH_TIMEOUT_SECONDS: '1',
      AMPLY_OAUTH_SOUNDCLOUD_CLIENT_ID: 'hanging',
      AMPLY_OAUTH_SOUNDCLOUD_AUTHORIZATION_URL: `${silentUrl}/authorize`,
      AMPLY_OAUTH_SOUNDCLOUD_TOKEN_URL: `${silentUrl}/token`,
    },
  });
});
afterAll(async () => {
  silent.closeAllConnections();
  silent.close();
  await dev.close();
});

async function connected(email: string) {
  const { authUrl } = await t.deps.oauth.start('youtube', { purpose: 'platform', userId: 'usr_test' });
  return t.deps.oauth.complete('youtube', (await authorizeAtProvider(authUrl, { email })).searchParams, [
    'platform',
  ]);
}

describe('OAuth client', () => {
  it('completes a platform flow: tokens, a refresh token, and the identity from the ID token', async () => {
    const done = await connected('client-a@example.com');
    expect(done.authorization).toMatchObject({
      provider: 'youtube',
      purpose: 'platform',
      userId: 'usr_test',
    });
    expect(done.identity).toMatchObject({ email: 'client-a@example.com', emailVerified: true });
    expect(done.tokens.refreshToken).toEqual(expect.any(String));
    expect(done.tokens.expiresAt).toBe(t.clock.now() + (done.tokens.expiresIn as number) * 1000);
  });

  it('refuses a callback completed for another purpose than the one started', async () => {
    const { authUrl } = await t.deps.oauth.start('google', { purpose: 'sso-login' });
    const callback = await authorizeAtProvider(authUrl, { email: 'client-b@example.com' });
    await expect(t.deps.oauth.complete('google', callback.searchParams, ['platform'])).rejects.toMatchObject({
      reason: 'state_invalid',
    });
  });

  it('refreshes with rotation, and reports a spent refresh token as invalid_grant', async () => {
    const done = await connected('client-c@example.com');
    const first = done.tokens.refreshToken as string;
    const refreshed = await t.deps.oauth.refresh('youtube', first);
    expect(refreshed.refreshToken).toEqual(expect.any(String));
    expect(refreshed.refreshToken).not.toBe(first);
    await expect(t.deps.oauth.refresh('youtube', first)).rejects.toBeInstanceOf(InvalidGrantError);
  });

  it('revokes upstream, after which the refresh token is refused', async () => {
    const done = await connected('client-d@example.com');
    const refreshToken = done.tokens.refreshToken as string;
    expect(await t.deps.oauth.revoke('youtube', refreshToken, 'refresh_token')).toBe(true);
    await expect(t.deps.oauth.refresh('youtube', refreshToken)).rejects.toBeInstanceOf(InvalidGrantError);
  });

  it('reports a provider that does not answer as UPSTREAM_ERROR, after the configured timeout', async () => {
    const refused = t.deps.oauth.refresh('soundcloud', 'any-refresh-token');
    await expect(refused).rejects.toBeInstanceOf(UpstreamError);
    await expect(refused).rejects.toMatchObject({ code: 'UPSTREAM_ERROR', status: 502 });
  });

  it('answers PROVIDER_NOT_CONFIGURED for a provider without a client id', async () => {
    expect(t.deps.oauth.provider('github')).toBeUndefined();
    await expect(t.deps.oauth.start('github', { purpose: 'sso-login' })).rejects.toMatchObject({
      code: 'PROVIDER_NOT_CONFIGURED',
      status: 503,
    });
  });
});
