import { randomBytes } from 'node:crypto';
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type OAuth2Server, startOAuth2Server } from '../../../test/helpers/oauth2-server.js';
import {
  followCallback,
  PLATFORM_CLIENTS,
  platformEnv,
  rawConnection,
} from '../../../test/helpers/platforms.js';
import { createTestApp, signedInUser, type TestApp } from '../../../test/helpers/test-app.js';
import { sha256 } from '../../security/keyed-hash.js';

/*
 * A connect is bound to the account that started it: the callback stores nothing and hands the frontend a
 * one-time code, which only that account can redeem. In-process, against a local OAuth 2.0 server playing
 * SoundCloud and Spotify. (The same lured browser in real Chromium: test/e2e/lured-browser.test.ts.)
 */

let server: OAuth2Server;
let t: TestApp;

beforeAll(async () => {
  server = await startOAuth2Server(PLATFORM_CLIENTS);
  t = await createTestApp({ env: platformEnv(server) });
});

afterAll(() => server.close());

beforeEach(() => {
  server.userId = `platform-user-${randomBytes(4).toString('hex')}`;
});

/**
 * `starter` starts connecting `platform`; whoever's browser it is consents at the platform and lands on the
 * dashboard. Answers the code in that redirect and the tokens the platform issued for the grant.
 */
async function finishedAtPlatform(app: TestApp, starter: { accessToken: string }, platform = 'soundcloud') {
  const started = await app.call('POST', `/platforms/${platform}/connect`, { token: starter.accessToken });
  const before = server.issued.length;
  const callback = await server.authorize(started.json.data.authUrl);
  const response = await app.app.request(`${callback.pathname}${callback.search}`);
  expect(response.status).toBe(302);
  // The code is in the query: the redirect must not hand it on in a Referer.
  expect(response.headers.get('referrer-policy')).toBe('no-referrer');
  const landed = new URL(response.headers.get('location') as string);
  expect(landed.origin + landed.pathname).toBe('http://localhost:5173/dashboard');
  expect(landed.searchParams.get('platform')).toBe(platform);
  const code = landed.searchParams.get('connect_code') as string;
  expect(code).toMatch(/^[A-Za-z0-9_-]{43}$/);
  return { code, issued: server.issued.slice(before) };
}

const redeem = (app: TestApp, token: string, code: unknown, platform = 'soundcloud') =>
  app.call('POST', `/platforms/${platform}/complete`, { token, body: { code } });

async function eventsOf(token: string) {
  const items = (await t.call('GET', '/user/security-events', { token })).json.data.items;
  return items as Array<{ type: string; reason: string | null; ip: string | null; userAgent: string | null }>;
}

