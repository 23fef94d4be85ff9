import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../config.js';
import { PROVIDER_DEFINITIONS, resolveProvider } from './providers.js';
import { checkReturnTo } from './return-to.js';

function problemsOf(env: Record<string, string>): string[] {
  try {
    loadConfig(env);
    return [];
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
}

describe('the provider registry', () => {
  it('leaves a provider without a client id unconfigured', () => {
    expect(resolveProvider('google', {})).toBeUndefined();
  });

  it('keeps the defaults of a configured provider', () => {
    const spotify = resolveProvider('spotify', { clientId: 'id', clientSecret: 'secret' });
    expect(spotify).toMatchObject({
      kind: 'oauth2',
      tokenUrl: 'https://accounts.spotify.com/api/token',
      identity: { from: 'user_api', url: 'https://api.spotify.com/v1/me' },
      tokenAuth: 'client_secret_basic',
    });
    expect(PROVIDER_DEFINITIONS.soundcloud.pkce).toBe('required');
  });

  it('turns a plain OAuth 2.0 provider into an OpenID one when an issuer is configured', () => {
    const github = resolveProvider('github', { clientId: 'id', issuer: 'http://127.0.0.1:9999' });
    expect(github).toMatchObject({
      kind: 'oidc',
      issuer: 'http://127.0.0.1:9999',
      ssoScopes: ['openid', 'email', 'profile'],
    });
    expect(github?.identity).toEqual({ from: 'id_token', emailVerifiedClaim: 'email_verified' });
    expect(github?.tokenUrl).toBeUndefined();
  });

  it('reads AMPLY_OAUTH_<PROVIDER>_* into the provider settings', () => {
    const config = loadConfig({
      AMPLY_OAUTH_SPOTIFY_CLIENT_ID: 'spotify-id',
      AMPLY_OAUTH_SPOTIFY_TOKEN_URL: 'https://tokens.example/token',
      AMPLY_OAUTH_SPOTIFY_PLATFORM_SCOPES: 'streaming user-read-email',
    });
    expect(config.oauth.providers.spotify).toMatchObject({
      clientId: 'spotify-id',
      tokenUrl: 'https://tokens.example/token',
      platformScopes: ['streaming', 'user-read-email'],
    });
    expect(config.oauth.trustedProviders).toEqual(['google', 'microsoft']);
  });

  it('allows plain http only for a loopback provider outside prod', () => {
    expect(problemsOf({ AMPLY_OAUTH_GOOGLE_ISSUER: 'http://127.0.0.1:4000' })).toEqual([]);
    expect(problemsOf({ AMPLY_OAUTH_GOOGLE_ISSUER: 'http://login.example' })).toEqual([
      'AMPLY_OAUTH_GOOGLE_ISSUER: plain http is allowed only for a loopback host outside prod',
    ]);
    expect(problemsOf({ AMPLY_STAGE: 'prod', AMPLY_OAUTH_GOOGLE_ISSUER: 'http://127.0.0.1:4000' })).toContain(
      'AMPLY_OAUTH_GOOGLE_ISSUER: plain http is allowed only for a loopback host outside prod',
    );
  });

  it('runs the development provider on the dev stage only', () => {
    expect(loadConfig({}).oauth.devProvider.enabled).toBe(true);
    expect(loadConfig({ AMPLY_DEV_OIDC: 'off' }).oauth.devProvider.enabled).toBe(false);
    expect(problemsOf({ AMPLY_STAGE: 'staging', AMPLY_DEV_OIDC: 'on' })).toContain(
      'AMPLY_DEV_OIDC=on is for the dev stage only',
    );
  });
});

describe('checkReturnTo', () => {
  const allowlist = ['https://app.example/app', 'https://www.example'];
  it('accepts the listed URLs and what is below them', () => {
    expect(checkReturnTo('https://app.example/app', allowlist)).toBe('https://app.example/app');
    expect(checkReturnTo('https://app.example/app/x?y=1', allowlist)).toBe('https://app.example/app/x?y=1');
    expect(checkReturnTo('https://www.example/anything', allowlist)).toBe('https://www.example/anything');
  });
  it('refuses other origins, sibling paths, user info and other schemes', () => {
    for (const value of [
      'https://app.example/apps',
      'https://app.example.evil/app',
      'https://app.example@evil.example/app',
      'http://app.example/app',
      'javascript://app.example/app',
      'not a url',
    ]) {
      expect(() => checkReturnTo(value, allowlist), value).toThrow('returnTo is not an allowed address');
    }
  });
});
