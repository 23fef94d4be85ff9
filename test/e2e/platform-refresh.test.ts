import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type EmbeddedEngine, startEmbeddedEngine } from '../../src/data/embedded-engine.js';
import { type OAuth2Server, startOAuth2Server } from '../helpers/oauth2-server.js';
import { PLATFORM_CLIENTS, platformServerEnv } from '../helpers/platforms.js';
import { makeTempDir, removeDir, request, type ServerProcess, startServer } from './server-process.js';

/*
 * Two real server processes on one table: concurrent platform refreshes sent to both make one call to
 * the platform, whose refresh tokens are single use. Nothing in memory is shared; only the table is.
 */

let engine: EmbeddedEngine;
let platform: OAuth2Server;
let servers: ServerProcess[] = [];
const dirs: string[] = [];

beforeAll(async () => {
  engine = await startEmbeddedEngine();
  platform = await startOAuth2Server(PLATFORM_CLIENTS);
  const env = await platformServerEnv(platform, engine.endpoint, 'amply-e2e-platforms');
  for (const label of ['one', 'two']) dirs.push(await makeTempDir(`platforms-${label}`));
  // One after the other: the first creates the table.
  for (const dataDir of dirs) servers.push(await startServer({ dataDir, env }));
});

afterAll(async () => {
  await Promise.all(servers.map((server) => server.stop()));
  servers = [];
  await platform?.close();
  await engine?.close();
  await Promise.all(dirs.map(removeDir));
});

async function signedIn(baseUrl: string): Promise<string> {
  const email = `platforms-${randomBytes(4).toString('hex')}@example.com`;
  const password = 'Violet-Harbour-Lantern-42';
  await request(baseUrl, 'POST', '/auth/register', { body: { email, password, name: 'Listener' } });
  const outbox = await request(baseUrl, 'GET', `/dev/outbox?to=${encodeURIComponent(email)}`);
  const code = /code: (\d{6})/.exec(outbox.json.data.items[0]?.text ?? '')?.[1];
  expect((await request(baseUrl, 'POST', '/auth/confirm', { body: { email, code } })).status).toBe(200);
  return (await request(baseUrl, 'POST', '/auth/login', { body: { email, password } })).json.data.accessToken;
}

describe('platform refresh across processes', () => {
  it('makes one upstream call for 20 concurrent refreshes sent to two server processes sharing the table', async () => {
    const [one, two] = servers as [ServerProcess, ServerProcess];
    const token = await signedIn(one.baseUrl);

    // Connected with a token that expires within 5 minutes; the refreshed one will live an hour.
    platform.accessTokenTtl = 60;
    const started = await request(one.baseUrl, 'POST', '/platforms/soundcloud/connect', { token });
    const callback = await platform.authorize(started.json.data.authUrl);
    const landed = await fetch(new URL(`${callback.pathname}${callback.search}`, one.baseUrl), {
      redirect: 'manual',
    });
    const dashboard = new URL(landed.headers.get('location') as string);
    expect(dashboard.searchParams.get('platform')).toBe('soundcloud');
    const completed = await request(one.baseUrl, 'POST', '/platforms/soundcloud/complete', {
      token,
      body: { code: dashboard.searchParams.get('connect_code') },
    });
    expect(completed.status).toBe(200);
    platform.accessTokenTtl = 3600;

    const calls = platform.tokenCalls.refresh_token;
    const upstreamReached = platform.holdRefreshes();
    const answers = Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        request((i % 2 === 0 ? one : two).baseUrl, 'POST', '/platforms/soundcloud/refresh', { token }),
      ),
    );
    await upstreamReached;
    platform.release();
    const results = await answers;

    expect(results.map((result) => result.status)).toEqual(Array(20).fill(200));
    expect(platform.tokenCalls.refresh_token).toBe(calls + 1);
    expect(new Set(results.map((result) => result.json.data.accessToken)).size).toBe(1);
    expect(platform.reusedRefreshTokens).toEqual([]);
    for (const server of servers) {
      for (const issued of platform.issued) expect(server.stdout()).not.toContain(issued);
    }
  });
});
