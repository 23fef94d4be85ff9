import type { CustomFetch } from 'openid-client';
import { beforeAll, describe, expect, it } from 'vitest';
import { createTestClock, createTestTable } from '../../test/helpers/test-app.js';
import { loadConfig } from '../config.js';
import { createOAuthClient, type OAuthClient } from './client.js';
import { createPendingAuthorizations } from './pending-authorizations.js';

/*
 * GitHub is plain OAuth 2.0 read through its user API: `/user` for the id and name, `/user/emails` for
 * the primary address and whether it is verified. GitHub is played here behind the client's injected
 * fetch, with its registry defaults (real URLs) unchanged.
 */

let client: OAuthClient;
let emails: Array<{ email: string; primary: boolean; verified: boolean }>;
let tokenAnswer: () => Response;
const seen: string[] = [];

const json = (body: unknown) =>
  new Response(JSON.stringify(body), { headers: { 'content-type': 'application/json' } });

beforeAll(async () => {
  const fakeGitHub: CustomFetch = async (url, options) => {
    seen.push(`${options.method} ${url}`);
    const { origin, pathname } = new URL(url);
    if (origin === 'https://github.com' && pathname === '/login/oauth/access_token') return tokenAnswer();
    if (origin === 'https://api.github.com' && pathname === '/user') {
      return json({ id: 583231, login: 'octocat', name: 'The Octocat', email: null });
    }
    if (origin === 'https://api.github.com' && pathname === '/user/emails') return json(emails);
    return new Response('not found', { status: 404 });
  };
  const db = await createTestTable();
  const config = loadConfig({
    AMPLY_PUBLIC_URL: 'http://amply.test',
    AMPLY_OAUTH_GITHUB_CLIENT_ID: 'gh-app',
    AMPLY_OAUTH_GITHUB_CLIENT_SECRET: 'gh-secret',
  });
  const pending = createPendingAuthorizations(await db.documentClient(), db.tableName);
  client = createOAuthClient({
    config,
    clock: createTestClock(),
    pending: async () => pending,
    fetch: fakeGitHub,
  });
});

async function signIn() {
  const { authUrl, state } = await client.start('github', { purpose: 'sso-login' });
  const url = new URL(authUrl);
  expect(url.origin + url.pathname).toBe('https://github.com/login/oauth/authorize');
  expect(url.searchParams.get('scope')).toBe('read:user user:email');
  expect(url.searchParams.get('code_challenge_method')).toBe('S256');
  expect(url.searchParams.has('nonce')).toBe(false);
  return client.complete('github', new URLSearchParams({ code: 'gh-code', state }), ['sso-login']);
}

describe('GitHub', () => {
  it('reads the numeric id from /user and the primary verified address from /user/emails', async () => {
    tokenAnswer = () =>
      json({ access_token: 'gho_token', token_type: 'bearer', scope: 'read:user,user:email' });
    emails = [
      { email: 'old@example.com', primary: false, verified: true },
      { email: 'Octo@Example.com', primary: true, verified: true },
    ];
    const { identity } = await signIn();
    expect(identity).toEqual({
      subject: '583231',
      email: 'octo@example.com',
      emailVerified: true,
      name: 'The Octocat',
    });
    expect(seen).toContain('GET https://api.github.com/user/emails');
  });

  it('counts an unverified primary address as unverified', async () => {
    emails = [{ email: 'octo@example.com', primary: true, verified: false }];
    expect((await signIn()).identity).toMatchObject({ email: 'octo@example.com', emailVerified: false });
  });

  it("treats GitHub's error answered with HTTP 200 as an invalid response", async () => {
    tokenAnswer = () => json({ error: 'bad_verification_code', error_description: 'The code is incorrect.' });
    await expect(signIn()).rejects.toMatchObject({ reason: 'response_invalid' });
  });
});
