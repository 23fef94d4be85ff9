import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { type OAuth2Server, startOAuth2Server } from '../../../test/helpers/oauth2-server.js';
import {
  connectPlatform,
  PLATFORM_CLIENTS,
  platformEnv,
  rawConnection,
} from '../../../test/helpers/platforms.js';
import { createTestApp, signedInUser, type TestApp } from '../../../test/helpers/test-app.js';

/*
 * The proactive refresh (`amply refresh-connections`, the scheduled function) in-process, against a local
 * OAuth 2.0 server playing SoundCloud and Spotify. Each test has a table of its own: a run looks at every
 * connection in the table.
 */

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
let platform: OAuth2Server;

beforeAll(async () => {
  platform = await startOAuth2Server(PLATFORM_CLIENTS);
});
afterAll(() => platform.close());
beforeEach(() => {
  platform.refreshMode = 'ok';
  platform.issueRefreshTokens = true;
  platform.accessTokenTtl = 3600;
});

const freshApp = (env: Record<string, string> = platformEnv(platform)) =>
  createTestApp({ env: { ...env, AMPLY_RATE_LIMIT_PLATFORM_REFRESH: '1000/60' } });

/** A signed-in user with `name` connected, its access token living `ttlSeconds`. */
async function connected(t: TestApp, name = 'soundcloud', ttlSeconds = 3600) {
  platform.userId = `platform-user-${randomBytes(4).toString('hex')}`;
  platform.accessTokenTtl = ttlSeconds;
  const user = await signedInUser(t);
  await connectPlatform(t, platform, user.accessToken, name);
  platform.accessTokenTtl = 3600;
  return user;
}

/** The status changes recorded for a user, oldest first (`GET /dev/events`, as a developer reads them). */
async function statusChanges(t: TestApp, userId: string) {
  t.setIp('127.0.0.1');
  try {
    const page = await t.call('GET', `/dev/events?subject=${userId}`);
    return (page.json.data.items as { type: string; data: Record<string, unknown> }[])
      .filter((event) => event.type === 'connection.status_changed')
      .map((event) => `${event.data.previousStatus} → ${event.data.status} (${event.data.reason})`)
      .reverse();
  } finally {
    t.setIp('198.51.100.7');
  }
}

/**
 * Watches for the next read of a connection item: `read` resolves once it has been sent to the table.
 * Only watches: every call goes on to the table unchanged, and the watch ends with that read.
 */
async function watchConnectionRead(t: TestApp): Promise<{ read: Promise<void> }> {
  const client = await t.deps.db.documentClient();
  const send = client.send.bind(client);
  let seen = () => {};
  const read = new Promise<void>((resolve) => {
    seen = resolve;
  });
  type Command = { constructor: { name: string }; input: { Key?: { sk?: string } } };
  const watch = vi.spyOn(client, 'send').mockImplementation(((command: Command) => {
    const sent = send(command as never);
    if (command.constructor.name === 'GetCommand' && command.input.Key?.sk?.startsWith('PLATFORM#')) {
      watch.mockRestore();
      seen();
    }
    return sent;
  }) as typeof client.send);
  return { read };
}

