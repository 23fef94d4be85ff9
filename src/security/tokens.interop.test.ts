import { JwtRsaVerifier } from 'aws-jwt-verify';
import {
  JwtExpiredError,
  JwtInvalidAudienceError,
  JwtInvalidIssuerError,
  JwtInvalidSignatureError,
} from 'aws-jwt-verify/error';
import { assertIsJwks, type Jwks } from 'aws-jwt-verify/jwk';
import { decodeProtectedHeader, generateKeyPair, SignJWT } from 'jose';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  createTestApp,
  createTestClock,
  STRONG_PASSWORD,
  signedInUser,
  type TestApp,
} from '../../test/helpers/test-app.js';

// aws-jwt-verify checks `exp` and `nbf` against the real time, so Amply's clock runs at the real time here.
const ISSUER = 'http://amply.test';
const API_AUDIENCE = 'amply-api';
const CLIENT_ID = 'amply-web';

let t: TestApp;
let jwks: Jwks;
let user: Awaited<ReturnType<typeof signedInUser>>;

/** What an API on AWS would configure: our issuer, the API audience, our key set (handed over, not fetched). */
function apiVerifier(audience = API_AUDIENCE, issuer = ISSUER) {
  // aws-jwt-verify only downloads keys over https; the test issuer is http, so the keys are given to it.
  const verifier = JwtRsaVerifier.create({ issuer, audience, jwksUri: `${ISSUER}/.well-known/jwks.json` });
  verifier.cacheJwks(jwks);
  return verifier;
}

beforeAll(async () => {
  t = await createTestApp({ clock: createTestClock(Date.now()) });
  user = await signedInUser(t, 'interop');
  const published = await t.call('GET', '/.well-known/jwks.json');
  expect(published.status).toBe(200);
  // aws-jwt-verify's own check of a key set document.
  assertIsJwks(published.json);
  jwks = published.json;
});

describe('Amply tokens and aws-jwt-verify', () => {
  it('publishes RS256 signing keys that name their kid and carry no private part', () => {
    expect(jwks.keys.length).toBeGreaterThan(0);
    for (const key of jwks.keys) {
      expect(key).toMatchObject({ kty: 'RSA', alg: 'RS256', use: 'sig', kid: expect.any(String) });
      for (const member of ['d', 'p', 'q', 'dp', 'dq', 'qi']) expect(key).not.toHaveProperty(member);
    }
    expect(jwks.keys.map((key) => key.kid)).toContain(decodeProtectedHeader(user.accessToken).kid);
  });

  it('accepts an Amply access token with the issuer, the API audience and the published keys', async () => {
    const payload = await apiVerifier().verify(user.accessToken);
    expect(payload).toMatchObject({
      iss: ISSUER,
      aud: API_AUDIENCE,
      sub: user.userId,
      token_use: 'access',
      client_id: CLIENT_ID,
    });
    expect(String(payload.scope).split(' ')).toEqual(expect.arrayContaining(['openid', 'profile', 'email']));
    expect(payload.exp).toBe((payload.iat as number) + 3600);
    expect(payload.jti).toEqual(expect.any(String));
  });

  it('rejects an id token where an access token for the API is expected', async () => {
    await expect(apiVerifier().verify(user.idToken)).rejects.toBeInstanceOf(JwtInvalidAudienceError);
    // It is a genuine Amply token nonetheless: addressed to the client, it verifies.
    await expect(apiVerifier(CLIENT_ID).verify(user.idToken)).resolves.toMatchObject({
      aud: CLIENT_ID,
      token_use: 'id',
      email: user.email,
    });
  });

  it('rejects an access token when the verifier expects another issuer', async () => {
    await expect(
      apiVerifier(API_AUDIENCE, 'https://other-issuer.test').verify(user.accessToken),
    ).rejects.toBeInstanceOf(JwtInvalidIssuerError);
  });

  it('rejects a token with Amply’s claims and kid but signed by a key Amply does not hold', async () => {
    const { privateKey } = await generateKeyPair('RS256');
    const header = decodeProtectedHeader(user.accessToken);
    const now = Math.floor(Date.now() / 1000);
    const forged = await new SignJWT({
      token_use: 'access',
      scope: 'openid profile email admin',
      client_id: CLIENT_ID,
    })
      .setProtectedHeader({ alg: 'RS256', kid: header.kid as string, typ: 'at+jwt' })
      .setIssuer(ISSUER)
      .setAudience(API_AUDIENCE)
      .setSubject(user.userId)
      .setIssuedAt(now)
      .setNotBefore(now)
      .setExpirationTime(now + 3600)
      .sign(privateKey);
    await expect(apiVerifier().verify(forged)).rejects.toBeInstanceOf(JwtInvalidSignatureError);
    // Amply itself refuses it too.
    expect((await t.call('GET', '/user/profile', { token: forged })).status).toBe(401);
  });

  it('rejects an access token whose hour has passed', async () => {
    const realNow = Date.now();
    t.clock.set(realNow - 2 * 3600 * 1000);
    let stale: string;
    try {
      const login = await t.call('POST', '/auth/login', {
        body: { email: user.email, password: STRONG_PASSWORD },
      });
      expect(login.status).toBe(200);
      stale = login.json.data.accessToken as string;
    } finally {
      t.clock.set(realNow);
    }
    await expect(apiVerifier().verify(stale)).rejects.toBeInstanceOf(JwtExpiredError);
  });
});
