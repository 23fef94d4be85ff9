import { describe, expect, it } from 'vitest';
import { createTestApp } from '../../test/helpers/test-app.js';
import { ORIGIN_VERIFY_HEADER } from './origin-verify.js';

const SECRET = 'cloudfront-adds-this-secret-0123456789abcdef';

describe('origin verification (AMPLY_ORIGIN_SECRET)', () => {
  it('refuses with 403 in the envelope any request without the header CloudFront adds, or with another value', async () => {
    const t = await createTestApp({ env: { AMPLY_ORIGIN_SECRET: SECRET } });
    const attempts: Record<string, string>[] = [
      {},
      { [ORIGIN_VERIFY_HEADER]: 'guess' },
      { [ORIGIN_VERIFY_HEADER]: `${SECRET}x` },
    ];
    for (const headers of attempts) {
      const response = await t.call('GET', '/health', { headers });
      expect(response.status).toBe(403);
      expect(response.json).toMatchObject({ success: false, error: { code: 'FORBIDDEN', statusCode: 403 } });
      expect(response.text).not.toContain(SECRET);
    }
  });

  it('serves requests that carry the secret', async () => {
    const t = await createTestApp({ env: { AMPLY_ORIGIN_SECRET: SECRET } });
    const response = await t.call('GET', '/health', { headers: { [ORIGIN_VERIFY_HEADER]: SECRET } });
    expect(response.status).toBe(200);
  });

  it('checks nothing when no origin secret is configured (local runs, a server without a CDN)', async () => {
    const t = await createTestApp();
    expect((await t.call('GET', '/health')).status).toBe(200);
  });
});