describe('the proactive refresh', () => {
  it('refreshes only the healthy connections whose access token expires within the window, each once', async () => {
    const t = await freshApp();
    const soon = await connected(t, 'soundcloud', 600);
    const withinTheHour = await connected(t, 'spotify', 3000);
    const later = await connected(t, 'soundcloud', 3 * 3600);
    platform.issueRefreshTokens = false;
    const withoutRefreshToken = await connected(t, 'spotify', 60);
    platform.issueRefreshTokens = true;
    const before = new Map<string, unknown>();
    for (const user of [soon, withinTheHour, later, withoutRefreshToken]) {
      const name = user === withinTheHour || user === withoutRefreshToken ? 'spotify' : 'soundcloud';
      before.set(user.userId, (await rawConnection(t, user.userId, name))?.accessToken);
    }
    // Refreshed tokens live two hours: outside the window, so a second run has nothing to do.
    platform.accessTokenTtl = 2 * 3600;
    const calls = platform.tokenCalls.refresh_token;

    const report = await t.modules.connections.refreshExpiring({ withinMs: HOUR });

    expect(report).toEqual({
      until: new Date(t.clock.now() + HOUR).toISOString(),
      refreshed: 2,
      fresh: 0,
      needsReauth: 0,
      failed: 0,
      skipped: 0,
      finished: true,
    });
    expect(platform.tokenCalls.refresh_token).toBe(calls + 2);
    expect((await rawConnection(t, soon.userId, 'soundcloud'))?.accessToken).not.toBe(
      before.get(soon.userId),
    );
    expect((await rawConnection(t, withinTheHour.userId, 'spotify'))?.accessToken).not.toBe(
      before.get(withinTheHour.userId),
    );
    expect((await rawConnection(t, later.userId, 'soundcloud'))?.accessToken).toBe(before.get(later.userId));
    expect((await rawConnection(t, withoutRefreshToken.userId, 'spotify'))?.accessToken).toBe(
      before.get(withoutRefreshToken.userId),
    );
    // The refreshed token is the one the user's next refresh answers, without another upstream call.
    const answered = await t.call('POST', '/platforms/soundcloud/refresh', { token: soon.accessToken });
    expect(platform.issued).toContain(answered.json.data.accessToken);
    expect(answered.json.data.expiresIn).toBe(2 * 3600);

    const again = await t.modules.connections.refreshExpiring({ withinMs: HOUR });
    expect(again).toMatchObject({ refreshed: 0, fresh: 0, failed: 0, finished: true });
    expect(platform.tokenCalls.refresh_token).toBe(calls + 2);
  });

  it('marks a connection whose grant the platform refuses needs_reauth, announced once, and leaves it out of later runs', async () => {
    const t = await freshApp();
    const user = await connected(t);
    platform.refreshMode = 'invalid_grant';
    const calls = platform.tokenCalls.refresh_token;

    const report = await t.modules.connections.refreshExpiring({ withinMs: 24 * HOUR });
    expect(report).toMatchObject({ refreshed: 0, needsReauth: 1, failed: 0 });
    expect(platform.tokenCalls.refresh_token).toBe(calls + 1);
    const [listed] = (await t.call('GET', '/user/platforms', { token: user.accessToken })).json.data.items;
    expect(listed).toMatchObject({ status: 'needs_reauth', needsReauth: true, connected: false });
    const security = (await t.call('GET', '/user/security-events', { token: user.accessToken })).json.data
      .items;
    expect(security.map((event: { type: string }) => event.type)).toContain('platform.reauth_required');

    const later = await t.modules.connections.refreshExpiring({ withinMs: 24 * HOUR });
    expect(later).toMatchObject({ refreshed: 0, needsReauth: 0, failed: 0 });
    expect(platform.tokenCalls.refresh_token).toBe(calls + 1);
    expect(await statusChanges(t, user.userId)).toEqual([
      'null → healthy (connected)',
      'healthy → needs_reauth (refresh_refused)',
    ]);
  });

  it("makes exactly one upstream call when it starts while a user's refresh is at the platform", async () => {
    const t = await freshApp();
    const user = await connected(t, 'soundcloud', 120);
    const calls = platform.tokenCalls.refresh_token;

    const upstreamReached = platform.holdRefreshes();
    const answer = t.call('POST', '/platforms/soundcloud/refresh', { token: user.accessToken });
    await upstreamReached;
    const runRead = await watchConnectionRead(t);
    const run = t.modules.connections.refreshExpiring({ withinMs: 24 * HOUR });
    await runRead.read; // it reads the connection, finds it leased, and waits
    platform.release();
    const [answered, report] = await Promise.all([answer, run]);

    expect(platform.tokenCalls.refresh_token).toBe(calls + 1);
    expect(platform.reusedRefreshTokens).toEqual([]);
    expect(answered.status).toBe(200);
    expect(platform.issued).toContain(answered.json.data.accessToken);
    expect(report).toMatchObject({ refreshed: 0, fresh: 1, failed: 0 });
  });

  it("makes exactly one upstream call when a user's refresh comes while the run is at the platform", async () => {
    const t = await freshApp();
    const user = await connected(t, 'soundcloud', 120);
    const calls = platform.tokenCalls.refresh_token;

    const upstreamReached = platform.holdRefreshes();
    const run = t.modules.connections.refreshExpiring({ withinMs: 24 * HOUR });
    await upstreamReached;
    const userRead = await watchConnectionRead(t);
    const answer = t.call('POST', '/platforms/soundcloud/refresh', { token: user.accessToken });
    await userRead.read; // it reads the connection, finds it leased, and waits
    platform.release();
    const [report, answered] = await Promise.all([run, answer]);

    expect(platform.tokenCalls.refresh_token).toBe(calls + 1);
    expect(platform.reusedRefreshTokens).toEqual([]);
    expect(report).toMatchObject({ refreshed: 1, fresh: 0, failed: 0 });
    expect(answered.status).toBe(200);
    // The user got the access token the run obtained.
    expect(answered.json.data.accessToken).toBe(
      platform.issued.filter((token) => token.startsWith('at_')).at(-1),
    );
  });

  it('counts a platform failure as failed, keeps the stored tokens, and refreshes the connection at the next run', async () => {
    const t = await freshApp();
    const user = await connected(t);
    const before = await rawConnection(t, user.userId, 'soundcloud');
    platform.refreshMode = 'error';
    const logged = t.logLines.length;

    expect(await t.modules.connections.refreshExpiring({ withinMs: 24 * HOUR })).toMatchObject({
      refreshed: 0,
      failed: 1,
    });
    expect(await rawConnection(t, user.userId, 'soundcloud')).toMatchObject({
      accessToken: before?.accessToken,
      refreshToken: before?.refreshToken,
      status: 'healthy',
    });
    const lines = t.logLines.slice(logged).join('\n');
    expect(lines).toContain('proactive refresh of a connection failed');
    for (const token of platform.issued) expect(lines).not.toContain(token);

    platform.refreshMode = 'ok';
    expect(await t.modules.connections.refreshExpiring({ withinMs: 24 * HOUR })).toMatchObject({
      refreshed: 1,
      failed: 0,
    });
  });

  it('skips connections of a platform this process has no configuration for, without touching them', async () => {
    const configured = await freshApp();
    const user = await connected(configured);
    const before = await rawConnection(configured, user.userId, 'soundcloud');
    const unconfigured = await createTestApp({ db: configured.deps.db, clock: configured.clock });
    const calls = platform.tokenCalls.refresh_token;

    const report = await unconfigured.modules.connections.refreshExpiring({ withinMs: 24 * HOUR });
    expect(report).toMatchObject({ refreshed: 0, skipped: 1, failed: 0 });
    expect(platform.tokenCalls.refresh_token).toBe(calls);
    expect(await rawConnection(configured, user.userId, 'soundcloud')).toEqual(before);
  });

  it('starts no connection after its deadline and says it did not finish', async () => {
    const t = await freshApp();
    await connected(t);
    const calls = platform.tokenCalls.refresh_token;
    const report = await t.modules.connections.refreshExpiring({
      withinMs: 24 * HOUR,
      deadline: t.clock.now(),
    });
    expect(report).toMatchObject({ refreshed: 0, finished: false });
    expect(platform.tokenCalls.refresh_token).toBe(calls);
  });
});
