import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startS3Emulator } from '../../../test/helpers/s3-emulator.js';
import { createTestApp } from '../../../test/helpers/test-app.js';
import { type Clock, systemClock } from '../../clock.js';
import type { BlobStore, UploadTicket } from './blob-store.js';

/** One adapter as the contract sees it: the store, its clock, and how a client sends an upload. */
interface Fixture {
  store: BlobStore;
  clock: Clock;
  upload(ticket: UploadTicket, body: Buffer): Promise<number>;
  close(): Promise<void>;
}

const adapters: [string, () => Promise<Fixture>][] = [
  [
    'local file system',
    async () => {
      const t = await createTestApp();
      return {
        store: t.deps.blobs,
        clock: t.clock,
        upload: async (ticket, body) =>
          (await t.app.request(ticket.url, { method: 'PUT', headers: ticket.headers, body })).status,
        close: async () => {},
      };
    },
  ],
  [
    'S3 (s3rver)',
    async () => {
      const s3 = await startS3Emulator();
      return {
        store: s3.blobStore({ clock: systemClock }),
        clock: systemClock,
        upload: async (ticket, body) =>
          (await fetch(ticket.url, { method: 'PUT', headers: ticket.headers, body })).status,
        close: s3.close,
      };
    },
  ],
];

describe.each(adapters)('blob store contract: %s', (_name, start) => {
  let f: Fixture;
  const prefix = `uploads/usr_${randomBytes(4).toString('hex')}`;

  beforeAll(async () => {
    f = await start();
  });
  afterAll(() => f.close());

  it('puts, heads, reads and deletes an object', async () => {
    const key = `${prefix}/put-${randomBytes(4).toString('hex')}.png`;
    const body = randomBytes(2048);
    await f.store.put(key, body, { contentType: 'image/png' });

    expect(await f.store.head(key)).toMatchObject({ key, size: 2048, contentType: 'image/png' });
    expect(await f.store.read(key)).toEqual(body);

    await f.store.delete([key]);
    expect(await f.store.head(key)).toBeUndefined();
    expect(await f.store.read(key)).toBeUndefined();
  });

  it('answers undefined for a missing object and deletes a missing key without complaint', async () => {
    const key = `${prefix}/missing.jpg`;
    expect(await f.store.head(key)).toBeUndefined();
    expect(await f.store.read(key)).toBeUndefined();
    await expect(f.store.delete([key])).resolves.toBeUndefined();
  });

  it('does not take the folder above other keys for an object', async () => {
    await f.store.put(`${prefix}/folder/inside.jpg`, randomBytes(10), { contentType: 'image/jpeg' });
    expect(await f.store.head(`${prefix}/folder`)).toBeUndefined();
    expect(await f.store.read(`${prefix}/folder`)).toBeUndefined();
  });

  it('refuses to read past a byte limit', async () => {
    const key = `${prefix}/big.jpg`;
    await f.store.put(key, randomBytes(5000), { contentType: 'image/jpeg' });
    await expect(f.store.read(key, 4999)).rejects.toMatchObject({ name: 'BlobTooLargeError', size: 5000 });
    expect((await f.store.read(key, 5000))?.length).toBe(5000);
  });

  it('takes a direct upload through its upload URL', async () => {
    const key = `${prefix}/direct-${randomBytes(4).toString('hex')}.webp`;
    const body = randomBytes(10_000);
    const ticket = await f.store.createUploadUrl({
      key,
      contentType: 'image/webp',
      contentLength: body.length,
      expiresInSeconds: 300,
    });
    expect(ticket.method).toBe('PUT');
    expect(ticket.headers).toEqual({ 'content-type': 'image/webp', 'content-length': '10000' });

    expect(await f.upload(ticket, body)).toBe(200);

    expect(await f.store.head(key)).toMatchObject({ size: 10_000, contentType: 'image/webp' });
    expect(await f.store.read(key)).toEqual(body);
  });

  it('lists the objects under a prefix modified before a time, and nothing else', async () => {
    const listed = `${prefix}/listed`;
    const keys = [`${listed}/a.jpg`, `${listed}/b/c.jpg`, `${listed}-sibling.jpg`];
    for (const key of keys) await f.store.put(key, randomBytes(10), { contentType: 'image/jpeg' });
    await f.store.put(`images/elsewhere-${randomBytes(4).toString('hex')}.jpg`, randomBytes(10), {
      contentType: 'image/jpeg',
    });

    const later = new Date(f.clock.now() + 60_000);
    const all = await f.store.listOlderThan(`${listed}/`, later);
    expect(all.map((blob) => blob.key).sort()).toEqual([`${listed}/a.jpg`, `${listed}/b/c.jpg`]);
    expect(all[0]).toMatchObject({ size: 10 });
    const withSibling = await f.store.listOlderThan(listed, later);
    expect(withSibling).toHaveLength(3);
    expect(await f.store.listOlderThan(`${listed}/`, new Date(f.clock.now() - 3_600_000))).toEqual([]);
  });

  it('deletes several keys at once', async () => {
    const keys = [1, 2, 3].map((n) => `${prefix}/many-${n}.jpg`);
    for (const key of keys) await f.store.put(key, randomBytes(10), { contentType: 'image/jpeg' });
    await f.store.delete(keys);
    for (const key of keys) expect(await f.store.head(key)).toBeUndefined();
  });

  it('refuses keys outside the key alphabet', async () => {
    for (const key of ['../x.jpg', '/abs.jpg', 'a\\b.jpg', 'a/./b.jpg', 'a//b.jpg', 'nul\0.jpg']) {
      await expect(f.store.put(key, randomBytes(1), { contentType: 'image/jpeg' }), key).rejects.toThrow(
        'Not a valid blob key',
      );
      expect(() => f.store.publicUrl(key)).toThrow('Not a valid blob key');
    }
  });
});
