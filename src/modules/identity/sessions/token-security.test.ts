import { importJWK, type JWK, SignJWT, UnsecuredJWT } from 'jose';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  createTestApp,
  signedInUser,
  type TestApp,
  testSigningKeys,
} from '../../../../test/helpers/test-app.js';

let t: TestApp;

beforeAll(async () => {
  t = await createTestApp();
});

async function signWithServerKey(claims: Record<string, unknown>, header: Record<string, unknown> = {}) {
  const jwk = (JSON.parse(await testSigningKeys()) as { keys: (JWK & { kid: string })[] }).keys[0] as JWK & {
    kid: string;
  };
  const key = await importJWK(jwk, 'RS256');
  const now = Math.floor(t.clock.now() / 1000);
  return new SignJWT({ token_use: 'access', sid: 'ses_x', scope: 'openid', ...claims })
    .setProtectedHeader({ alg: 'RS256', kid: jwk.kid, typ: 'at+jwt', ...header })
    .setIssuer('http://amply.test')
    .setAudience('amply-api')
    .setSubject('usr_01jd8x4m9q2v7k3n5p6r8s0t1w')
    .setIssuedAt(now)
    .setNotBefore(now)
    .setExpirationTime(now + 3600)
    .sign(key);
}

async function profileWith(token: string) {
  return t.call('GET', '/user/profile', { token });
}

describe('access tokens', () => {
  it('refuses a token whose payload was altered', async () => {
    const user = await signedInUser(t);
    const [header, payload, signature] = user.accessToken.split('.') as [string, string, string];
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString());
    const tampered = Buffer.from(JSON.stringify({ ...claims, scope: 'openid admin' })).toString('base64url');
    const response = await profileWith(`${header}.${tampered}.${signature}`);
    expect(response.status).toBe(401);
    expect(response.json.error.code).toBe('AUTH_UNAUTHORIZED');
  });

  it('answers AUTH_TOKEN_EXPIRED an hour after issue, also for a token verified before', async () => {
    const user = await signedInUser(t);
    expect((await profileWith(user.accessToken)).status).toBe(200);
    t.clock.advance(3600 * 1000 + 1000);
    const response = await profileWith(user.accessToken);
    expect(response.status).toBe(401);
    expect(response.json.error.code).toBe('AUTH_TOKEN_EXPIRED');
  });

  it('refuses a token that is not valid yet', async () => {
    const now = Math.floor(t.clock.now() / 1000);
    const future = await signWithServerKey({ nbf: now + 600, iat: now + 600 });
    expect((await profileWith(future)).status).toBe(401);
  });

  it('refuses an unsigned token (alg none)', async () => {
    const now = Math.floor(t.clock.now() / 1000);
    const unsigned = new UnsecuredJWT({ token_use: 'access', sid: 'ses_x', typ: 'at+jwt' })
      .setIssuer('http://amply.test')
      .setAudience('amply-api')
      .setSubject('usr_01jd8x4m9q2v7k3n5p6r8s0t1w')
      .setIssuedAt(now)
      .setNotBefore(now)
      .setExpirationTime(now + 3600)
      .encode();
    expect((await profileWith(unsigned)).status).toBe(401);
  });

  it('refuses an HS256 token keyed with the public key (algorithm confusion)', async () => {
    const jwks = (await t.call('GET', '/.well-known/jwks.json')).json;
    const secret = new TextEncoder().encode(JSON.stringify(jwks.keys[0]));
    const now = Math.floor(t.clock.now() / 1000);
    const confused = await new SignJWT({ token_use: 'access', sid: 'ses_x' })
      .setProtectedHeader({ alg: 'HS256', kid: jwks.keys[0].kid, typ: 'at+jwt' })
      .setIssuer('http://amply.test')
      .setAudience('amply-api')
      .setSubject('usr_01jd8x4m9q2v7k3n5p6r8s0t1w')
      .setIssuedAt(now)
      .setNotBefore(now)
      .setExpirationTime(now + 3600)
      .sign(secret);
    expect((await profileWith(confused)).status).toBe(401);
  });

  it('refuses an id token where an access token is expected', async () => {
    const user = await signedInUser(t);
    const response = await profileWith(user.idToken);
    expect(response.status).toBe(401);
  });

  it('refuses a token for another audience or issuer, or without token_use access', async () => {
    expect((await profileWith(await signWithServerKey({ aud: 'another-api' }))).status).toBe(401);
    expect((await profileWith(await signWithServerKey({ iss: 'https://evil.example' }))).status).toBe(401);
    expect((await profileWith(await signWithServerKey({ token_use: 'id' }))).status).toBe(401);
    expect((await profileWith(await signWithServerKey({}, { typ: 'JWT' }))).status).toBe(401);
  });

  it('asks for a bearer token when none is sent', async () => {
    const response = await t.call('GET', '/user/profile');
    expect(response.status).toBe(401);
    expect(response.headers.get('www-authenticate')).toBe('Bearer');
    expect((await t.call('GET', '/user/profile', { headers: { authorization: 'Basic abc' } })).status).toBe(
      401,
    );
  });

  it('keeps accepting a logged-out access token until it expires when strict revocation is off', async () => {
    const user = await signedInUser(t);
    await t.call('POST', '/auth/logout', { token: user.accessToken, body: {} });
    expect((await profileWith(user.accessToken)).status).toBe(200);
  });

  it('refuses a logged-out access token at once with strict revocation on', async () => {
    const strict = await createTestApp({ env: { AMPLY_STRICT_REVOCATION: 'on' } });
    const user = await signedInUser(strict);
    expect((await strict.call('GET', '/user/profile', { token: user.accessToken })).status).toBe(200);
    await strict.call('POST', '/auth/logout', { token: user.accessToken, body: {} });
    const response = await strict.call('GET', '/user/profile', { token: user.accessToken });
    expect(response.status).toBe(401);
  });

  it('with strict revocation, a password reset ends access tokens on another instance once its cache lapses', async () => {
    const first = await createTestApp({
      env: { AMPLY_STRICT_REVOCATION: 'on', AMPLY_REVOCATION_CACHE_SECONDS: '5' },
    });
    const second = await createTestApp({
      db: first.deps.db,
      clock: first.clock,
      env: {
        AMPLY_STRICT_REVOCATION: 'on',
        AMPLY_HMAC_SECRET: first.deps.config.secrets.hmacSecret as string,
        AMPLY_ENCRYPTION_KEYS: first.deps.config.secrets.encryptionKeys as string,
      },
    });
    const user = await signedInUser(first);
    expect((await second.call('GET', '/user/profile', { token: user.accessToken })).status).toBe(200);
    await first.call('POST', '/auth/forgot-password', { body: { email: user.email } });
    await first.call('POST', '/auth/reset-password', {
      body: {
        email: user.email,
        code: first.mail.lastCode(user.email),
        newPassword: 'Copper-Meadow-Falcon-77',
      },
    });
    first.clock.advance(5001);
    expect((await second.call('GET', '/user/profile', { token: user.accessToken })).status).toBe(401);
  });
});

