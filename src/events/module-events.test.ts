import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type OAuth2Server, startOAuth2Server } from '../../test/helpers/oauth2-server.js';
import {
  authorizeAtProvider,
  oidcProviderEnv,
  startTestOidcProvider,
} from '../../test/helpers/oidc-provider.js';
import { connectPlatform, PLATFORM_CLIENTS, platformEnv } from '../../test/helpers/platforms.js';
import {
  createTestApp,
  STRONG_PASSWORD,
  signedInUser,
  type TestApp,
  uniqueEmail,
} from '../../test/helpers/test-app.js';
import { startWebhookReceiver, type WebhookReceiver } from '../../test/helpers/webhook-receiver.js';
import type { DevOidcProvider } from '../dev/oidc-provider.js';

/*
 * What identity and connections tell other systems, end to end in-process: the app's own routes make
 * the changes, its dispatcher delivers to a real HTTP receiver on loopback.
 */

const MINUTE = 60_000;
let receiver: WebhookReceiver;
let platforms: OAuth2Server;
let dev: DevOidcProvider;
let t: TestApp;

beforeAll(async () => {
  receiver = await startWebhookReceiver();
  platforms = await startOAuth2Server(PLATFORM_CLIENTS);
  dev = await startTestOidcProvider();
  t = await createTestApp({
    env: {
      ...platformEnv(platforms),
      ...oidcProviderEnv(dev, ['google']),
      AMPLY_RATE_LIMIT_PLATFORM_REFRESH: '1000/60',
      AMPLY_WEBHOOKS: JSON.stringify([{ url: `${receiver.baseUrl}/hook`, secret: 'w'.repeat(40) }]),
    },
  });
});
afterAll(async () => {
  await Promise.all([receiver.close(), platforms.close(), dev.close()]);
});
beforeEach(() => {
  platforms.refreshMode = 'ok';
});

/** Runs the dispatcher and answers the events the receiver has for `subject`, in the order they came. */
async function deliveredTo(subject: string) {
  await t.deps.eventDispatcher.dispatch();
  return receiver.requests
    .map((request) => JSON.parse(request.body))
    .filter((event: { subject: string }) => event.subject === subject) as {
    type: string;
    data: Record<string, unknown>;
  }[];
}

async function rawItem(pk: string, sk: string) {
  const client = await t.deps.db.documentClient();
  const result = await client.send(
    new GetCommand({ TableName: t.deps.db.tableName, Key: { pk, sk }, ConsistentRead: true }),
  );
  return result.Item;
}

describe('events the modules publish', () => {
  it('tells of a sign-up and a sign-in, each written in the same item write as its change', async () => {
    const user = await signedInUser(t);

    // Confirmed with its event on board: the user item carries it until the dispatcher has it.
    const profile = await rawItem(`USER#${user.userId}`, 'PROFILE');
    expect(profile?.stagedEvents).toMatchObject([{ type: 'user.created', subject: user.userId }]);

    const events = await deliveredTo(user.userId);
    expect(events).toEqual([
      expect.objectContaining({
        type: 'user.created',
        data: { userId: user.userId, email: user.email, provider: 'password' },
      }),
      expect.objectContaining({
        type: 'user.signed_in',
        data: { userId: user.userId, sessionId: expect.stringMatching(/^ses_/), methods: ['password'] },
      }),
    ]);
    expect((await rawItem(`USER#${user.userId}`, 'PROFILE'))?.stagedEvents).toBeUndefined();
  });

  it('tells of connections made, of one that needs a new grant once, of a removed one, and of the account deleted last', async () => {
    const user = await signedInUser(t);
    await connectPlatform(t, platforms, user.accessToken, 'soundcloud');
    await connectPlatform(t, platforms, user.accessToken, 'spotify');
    t.clock.advance(56 * MINUTE);
    platforms.refreshMode = 'invalid_grant';
    for (let round = 0; round < 2; round += 1) {
      const refused = await t.call('POST', '/platforms/soundcloud/refresh', { token: user.accessToken });
      expect(refused.json.error.code).toBe('PLATFORM_REAUTH_REQUIRED');
    }
    expect((await t.call('DELETE', '/user/platforms/spotify', { token: user.accessToken })).status).toBe(200);
    const deleted = await t.call('DELETE', '/user', {
      token: user.accessToken,
      body: { currentPassword: STRONG_PASSWORD },
    });
    expect(deleted.status).toBe(200);

    const events = await deliveredTo(user.userId);
    expect(events.map((event) => event.type)).toEqual([
      'user.created',
      'user.signed_in',
      'connection.status_changed',
      'connection.status_changed',
      'connection.status_changed',
      'connection.status_changed',
      'connection.status_changed',
      'user.deleted',
    ]);
    const [soundcloud, spotify, needsReauth, disconnected, removedWithAccount] = events
      .slice(2, 7)
      .map((event) => event.data);
    expect(soundcloud).toEqual({
      userId: user.userId,
      platform: 'soundcloud',
      platformUserId: expect.any(String),
      status: 'healthy',
      previousStatus: null,
      reason: 'connected',
    });
    expect(spotify).toMatchObject({ platform: 'spotify', status: 'healthy', previousStatus: null });
    expect(needsReauth).toEqual({
      userId: user.userId,
      platform: 'soundcloud',
      platformUserId: expect.any(String),
      status: 'needs_reauth',
      previousStatus: 'healthy',
      reason: 'refresh_refused',
    });
    expect(disconnected).toMatchObject({ platform: 'spotify', status: 'revoked', reason: 'disconnected' });
    expect(removedWithAccount).toMatchObject({
      platform: 'soundcloud',
      status: 'revoked',
      previousStatus: 'needs_reauth',
      reason: 'account_deleted',
    });
    expect(events[7]?.data).toEqual({ userId: user.userId });
  });

  it('tells of an account made by a first SSO sign-in, and of that sign-in', async () => {
    const email = uniqueEmail('sso');
    const started = await t.call('POST', '/auth/google/login', {});
    const callback = await authorizeAtProvider(started.json.data.authUrl, { email, name: 'Sso User' });
    const redirected = await t.app.request(`${callback.pathname}${callback.search}`);
    const fragment = new URLSearchParams(new URL(redirected.headers.get('location') as string).hash.slice(1));
    const exchanged = await t.call('POST', '/auth/token', { body: { code: fragment.get('code') } });
    expect(exchanged.status).toBe(200);
    const profile = (await t.call('GET', '/user/profile', { token: exchanged.json.data.accessToken })).json
      .data;

    const events = await deliveredTo(profile.userId);
    expect(events.map((event) => [event.type, event.data.provider ?? event.data.methods])).toEqual([
      ['user.created', 'google'],
      ['user.signed_in', ['sso']],
    ]);
  });
});
