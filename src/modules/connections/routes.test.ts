import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type OAuth2Server, startOAuth2Server } from '../../../test/helpers/oauth2-server.js';
import {
  connectPlatform,
  followCallback,
  PLATFORM_CLIENTS,
  platformEnv,
  rawConnection,
} from '../../../test/helpers/platforms.js';
import {
  createTestApp,
  createTestClock,
  STRONG_PASSWORD,
  signedInUser,
  type TestApp,
} from '../../../test/helpers/test-app.js';
import { createConnectionStore } from './store.js';

/*
 * Platform connections through HTTP, in-process, against a local OAuth 2.0 server playing SoundCloud
 * and Spotify (single-use rotating refresh tokens, PKCE required for SoundCloud).
 */

const MINUTE = 60 * 1000;
let server: OAuth2Server;
let t: TestApp;

beforeAll(async () => {
  server = await startOAuth2Server(PLATFORM_CLIENTS);
  t = await createTestApp({ env: { ...platformEnv(server), AMPLY_RATE_LIMIT_PLATFORM_REFRESH: '1000/60' } });
});

afterAll(() => server.close());

beforeEach(() => {
  server.refreshMode = 'ok';
  server.accessTokenTtl = 3600;
  server.userId = `platform-user-${randomBytes(4).toString('hex')}`;
});

const refresh = (app: TestApp, token: string, platform = 'soundcloud') =>
  app.call('POST', `/platforms/${platform}/refresh`, { token });

/** A signed-in user with `platform` connected; the tokens the platform issued at the connect. */
async function connectedUser(app = t, platform = 'soundcloud') {
  const user = await signedInUser(app);
  const before = server.issued.length;
  const landed = await connectPlatform(app, server, user.accessToken, platform);
  expect(landed.origin + landed.pathname).toBe('http://localhost:5173/dashboard');
  expect([...landed.searchParams.keys()]).toEqual(['connect_code', 'platform']);
  expect(landed.searchParams.get('platform')).toBe(platform);
  const [accessToken, refreshToken] = server.issued.slice(before) as [string, string];
  return { ...user, platformAccess: accessToken, platformRefresh: refreshToken };
}

