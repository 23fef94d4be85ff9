import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type EmbeddedEngine, startEmbeddedEngine } from '../../src/data/embedded-engine.js';
import { type OAuth2Server, startOAuth2Server } from '../helpers/oauth2-server.js';
import { PLATFORM_CLIENTS, platformServerEnv } from '../helpers/platforms.js';
import {
  invokeBundle,
  makeTempDir,
  removeDir,
  request,
  runCli,
  type ServerProcess,
  signedUpUser,
  startServer,
} from './server-process.js';

/*
 * The proactive refresh as an operator runs it: `amply refresh-connections` (dist/cli.mjs) and the
 * scheduled function's bundle (dist/lambda-refresh-connections/index.mjs) in their own processes, next to
 * the server, on one table, against a local OAuth 2.0 server playing SoundCloud.
 */

let engine: EmbeddedEngine;
let platform: OAuth2Server;
let server: ServerProcess;
let env: Record<string, string>;
let dir: string;

beforeAll(async () => {
  dir = await makeTempDir('refresh-connections');
  engine = await startEmbeddedEngine();
  platform = await startOAuth2Server(PLATFORM_CLIENTS);
  env = await platformServerEnv(platform, engine.endpoint, 'amply-e2e-refresh-connections');
  server = await startServer({ dataDir: dir, env });
});

afterAll(async () => {
  await server?.stop();
  await platform?.close();
  await engine?.close();
  await removeDir(dir);
});

/** A new user of the server with SoundCloud connected, its access token living `ttlSeconds`. */
async function connectedUser(ttlSeconds: number): Promise<string> {
  const { accessToken } = await signedUpUser(server.baseUrl, 'refresh');
  platform.userId = `platform-user-${randomBytes(4).toString('hex')}`;
  platform.accessTokenTtl = ttlSeconds;
  try {
    const started = await request(server.baseUrl, 'POST', '/platforms/soundcloud/connect', {
      token: accessToken,
    });
    const callback = await platform.authorize(started.json.data.authUrl);
    const landed = await fetch(new URL(`${callback.pathname}${callback.search}`, server.baseUrl), {
      redirect: 'manual',
    });
    const code = new URL(landed.headers.get('location') as string).searchParams.get('connect_code');
    const completed = await request(server.baseUrl, 'POST', '/platforms/soundcloud/complete', {
      token: accessToken,
      body: { code },
    });
    expect(completed.status).toBe(200);
  } finally {
    platform.accessTokenTtl = 3600;
  }
  return accessToken;
}

const cli = (...args: string[]) => runCli(['refresh-connections', ...args], { dataDir: dir, env });

describe('amply refresh-connections', () => {
  it('refreshes the connections expiring within the window, whose new tokens the server then hands out', async () => {
    const token = await connectedUser(600);
    const calls = platform.tokenCalls.refresh_token;

    const quiet = await cli('--within', '5m');
    expect(quiet.code).toBe(0);
    expect(quiet.stdout).toMatch(/^Refreshed 0 platform connection\(s\) expiring by /m);
    expect(platform.tokenCalls.refresh_token).toBe(calls);

    const run = await cli('--within', '15m');
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(
      /^Refreshed 1 platform connection\(s\) expiring by \S+: 0 already fresh, 0 need a reconnect, 0 failed, 0 skipped$/m,
    );
    expect(platform.tokenCalls.refresh_token).toBe(calls + 1);

    const answered = await request(server.baseUrl, 'POST', '/platforms/soundcloud/refresh', { token });
    expect(answered.status).toBe(200);
    expect(answered.json.data.accessToken).toBe(platform.issued.filter((t) => t.startsWith('at_')).at(-1));
    expect(platform.tokenCalls.refresh_token).toBe(calls + 1);
    for (const issued of platform.issued) expect(`${run.stdout}${run.stderr}`).not.toContain(issued);
  });

  it('exits 1 and says so when a platform fails, the next run refreshing what failed; refuses a window it cannot read', async () => {
    await connectedUser(60);
    platform.refreshMode = 'error';
    try {
      const failed = await cli('--within', '2m');
      expect(failed.code).toBe(1);
      expect(failed.stdout).toMatch(/ 1 failed, /);
    } finally {
      platform.refreshMode = 'ok';
    }
    const next = await cli('--within', '2m');
    expect(next.code).toBe(0);
    expect(next.stdout).toMatch(/^Refreshed 1 platform connection\(s\).* 0 failed, /m);
    const unreadable = await cli('--within', 'soon');
    expect(unreadable.code).toBe(1);
    expect(unreadable.stderr).toBe('amply: --within takes an age such as 90m, 24h or 2d\n');
  });
});

describe('the scheduled function', () => {
  it('runs the same refresh from a schedule event, with the window it names, and reports what it did', async () => {
    await connectedUser(60);
    const calls = platform.tokenCalls.refresh_token;
    // A deployed function's configuration: a stage with its secrets given, the same table and platforms.
    const functionEnv = {
      ...env,
      AMPLY_STAGE: 'staging',
      AMPLY_PUBLIC_URL: 'https://api.example.com',
      AMPLY_MAIL_TRANSPORT: 'smtp',
      AMPLY_SMTP_URL: 'smtp://127.0.0.1:9',
      AMPLY_S3_BUCKET: 'amply-staging-media',
      AWS_REGION: 'us-east-1',
    };
    const schedule = { source: 'aws.events', 'detail-type': 'Scheduled Event', detail: {}, within: '2m' };
    const [report] = await invokeBundle('dist/lambda-refresh-connections/index.mjs', [schedule], {
      dir,
      env: functionEnv,
    });
    expect(report).toMatchObject({ refreshed: 1, failed: 0, finished: true });
    expect(platform.tokenCalls.refresh_token).toBe(calls + 1);
  });
});
