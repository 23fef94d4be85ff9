import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  authorizeAtProvider,
  oidcProviderEnv,
  type ProviderUser,
  startTestOidcProvider,
} from '../../../test/helpers/oidc-provider.js';
import {
  createTestApp,
  STRONG_PASSWORD,
  signedInUser,
  type TestApp,
  uniqueEmail,
} from '../../../test/helpers/test-app.js';
import { isoTime } from '../../clock.js';
import type { DevOidcProvider } from '../../dev/oidc-provider.js';
import { createSsoStore } from './sso-store.js';
import { createIdentityStore } from './store.js';

/*
 * SSO against a real OpenID provider (Amply's dev provider, in-process on loopback) standing in for
 * Google (trusted for email linking by default) and GitHub and Spotify (not trusted).
 */

let dev: DevOidcProvider;
let t: TestApp;
const FRONTEND = 'http://localhost:5173';

beforeAll(async () => {
  dev = await startTestOidcProvider();
  t = await createTestApp({
    env: {
      ...oidcProviderEnv(dev, ['google', 'github', 'spotify']),
      FRONTEND_URL: FRONTEND,
      AMPLY_RETURN_TO_ALLOWLIST: `${FRONTEND}/app`,
    },
  });
});
afterAll(() => dev.close());

/** Follows the provider's redirect back into Amply; answers Amply's redirect to the frontend. */
async function callback(url: URL) {
  const response = await t.app.request(`${url.pathname}${url.search}`);
  expect(response.status).toBe(302);
  const location = new URL(response.headers.get('location') as string);
  return { location, fragment: new URLSearchParams(location.hash.slice(1)) };
}

async function startLogin(provider: string, body?: unknown) {
  const started = await t.call('POST', `/auth/${provider}/login`, body === undefined ? {} : { body });
  expect(started.status).toBe(200);
  return started.json.data as { authUrl: string; state: string };
}

/** A whole SSO sign-in up to the frontend redirect. */
async function ssoSignIn(provider: string, user: ProviderUser, body?: unknown) {
  const { authUrl } = await startLogin(provider, body);
  return callback(await authorizeAtProvider(authUrl, user));
}

/** A whole SSO sign-in including the code exchange; answers the tokens. */
async function ssoTokens(provider: string, user: ProviderUser) {
  const { fragment } = await ssoSignIn(provider, user);
  expect(fragment.get('error')).toBeNull();
  const exchanged = await t.call('POST', '/auth/token', { body: { code: fragment.get('code') } });
  expect(exchanged.status).toBe(200);
  return exchanged.json.data as { accessToken: string; refreshToken: string; idToken: string };
}

async function profileOf(accessToken: string) {
  return (await t.call('GET', '/user/profile', { token: accessToken })).json.data;
}

