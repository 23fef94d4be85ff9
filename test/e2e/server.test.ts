import { access, readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { freePort } from '../helpers/engines.js';
import {
  childEnv,
  E2E_PASSWORD,
  login,
  registerAndReadCode,
  request,
  runNode,
  serverPool,
  uniqueAddress,
} from './server-process.js';

const pool = serverPool('server');
const { freshDataDir, start } = pool;
const stop = pool.stop;

const email = uniqueAddress;

async function readKeyFiles(dataDir: string): Promise<Record<string, string>> {
  const dir = join(dataDir, 'keys');
  const names = (await readdir(dir)).sort();
  return Object.fromEntries(
    await Promise.all(names.map(async (name) => [name, await readFile(join(dir, name), 'utf8')] as const)),
  );
}

async function confirmedUser(baseUrl: string, address: string) {
  const { code } = await registerAndReadCode(baseUrl, address);
  const confirmed = await request(baseUrl, 'POST', '/auth/confirm', { body: { email: address, code } });
  expect(confirmed.status).toBe(200);
}

afterEach(pool.stopAll);

afterAll(async () => {
  await pool.removeAll();
});

describe('the server started as `npm start` does', () => {
  it('takes a user from registration through confirmation, login, refresh and logout over HTTP', async () => {
    const dataDir = await freshDataDir();
    const server = await start(dataDir);
    const base = server.baseUrl;
    const address = email('journey');

    const registered = await request(base, 'POST', '/auth/register', {
      body: { email: address, password: E2E_PASSWORD, name: 'Journey Tester' },
    });
    expect(registered.status).toBe(202);
    expect(registered.json.success).toBe(true);

    // The confirmation mail is listed by /dev/outbox and is also a JSON file in <dataDir>/outbox/.
    const outbox = await request(base, 'GET', `/dev/outbox?to=${encodeURIComponent(address)}`);
    expect(outbox.status).toBe(200);
    const items = outbox.json.data.items as Array<Record<string, string>>;
    expect(items).toHaveLength(1);
    const message = items[0] as Record<string, string>;
    expect(message.to).toBe(address);
    const code = /Your code: (\d{6})/.exec(message.text ?? '')?.[1];
    expect(code).toMatch(/^\d{6}$/);
    const outboxDir = join(dataDir, 'outbox');
    const files = (await readdir(outboxDir)).filter((name) => name.endsWith('.json'));
    const onDisk = await Promise.all(
      files.map(async (name) => JSON.parse(await readFile(join(outboxDir, name), 'utf8')) as unknown),
    );
    expect(onDisk).toContainEqual(message);
    expect(Object.keys(message).sort()).toEqual(['html', 'sentAt', 'subject', 'text', 'to']);

    const confirmed = await request(base, 'POST', '/auth/confirm', { body: { email: address, code } });
    expect(confirmed.status).toBe(200);

    const loggedIn = await request(base, 'POST', '/auth/login', {
      body: { email: address, password: E2E_PASSWORD },
    });
    expect(loggedIn.status).toBe(200);
    expect(loggedIn.headers.get('cache-control')).toContain('no-store');
    const first = loggedIn.json.data;
    expect(first).toEqual({
      accessToken: expect.any(String),
      idToken: expect.any(String),
      refreshToken: expect.any(String),
      expiresIn: 3600,
      tokenType: 'Bearer',
    });

    const profile = await request(base, 'GET', '/user/profile', { token: first.accessToken });
    expect(profile.status).toBe(200);
    expect(profile.json.data).toMatchObject({
      userId: expect.stringMatching(/^usr_/),
      email: address,
      displayName: 'Journey Tester',
      emailVerified: true,
      mfaEnabled: false,
    });

    const refreshed = await request(base, 'POST', '/auth/refresh', {
      body: { refreshToken: first.refreshToken },
    });
    expect(refreshed.status).toBe(200);
    const second = refreshed.json.data;
    expect(second.refreshToken).toEqual(expect.any(String));
    expect(second.refreshToken).not.toBe(first.refreshToken);
    expect(second.accessToken).not.toBe(first.accessToken);
    const withNewToken = await request(base, 'GET', '/user/profile', { token: second.accessToken });
    expect(withNewToken.status).toBe(200);
    // The access token issued before the refresh keeps working until it expires or the user logs out.
    const withOldToken = await request(base, 'GET', '/user/profile', { token: first.accessToken });
    expect(withOldToken.status).toBe(200);
    expect(withOldToken.json.data.userId).toBe(profile.json.data.userId);

    const loggedOut = await request(base, 'POST', '/auth/logout', { token: second.accessToken, body: {} });
    expect(loggedOut.status).toBe(200);

    const afterLogout = await request(base, 'POST', '/auth/refresh', {
      body: { refreshToken: second.refreshToken },
    });
    expect(afterLogout.status).toBe(401);
    expect(afterLogout.json).toMatchObject({
      success: false,
      error: { code: 'AUTH_UNAUTHORIZED', statusCode: 401, requestId: expect.any(String) },
    });
  });

  it('keeps accounts and signing keys across a restart on the same data folder', async () => {
    const dataDir = await freshDataDir();
    const address = email('restart');
    // A fixed port, as `npm start` has (default 3000): the issuer in the tokens is the server's URL.
    const port = await freePort();
    const first = await start(dataDir, port);
    expect(first.port).toBe(port);
    await confirmedUser(first.baseUrl, address);
    const before = await login(first.baseUrl, address);
    const keysBefore = await readKeyFiles(dataDir);
    expect(Object.keys(keysBefore)).toContain('signing-keys.json');
    await access(join(dataDir, 'engine.json'));

    const stopped = await stop(first);
    expect(stopped).toEqual({ code: 0, signal: null });
    // A clean stop takes engine.json away, so the CLI does not try to reach a server that is gone.
    await expect(access(join(dataDir, 'engine.json'))).rejects.toThrow();

    const second = await start(dataDir, port);
    expect(await readKeyFiles(dataDir)).toEqual(keysBefore);

    const stillValid = await request(second.baseUrl, 'GET', '/user/profile', { token: before.accessToken });
    expect(stillValid.status).toBe(200);
    expect(stillValid.json.data.email).toBe(address);

    const after = await login(second.baseUrl, address);
    const profile = await request(second.baseUrl, 'GET', '/user/profile', { token: after.accessToken });
    expect(profile.status).toBe(200);
    expect(profile.json.data.userId).toBe(stillValid.json.data.userId);
    // The refresh token from before the restart still rotates: sessions live in the table too.
    const refreshed = await request(second.baseUrl, 'POST', '/auth/refresh', {
      body: { refreshToken: before.refreshToken },
    });
    expect(refreshed.status).toBe(200);
  });

  it('issues tokens for the address it really listens on when PORT=0', async () => {
    const server = await start(await freshDataDir());
    const discovery = await request(server.baseUrl, 'GET', '/.well-known/openid-configuration');
    expect(discovery.json.issuer).toBe(server.baseUrl);
    expect(discovery.json.jwks_uri).toBe(`${server.baseUrl}/.well-known/jwks.json`);
  });

  it('refuses a second server on a data folder that one is using, saying which process has it', async () => {
    const dataDir = await freshDataDir();
    const first = await start(dataDir);
    const second = await runNode(
      ['--enable-source-maps', 'dist/node.mjs'],
      childEnv({ AMPLY_DATA_DIR: dataDir, HOST: '127.0.0.1', PORT: '0' }),
    );
    expect(second.code).toBe(1);
    expect(second.stderr).toContain(`already running on ${dataDir} (process ${first.child.pid})`);
    expect((await request(first.baseUrl, 'GET', '/health/ready')).status).toBe(200);
  });

  it('refuses to start outside dev without secrets, naming each missing variable', async () => {
    const dataDir = await freshDataDir();
    const result = await runNode(
      ['--enable-source-maps', 'dist/node.mjs'],
      childEnv({ AMPLY_STAGE: 'prod', AMPLY_DATA_DIR: dataDir, HOST: '127.0.0.1', PORT: '0' }),
    );
    expect(result.code).not.toBe(0);
    expect(result.code).toBe(1);
    for (const name of [
      'AMPLY_SIGNING_KEYS',
      'AMPLY_ENCRYPTION_KEYS',
      'AMPLY_HMAC_SECRET',
      'AMPLY_PUBLIC_URL',
    ]) {
      expect(result.stderr).toContain(name);
    }
    expect(result.stdout).not.toContain('is listening on');
    // Nothing is generated on a real stage.
    await expect(access(join(dataDir, 'keys'))).rejects.toThrow();
  });

  it('serves /docs from its own origin only, and /openapi.json as OpenAPI 3.1', async () => {
    const server = await start(await freshDataDir());
    const base = server.baseUrl;

    const page = await fetch(`${base}/docs`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toMatch(/^text\/html/);
    const html = await page.text();

    const tags = html.match(/<(?:script|link)\b[^>]*>/gi) ?? [];
    const assets = tags
      .map((tag) => /\b(?:src|href)\s*=\s*["']([^"']+)["']/i.exec(tag)?.[1])
      .filter((value): value is string => value !== undefined);
    expect(assets.length).toBeGreaterThanOrEqual(2);
    for (const asset of assets) {
      const url = new URL(asset, `${base}/docs`);
      expect(url.origin, `${asset} must be served by Amply itself`).toBe(base);
    }
    // No absolute URL to another host anywhere in the page (inline scripts included).
    for (const absolute of html.match(/\bhttps?:\/\/[^\s"'<>)]+/gi) ?? []) {
      expect(new URL(absolute).origin).toBe(base);
    }

    const types: string[] = [];
    for (const asset of assets) {
      const response = await fetch(new URL(asset, `${base}/docs`));
      expect(response.status, asset).toBe(200);
      const type = response.headers.get('content-type') ?? '';
      expect(type, asset).toMatch(/^(?:text\/javascript|application\/javascript|text\/css)\b/);
      expect((await response.arrayBuffer()).byteLength, asset).toBeGreaterThan(0);
      types.push(type);
    }
    expect(types.some((type) => type.startsWith('text/css'))).toBe(true);
    expect(types.some((type) => /javascript/.test(type))).toBe(true);

    const spec = await request(base, 'GET', '/openapi.json');
    expect(spec.status).toBe(200);
    expect(spec.json.openapi).toMatch(/^3\.1\./);
    expect(Object.keys(spec.json.paths)).toEqual(expect.arrayContaining(['/auth/login', '/user/profile']));
    expect(spec.json.paths['/auth/login']).toHaveProperty('post');
    expect(spec.json.paths['/user/profile']).toHaveProperty('get');
  });
});
