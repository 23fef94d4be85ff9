import { describe, expect, it } from 'vitest';
import { createTestApp } from '../test/helpers/test-app.js';
import { createDatabase } from './data/database.js';

const realStage = (stage: 'staging' | 'prod', extra: Record<string, string> = {}) => ({
  AMPLY_STAGE: stage,
  AMPLY_STORAGE: 'aws',
  AMPLY_MAIL_TRANSPORT: 'ses',
  AMPLY_S3_BUCKET: 'amply-test-media',
  ...extra,
});

describe('request ids', () => {
  it('answers with a generated X-Request-Id, or the caller’s when it is well-formed', async () => {
    const t = await createTestApp();
    const generated = await t.app.request('/health');
    expect(generated.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    const echoed = await t.app.request('/health', { headers: { 'x-request-id': 'abc-123' } });
    expect(echoed.headers.get('x-request-id')).toBe('abc-123');
    const refused = await t.app.request('/health', { headers: { 'x-request-id': 'bad id\n' } });
    // A fresh id in place of the refused one (a generated id is hex, and may itself contain the letters b, a, d).
    expect(refused.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('writes one log line per request with the id, route, status and latency, and no query string', async () => {
    const t = await createTestApp();
    await t.app.request('/user/security-events?cursor=secret-looking-value', {
      headers: { 'x-request-id': 'log-line-1' },
    });
    const line = t.logLines.map((raw) => JSON.parse(raw)).find((entry) => entry.requestId === 'log-line-1');
    expect(line).toMatchObject({
      method: 'GET',
      path: '/user/security-events',
      status: 401,
      ms: expect.any(Number),
    });
    expect(t.logLines.join('\n')).not.toContain('secret-looking-value');
  });
});

describe('CORS and security headers', () => {
  it('allows any origin in dev', async () => {
    const t = await createTestApp();
    const response = await t.app.request('/health', { headers: { origin: 'https://anything.example' } });
    expect(response.headers.get('access-control-allow-origin')).toBe('*');
  });

  it('allows only the configured origins outside dev, and answers preflight', async () => {
    const t = await createTestApp({
      env: realStage('staging', { AMPLY_CORS_ORIGINS: 'https://app.example.com' }),
    });
    const allowed = await t.app.request('/auth/login', {
      method: 'OPTIONS',
      headers: { origin: 'https://app.example.com', 'access-control-request-method': 'POST' },
    });
    expect(allowed.status).toBe(204);
    expect(allowed.headers.get('access-control-allow-origin')).toBe('https://app.example.com');
    expect(allowed.headers.get('access-control-allow-headers')).toContain('Authorization');
    const other = await t.app.request('/health', { headers: { origin: 'https://evil.example' } });
    expect(other.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('sends HSTS on every stage but dev, and nosniff everywhere', async () => {
    const dev = await createTestApp();
    const devResponse = await dev.app.request('/health');
    expect(devResponse.headers.get('strict-transport-security')).toBeNull();
    expect(devResponse.headers.get('x-content-type-options')).toBe('nosniff');
    for (const stage of ['staging', 'prod'] as const) {
      const response = await (await createTestApp({ env: realStage(stage) })).app.request('/health');
      expect(response.headers.get('strict-transport-security'), stage).toMatch(/max-age=\d+/);
    }
  });

  it('marks API responses no-store and public keys cacheable', async () => {
    const t = await createTestApp();
    expect((await t.app.request('/auth/login', { method: 'POST' })).headers.get('cache-control')).toBe(
      'no-store',
    );
    expect((await t.app.request('/.well-known/jwks.json')).headers.get('cache-control')).toBe(
      'public, max-age=300',
    );
  });
});

describe('health', () => {
  it('reports liveness and readiness', async () => {
    const t = await createTestApp();
    expect((await t.call('GET', '/health')).json).toEqual({ success: true, data: { status: 'ok' } });
    expect((await t.call('GET', '/health/ready')).status).toBe(200);
  });

  it('answers 503 with Retry-After when storage is unreachable', async () => {
    const t = await createTestApp({
      db: createDatabase({ tableName: 'unreachable', region: 'us-east-1', endpoint: 'http://127.0.0.1:9' }),
    });
    const response = await t.call('GET', '/health/ready');
    expect(response.status).toBe(503);
    expect(response.json.error.code).toBe('SERVICE_UNAVAILABLE');
    expect(response.headers.get('retry-after')).toBe('5');
    expect((await t.call('GET', '/health')).status).toBe(200);
  });
});

describe('documentation and discovery', () => {
  it('serves an OpenAPI 3.1 document with the bearer scheme', async () => {
    const t = await createTestApp();
    const doc = (await t.call('GET', '/openapi.json')).json;
    expect(doc.openapi).toBe('3.1.0');
    expect(doc.components.securitySchemes.bearerAuth).toMatchObject({ type: 'http', scheme: 'bearer' });
    expect(doc.paths['/auth/login'].post.responses['200']).toBeDefined();
  });

  it('serves the docs page with its assets from this server', async () => {
    const t = await createTestApp();
    const page = await t.app.request('/docs');
    const html = await page.text();
    const assets = [...html.matchAll(/(?:src|href)="([^"]+)"/g)].map((match) => match[1] as string);
    expect(assets.length).toBe(3);
    for (const asset of assets) {
      expect(asset.startsWith('/docs/assets/')).toBe(true);
      expect((await t.app.request(asset)).status).toBe(200);
    }
  });

  it('publishes only public key material in the JWKS, and discovery pointing at it', async () => {
    const t = await createTestApp();
    const jwks = (await t.call('GET', '/.well-known/jwks.json')).json;
    expect(jwks.keys[0]).toMatchObject({ kty: 'RSA', alg: 'RS256', use: 'sig', kid: expect.any(String) });
    for (const member of ['d', 'p', 'q', 'dp', 'dq', 'qi']) expect(jwks.keys[0][member]).toBeUndefined();
    const discovery = (await t.call('GET', '/.well-known/openid-configuration')).json;
    expect(discovery).toMatchObject({
      issuer: 'http://amply.test',
      jwks_uri: 'http://amply.test/.well-known/jwks.json',
    });
  });
});

describe('modules and stages', () => {
  it('mounts only the modules in AMPLY_MODULES', async () => {
    const t = await createTestApp({ env: { AMPLY_MODULES: 'collection' } });
    expect((await t.call('POST', '/auth/login', { body: {} })).status).toBe(404);
    expect((await t.call('GET', '/health')).status).toBe(200);
  });

  it('serves /dev/outbox in the dev stage with the outbox mailer, filtered by address', async () => {
    const t = await createTestApp({ outbox: true, ip: '127.0.0.1' });
    await t.call('POST', '/auth/forgot-password', { body: { email: 'outbox-a@example.com' } });
    await t.call('POST', '/auth/forgot-password', { body: { email: 'outbox-b@example.com' } });
    const listed = await t.call('GET', '/dev/outbox?to=OUTBOX-A@example.com');
    expect(listed.status).toBe(200);
    expect(listed.json.data.items).toEqual([
      expect.objectContaining({
        to: 'outbox-a@example.com',
        subject: 'About your Amply request',
        sentAt: expect.any(String),
      }),
    ]);
  });

  it('refuses /dev/outbox to other hosts and to pages of any origin', async () => {
    const t = await createTestApp({ outbox: true, ip: '192.0.2.10' });
    expect((await t.call('GET', '/dev/outbox')).status).toBe(403);
    t.setIp('127.0.0.1');
    const fromPage = await t.call('GET', '/dev/outbox', { headers: { origin: 'https://evil.example' } });
    expect(fromPage.status).toBe(403);
    expect((await t.call('GET', '/dev/outbox')).status).toBe(200);
  });

  it('has no /dev/outbox when mail goes out for real', async () => {
    const t = await createTestApp({
      outbox: true,
      env: { AMPLY_MAIL_TRANSPORT: 'smtp', AMPLY_SMTP_URL: 'smtp://127.0.0.1:9' },
    });
    expect((await t.call('GET', '/dev/outbox')).status).toBe(404);
  });
});
