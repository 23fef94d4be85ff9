import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createLocalBlobStore } from '../../src/adapters/blobs/local-blob-store.js';
import { createKeyedHasher } from '../../src/security/keyed-hash.js';
import { createTestClock } from '../helpers/test-app.js';
import { runCli, serverPool } from './server-process.js';

const pool = serverPool('sweep');
afterAll(pool.removeAll);

describe('amply sweep-uploads', () => {
  it('deletes uploads older than --older-than from the local blob store and keeps the rest', async () => {
    const dataDir = await pool.freshDataDir();
    const clock = createTestClock(Date.now() - 2 * 86_400_000);
    const blobs = createLocalBlobStore({
      root: join(dataDir, 'blobs'),
      baseUrl: 'http://127.0.0.1',
      hasher: createKeyedHasher('x'.repeat(32)),
      clock,
      maxUploadBytes: 1024,
    });
    const put = (key: string) => blobs.put(key, Buffer.alloc(64), { contentType: 'image/jpeg' });
    await put('uploads/usr_a/two-days.jpg');
    await put('images/usr_a/img_1.jpg');
    clock.set(Date.now() - 30 * 60_000);
    await put('uploads/usr_a/half-an-hour.jpg');

    const result = await runCli(['sweep-uploads', '--older-than', '1h'], { dataDir });

    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toMatch(/^Deleted 1 abandoned upload\(s\), 64 bytes, last written before /);
    expect(await blobs.head('uploads/usr_a/two-days.jpg')).toBeUndefined();
    expect(await blobs.head('uploads/usr_a/half-an-hour.jpg')).toBeDefined();
    expect(await blobs.head('images/usr_a/img_1.jpg')).toBeDefined();
  });

  it('refuses an age it cannot read', async () => {
    const result = await runCli(['sweep-uploads', '--older-than', 'soon'], {
      dataDir: await pool.freshDataDir(),
    });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('--older-than takes an age such as 90m, 24h or 7d');
  });
});