describe('connecting a platform', () => {
  it('stores the connection and lists it without any token', async () => {
    const user = await connectedUser();
    const list = await t.call('GET', '/user/platforms', { token: user.accessToken });
    expect(list.status).toBe(200);
    expect(list.json.data).toEqual({
      items: [
        {
          platform: 'soundcloud',
          platformUserId: server.userId,
          status: 'healthy',
          connected: true,
          connectedAt: new Date(t.clock.now()).toISOString(),
          needsReauth: false,
          scope: '',
        },
      ],
      nextCursor: null,
    });
    expect(list.text).not.toContain(user.platformAccess);
    expect(list.text).not.toContain(user.platformRefresh);
  });

  it('starts SoundCloud with a S256 code challenge and a state, and answers PROVIDER_NOT_CONFIGURED for an unconfigured platform', async () => {
    const user = await signedInUser(t);
    const started = await t.call('POST', '/platforms/soundcloud/connect', { token: user.accessToken });
    const authUrl = new URL(started.json.data.authUrl);
    expect(authUrl.searchParams.get('code_challenge_method')).toBe('S256');
    expect(authUrl.searchParams.get('code_challenge')).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(authUrl.searchParams.get('state')).toBe(started.json.data.state);
    expect(authUrl.searchParams.get('redirect_uri')).toBe('http://amply.test/platforms/soundcloud/callback');

    const youtube = await t.call('POST', '/platforms/youtube/connect', { token: user.accessToken });
    expect(youtube.status).toBe(503);
    expect(youtube.json.error.code).toBe('PROVIDER_NOT_CONFIGURED');
  });

  it('asks Spotify to show its consent page even to a user who authorized Amply before', async () => {
    const user = await signedInUser(t);
    const started = await t.call('POST', '/platforms/spotify/connect', { token: user.accessToken });
    expect(new URL(started.json.data.authUrl).searchParams.get('show_dialog')).toBe('true');
  });

  it('exchanges the code with the verifier of its own state: a code paired with another state is refused', async () => {
    const user = await signedInUser(t);
    const first = await t.call('POST', '/platforms/soundcloud/connect', { token: user.accessToken });
    const second = await t.call('POST', '/platforms/soundcloud/connect', { token: user.accessToken });
    const callback = await server.authorize(first.json.data.authUrl);
    callback.searchParams.set('state', second.json.data.state);
    const landed = await followCallback(t, callback);
    expect(landed.searchParams.get('error')).toBe('response_invalid');
    expect((await t.call('GET', '/user/platforms', { token: user.accessToken })).json.data.items).toEqual([]);
  });

  it('redirects with ?error= when the user refuses, or the state is missing, unknown, reused or expired', async () => {
    const user = await signedInUser(t);
    const start = async () =>
      (await t.call('POST', '/platforms/soundcloud/connect', { token: user.accessToken })).json.data.authUrl;

    server.denyNext = 'access_denied';
    const denied = await followCallback(t, await server.authorize(await start()));
    expect(denied.searchParams.get('error')).toBe('access_denied');
    expect(denied.searchParams.get('platform')).toBe('soundcloud');
    expect(denied.origin + denied.pathname).toBe('http://localhost:5173/dashboard');

    const callback = await server.authorize(await start());
    const noState = new URL(callback);
    noState.searchParams.delete('state');
    expect((await followCallback(t, noState)).searchParams.get('error')).toBe('state_invalid');
    const unknown = new URL(callback);
    unknown.searchParams.set('state', 'not-a-state-we-issued');
    expect((await followCallback(t, unknown)).searchParams.get('error')).toBe('state_invalid');

    expect((await followCallback(t, callback)).searchParams.get('connect_code')).toBeTruthy();
    expect((await followCallback(t, callback)).searchParams.get('error')).toBe('state_invalid');

    const late = await server.authorize(await start());
    t.clock.advance(11 * MINUTE);
    expect((await followCallback(t, late)).searchParams.get('error')).toBe('state_expired');
  });

  it("stores the connection for the user who started it, and refuses a state at another platform's callback", async () => {
    const alice = await signedInUser(t, 'alice');
    const bob = await signedInUser(t, 'bob');
    const aliceStart = await t.call('POST', '/platforms/spotify/connect', { token: alice.accessToken });
    const callback = await server.authorize(aliceStart.json.data.authUrl);

    const elsewhere = new URL(callback);
    elsewhere.pathname = '/platforms/soundcloud/callback';
    expect((await followCallback(t, elsewhere)).searchParams.get('error')).toBe('state_invalid');

    await connectPlatform(t, server, bob.accessToken, 'spotify');

    const list = (token: string) => t.call('GET', '/user/platforms', { token });
    expect((await list(alice.accessToken)).json.data.items).toEqual([]);
    expect((await list(bob.accessToken)).json.data.items).toHaveLength(1);
  });

  it('answers 400 for an unknown platform and 401 without a token', async () => {
    const user = await signedInUser(t);
    const unknown = await t.call('POST', '/platforms/napster/connect', { token: user.accessToken });
    expect(unknown.status).toBe(400);
    expect(unknown.json.error.details).toEqual([expect.objectContaining({ field: 'platform' })]);
    expect((await t.call('POST', '/platforms/spotify/connect')).status).toBe(401);
    expect((await t.call('POST', '/platforms/spotify/refresh')).status).toBe(401);
  });
});

