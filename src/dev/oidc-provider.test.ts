import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestOidcProvider } from '../../test/helpers/oidc-provider.js';
import { loadConfig } from '../config.js';
import { type DevOidcProvider, withDevProvider } from './oidc-provider.js';

let dev: DevOidcProvider;
beforeAll(async () => {
  dev = await startTestOidcProvider();
});
afterAll(() => dev.close());

/** Anything a page would load from another host. */
const OFF_MACHINE = /(?:src|href)=["']?https?:|@import|url\(/i;

describe('the development OpenID provider', () => {
  it('says on its sign-in page that it is a stand-in, and loads nothing from elsewhere', async () => {
    const authorize = new URL(`${dev.issuer}/auth`);
    authorize.search = new URLSearchParams({
      client_id: dev.clientId('google'),
      response_type: 'code',
      scope: 'openid email',
      redirect_uri: 'http://amply.test/auth/google/callback',
      code_challenge: 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM',
      code_challenge_method: 'S256',
    }).toString();
    const redirect = await fetch(authorize, { redirect: 'manual' });
    const cookie = redirect.headers
      .getSetCookie()
      .map((line) => line.split(';')[0])
      .join('; ');
    const login = await fetch(new URL(redirect.headers.get('location') as string, dev.issuer), {
      headers: { cookie },
    });
    const html = await login.text();
    expect(html).toContain('Development stand-in');
    expect(html).toContain('as if with Google');
    expect(html).not.toMatch(OFF_MACHINE);
  });

  it('shows its errors on a page that loads nothing from elsewhere', async () => {
    const error = await fetch(`${dev.issuer}/auth?client_id=unknown-client&response_type=code`);
    expect(error.status).toBe(400);
    const html = await error.text();
    expect(html).toContain('Development stand-in');
    expect(html).not.toMatch(OFF_MACHINE);
  });

  it('stands in only for providers that have no client id of their own', () => {
    const config = loadConfig({ AMPLY_OAUTH_GITHUB_CLIENT_ID: 'real-github-app' });
    const { config: withStandIns, standIns } = withDevProvider(config, dev);
    expect(standIns).toEqual(['google', 'microsoft', 'spotify', 'soundcloud', 'youtube']);
    expect(withStandIns.oauth.providers.github).toEqual(config.oauth.providers.github);
    expect(withStandIns.oauth.providers.spotify).toMatchObject({
      clientId: 'dev-spotify',
      issuer: dev.issuer,
    });
  });
});
