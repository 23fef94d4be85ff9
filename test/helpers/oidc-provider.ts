import { type DevOidcProvider, startDevOidcProvider } from '../../src/dev/oidc-provider.js';
import type { OAuthProviderName } from '../../src/oauth/providers.js';
import type { TestApp } from './test-app.js';

/** The public URL `createTestApp` uses; the local provider accepts redirects to it. */
export const TEST_PUBLIC_URL = 'http://amply.test';

/** Amply's development OpenID provider, started in-process on loopback for one test file. */
export function startTestOidcProvider(options: { accessTokenTtl?: number; publicUrl?: string } = {}) {
  return startDevOidcProvider({ publicUrl: options.publicUrl ?? TEST_PUBLIC_URL, ...options });
}

/** `AMPLY_OAUTH_<PROVIDER>_*` variables pointing `providers` at the local provider. */
export function oidcProviderEnv(
  dev: DevOidcProvider,
  providers: OAuthProviderName[],
): Record<string, string> {
  const env: Record<string, string> = {};
  for (const name of providers) {
    const settings = dev.settingsFor(name);
    const prefix = `AMPLY_OAUTH_${name.toUpperCase()}_`;
    env[`${prefix}CLIENT_ID`] = settings.clientId as string;
    env[`${prefix}CLIENT_SECRET`] = settings.clientSecret as string;
    env[`${prefix}ISSUER`] = settings.issuer as string;
    env[`${prefix}SCOPES`] = (settings.scopes ?? []).join(' ');
    env[`${prefix}PLATFORM_SCOPES`] = (settings.platformScopes ?? []).join(' ');
  }
  return env;
}

export interface ProviderUser {
  email: string;
  name?: string;
  /** Whether the provider asserts the address is verified (default true). */
  emailVerified?: boolean;
  /** Press "Deny" / "Cancel" instead of signing in. */
  deny?: boolean;
}

/**
 * Plays the browser at the local provider: follows `authUrl`, signs in as `user`, consents, and returns
 * the URL the provider finally redirects to (Amply's callback with `code`, `state` and `iss`, or `error`).
 * Cookies are kept per call, so every call is a fresh browser.
 */
export async function authorizeAtProvider(authUrl: string, user: ProviderUser): Promise<URL> {
  const cookies = new Map<string, string>();
  const origin = new URL(authUrl).origin;
  const request = async (url: string, form?: Record<string, string>) => {
    const response = await fetch(url, {
      method: form ? 'POST' : 'GET',
      redirect: 'manual',
      headers: {
        cookie: [...cookies].map(([name, value]) => `${name}=${value}`).join('; '),
        ...(form ? { 'content-type': 'application/x-www-form-urlencoded' } : {}),
      },
      ...(form ? { body: new URLSearchParams(form).toString() } : {}),
    });
    for (const line of response.headers.getSetCookie()) {
      const [pair] = line.split(';');
      const index = (pair as string).indexOf('=');
      cookies.set((pair as string).slice(0, index), (pair as string).slice(index + 1));
    }
    return { response, text: await response.text() };
  };

  let url = authUrl;
  for (let step = 0; step < 12; step += 1) {
    const { response, text } = await request(url);
    if (response.status >= 300 && response.status < 400) {
      const next = new URL(response.headers.get('location') as string, url);
      if (next.origin !== origin) return next;
      url = next.href;
      continue;
    }
    const interaction = /\/interaction\/([A-Za-z0-9_-]+)$/.exec(new URL(url).pathname);
    if (response.status !== 200 || !interaction)
      throw new Error(`the provider answered ${response.status} at ${url}`);
    const base = `${origin}/interaction/${interaction[1]}`;
    const { response: submitted } = user.deny
      ? await request(`${base}/abort`, {})
      : text.includes(`${interaction[1]}/confirm`)
        ? await request(`${base}/confirm`, {})
        : await request(`${base}/login`, {
            email: user.email,
            name: user.name ?? 'Provider User',
            ...(user.emailVerified === false ? {} : { email_verified: 'on' }),
          });
    url = new URL(submitted.headers.get('location') as string, url).href;
  }
  throw new Error('the provider never redirected back');
}

/** Follows the provider's redirect back into the app; answers the app's redirect to the frontend and its fragment. */
export async function returnToApp(t: TestApp, url: URL) {
  const response = await t.app.request(`${url.pathname}${url.search}`);
  if (response.status !== 302) throw new Error(`the callback answered ${response.status}, not a redirect`);
  const location = new URL(response.headers.get('location') as string);
  return { location, fragment: new URLSearchParams(location.hash.slice(1)) };
}

/** A whole SSO sign-in (start, the provider's pages, the callback) up to the app's redirect to the frontend. */
export async function ssoSignIn(t: TestApp, provider: string, user: ProviderUser, body?: unknown) {
  const started = await t.call('POST', `/auth/${provider}/login`, body === undefined ? {} : { body });
  if (started.status !== 200) throw new Error(`starting the sign-in answered ${started.status}`);
  return returnToApp(t, await authorizeAtProvider(started.json.data.authUrl, user));
}

/** A whole SSO sign-in including the code exchange; answers the tokens. */
export async function ssoTokens(t: TestApp, provider: string, user: ProviderUser) {
  const { fragment } = await ssoSignIn(t, provider, user);
  if (fragment.get('error')) throw new Error(`the sign-in was refused: ${fragment.get('error')}`);
  const exchanged = await t.call('POST', '/auth/token', { body: { code: fragment.get('code') } });
  if (exchanged.status !== 200) throw new Error(`the code exchange answered ${exchanged.status}`);
  return exchanged.json.data as { accessToken: string; refreshToken: string; idToken: string };
}