describe('refreshing the platform token', () => {
  it('answers the stored token without calling the platform while it has more than 5 minutes left', async () => {
    const user = await connectedUser();
    const calls = server.tokenCalls.refresh_token;
    t.clock.advance(50 * MINUTE);
    const response = await refresh(t, user.accessToken);
    expect(response.status).toBe(200);
    expect(response.json.data).toEqual({ accessToken: user.platformAccess, expiresIn: 600 });
    expect(server.tokenCalls.refresh_token).toBe(calls);
  });

  it('refreshes at the platform within 5 minutes of expiry and keeps the rotated refresh token for the next time', async () => {
    const user = await connectedUser();
    const calls = server.tokenCalls.refresh_token;
    t.clock.advance(56 * MINUTE);
    const first = await refresh(t, user.accessToken);
    expect(first.status).toBe(200);
    expect(first.json.data.accessToken).not.toBe(user.platformAccess);
    expect(first.json.data.expiresIn).toBe(3600);
    expect(server.tokenCalls.refresh_token).toBe(calls + 1);

    // The platform's refresh tokens are single-use: a second refresh works only with the rotated one.
    t.clock.advance(56 * MINUTE);
    // The Amply session of the connect has expired by now; sign in again.
    const login = { email: user.email, password: STRONG_PASSWORD };
    const session = (await t.call('POST', '/auth/login', { body: login })).json.data.accessToken as string;
    const second = await refresh(t, session);
    expect(second.status).toBe(200);
    expect(second.json.data.accessToken).not.toBe(first.json.data.accessToken);
    expect(server.tokenCalls.refresh_token).toBe(calls + 2);
    expect(server.reusedRefreshTokens).toEqual([]);
  });

  it('answers the same at POST /auth/spotify/refresh as at POST /platforms/spotify/refresh', async () => {
    const user = await connectedUser(t, 'spotify');
    const v1 = await t.call('POST', '/auth/spotify/refresh', { token: user.accessToken });
    const v2 = await refresh(t, user.accessToken, 'spotify');
    expect(v1.status).toBe(200);
    expect(v1.json.data).toEqual(v2.json.data);
    expect(v1.json.data.accessToken).toBe(user.platformAccess);
  });

  it('answers PLATFORM_NOT_CONNECTED for a platform the user has not connected', async () => {
    const user = await signedInUser(t);
    const response = await refresh(t, user.accessToken, 'spotify');
    expect(response.status).toBe(404);
    expect(response.json.error.code).toBe('PLATFORM_NOT_CONNECTED');
  });

  it('marks the connection needsReauth on invalid_grant and answers PLATFORM_REAUTH_REQUIRED (409) until reconnected', async () => {
    const user = await connectedUser();
    t.clock.advance(56 * MINUTE);
    server.refreshMode = 'invalid_grant';
    const refused = await refresh(t, user.accessToken);
    expect(refused.status).toBe(409);
    expect(refused.json.error.code).toBe('PLATFORM_REAUTH_REQUIRED');

    const calls = server.tokenCalls.refresh_token;
    expect((await refresh(t, user.accessToken)).json.error.code).toBe('PLATFORM_REAUTH_REQUIRED');
    expect(server.tokenCalls.refresh_token).toBe(calls);
    const [listed] = (await t.call('GET', '/user/platforms', { token: user.accessToken })).json.data.items;
    expect(listed).toMatchObject({
      platform: 'soundcloud',
      status: 'needs_reauth',
      connected: false,
      needsReauth: true,
    });
    const events = (await t.call('GET', '/user/security-events', { token: user.accessToken })).json.data
      .items;
    expect(events.map((event: { type: string }) => event.type)).toContain('platform.reauth_required');

    server.refreshMode = 'ok';
    await connectPlatform(t, server, user.accessToken, 'soundcloud');
    const [reconnected] = (await t.call('GET', '/user/platforms', { token: user.accessToken })).json.data
      .items;
    expect(reconnected).toMatchObject({ status: 'healthy', connected: true, needsReauth: false });
  });

  for (const mode of ['error', 'hang'] as const) {
    it(`answers UPSTREAM_ERROR when the platform ${mode === 'error' ? 'fails with a 500' : 'does not answer in time'}, keeps the stored tokens, and refreshes once it is back`, async () => {
      const user = await connectedUser();
      t.clock.advance(56 * MINUTE);
      const before = await rawConnection(t, user.userId, 'soundcloud');
      server.refreshMode = mode;
      const failed = await refresh(t, user.accessToken);
      expect(failed.status).toBe(502);
      expect(failed.json.error.code).toBe('UPSTREAM_ERROR');
      const after = await rawConnection(t, user.userId, 'soundcloud');
      expect(after).toMatchObject({
        accessToken: before?.accessToken,
        refreshToken: before?.refreshToken,
        version: before?.version,
        status: 'healthy',
      });
      expect(after?.refreshLockHolder).toBeUndefined();

      server.refreshMode = 'ok';
      const recovered = await refresh(t, user.accessToken);
      expect(recovered.status).toBe(200);
      expect(recovered.json.data.accessToken).not.toBe(user.platformAccess);
    });
  }

  it('makes exactly one upstream call for 20 concurrent refreshes split across two app instances', async () => {
    const clock = createTestClock();
    const env = {
      ...platformEnv(server),
      AMPLY_RATE_LIMIT_PLATFORM_REFRESH: '1000/60',
      AMPLY_ENCRYPTION_KEYS: `shared:${randomBytes(32).toString('base64')}`,
      AMPLY_HMAC_SECRET: randomBytes(32).toString('base64url'),
    };
    const one = await createTestApp({ env, clock });
    const two = await createTestApp({ env, clock, db: one.deps.db });
    const user = await connectedUser(one);
    clock.advance(56 * MINUTE);

    const calls = server.tokenCalls.refresh_token;
    const upstreamReached = server.holdRefreshes();
    const answers = Promise.all(
      Array.from({ length: 20 }, (_, i) => refresh(i % 2 === 0 ? one : two, user.accessToken)),
    );
    await upstreamReached;
    server.release();
    const results = await answers;

    expect(server.tokenCalls.refresh_token).toBe(calls + 1);
    expect(results.map((result) => result.status)).toEqual(Array(20).fill(200));
    const tokens = new Set(results.map((result) => result.json.data.accessToken));
    expect(tokens.size).toBe(1);
    expect([...tokens][0]).not.toBe(user.platformAccess);
    expect(server.issued).toContain([...tokens][0]);
  });

  it('answers a grant without a refresh token until it expires, then PLATFORM_REAUTH_REQUIRED', async () => {
    server.issueRefreshTokens = false;
    server.accessTokenTtl = 600;
    const user = await connectedUser().finally(() => {
      server.issueRefreshTokens = true;
    });
    t.clock.advance(6 * MINUTE);
    const calls = server.tokenCalls.refresh_token;
    const soon = await refresh(t, user.accessToken);
    expect(soon.json.data).toEqual({ accessToken: user.platformAccess, expiresIn: 240 });
    t.clock.advance(4 * MINUTE);
    const expired = await refresh(t, user.accessToken);
    expect(expired.status).toBe(409);
    expect(expired.json.error.code).toBe('PLATFORM_REAUTH_REQUIRED');
    expect(server.tokenCalls.refresh_token).toBe(calls);
  });

  it('answers PROVIDER_NOT_CONFIGURED when a refresh is due after the platform was unconfigured, keeping the tokens', async () => {
    const clock = createTestClock();
    const keys = {
      AMPLY_ENCRYPTION_KEYS: `k1:${randomBytes(32).toString('base64')}`,
      AMPLY_HMAC_SECRET: randomBytes(32).toString('base64url'),
    };
    const configured = await createTestApp({ env: { ...platformEnv(server), ...keys }, clock });
    const user = await connectedUser(configured);
    const unconfigured = await createTestApp({ env: keys, clock, db: configured.deps.db });
    expect((await refresh(unconfigured, user.accessToken)).json.data.accessToken).toBe(user.platformAccess);

    clock.advance(56 * MINUTE);
    const before = await rawConnection(unconfigured, user.userId, 'soundcloud');
    const due = await refresh(unconfigured, user.accessToken);
    expect(due.status).toBe(503);
    expect(due.json.error.code).toBe('PROVIDER_NOT_CONFIGURED');
    expect(await rawConnection(unconfigured, user.userId, 'soundcloud')).toMatchObject({
      accessToken: before?.accessToken,
      refreshToken: before?.refreshToken,
      version: before?.version,
    });
  });

  it('takes over the lease of a process that died mid-refresh once the lease has run out', async () => {
    const user = await connectedUser();
    t.clock.advance(56 * MINUTE);
    const item = await rawConnection(t, user.userId, 'soundcloud');
    const store = createConnectionStore(await t.deps.db.documentClient(), t.deps.db.tableName);
    const now = t.clock.now();
    expect(
      await store.takeRefreshLease(user.userId, 'soundcloud', item?.version, 'crashed', now, now + 30_000),
    ).toBe(true);
    t.clock.advance(30_000);
    const calls = server.tokenCalls.refresh_token;
    const response = await refresh(t, user.accessToken);
    expect(response.status).toBe(200);
    expect(response.json.data.accessToken).not.toBe(user.platformAccess);
    expect(server.tokenCalls.refresh_token).toBe(calls + 1);
  });

  it('limits platform refreshes to 20 a minute per user', async () => {
    const limited = await createTestApp({ env: platformEnv(server) });
    const user = await connectedUser(limited, 'spotify');
    for (let i = 0; i < 20; i += 1)
      expect((await refresh(limited, user.accessToken, 'spotify')).status).toBe(200);
    const refused = await limited.call('POST', '/auth/spotify/refresh', { token: user.accessToken });
    expect(refused.status).toBe(429);
    expect(refused.headers.get('retry-after')).toMatch(/^\d+$/);
  });
});