describe('redeeming a connect', () => {
  it('stores nothing at the callback; the starter redeems the code and is connected', async () => {
    const alice = await signedInUser(t, 'alice');
    const { code, issued } = await finishedAtPlatform(t, alice);
    expect(await rawConnection(t, alice.userId, 'soundcloud')).toBeUndefined();

    const completed = await redeem(t, alice.accessToken, code);
    expect(completed.status).toBe(200);
    expect(completed.json.data).toEqual({ platform: 'soundcloud', connected: true });
    const refreshed = await t.call('POST', '/platforms/soundcloud/refresh', { token: alice.accessToken });
    expect(refreshed.json.data.accessToken).toBe(issued[0]);
    expect((await eventsOf(alice.accessToken)).map((event) => event.type)).toContain('platform.connected');
    expect(server.revoked).not.toContain(issued[0]);
  });

  it("refuses another account's redemption (403): nothing stored for either, tokens revoked at the platform, the starter told without the redeemer's details", async () => {
    const alice = await signedInUser(t, 'starter');
    const bob = await signedInUser(t, 'lured');
    const logged = t.logLines.length;
    // Alice sends Bob her authorization URL; Bob consents, and his frontend redeems with his session.
    const { code, issued } = await finishedAtPlatform(t, alice);
    t.setIp('203.0.113.99');
    const refused = await t.app.request('/platforms/soundcloud/complete', {
      method: 'POST',
      headers: {
        authorization: `Bearer ${bob.accessToken}`,
        'content-type': 'application/json',
        'user-agent': 'Bob-Browser/1.0',
      },
      body: JSON.stringify({ code }),
    });
    t.setIp('198.51.100.7');
    expect(refused.status).toBe(403);
    expect(((await refused.json()) as { error: { code: string } }).error.code).toBe(
      'OAUTH_STARTED_BY_ANOTHER_ACCOUNT',
    );

    expect(await rawConnection(t, alice.userId, 'soundcloud')).toBeUndefined();
    expect(await rawConnection(t, bob.userId, 'soundcloud')).toBeUndefined();
    expect(server.revoked).toEqual(expect.arrayContaining(issued));
    // The code is spent: not even the starter can use it now.
    expect((await redeem(t, alice.accessToken, code)).json.error.code).toBe('AUTH_CODE_INVALID');
    expect(await rawConnection(t, alice.userId, 'soundcloud')).toBeUndefined();

    const told = (await eventsOf(alice.accessToken)).find(
      (event) => event.type === 'platform.connect_redeemed_elsewhere',
    );
    expect(told).toMatchObject({ reason: 'soundcloud', ip: null, userAgent: null });
    expect((await eventsOf(bob.accessToken)).map((event) => event.type)).not.toContain(
      'platform.connect_redeemed_elsewhere',
    );
    const lines = t.logLines.slice(logged).join('\n');
    expect(lines).toContain('redeemed by another account');
    for (const secret of [code, ...issued]) expect(lines).not.toContain(secret);
  });

  it('refuses a code after its 60 seconds (AUTH_CODE_EXPIRED), storing nothing and revoking its tokens', async () => {
    const alice = await signedInUser(t, 'slow');
    const { code, issued } = await finishedAtPlatform(t, alice);
    t.clock.advance(60 * 1000);
    const late = await redeem(t, alice.accessToken, code);
    expect(late.status).toBe(400);
    expect(late.json.error.code).toBe('AUTH_CODE_EXPIRED');
    expect(await rawConnection(t, alice.userId, 'soundcloud')).toBeUndefined();
    expect(server.revoked).toEqual(expect.arrayContaining(issued));
  });

  it('accepts a code once: a second redemption is AUTH_CODE_INVALID and leaves the connection as it was', async () => {
    const alice = await signedInUser(t, 'twice');
    const { code } = await finishedAtPlatform(t, alice);
    expect((await redeem(t, alice.accessToken, code)).status).toBe(200);
    const stored = await rawConnection(t, alice.userId, 'soundcloud');
    const again = await redeem(t, alice.accessToken, code);
    expect(again.status).toBe(400);
    expect(again.json.error.code).toBe('AUTH_CODE_INVALID');
    expect(await rawConnection(t, alice.userId, 'soundcloud')).toEqual(stored);
  });

  it("refuses another platform's code (AUTH_CODE_INVALID) and spends it: neither platform is connected", async () => {
    const alice = await signedInUser(t, 'crossed');
    const { code, issued } = await finishedAtPlatform(t, alice, 'spotify');
    const crossed = await redeem(t, alice.accessToken, code, 'soundcloud');
    expect(crossed.status).toBe(400);
    expect(crossed.json.error.code).toBe('AUTH_CODE_INVALID');
    expect((await redeem(t, alice.accessToken, code, 'spotify')).json.error.code).toBe('AUTH_CODE_INVALID');
    expect(await rawConnection(t, alice.userId, 'soundcloud')).toBeUndefined();
    expect(await rawConnection(t, alice.userId, 'spotify')).toBeUndefined();
    expect(server.revoked).toEqual(expect.arrayContaining(issued));
  });

  it('connects once for ten redemptions of one code sent at once', async () => {
    const alice = await signedInUser(t, 'race');
    const { code } = await finishedAtPlatform(t, alice);
    const answers = await Promise.all(Array.from({ length: 10 }, () => redeem(t, alice.accessToken, code)));
    expect(answers.filter((answer) => answer.status === 200)).toHaveLength(1);
    expect(answers.filter((answer) => answer.json.error?.code === 'AUTH_CODE_INVALID')).toHaveLength(9);
    expect((await rawConnection(t, alice.userId, 'soundcloud'))?.version).toBe(1);
    const connected = (await eventsOf(alice.accessToken)).filter(
      (event) => event.type === 'platform.connected',
    );
    expect(connected).toHaveLength(1);
  });

  it('holds the pending tokens sealed, under the hash of the code only, with a TTL', async () => {
    const alice = await signedInUser(t, 'sealed');
    const { code, issued } = await finishedAtPlatform(t, alice);
    const { Item } = await (await t.deps.db.documentClient()).send(
      new GetCommand({
        TableName: t.deps.db.tableName,
        Key: { pk: `GRANT#${sha256(code)}`, sk: 'GRANT' },
        ConsistentRead: true,
      }),
    );
    expect(Item).toMatchObject({
      userId: alice.userId,
      provider: 'soundcloud',
      purpose: 'platform',
      ttl: Math.floor((t.clock.now() + 60_000) / 1000),
      accessToken: expect.stringMatching(/^v1\.test-1\./),
      refreshToken: expect.stringMatching(/^v1\.test-1\./),
    });
    const raw = JSON.stringify(Item);
    for (const secret of [code, ...issued]) expect(raw).not.toContain(secret);
  });

  it('answers 400 for a malformed code and 401 without a token', async () => {
    const alice = await signedInUser(t, 'malformed');
    const malformed = await redeem(t, alice.accessToken, 'not a code');
    expect(malformed.status).toBe(400);
    expect(malformed.json.error.details).toEqual([expect.objectContaining({ field: 'code' })]);
    const { code } = await finishedAtPlatform(t, alice);
    const anonymous = await t.call('POST', '/platforms/soundcloud/complete', { body: { code } });
    expect(anonymous.status).toBe(401);
    // The code survives an unauthenticated attempt.
    expect((await redeem(t, alice.accessToken, code)).status).toBe(200);
  });
});

describe('AMPLY_CONNECT_REDEMPTION=off (the one-step callback)', () => {
  it('stores the connection at the callback and redirects with ?connected=, issuing no code', async () => {
    const oneStep = await createTestApp({ env: { ...platformEnv(server), AMPLY_CONNECT_REDEMPTION: 'off' } });
    const alice = await signedInUser(oneStep, 'legacy');
    const started = await oneStep.call('POST', '/platforms/soundcloud/connect', { token: alice.accessToken });
    const landed = await followCallback(oneStep, await server.authorize(started.json.data.authUrl));
    expect(landed.href).toBe('http://localhost:5173/dashboard?connected=soundcloud');
    expect(await rawConnection(oneStep, alice.userId, 'soundcloud')).toMatchObject({
      platformUserId: server.userId,
      version: 1,
    });
    const code = randomBytes(32).toString('base64url');
    expect((await redeem(oneStep, alice.accessToken, code)).json.error.code).toBe('AUTH_CODE_INVALID');
  });
});
