import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type OAuth2Server, startOAuth2Server } from '../../../test/helpers/oauth2-server.js';
import { returnToApp } from '../../../test/helpers/oidc-provider.js';
import {
  connectPlatform,
  PLATFORM_CLIENTS,
  platformEnv,
  rawConnection,
} from '../../../test/helpers/platforms.js';
import {
  createTestApp,
  STRONG_PASSWORD,
  signedInUser,
  type TestApp,
} from '../../../test/helpers/test-app.js';
import { startWebhookReceiver, type WebhookReceiver } from '../../../test/helpers/webhook-receiver.js';

/*
 * A connection's status and the `connection.status_changed` events its changes publish, through the app
 * and a local OAuth 2.0 server playing SoundCloud and Spotify; events go to a real receiver on loopback.
 * Also: a stored refresh token is never replaced by an absent one, on every path that writes tokens.
 */

const MINUTE = 60_000;
let platform: OAuth2Server;
let receiver: WebhookReceiver;
let t: TestApp;

beforeAll(async () => {
  platform = await startOAuth2Server(PLATFORM_CLIENTS);
  receiver = await startWebhookReceiver();
  t = await createTestApp({
    env: {
      ...platformEnv(platform),
      AMPLY_RATE_LIMIT_PLATFORM_REFRESH: '1000/60',
      AMPLY_WEBHOOKS: JSON.stringify([{ url: `${receiver.baseUrl}/hook`, secret: 'h'.repeat(40) }]),
    },
  });
});
afterAll(async () => {
  await Promise.all([platform.close(), receiver.close()]);
});
beforeEach(() => {
  platform.refreshMode = 'ok';
  platform.issueRefreshTokens = true;
  platform.rotateRefreshTokens = true;
  platform.accessTokenTtl = 3600;
  platform.userId = `platform-user-${randomBytes(4).toString('hex')}`;
});

interface StatusChange {
  platform: string;
  status: string;
  previousStatus: string | null;
  reason: string;
}

/** Delivers what is due and answers the status changes the receiver got for `userId`, oldest first. */
async function statusChanges(userId: string): Promise<StatusChange[]> {
  await t.deps.eventDispatcher.dispatch();
  return receiver.requests
    .map((request) => JSON.parse(request.body))
    .filter((event) => event.subject === userId && event.type === 'connection.status_changed')
    .map(({ data: { platform, status, previousStatus, reason } }) => ({
      platform,
      status,
      previousStatus,
      reason,
    }));
}

async function listed(token: string) {
  return (await t.call('GET', '/user/platforms', { token })).json.data.items;
}

/** A fresh Amply session (the one from the sign-up expires within the hours these tests move through). */
async function session(email: string): Promise<string> {
  const login = await t.call('POST', '/auth/login', { body: { email, password: STRONG_PASSWORD } });
  return login.json.data.accessToken;
}

const refresh = (token: string, name = 'soundcloud') =>
  t.call('POST', `/platforms/${name}/refresh`, { token });

describe('connection status', () => {
  it('starts healthy at the first connect, announced in the same write as the connection item', async () => {
    const user = await signedInUser(t);
    await connectPlatform(t, platform, user.accessToken, 'soundcloud');

    // Before any dispatch: the event rides on the connection item itself.
    const item = await rawConnection(t, user.userId, 'soundcloud');
    expect(item?.status).toBe('healthy');
    expect(item?.stagedEvents).toEqual([
      expect.objectContaining({
        type: 'connection.status_changed',
        data: expect.objectContaining({ status: 'healthy', previousStatus: null, reason: 'connected' }),
      }),
    ]);
    expect(await listed(user.accessToken)).toEqual([
      expect.objectContaining({
        platform: 'soundcloud',
        status: 'healthy',
        connected: true,
        needsReauth: false,
      }),
    ]);
    expect(await statusChanges(user.userId)).toEqual([
      { platform: 'soundcloud', status: 'healthy', previousStatus: null, reason: 'connected' },
    ]);
  });

  it('turns needs_reauth when the platform refuses the refresh (announced once), and healthy again at a reconnect', async () => {
    const user = await signedInUser(t);
    await connectPlatform(t, platform, user.accessToken, 'soundcloud');
    t.clock.advance(56 * MINUTE);
    platform.refreshMode = 'invalid_grant';
    for (let round = 0; round < 3; round += 1) {
      expect((await refresh(user.accessToken)).json.error.code).toBe('PLATFORM_REAUTH_REQUIRED');
    }
    expect(await listed(user.accessToken)).toEqual([
      expect.objectContaining({ status: 'needs_reauth', connected: false, needsReauth: true }),
    ]);

    platform.refreshMode = 'ok';
    await connectPlatform(t, platform, user.accessToken, 'soundcloud');
    expect(await listed(user.accessToken)).toEqual([
      expect.objectContaining({ status: 'healthy', connected: true, needsReauth: false }),
    ]);
    expect((await refresh(user.accessToken)).status).toBe(200);
    expect(await statusChanges(user.userId)).toEqual([
      { platform: 'soundcloud', status: 'healthy', previousStatus: null, reason: 'connected' },
      {
        platform: 'soundcloud',
        status: 'needs_reauth',
        previousStatus: 'healthy',
        reason: 'refresh_refused',
      },
      { platform: 'soundcloud', status: 'healthy', previousStatus: 'needs_reauth', reason: 'reconnected' },
    ]);
  });

  it('turns needs_reauth when the access token expires with no refresh token to renew it', async () => {
    platform.issueRefreshTokens = false;
    const user = await signedInUser(t);
    await connectPlatform(t, platform, user.accessToken, 'spotify');
    t.clock.advance(61 * MINUTE);
    expect((await refresh(await session(user.email), 'spotify')).json.error.code).toBe(
      'PLATFORM_REAUTH_REQUIRED',
    );
    expect((await statusChanges(user.userId)).at(-1)).toEqual({
      platform: 'spotify',
      status: 'needs_reauth',
      previousStatus: 'healthy',
      reason: 'expired_without_refresh_token',
    });
  });

  it('announces nothing when a new grant replaces a healthy connection, or a refresh keeps it healthy', async () => {
    const user = await signedInUser(t);
    await connectPlatform(t, platform, user.accessToken, 'soundcloud');
    await connectPlatform(t, platform, user.accessToken, 'soundcloud');
    t.clock.advance(56 * MINUTE);
    expect((await refresh(user.accessToken)).status).toBe(200);
    expect(await statusChanges(user.userId)).toEqual([
      { platform: 'soundcloud', status: 'healthy', previousStatus: null, reason: 'connected' },
    ]);
  });

  it('announces revoked from the status the connection had, when the user disconnects and when the account goes', async () => {
    const user = await signedInUser(t);
    await connectPlatform(t, platform, user.accessToken, 'soundcloud');
    await connectPlatform(t, platform, user.accessToken, 'spotify');
    t.clock.advance(56 * MINUTE);
    platform.refreshMode = 'invalid_grant';
    await refresh(user.accessToken, 'spotify');
    expect((await t.call('DELETE', '/user/platforms/soundcloud', { token: user.accessToken })).status).toBe(
      200,
    );
    const deleted = await t.call('DELETE', '/user', {
      token: user.accessToken,
      body: { currentPassword: STRONG_PASSWORD },
    });
    expect(deleted.status).toBe(200);
    expect((await statusChanges(user.userId)).slice(3)).toEqual([
      { platform: 'soundcloud', status: 'revoked', previousStatus: 'healthy', reason: 'disconnected' },
      { platform: 'spotify', status: 'revoked', previousStatus: 'needs_reauth', reason: 'account_deleted' },
    ]);
  });
});