describe('stored tokens', () => {
  it('are sealed in the table: the raw item holds no plaintext token', async () => {
    const user = await connectedUser();
    t.clock.advance(56 * MINUTE);
    await refresh(t, user.accessToken);
    const raw = JSON.stringify(await rawConnection(t, user.userId, 'soundcloud'));
    for (const token of server.issued) expect(raw).not.toContain(token);
    expect(raw).toMatch(/"accessToken":"v1\.test-1\./);
  });

  it('open with an older key after rotation, and are sealed again with the new key at the next refresh', async () => {
    const oldKey = `k1:${randomBytes(32).toString('base64')}`;
    const newKey = `k2:${randomBytes(32).toString('base64')}`;
    const clock = createTestClock();
    const shared = {
      ...platformEnv(server),
      AMPLY_RATE_LIMIT_PLATFORM_REFRESH: '1000/60',
      AMPLY_HMAC_SECRET: randomBytes(32).toString('base64url'),
    };
    const before = await createTestApp({ env: { ...shared, AMPLY_ENCRYPTION_KEYS: oldKey }, clock });
    const user = await connectedUser(before);
    const rotated = await createTestApp({
      env: { ...shared, AMPLY_ENCRYPTION_KEYS: `${newKey},${oldKey}` },
      clock,
      db: before.deps.db,
    });
    expect((await refresh(rotated, user.accessToken)).json.data.accessToken).toBe(user.platformAccess);

    clock.advance(56 * MINUTE);
    const refreshed = await refresh(rotated, user.accessToken);
    expect(refreshed.status).toBe(200);
    const raw = await rawConnection(rotated, user.userId, 'soundcloud');
    expect(raw?.accessToken).toMatch(/^v1\.k2\./);
    expect(raw?.refreshToken).toMatch(/^v1\.k2\./);

    const newKeyOnly = await createTestApp({
      env: { ...shared, AMPLY_ENCRYPTION_KEYS: newKey },
      clock,
      db: before.deps.db,
    });
    expect((await refresh(newKeyOnly, user.accessToken)).json.data.accessToken).toBe(
      refreshed.json.data.accessToken,
    );
  });

  it('cannot be opened once their key is dropped, and the failed refresh gives its lease back', async () => {
    const clock = createTestClock();
    const shared = { ...platformEnv(server), AMPLY_HMAC_SECRET: randomBytes(32).toString('base64url') };
    const before = await createTestApp({
      env: { ...shared, AMPLY_ENCRYPTION_KEYS: `k1:${randomBytes(32).toString('base64')}` },
      clock,
    });
    const user = await connectedUser(before);
    const dropped = await createTestApp({
      env: { ...shared, AMPLY_ENCRYPTION_KEYS: `k2:${randomBytes(32).toString('base64')}` },
      clock,
      db: before.deps.db,
    });
    clock.advance(56 * MINUTE);
    const calls = server.tokenCalls.refresh_token;
    const response = await refresh(dropped, user.accessToken);
    expect(response.status).toBe(500);
    expect(response.json.error.code).toBe('INTERNAL_ERROR');
    expect(server.tokenCalls.refresh_token).toBe(calls);
    const raw = await rawConnection(dropped, user.userId, 'soundcloud');
    expect(raw?.refreshLockHolder).toBeUndefined();
    expect(raw?.refreshFailedBy).toEqual(expect.any(String));
  });

  it('never reach a log line, through connect, refresh, failures and disconnect', async () => {
    const logged = t.logLines.length;
    const user = await connectedUser();
    t.clock.advance(56 * MINUTE);
    server.refreshMode = 'error';
    await refresh(t, user.accessToken);
    server.refreshMode = 'invalid_grant';
    await refresh(t, user.accessToken);
    await t.call('DELETE', '/user/platforms/soundcloud', { token: user.accessToken });
    const lines = t.logLines.slice(logged).join('\n');
    expect(lines).toContain('platform refresh failed');
    for (const token of server.issued) expect(lines).not.toContain(token);
  });
});

describe('disconnecting', () => {
  it('deletes the connection, revokes its tokens at the platform and records the event', async () => {
    const user = await connectedUser();
    const response = await t.call('DELETE', '/user/platforms/soundcloud', { token: user.accessToken });
    expect(response.status).toBe(200);
    expect(server.revoked).toEqual(expect.arrayContaining([user.platformRefresh, user.platformAccess]));
    expect((await t.call('GET', '/user/platforms', { token: user.accessToken })).json.data.items).toEqual([]);
    expect(await rawConnection(t, user.userId, 'soundcloud')).toBeUndefined();
    const types = (
      await t.call('GET', '/user/security-events', { token: user.accessToken })
    ).json.data.items.map((event: { type: string }) => event.type);
    expect(types).toEqual(expect.arrayContaining(['platform.connected', 'platform.disconnected']));

    const again = await t.call('DELETE', '/user/platforms/soundcloud', { token: user.accessToken });
    expect(again.status).toBe(404);
    expect(again.json.error.code).toBe('PLATFORM_NOT_CONNECTED');
  });

  it('deletes the connection even when the platform cannot revoke its tokens', async () => {
    const user = await connectedUser();
    const logged = t.logLines.length;
    server.failRevocation = true;
    try {
      const response = await t.call('DELETE', '/user/platforms/soundcloud', { token: user.accessToken });
      expect(response.status).toBe(200);
    } finally {
      server.failRevocation = false;
    }
    expect(await rawConnection(t, user.userId, 'soundcloud')).toBeUndefined();
    expect(server.revoked).not.toContain(user.platformRefresh);
    const lines = t.logLines.slice(logged).join('\n');
    expect(lines).toContain('revoking a platform token failed');
    expect(lines).not.toContain(user.platformRefresh);
    expect(lines).not.toContain(user.platformAccess);
  });
});

describe('account data', () => {
  it('exports connections without tokens and deletes them (revoked upstream) with the account', async () => {
    const user = await connectedUser();
    const exported = await t.call('GET', '/user/export', { token: user.accessToken });
    expect(exported.json.data.platformConnections).toEqual([
      expect.objectContaining({ platform: 'soundcloud', platformUserId: server.userId, needsReauth: false }),
    ]);
    expect(exported.text).not.toContain(user.platformAccess);
    expect(exported.text).not.toContain(user.platformRefresh);

    const deleted = await t.call('DELETE', '/user', {
      token: user.accessToken,
      body: { currentPassword: STRONG_PASSWORD },
    });
    expect(deleted.status).toBe(200);
    expect(await rawConnection(t, user.userId, 'soundcloud')).toBeUndefined();
    expect(server.revoked).toContain(user.platformRefresh);
  });

  it('stores nothing when a connect started before the account was deleted finishes after it', async () => {
    const user = await signedInUser(t);
    const started = await t.call('POST', '/platforms/soundcloud/connect', { token: user.accessToken });
    const callback = await server.authorize(started.json.data.authUrl);
    const deleted = await t.call('DELETE', '/user', {
      token: user.accessToken,
      body: { currentPassword: STRONG_PASSWORD },
    });
    expect(deleted.status).toBe(200);

    const landed = await followCallback(t, callback);
    expect(landed.searchParams.get('error')).toBe('state_invalid');
    expect(await rawConnection(t, user.userId, 'soundcloud')).toBeUndefined();
  });
});