describe('SSO sign-in', () => {
  it('creates a password-less account on the first sign-in and returns to the frontend with a one-time code', async () => {
    const email = uniqueEmail('first');
    const { authUrl, state } = await startLogin('google');
    const { location, fragment } = await callback(
      await authorizeAtProvider(authUrl, { email, name: 'First Timer' }),
    );
    expect(`${location.origin}${location.pathname}`).toBe(`${FRONTEND}/auth/callback`);
    expect(location.search).toBe('');
    expect([...fragment.keys()]).toEqual(['code', 'state']);
    expect(fragment.get('state')).toBe(state);

    const tokens = (await t.call('POST', '/auth/token', { body: { code: fragment.get('code') } })).json.data;
    const profile = await profileOf(tokens.accessToken);
    expect(profile).toMatchObject({
      email,
      displayName: 'First Timer',
      primaryAuthProvider: 'google',
      emailVerified: true,
    });
    const login = await t.call('POST', '/auth/login', { body: { email, password: STRONG_PASSWORD } });
    expect(login.json.error.code).toBe('AUTH_INVALID_CREDENTIALS');
  });

  it('signs a returning user in to the same account', async () => {
    const email = uniqueEmail('returning');
    const first = await profileOf((await ssoTokens('google', { email })).accessToken);
    const started = performance.now();
    const second = await profileOf((await ssoTokens('google', { email })).accessToken);
    const roundTripMs = performance.now() - started;
    expect(second.userId).toBe(first.userId);
    console.info(
      `in-process SSO round trip (start → provider → callback → token → profile): ${roundTripMs.toFixed(0)} ms`,
    );
  });

  it('answers PROVIDER_NOT_CONFIGURED (503) for a provider without a client id', async () => {
    const started = await t.call('POST', '/auth/microsoft/login');
    expect(started.status).toBe(503);
    expect(started.json.error.code).toBe('PROVIDER_NOT_CONFIGURED');
  });

  it('refuses a callback whose state was never issued', async () => {
    const { authUrl } = await startLogin('google');
    const url = await authorizeAtProvider(authUrl, { email: uniqueEmail('mismatch') });
    url.searchParams.set('state', 'a-state-this-server-never-issued');
    expect((await callback(url)).fragment.get('error')).toBe('state_invalid');
  });

  it('refuses a callback without state', async () => {
    expect(
      (await callback(new URL('http://amply.test/auth/google/callback?code=abc'))).fragment.get('error'),
    ).toBe('state_invalid');
  });

  it('refuses a state used a second time', async () => {
    const { authUrl } = await startLogin('google');
    const url = await authorizeAtProvider(authUrl, { email: uniqueEmail('replay') });
    expect((await callback(url)).fragment.get('code')).toBeTruthy();
    expect((await callback(url)).fragment.get('error')).toBe('state_invalid');
  });

  it('refuses a state older than 10 minutes', async () => {
    const { authUrl } = await startLogin('google');
    const url = await authorizeAtProvider(authUrl, { email: uniqueEmail('slow') });
    t.clock.advance(10 * 60 * 1000 + 1);
    expect((await callback(url)).fragment.get('error')).toBe('state_expired');
  });

  it('refuses a state issued for another provider', async () => {
    const { authUrl } = await startLogin('github');
    const url = await authorizeAtProvider(authUrl, { email: uniqueEmail('crossed') });
    const crossed = new URL(`http://amply.test/auth/google/callback${url.search}`);
    expect((await callback(crossed)).fragment.get('error')).toBe('state_invalid');
  });

  it('refuses a callback whose iss is not the provider (mix-up defence)', async () => {
    const { authUrl } = await startLogin('google');
    const url = await authorizeAtProvider(authUrl, { email: uniqueEmail('mixup') });
    expect(url.searchParams.get('iss')).toBe(dev.issuer);
    url.searchParams.set('iss', 'https://attacker.example');
    expect((await callback(url)).fragment.get('error')).toBe('response_invalid');
  });

  it('passes on a refusal at the provider as access_denied', async () => {
    const { authUrl } = await startLogin('google');
    const url = await authorizeAtProvider(authUrl, { email: uniqueEmail('deny'), deny: true });
    expect(url.searchParams.get('error')).toBe('access_denied');
    const { fragment } = await callback(url);
    expect([...fragment.entries()]).toEqual([['error', 'access_denied']]);
  });

  it('sends PKCE, and the provider refuses an authorization request without it', async () => {
    const { authUrl } = await startLogin('google');
    const withPkce = new URL(authUrl);
    expect(withPkce.searchParams.get('code_challenge_method')).toBe('S256');
    expect(withPkce.searchParams.get('nonce')).toBeTruthy();
    withPkce.searchParams.delete('code_challenge');
    withPkce.searchParams.delete('code_challenge_method');
    const url = await authorizeAtProvider(withPkce.href, { email: uniqueEmail('nopkce') });
    expect(url.searchParams.get('error')).toBe('invalid_request');
    expect((await callback(url)).fragment.get('error')).toBe('provider_error');
  });

  it('has a code exchanged without its PKCE verifier refused by the provider', async () => {
    const { authUrl } = await startLogin('google');
    const url = await authorizeAtProvider(authUrl, { email: uniqueEmail('noverifier') });
    const token = await fetch(`${dev.issuer}/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        grant_type: 'authorization_code',
        code: url.searchParams.get('code') as string,
        redirect_uri: 'http://amply.test/auth/google/callback',
        client_id: dev.clientId('google'),
        client_secret: dev.clientSecret('google'),
      }),
    });
    expect(token.status).toBe(400);
    expect(((await token.json()) as { error: string }).error).toMatch(/invalid_(grant|request)/);
  });
});

describe('linking by email', () => {
  it('links a trusted provider with a verified address to the existing account with that verified address', async () => {
    const user = await signedInUser(t, 'trusted');
    const tokens = await ssoTokens('google', { email: user.email, emailVerified: true });
    expect((await profileOf(tokens.accessToken)).userId).toBe(user.userId);
    const providers = (await t.call('GET', '/user/auth-providers', { token: user.accessToken })).json.data
      .items;
    expect(providers).toContainEqual(
      expect.objectContaining({ provider: 'google', linked: true, email: user.email }),
    );
    const events = (await t.call('GET', '/user/security-events', { token: user.accessToken })).json.data
      .items;
    expect(events.map((event: { type: string }) => event.type)).toContain('identity.linked');
  });

  it('does not link a provider by email again after the user unlinked it, until they link it from settings', async () => {
    const user = await signedInUser(t, 'unlinked');
    await ssoTokens('google', { email: user.email });
    const unlinked = await t.call('DELETE', '/user/auth-providers/google', { token: user.accessToken });
    expect(unlinked.status).toBe(200);

    expect((await ssoSignIn('google', { email: user.email })).fragment.get('error')).toBe(
      'account_link_required',
    );

    const started = await t.call('POST', '/user/auth-providers/google/link', { token: user.accessToken });
    const linked = await callback(
      await authorizeAtProvider(started.json.data.authUrl, { email: user.email }),
    );
    expect(linked.fragment.get('linked')).toBe('google');
    expect((await profileOf((await ssoTokens('google', { email: user.email })).accessToken)).userId).toBe(
      user.userId,
    );
  });

  it('refuses with account_link_required when the trusted provider does not say the address is verified', async () => {
    const user = await signedInUser(t, 'unverified');
    const { fragment } = await ssoSignIn('google', { email: user.email, emailVerified: false });
    expect(fragment.get('error')).toBe('account_link_required');
  });

  it('refuses with account_link_required for a provider not trusted for email linking', async () => {
    const user = await signedInUser(t, 'untrusted');
    const { fragment } = await ssoSignIn('github', { email: user.email, emailVerified: true });
    expect(fragment.get('error')).toBe('account_link_required');
  });

  it('refuses with account_link_required when the existing account never verified its address', async () => {
    const email = uniqueEmail('notconfirmed');
    await t.call('POST', '/auth/register', { body: { email, password: STRONG_PASSWORD, name: 'Pending' } });
    const { fragment } = await ssoSignIn('google', { email, emailVerified: true });
    expect(fragment.get('error')).toBe('account_link_required');
  });
});

describe('linking from settings', () => {
  it('links and unlinks another provider', async () => {
    const user = await signedInUser(t, 'linker');
    const started = await t.call('POST', '/user/auth-providers/github/link', { token: user.accessToken });
    expect(started.status).toBe(200);
    const githubEmail = uniqueEmail('gh');
    const { fragment } = await callback(
      await authorizeAtProvider(started.json.data.authUrl, { email: githubEmail }),
    );
    expect(fragment.get('linked')).toBe('github');
    // The linked identity now signs in to this account.
    const tokens = await ssoTokens('github', { email: githubEmail });
    expect((await profileOf(tokens.accessToken)).userId).toBe(user.userId);

    const unlinked = await t.call('DELETE', '/user/auth-providers/github', { token: user.accessToken });
    expect(unlinked.status).toBe(200);
    const providers = (await t.call('GET', '/user/auth-providers', { token: user.accessToken })).json.data
      .items;
    expect(providers).toContainEqual({ provider: 'github', email: null, linked: false, linkedAt: null });
    const again = await t.call('DELETE', '/user/auth-providers/github', { token: user.accessToken });
    expect(again.json.error.code).toBe('AUTH_PROVIDER_NOT_LINKED');
  });

  it('refuses (409) to link an identity that belongs to another account', async () => {
    const takenEmail = uniqueEmail('taken');
    await ssoTokens('github', { email: takenEmail });
    const user = await signedInUser(t, 'second');
    const started = await t.call('POST', '/user/auth-providers/github/link', { token: user.accessToken });
    const { fragment } = await callback(
      await authorizeAtProvider(started.json.data.authUrl, { email: takenEmail }),
    );
    expect(fragment.get('error')).toBe('identity_linked_elsewhere');
  });

  it('refuses to unlink the only way to sign in', async () => {
    const tokens = await ssoTokens('google', { email: uniqueEmail('only') });
    const refused = await t.call('DELETE', '/user/auth-providers/google', { token: tokens.accessToken });
    expect(refused.status).toBe(409);
    expect(refused.json.error.code).toBe('AUTH_LAST_LOGIN_METHOD');
  });

  it('lets a password-less account set a password through forgot-password, after which unlinking is allowed', async () => {
    const email = uniqueEmail('setpw');
    const tokens = await ssoTokens('google', { email });
    await t.call('POST', '/auth/forgot-password', { body: { email } });
    const reset = await t.call('POST', '/auth/reset-password', {
      body: { email, code: t.mail.lastCode(email), newPassword: STRONG_PASSWORD },
    });
    expect(reset.status).toBe(200);
    const login = await t.call('POST', '/auth/login', { body: { email, password: STRONG_PASSWORD } });
    expect(login.status).toBe(200);
    const unlinked = await t.call('DELETE', '/user/auth-providers/google', {
      token: login.json.data.accessToken,
    });
    expect(unlinked.status).toBe(200);
    expect((await profileOf(tokens.accessToken)).email).toBe(email);
  });

  it('makes the provider show its consent page for a link, which a lured browser would otherwise finish unseen, but not for a sign-in', async () => {
    const user = await signedInUser(t, 'consent');
    const started = await t.call('POST', '/user/auth-providers/google/link', { token: user.accessToken });
    const linkUrl = new URL(started.json.data.authUrl);
    expect(linkUrl.searchParams.get('prompt')).toBe('consent');
    const { fragment } = await callback(await authorizeAtProvider(linkUrl.href, { email: uniqueEmail('c') }));
    expect(fragment.get('linked')).toBe('google');
    expect(new URL((await startLogin('google')).authUrl).searchParams.has('prompt')).toBe(false);
  });

  it('needs a recent sign-in or the password to start linking', async () => {
    const user = await signedInUser(t, 'stale');
    t.clock.advance(10 * 60 * 1000);
    const refused = await t.call('POST', '/user/auth-providers/github/link', { token: user.accessToken });
    expect(refused.json.error.code).toBe('AUTH_RECENT_LOGIN_REQUIRED');
    const allowed = await t.call('POST', '/user/auth-providers/github/link', {
      token: user.accessToken,
      body: { currentPassword: STRONG_PASSWORD },
    });
    expect(allowed.status).toBe(200);
  });
});

describe('returnTo', () => {
  it('carries an allowed target through to the frontend redirect', async () => {
    const { fragment } = await ssoSignIn(
      'google',
      { email: uniqueEmail('back') },
      { returnTo: `${FRONTEND}/app/library` },
    );
    expect(fragment.get('returnTo')).toBe(`${FRONTEND}/app/library`);
    expect(fragment.get('code')).toBeTruthy();
  });

  it('refuses targets off the allowlist', async () => {
    for (const returnTo of [
      'https://attacker.example/app',
      `${FRONTEND}/application`,
      `${FRONTEND}/admin`,
      'http://localhost:5173@attacker.example/app',
      'javascript:alert(1)',
      '/app',
    ]) {
      const refused = await t.call('POST', '/auth/google/login', { body: { returnTo } });
      expect(refused.status, returnTo).toBe(400);
      expect(refused.json.error.details).toEqual([expect.objectContaining({ field: 'returnTo' })]);
    }
  });
});

describe('the one-time sign-in code', () => {
  it('works once', async () => {
    const { fragment } = await ssoSignIn('google', { email: uniqueEmail('once') });
    const code = fragment.get('code');
    expect((await t.call('POST', '/auth/token', { body: { code } })).status).toBe(200);
    const second = await t.call('POST', '/auth/token', { body: { code } });
    expect(second.status).toBe(400);
    expect(second.json.error.code).toBe('AUTH_CODE_INVALID');
  });

  it('expires after 60 seconds', async () => {
    const { fragment } = await ssoSignIn('google', { email: uniqueEmail('late') });
    t.clock.advance(60 * 1000);
    const late = await t.call('POST', '/auth/token', { body: { code: fragment.get('code') } });
    expect(late.status).toBe(400);
    expect(late.json.error.code).toBe('AUTH_CODE_EXPIRED');
  });

  it('gives tokens to exactly one of ten exchanges of the same code sent at once', async () => {
    const { fragment } = await ssoSignIn('google', { email: uniqueEmail('race') });
    const answers = await Promise.all(
      Array.from({ length: 10 }, () =>
        t.call('POST', '/auth/token', { body: { code: fragment.get('code') } }),
      ),
    );
    expect(answers.filter((answer) => answer.status === 200)).toHaveLength(1);
    expect(answers.filter((answer) => answer.json.error?.code === 'AUTH_CODE_INVALID')).toHaveLength(9);
  });

  it('makes one account when two first sign-ins of the same identity finish at once', async () => {
    const email = uniqueEmail('twice');
    const callbacks = await Promise.all(
      [1, 2].map(async () => authorizeAtProvider((await startLogin('google')).authUrl, { email })),
    );
    const landed = await Promise.all(callbacks.map((url) => callback(url)));
    const codes = landed.map(({ fragment }) => fragment.get('code')).filter((code) => code !== null);
    expect(codes.length).toBeGreaterThan(0);
    const users = new Set<string>();
    for (const code of codes) {
      const tokens = (await t.call('POST', '/auth/token', { body: { code } })).json.data;
      users.add((await profileOf(tokens.accessToken)).userId);
    }
    // A later sign-in lands in the same one account.
    users.add((await profileOf((await ssoTokens('google', { email })).accessToken)).userId);
    expect(users.size).toBe(1);
  });

  it('asks for the second factor when the account has TOTP on', async () => {
    const user = await signedInUser(t, 'mfa');
    const setup = await t.call('POST', '/auth/mfa/totp/setup', { token: user.accessToken, body: {} });
    const { generate } = await import('otplib');
    const code = await generate({ secret: setup.json.data.secret, epoch: t.clock.now() / 1000 });
    expect(
      (await t.call('POST', '/auth/mfa/totp/enable', { token: user.accessToken, body: { code } })).status,
    ).toBe(200);
    const { fragment } = await ssoSignIn('google', { email: user.email });
    const exchanged = await t.call('POST', '/auth/token', { body: { code: fragment.get('code') } });
    expect(exchanged.json.data).toEqual({ challenge: 'MFA_REQUIRED', session: expect.any(String) });
  });
});

describe('secrets stay out of URLs and logs', () => {
  it('never puts a token in the redirect and never logs tokens or codes', async () => {
    const { authUrl } = await startLogin('google');
    const providerCallback = await authorizeAtProvider(authUrl, { email: uniqueEmail('secret') });
    const { location, fragment } = await callback(providerCallback);
    const code = fragment.get('code') as string;
    const tokens = (await t.call('POST', '/auth/token', { body: { code } })).json.data;
    for (const secret of [tokens.accessToken, tokens.refreshToken, tokens.idToken]) {
      expect(location.href).not.toContain(secret);
    }
    const log = t.logLines.join('\n');
    for (const secret of [
      tokens.accessToken,
      tokens.refreshToken,
      code,
      providerCallback.searchParams.get('code') as string,
      providerCallback.searchParams.get('state') as string,
    ]) {
      expect(log).not.toContain(secret);
    }
  });
});

describe('account data', () => {
  it('exports linked providers and frees the identity when the account is deleted', async () => {
    const email = uniqueEmail('leaver');
    const tokens = await ssoTokens('google', { email });
    const exported = (await t.call('GET', '/user/export', { token: tokens.accessToken })).json.data;
    expect(exported.authProviders).toEqual([
      expect.objectContaining({ provider: 'google', email, providerUserId: expect.any(String) }),
    ]);
    const before = (await profileOf(tokens.accessToken)).userId;
    expect((await t.call('DELETE', '/user', { token: tokens.accessToken, body: {} })).status).toBe(200);
    const after = await profileOf((await ssoTokens('google', { email })).accessToken);
    expect(after.userId).not.toBe(before);
  });
});

describe('Spotify sign-in (as MultiMusic v1 clients use it)', () => {
  it('creates the Spotify connection, which refreshes at /auth/spotify/refresh', async () => {
    const tokens = await ssoTokens('spotify', { email: uniqueEmail('v1') });
    const platforms = (await t.call('GET', '/user/platforms', { token: tokens.accessToken })).json.data.items;
    expect(platforms).toEqual([
      expect.objectContaining({ platform: 'spotify', connected: true, needsReauth: false }),
    ]);
    const refreshed = await t.call('POST', '/auth/spotify/refresh', { token: tokens.accessToken });
    expect(refreshed.status).toBe(200);
    expect(refreshed.json.data).toEqual({ accessToken: expect.any(String), expiresIn: expect.any(Number) });
  });
});

describe('the SSO start limit', () => {
  it('answers 429 with Retry-After once an IP has started too many sign-ins', async () => {
    const limited = await createTestApp({ env: { AMPLY_RATE_LIMIT_SSO_START: '2/60' } });
    for (let attempt = 0; attempt < 2; attempt += 1) {
      expect((await limited.call('POST', '/auth/google/login')).status).toBe(503);
    }
    const refused = await limited.call('POST', '/auth/google/login');
    expect(refused.status).toBe(429);
    expect(refused.headers.get('retry-after')).toBeTruthy();
  });
});

describe('writes interrupted half-way', () => {
  /** The dev provider's subject for an address (see src/dev/oidc-provider.ts). */
  const subjectOf = (email: string) => `dev-${createHash('sha256').update(email).digest('hex').slice(0, 24)}`;
  const ssoStore = async () => createSsoStore(await t.deps.db.documentClient(), t.deps.db.tableName);

  it('releases an identity claim left without its account once it is stale, not while it may be in progress', async () => {
    const email = uniqueEmail('crashed');
    await (await ssoStore()).claimIdentity(
      'google',
      subjectOf(email),
      'usr_01jd8x4m9q2v7k3n5p6r8s0t1w',
      isoTime(t.clock.now()),
    );
    expect((await ssoSignIn('google', { email })).fragment.get('error')).toBe('sign_in_failed');
    t.clock.advance(5 * 60 * 1000);
    const tokens = await ssoTokens('google', { email });
    expect((await profileOf(tokens.accessToken)).email).toBe(email);
  });

  it('takes over an address claim a crashed first sign-in left without its account, once it is stale', async () => {
    const email = uniqueEmail('crashedaddress');
    const identity = createIdentityStore(await t.deps.db.documentClient(), t.deps.db.tableName);
    await identity.claimEmail(email, 'usr_01jd8x4m9q2v7k3n5p6r8s0t2x', isoTime(t.clock.now()));
    t.clock.advance(5 * 60 * 1000 + 1);
    const tokens = await ssoTokens('google', { email });
    expect(await profileOf(tokens.accessToken)).toMatchObject({ email, emailVerified: true });
  });

  it('replaces a registration left unconfirmed for a day, as registering again would', async () => {
    const email = uniqueEmail('abandoned');
    await t.call('POST', '/auth/register', { body: { email, password: STRONG_PASSWORD, name: 'Gone' } });
    t.clock.advance(24 * 3600 * 1000 + 1);
    const tokens = await ssoTokens('google', { email });
    expect(await profileOf(tokens.accessToken)).toMatchObject({ email, emailVerified: true });
    const login = await t.call('POST', '/auth/login', { body: { email, password: STRONG_PASSWORD } });
    expect(login.json.error.code).toBe('AUTH_INVALID_CREDENTIALS');
  });

  it('restores a link whose claim was written but whose link item was not', async () => {
    const user = await signedInUser(t, 'halflinked');
    const githubEmail = uniqueEmail('halfgh');
    await (await ssoStore()).claimIdentity(
      'github',
      subjectOf(githubEmail),
      user.userId,
      isoTime(t.clock.now()),
    );
    const tokens = await ssoTokens('github', { email: githubEmail });
    expect((await profileOf(tokens.accessToken)).userId).toBe(user.userId);
    const providers = (await t.call('GET', '/user/auth-providers', { token: user.accessToken })).json.data
      .items;
    expect(providers).toContainEqual(expect.objectContaining({ provider: 'github', linked: true }));
  });
});