describe('a stored refresh token', () => {
  it('is kept when a refresh answer leaves it out, and works for the next refresh', async () => {
    platform.rotateRefreshTokens = false;
    const user = await signedInUser(t);
    await connectPlatform(t, platform, user.accessToken, 'soundcloud');
    const before = await rawConnection(t, user.userId, 'soundcloud');
    const presented = platform.presentedRefreshTokens.length;

    for (let round = 0; round < 2; round += 1) {
      t.clock.advance(56 * MINUTE);
      const refreshed = await refresh(await session(user.email));
      expect(refreshed.status).toBe(200);
      const after = await rawConnection(t, user.userId, 'soundcloud');
      expect(after?.accessToken).not.toBe(before?.accessToken);
      expect(after?.refreshToken).toBe(before?.refreshToken);
    }
    // The platform saw the one refresh token it issued at the connect, both times.
    const issued = platform.presentedRefreshTokens.slice(presented);
    expect(issued).toHaveLength(2);
    expect(new Set(issued).size).toBe(1);
    expect(platform.issued).toContain(issued[0]);
  });

  it('is kept when a new grant for the same platform account comes without one, and dropped for another account', async () => {
    const user = await signedInUser(t);
    await connectPlatform(t, platform, user.accessToken, 'soundcloud');
    const first = await rawConnection(t, user.userId, 'soundcloud');

    platform.issueRefreshTokens = false;
    await connectPlatform(t, platform, user.accessToken, 'soundcloud');
    const regranted = await rawConnection(t, user.userId, 'soundcloud');
    expect(regranted?.accessToken).not.toBe(first?.accessToken);
    expect(regranted?.refreshToken).toBe(first?.refreshToken);
    t.clock.advance(56 * MINUTE);
    expect((await refresh(user.accessToken)).status).toBe(200);

    // Another account at the platform: the earlier account's refresh token is not this grant's.
    platform.userId = `platform-user-${randomBytes(4).toString('hex')}`;
    await connectPlatform(t, platform, user.accessToken, 'soundcloud');
    const other = await rawConnection(t, user.userId, 'soundcloud');
    expect(other?.platformUserId).toBe(platform.userId);
    expect(other?.refreshToken).toBeUndefined();
  });

  it('is kept when a Spotify sign-in, which connects Spotify too, comes without one', async () => {
    const signIn = async () => {
      const started = await t.call('POST', '/auth/spotify/login', {});
      expect(started.status).toBe(200);
      const { fragment } = await returnToApp(t, await platform.authorize(started.json.data.authUrl));
      const tokens = await t.call('POST', '/auth/token', { body: { code: fragment.get('code') } });
      expect(tokens.status).toBe(200);
      return tokens.json.data.accessToken as string;
    };
    const session = await signIn();
    const { userId } = (await t.call('GET', '/user/profile', { token: session })).json.data;
    const first = await rawConnection(t, userId, 'spotify');
    expect(first?.refreshToken).toEqual(expect.any(String));

    platform.issueRefreshTokens = false;
    const again = await signIn();
    const second = await rawConnection(t, userId, 'spotify');
    expect(second?.version).toBe((first?.version as number) + 1);
    expect(second?.accessToken).not.toBe(first?.accessToken);
    expect(second?.refreshToken).toBe(first?.refreshToken);

    t.clock.advance(56 * MINUTE);
    const presented = platform.presentedRefreshTokens.length;
    const refreshed = await t.call('POST', '/auth/spotify/refresh', { token: again });
    expect(refreshed.status).toBe(200);
    // The refresh presented the token of the first sign-in's grant.
    expect(platform.presentedRefreshTokens.slice(presented)).toHaveLength(1);
    expect(platform.issued).toContain(platform.presentedRefreshTokens.at(-1));
  });
});
