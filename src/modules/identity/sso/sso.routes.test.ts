import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  authorizeAtProvider,
  oidcProviderEnv,
  type ProviderUser,
  returnToApp,
  ssoSignIn,
  ssoTokens,
  startTestOidcProvider,
} from '../../../../test/helpers/oidc-provider.js';
import {
  createTestApp,
  STRONG_PASSWORD,
  signedInUser,
  type TestApp,
  uniqueEmail,
} from '../../../../test/helpers/test-app.js';
import { isoTime } from '../../../clock.js';
import type { DevOidcProvider } from '../../../dev/oidc-provider.js';
import { createIdentityStore } from '../store.js';
import { createSsoStore } from './sso-store.js';

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

async function startLogin(provider: string, body?: unknown) {
  const started = await t.call('POST', `/auth/${provider}/login`, body === undefined ? {} : { body });
  expect(started.status).toBe(200);
  return started.json.data as { authUrl: string; state: string };
}

/**
 * Links `provider` from settings as a browser and its frontend would: start, sign in at the provider as
 * `providerUser`, follow the callback, redeem the fragment's `link_code` with `token`. Answers the redemption.
 */
async function linkFromSettings(token: string, provider: string, providerUser: ProviderUser) {
  const started = await t.call('POST', `/user/auth-providers/${provider}/link`, { token });
  expect(started.status).toBe(200);
  const { fragment } = await returnToApp(
    t,
    await authorizeAtProvider(started.json.data.authUrl, providerUser),
  );
  expect(fragment.get('state')).toBe(started.json.data.state);
  expect(fragment.get('provider')).toBe(provider);
  return t.call('POST', `/user/auth-providers/${provider}/complete`, {
    token,
    body: { code: fragment.get('link_code') },
  });
}

async function profileOf(accessToken: string) {
  return (await t.call('GET', '/user/profile', { token: accessToken })).json.data;
}

