import { exportJWK, generateKeyPair, SignJWT } from 'jose';
import type { CustomFetch } from 'openid-client';
import { beforeAll, describe, expect, it } from 'vitest';
import { createTestClock, createTestTable } from '../../test/helpers/test-app.js';
import { loadConfig } from '../config.js';
import { createOAuthClient, type OAuthClient } from './client.js';
import { createPendingAuthorizations } from './pending-authorizations.js';

/*
 * Microsoft's `common` tenant names its issuer `https://login.microsoftonline.com/{tenantid}/v2.0`.
 * The registry relies on openid-client to check each ID token's `iss` against that template filled with
 * the token's own `tid`. Entra itself is not reachable from a test, so its metadata, keys and token
 * endpoint are played here behind the client's injected fetch — the client code under test is unchanged.
 */

const ENTRA = 'https://login.microsoftonline.com';
const CLIENT_ID = 'amply-test-app';
const TENANT = '9188040d-6c67-4c5b-b112-36a304b66dad';

let client: OAuthClient;
let sign: (claims: Record<string, unknown>) => Promise<string>;
/** What the fake token endpoint puts in the next ID token. */
let nextClaims: (nonce: string) => Record<string, unknown>;
let lastNonce = '';

beforeAll(async () => {
  const { privateKey, publicKey } = await generateKeyPair('RS256');
  const jwk = { ...(await exportJWK(publicKey)), kid: 'entra-1', alg: 'RS256', use: 'sig' };
  sign = (claims) =>
    new SignJWT(claims)
      .setProtectedHeader({ alg: 'RS256', kid: 'entra-1' })
      .setIssuedAt()
      .setExpirationTime('5m')
      .sign(privateKey);
  const json = (body: unknown) =>
    new Response(JSON.stringify(body), { headers: { 'content-type': 'application/json' } });
  const fakeEntra: CustomFetch = async (url) => {
    const { pathname } = new URL(url);
    if (pathname === '/common/v2.0/.well-known/openid-configuration') {
      return json({
        issuer: `${ENTRA}/{tenantid}/v2.0`,
        authorization_endpoint: `${ENTRA}/common/oauth2/v2.0/authorize`,
        token_endpoint: `${ENTRA}/common/oauth2/v2.0/token`,
        jwks_uri: `${ENTRA}/common/discovery/v2.0/keys`,
        response_types_supported: ['code'],
        subject_types_supported: ['pairwise'],
        id_token_signing_alg_values_supported: ['RS256'],
      });
    }
    if (pathname === '/common/discovery/v2.0/keys') return json({ keys: [jwk] });
    if (pathname === '/common/oauth2/v2.0/token') {
      return json({
        access_token: 'entra-access-token',
        token_type: 'Bearer',
        expires_in: 3600,
        id_token: await sign(nextClaims(lastNonce)),
      });
    }
    return new Response('not found', { status: 404 });
  };
  const db = await createTestTable();
  const config = loadConfig({
    AMPLY_PUBLIC_URL: 'http://amply.test',
    AMPLY_OAUTH_MICROSOFT_CLIENT_ID: CLIENT_ID,
    AMPLY_OAUTH_MICROSOFT_CLIENT_SECRET: 'entra-secret',
  });
  const pending = createPendingAuthorizations(await db.documentClient(), db.tableName);
  client = createOAuthClient({
    config,
    clock: createTestClock(Date.now()),
    pending: async () => pending,
    fetch: fakeEntra,
  });
});

/** Starts a sign-in and completes it as if Entra had redirected back with a code. */
async function signIn() {
  const { authUrl, state } = await client.start('microsoft', { purpose: 'sso-login' });
  const url = new URL(authUrl);
  expect(url.origin).toBe(ENTRA);
  lastNonce = url.searchParams.get('nonce') as string;
  return client.complete('microsoft', new URLSearchParams({ code: 'entra-code', state }), ['sso-login']);
}

const claims = (overrides: Record<string, unknown>) => (nonce: string) => ({
  iss: `${ENTRA}/${TENANT}/v2.0`,
  tid: TENANT,
  aud: CLIENT_ID,
  sub: 'entra-subject',
  nonce,
  email: 'person@contoso.example',
  name: 'Entra Person',
  ...overrides,
});

describe('Microsoft (Entra ID, common tenant)', () => {
  it("accepts an ID token whose iss is the template filled with the token's own tid", async () => {
    nextClaims = claims({});
    const { identity } = await signIn();
    expect(identity).toEqual({
      subject: 'entra-subject',
      email: 'person@contoso.example',
      emailVerified: false,
      name: 'Entra Person',
    });
  });

  it('reads the email as verified only when the xms_edov claim says so', async () => {
    nextClaims = claims({ xms_edov: true });
    expect((await signIn()).identity.emailVerified).toBe(true);
  });

  it('refuses an ID token whose iss names another tenant than its tid', async () => {
    nextClaims = claims({ iss: `${ENTRA}/00000000-0000-0000-0000-000000000000/v2.0` });
    await expect(signIn()).rejects.toMatchObject({ reason: 'response_invalid' });
  });

  it('refuses an ID token with the literal template as iss', async () => {
    nextClaims = claims({ iss: `${ENTRA}/{tenantid}/v2.0` });
    await expect(signIn()).rejects.toMatchObject({ reason: 'response_invalid' });
  });
});
