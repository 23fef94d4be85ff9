import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createTestClock } from '../../test/helpers/test-app.js';
import { createLocalBlobStore } from '../adapters/blobs/local-blob-store.js';
import { createKeyedHasher } from '../security/keyed-hash.js';
import { parseAge, sweepAbandonedUploads } from './upload-sweep.js';

const HOUR = 3_600_000;

describe('sweepAbandonedUploads', () => {
  it('deletes uploads older than the cutoff and leaves newer uploads, images and receipts alone', async () => {
    const clock = createTestClock();
    const blobs = createLocalBlobStore({
      root: await mkdtemp(join(tmpdir(), 'amply-sweep-')),
      baseUrl: 'http://amply.test',
      hasher: createKeyedHasher('x'.repeat(32)),
      clock,
      maxUploadBytes: 1024,
    });
    const old = ['uploads/usr_a/1-old.jpg', 'uploads/usr_b/2-old.png'];
    const kept = ['images/usr_a/img_1.jpg', 'receipts/usr_a/rcp_1.jpg'];
    for (const key of [...old, ...kept])
      await blobs.put(key, Buffer.alloc(100), { contentType: 'image/jpeg' });
    clock.advance(25 * HOUR);
    await blobs.put('uploads/usr_a/3-new.jpg', Buffer.alloc(10), { contentType: 'image/jpeg' });

    const result = await sweepAbandonedUploads(blobs, new Date(clock.now() - 24 * HOUR));

    expect(result).toEqual({ deleted: 2, bytes: 200 });
    for (const key of old) expect(await blobs.head(key)).toBeUndefined();
    for (const key of [...kept, 'uploads/usr_a/3-new.jpg']) expect(await blobs.head(key)).toBeDefined();
  });
});

describe('parseAge', () => {
  it('reads seconds, minutes, hours and days, and nothing else', () => {
    expect([parseAge('90s'), parseAge('15m'), parseAge('24h'), parseAge('7d')]).toEqual([
      90_000, 900_000, 86_400_000, 604_800_000,
    ]);
    for (const bad of ['', '24', 'h', '0h', '-1h', '1.5h', '1w']) expect(parseAge(bad), bad).toBeUndefined();
  });
});