describe('SSO sign-in', () => {
  it('creates a password-less account on the first sign-in and returns to the frontend with a one-time code', async () => {
    const email = uniqueEmail('first');
    const { authUrl, state } = await startLogin('google');
    const { location, fragment } = await returnToApp(
      t,
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
    const first = await profileOf((await ssoTokens(t, 'google', { email })).accessToken);
    const started = performance.now();
    const second = await profileOf((await ssoTokens(t, 'google', { email })).accessToken);
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
    expect((await returnToApp(t, url)).fragment.get('error')).toBe('state_invalid');
  });

  it('refuses a callback without state', async () => {
    expect(
      (await returnToApp(t, new URL('http://amply.test/auth/google/callback?code=abc'))).fragment.get(
        'error',
      ),
    ).toBe('state_invalid');
  });

  it('refuses a state used a second time', async () => {
    const { authUrl } = await startLogin('google');
    const url = await authorizeAtProvider(authUrl, { email: uniqueEmail('replay') });
    expect((await returnToApp(t, url)).fragment.get('code')).toBeTruthy();
    expect((await returnToApp(t, url)).fragment.get('error')).toBe('state_invalid');
  });

  it('refuses a state older than 10 minutes', async () => {
    const { authUrl } = await startLogin('google');
    const url = await authorizeAtProvider(authUrl, { email: uniqueEmail('slow') });
    t.clock.advance(10 * 60 * 1000 + 1);
    expect((await returnToApp(t, url)).fragment.get('error')).toBe('state_expired');
  });

  it('refuses a state issued for another provider', async () => {
    const { authUrl } = await startLogin('github');
    const url = await authorizeAtProvider(authUrl, { email: uniqueEmail('crossed') });
    const crossed = new URL(`http://amply.test/auth/google/callback${url.search}`);
    expect((await returnToApp(t, crossed)).fragment.get('error')).toBe('state_invalid');
  });

  it('refuses a callback whose iss is not the provider (mix-up defence)', async () => {
    const { authUrl } = await startLogin('google');
    const url = await authorizeAtProvider(authUrl, { email: uniqueEmail('mixup') });
    expect(url.searchParams.get('iss')).toBe(dev.issuer);
    url.searchParams.set('iss', 'https://attacker.example');
    expect((await returnToApp(t, url)).fragment.get('error')).toBe('response_invalid');
  });

  it('logs why a callback was refused under a name the log does not redact, so a mix-up attempt stands out', async () => {
    const refusedLines = () =>
      t.logLines.map((line) => JSON.parse(line)).filter((entry) => entry.msg === 'sso callback refused');
    const before = refusedLines().length;
    const mixUp = await authorizeAtProvider((await startLogin('google')).authUrl, {
      email: uniqueEmail('m'),
    });
    mixUp.searchParams.set('iss', 'https://attacker.example');
    await returnToApp(t, mixUp);
    const late = await authorizeAtProvider((await startLogin('google')).authUrl, { email: uniqueEmail('l') });
    t.clock.advance(10 * 60 * 1000 + 1);
    await returnToApp(t, late);
    expect(refusedLines().slice(before)).toEqual([
      expect.objectContaining({ provider: 'google', reason: 'response_invalid' }),
      expect.objectContaining({ provider: 'google', reason: 'state_expired' }),
    ]);
  });

  it('passes on a refusal at the provider as access_denied', async () => {
    const { authUrl } = await startLogin('google');
    const url = await authorizeAtProvider(authUrl, { email: uniqueEmail('deny'), deny: true });
    expect(url.searchParams.get('error')).toBe('access_denied');
    const { fragment } = await returnToApp(t, url);
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
    expect((await returnToApp(t, url)).fragment.get('error')).toBe('provider_error');
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
    const tokens = await ssoTokens(t, 'google', { email: user.email, emailVerified: true });
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
    await ssoTokens(t, 'google', { email: user.email });
    const unlinked = await t.call('DELETE', '/user/auth-providers/google', { token: user.accessToken });
    expect(unlinked.status).toBe(200);

    expect((await ssoSignIn(t, 'google', { email: user.email })).fragment.get('error')).toBe(
      'account_link_required',
    );

    const linked = await linkFromSettings(user.accessToken, 'google', { email: user.email });
    expect(linked.json.data).toEqual({ provider: 'google', linked: true });
    expect((await profileOf((await ssoTokens(t, 'google', { email: user.email })).accessToken)).userId).toBe(
      user.userId,
    );
  });

  it('refuses with account_link_required when the trusted provider does not say the address is verified', async () => {
    const user = await signedInUser(t, 'unverified');
    const { fragment } = await ssoSignIn(t, 'google', { email: user.email, emailVerified: false });
    expect(fragment.get('error')).toBe('account_link_required');
  });

  it('refuses with account_link_required for a provider not trusted for email linking', async () => {
    const user = await signedInUser(t, 'untrusted');
    const { fragment } = await ssoSignIn(t, 'github', { email: user.email, emailVerified: true });
    expect(fragment.get('error')).toBe('account_link_required');
  });

  it('refuses with account_link_required when the existing account never verified its address', async () => {
    const email = uniqueEmail('notconfirmed');
    await t.call('POST', '/auth/register', { body: { email, password: STRONG_PASSWORD, name: 'Pending' } });
    const { fragment } = await ssoSignIn(t, 'google', { email, emailVerified: true });
    expect(fragment.get('error')).toBe('account_link_required');
  });
});

describe('linking from settings', () => {
  it('links and unlinks another provider', async () => {
    const user = await signedInUser(t, 'linker');
    const githubEmail = uniqueEmail('gh');
    const linked = await linkFromSettings(user.accessToken, 'github', { email: githubEmail });
    expect(linked.status).toBe(200);
    // The linked identity now signs in to this account.
    const tokens = await ssoTokens(t, 'github', { email: githubEmail });
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
    await ssoTokens(t, 'github', { email: takenEmail });
    const user = await signedInUser(t, 'second');
    const refused = await linkFromSettings(user.accessToken, 'github', { email: takenEmail });
    expect(refused.status).toBe(409);
    expect(refused.json.error.code).toBe('AUTH_IDENTITY_LINKED_ELSEWHERE');
  });

  it('refuses to unlink the only way to sign in', async () => {
    const tokens = await ssoTokens(t, 'google', { email: uniqueEmail('only') });
    const refused = await t.call('DELETE', '/user/auth-providers/google', { token: tokens.accessToken });
    expect(refused.status).toBe(409);
    expect(refused.json.error.code).toBe('AUTH_LAST_LOGIN_METHOD');
  });

  it('lets a password-less account set a password through forgot-password, after which unlinking is allowed', async () => {
    const email = uniqueEmail('setpw');
    const tokens = await ssoTokens(t, 'google', { email });
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
    const { fragment } = await returnToApp(
      t,
      await authorizeAtProvider(linkUrl.href, { email: uniqueEmail('c') }),
    );
    expect(fragment.get('link_code')).toBeTruthy();
    expect(new URL((await startLogin('google')).authUrl).searchParams.has('prompt')).toBe(false);
  });

  it('needs a recent sign-in or the password to unlink, so an older stolen token cannot remove a way in', async () => {
    const user = await signedInUser(t, 'unlinker');
    await linkFromSettings(user.accessToken, 'github', { email: uniqueEmail('gh') });
    t.clock.advance(10 * 60 * 1000);
    const refused = await t.call('DELETE', '/user/auth-providers/github', { token: user.accessToken });
    expect(refused.status).toBe(401);
    expect(refused.json.error.code).toBe('AUTH_RECENT_LOGIN_REQUIRED');
    const wrong = await t.call('DELETE', '/user/auth-providers/github', {
      token: user.accessToken,
      body: { currentPassword: 'Wrong-Password-123' },
    });
    expect(wrong.json.error.code).toBe('AUTH_INVALID_CREDENTIALS');
    const providers = await t.call('GET', '/user/auth-providers', { token: user.accessToken });
    expect(providers.json.data.items).toContainEqual(
      expect.objectContaining({ provider: 'github', linked: true }),
    );
    const allowed = await t.call('DELETE', '/user/auth-providers/github', {
      token: user.accessToken,
      body: { currentPassword: STRONG_PASSWORD },
    });
    expect(allowed.status).toBe(200);
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

describe('a link is redeemed only by the account that started it', () => {
  /** `starter` starts linking `provider`; a browser signs in there as `providerUser`; answers the fragment. */
  async function linkFinishedAtProvider(starter: { accessToken: string }, provider: string, email: string) {
    const started = await t.call('POST', `/user/auth-providers/${provider}/link`, {
      token: starter.accessToken,
    });
    const { location, fragment } = await returnToApp(
      t,
      await authorizeAtProvider(started.json.data.authUrl, { email }),
    );
    expect(`${location.origin}${location.pathname}`).toBe(`${FRONTEND}/auth/callback`);
    expect([...fragment.keys()]).toEqual(['link_code', 'provider', 'state']);
    return fragment.get('link_code') as string;
  }
  const complete = (token: string, provider: string, code: string) =>
    t.call('POST', `/user/auth-providers/${provider}/complete`, { token, body: { code } });
  const linkedProviders = async (token: string) =>
    (
      (await t.call('GET', '/user/auth-providers', { token })).json.data.items as Array<{
        provider: string;
        linked: boolean;
      }>
    )
      .filter((item) => item.linked)
      .map((item) => item.provider);

  it('links nothing at the callback, and links for the starter when the starter redeems', async () => {
    const alice = await signedInUser(t, 'redeemer');
    const code = await linkFinishedAtProvider(alice, 'github', uniqueEmail('alicegh'));
    expect(await linkedProviders(alice.accessToken)).toEqual([]);
    const linked = await complete(alice.accessToken, 'github', code);
    expect(linked.json.data).toEqual({ provider: 'github', linked: true });
    expect(await linkedProviders(alice.accessToken)).toEqual(['github']);
  });

  it("refuses another account's redemption (403): linked to nobody, the identity stays free, the starter is told", async () => {
    const alice = await signedInUser(t, 'linkstarter');
    const bob = await signedInUser(t, 'linklured');
    const bobGithub = uniqueEmail('bobgh');
    // Alice sends Bob her link URL; Bob signs in at GitHub, and his frontend redeems with his session.
    const code = await linkFinishedAtProvider(alice, 'github', bobGithub);
    const refused = await complete(bob.accessToken, 'github', code);
    expect(refused.status).toBe(403);
    expect(refused.json.error.code).toBe('OAUTH_STARTED_BY_ANOTHER_ACCOUNT');
    expect(await linkedProviders(alice.accessToken)).toEqual([]);
    expect(await linkedProviders(bob.accessToken)).toEqual([]);
    expect((await complete(alice.accessToken, 'github', code)).json.error.code).toBe('AUTH_CODE_INVALID');
    expect(await linkedProviders(alice.accessToken)).toEqual([]);

    const events = (await t.call('GET', '/user/security-events', { token: alice.accessToken })).json.data
      .items;
    expect(events).toContainEqual(
      expect.objectContaining({ type: 'identity.link_redeemed_elsewhere', reason: 'github', ip: null }),
    );
    // Bob's GitHub identity was never claimed: signing in with it makes a fresh account, not Alice's.
    const signedIn = await ssoTokens(t, 'github', { email: bobGithub });
    expect((await profileOf(signedIn.accessToken)).userId).not.toBe(alice.userId);
  });

  it("refuses an expired code and another provider's (spending it), and links once for ten redemptions at once", async () => {
    const alice = await signedInUser(t, 'linkcodes');
    const late = await linkFinishedAtProvider(alice, 'github', uniqueEmail('late'));
    t.clock.advance(60 * 1000);
    expect((await complete(alice.accessToken, 'github', late)).json.error.code).toBe('AUTH_CODE_EXPIRED');

    const crossed = await linkFinishedAtProvider(alice, 'github', uniqueEmail('crossed'));
    expect((await complete(alice.accessToken, 'google', crossed)).json.error.code).toBe('AUTH_CODE_INVALID');
    expect((await complete(alice.accessToken, 'github', crossed)).json.error.code).toBe('AUTH_CODE_INVALID');
    expect(await linkedProviders(alice.accessToken)).toEqual([]);

    const once = await linkFinishedAtProvider(alice, 'github', uniqueEmail('once'));
    const answers = await Promise.all(
      Array.from({ length: 10 }, () => complete(alice.accessToken, 'github', once)),
    );
    expect(answers.filter((answer) => answer.status === 200)).toHaveLength(1);
    expect(answers.filter((answer) => answer.json.error?.code === 'AUTH_CODE_INVALID')).toHaveLength(9);
  });

  it('connects Spotify with a Spotify link only when the link is redeemed', async () => {
    const alice = await signedInUser(t, 'spotifylink');
    const code = await linkFinishedAtProvider(alice, 'spotify', uniqueEmail('alicesp'));
    const platforms = () => t.call('GET', '/user/platforms', { token: alice.accessToken });
    expect((await platforms()).json.data.items).toEqual([]);
    expect((await complete(alice.accessToken, 'spotify', code)).status).toBe(200);
    expect((await platforms()).json.data.items).toEqual([
      expect.objectContaining({ platform: 'spotify', connected: true }),
    ]);
  });
});

describe('returnTo', () => {
  it('carries an allowed target through to the frontend redirect', async () => {
    const { fragment } = await ssoSignIn(
      t,
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
    const { fragment } = await ssoSignIn(t, 'google', { email: uniqueEmail('once') });
    const code = fragment.get('code');
    expect((await t.call('POST', '/auth/token', { body: { code } })).status).toBe(200);
    const second = await t.call('POST', '/auth/token', { body: { code } });
    expect(second.status).toBe(400);
    expect(second.json.error.code).toBe('AUTH_CODE_INVALID');
  });

  it('expires after 60 seconds', async () => {
    const { fragment } = await ssoSignIn(t, 'google', { email: uniqueEmail('late') });
    t.clock.advance(60 * 1000);
    const late = await t.call('POST', '/auth/token', { body: { code: fragment.get('code') } });
    expect(late.status).toBe(400);
    expect(late.json.error.code).toBe('AUTH_CODE_EXPIRED');
  });

  it('gives tokens to exactly one of ten exchanges of the same code sent at once', async () => {
    const { fragment } = await ssoSignIn(t, 'google', { email: uniqueEmail('race') });
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
    const landed = await Promise.all(callbacks.map((url) => returnToApp(t, url)));
    const codes = landed.map(({ fragment }) => fragment.get('code')).filter((code) => code !== null);
    expect(codes.length).toBeGreaterThan(0);
    const users = new Set<string>();
    for (const code of codes) {
      const tokens = (await t.call('POST', '/auth/token', { body: { code } })).json.data;
      users.add((await profileOf(tokens.accessToken)).userId);
    }
    // A later sign-in lands in the same one account.
    users.add((await profileOf((await ssoTokens(t, 'google', { email })).accessToken)).userId);
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
    const { fragment } = await ssoSignIn(t, 'google', { email: user.email });
    const exchanged = await t.call('POST', '/auth/token', { body: { code: fragment.get('code') } });
    expect(exchanged.json.data).toEqual({ challenge: 'MFA_REQUIRED', session: expect.any(String) });
  });
});

describe('secrets stay out of URLs and logs', () => {
  it('never puts a token in the redirect and never logs tokens or codes', async () => {
    const { authUrl } = await startLogin('google');
    const providerCallback = await authorizeAtProvider(authUrl, { email: uniqueEmail('secret') });
    const { location, fragment } = await returnToApp(t, providerCallback);
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
    const tokens = await ssoTokens(t, 'google', { email });
    const exported = (await t.call('GET', '/user/export', { token: tokens.accessToken })).json.data;
    expect(exported.authProviders).toEqual([
      expect.objectContaining({ provider: 'google', email, providerUserId: expect.any(String) }),
    ]);
    const before = (await profileOf(tokens.accessToken)).userId;
    expect((await t.call('DELETE', '/user', { token: tokens.accessToken, body: {} })).status).toBe(200);
    const after = await profileOf((await ssoTokens(t, 'google', { email })).accessToken);
    expect(after.userId).not.toBe(before);
  });
});

describe('Spotify sign-in (as MultiMusic v1 clients use it)', () => {
  it('creates the Spotify connection, which refreshes at /auth/spotify/refresh', async () => {
    const tokens = await ssoTokens(t, 'spotify', { email: uniqueEmail('v1') });
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
    expect((await ssoSignIn(t, 'google', { email })).fragment.get('error')).toBe('sign_in_failed');
    t.clock.advance(5 * 60 * 1000);
    const tokens = await ssoTokens(t, 'google', { email });
    expect((await profileOf(tokens.accessToken)).email).toBe(email);
  });

  it('takes over an address claim a crashed first sign-in left without its account, once it is stale', async () => {
    const email = uniqueEmail('crashedaddress');
    const identity = createIdentityStore(await t.deps.db.documentClient(), t.deps.db.tableName);
    await identity.claimEmail(email, 'usr_01jd8x4m9q2v7k3n5p6r8s0t2x', isoTime(t.clock.now()));
    t.clock.advance(5 * 60 * 1000 + 1);
    const tokens = await ssoTokens(t, 'google', { email });
    expect(await profileOf(tokens.accessToken)).toMatchObject({ email, emailVerified: true });
  });

  it('replaces a registration left unconfirmed for a day, as registering again would', async () => {
    const email = uniqueEmail('abandoned');
    await t.call('POST', '/auth/register', { body: { email, password: STRONG_PASSWORD, name: 'Gone' } });
    t.clock.advance(24 * 3600 * 1000 + 1);
    const tokens = await ssoTokens(t, 'google', { email });
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
    const tokens = await ssoTokens(t, 'github', { email: githubEmail });
    expect((await profileOf(tokens.accessToken)).userId).toBe(user.userId);
    const providers = (await t.call('GET', '/user/auth-providers', { token: user.accessToken })).json.data
      .items;
    expect(providers).toContainEqual(expect.objectContaining({ provider: 'github', linked: true }));
  });
});