describe('refresh token rotation', () => {
  it('gives the same successor to a spent token presented again within the grace window', async () => {
    const user = await signedInUser(t);
    const first = await t.call('POST', '/auth/refresh', { body: { refreshToken: user.refreshToken } });
    t.clock.advance(19_000);
    const second = await t.call('POST', '/auth/refresh', { body: { refreshToken: user.refreshToken } });
    expect(second.status).toBe(200);
    expect(second.json.data.refreshToken).toBe(first.json.data.refreshToken);
  });

  it('lets concurrent refreshes of one token all succeed with one successor', async () => {
    const user = await signedInUser(t);
    const results = await Promise.all(
      Array.from({ length: 5 }, () =>
        t.call('POST', '/auth/refresh', { body: { refreshToken: user.refreshToken } }),
      ),
    );
    expect(results.map((result) => result.status)).toEqual([200, 200, 200, 200, 200]);
    expect(new Set(results.map((result) => result.json.data.refreshToken)).size).toBe(1);
  });

  it('revokes the whole family when a spent token comes back after the grace window', async () => {
    const user = await signedInUser(t);
    const rotated = await t.call('POST', '/auth/refresh', { body: { refreshToken: user.refreshToken } });
    t.clock.advance(21_000);
    const reuse = await t.call('POST', '/auth/refresh', { body: { refreshToken: user.refreshToken } });
    expect(reuse.status).toBe(401);
    const successor = await t.call('POST', '/auth/refresh', {
      body: { refreshToken: rotated.json.data.refreshToken },
    });
    expect(successor.status).toBe(401);
    const events = await t.call('GET', '/user/security-events', { token: rotated.json.data.accessToken });
    expect(events.json.data.items.map((event: { type: string }) => event.type)).toContain(
      'refresh.reuse_detected',
    );
  });
});
