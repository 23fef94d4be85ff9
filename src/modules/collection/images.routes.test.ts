import sharp from 'sharp';
import { beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, signedInUser, type TestApp } from '../../../test/helpers/test-app.js';
import { createCollectionStore } from './store.js';
import { createGuitar } from './test-guitars.js';
import { fetchMedia, photo, upload } from './test-images.js';

let t: TestApp;
let token: string;
let userId: string;

beforeAll(async () => {
  t = await createTestApp();
  const user = await signedInUser(t, 'photographer');
  token = user.accessToken;
  userId = user.userId;
});

const complete = (body: Record<string, unknown>, as = token) =>
  t.call('POST', '/images/upload-complete', { token: as, body });

describe('POST /images/upload-url', () => {
  it('hands out a 5-minute signed PUT for a server-made key under the caller’s uploads/', async () => {
    const response = await t.call('POST', '/images/upload-url', {
      token,
      body: { fileName: '../../Été guitar?.jpg', fileType: 'image/jpeg', fileSize: 1234, kind: 'image' },
    });
    expect(response.status).toBe(200);
    const ticket = response.json.data;
    expect(ticket.imageKey).toMatch(new RegExp(`^uploads/${userId}/[0-9a-f-]{36}-Ete-guitar-.jpg$`));
    expect(ticket).toMatchObject({
      method: 'PUT',
      headers: { 'content-type': 'image/jpeg', 'content-length': '1234' },
      expiresAt: '2026-11-21T12:05:00.000Z',
    });
  });

  it('refuses other types (400), empty files (400) and files over 10 MB (413)', async () => {
    const ask = (body: Record<string, unknown>) =>
      t.call('POST', '/images/upload-url', { token, body: { fileName: 'a.jpg', kind: 'image', ...body } });
    const gif = await ask({ fileType: 'image/gif', fileSize: 10 });
    expect(gif.status).toBe(400);
    expect(gif.json.error.details[0].field).toBe('fileType');
    expect((await ask({ fileType: 'image/png', fileSize: 0 })).status).toBe(400);
    const big = await ask({ fileType: 'image/png', fileSize: 10 * 1024 * 1024 + 1 });
    expect(big.status).toBe(413);
    expect(big.json.error.code).toBe('PAYLOAD_TOO_LARGE');
    expect((await ask({ fileType: 'image/heic', fileSize: 10 * 1024 * 1024 })).status).toBe(200);
  });
});

describe('upload URLs per user', () => {
  it('are limited per user (AMPLY_RATE_LIMIT_UPLOADS), so no one can fill storage with uploads', async () => {
    const limited = await createTestApp({ env: { AMPLY_RATE_LIMIT_UPLOADS: '2/3600' } });
    const ask = (as: string) =>
      limited.call('POST', '/images/upload-url', {
        token: as,
        body: { fileName: 'a.jpg', fileType: 'image/jpeg', fileSize: 10 * 1024 * 1024 },
      });
    const first = (await signedInUser(limited, 'hoarder')).accessToken;
    expect((await ask(first)).status).toBe(200);
    expect((await ask(first)).status).toBe(200);
    const third = await ask(first);
    expect(third.status).toBe(429);
    expect(third.json.error.code).toBe('RATE_LIMITED');
    // Per user, not per IP: someone else on the same address still gets one.
    const other = (await signedInUser(limited, 'neighbour')).accessToken;
    expect((await ask(other)).status).toBe(200);
  });
});

describe('POST /images/upload-complete', () => {
  for (const [format, type] of [
    ['jpeg', 'image/jpeg'],
    ['png', 'image/png'],
    ['webp', 'image/webp'],
  ] as const) {
    it(`stores a ${format} upright without EXIF, with a thumbnail within 400×400, and records it`, async () => {
      const guitar = await createGuitar(t, token);
      const original = await photo(format);
      expect((await sharp(original).metadata()).exif).toBeDefined();
      const imageKey = await upload(t, token, original, type);

      const done = await complete({ imageKey, guitarId: guitar.id, caption: 'Front' });
      expect(done.status).toBe(200);
      const { imageUrl, thumbnailUrl, image } = done.json.data;
      expect(image).toMatchObject({ caption: 'Front', isPrimary: true, order: 0, width: 600, height: 800 });
      expect(imageUrl).toBe(image.url);
      expect(imageUrl).toMatch(new RegExp(`^http://amply\\.test/media/images/${userId}/${guitar.id}/img_`));

      const stored = await fetchMedia(t, imageUrl);
      expect(stored.status).toBe(200);
      expect(stored.contentType).toBe(type);
      expect(stored.cacheControl).toContain('immutable');
      const storedMeta = await sharp(stored.bytes).metadata();
      expect(storedMeta).toMatchObject({ format, width: 600, height: 800 });
      expect(storedMeta.exif).toBeUndefined();
      expect(stored.bytes.includes(Buffer.from('Leaky 1'))).toBe(false);

      const thumbnail = await fetchMedia(t, thumbnailUrl);
      const thumbMeta = await sharp(thumbnail.bytes).metadata();
      expect(thumbMeta.width).toBeLessThanOrEqual(400);
      expect(thumbMeta.height).toBeLessThanOrEqual(400);
      expect(Math.max(thumbMeta.width ?? 0, thumbMeta.height ?? 0)).toBe(400);
      expect(thumbMeta.exif).toBeUndefined();

      expect(await t.deps.blobs.head(imageKey)).toBeUndefined();
      const read = await t.call('GET', `/guitars/${guitar.id}`, { token });
      expect(read.json.data.images).toEqual([image]);
    });
  }

  it('keeps exactly one primary image and orders images as they come', async () => {
    const guitar = await createGuitar(t, token);
    const first = await complete({
      imageKey: await upload(t, token, await photo('jpeg')),
      guitarId: guitar.id,
    });
    const second = await complete({
      imageKey: await upload(t, token, await photo('jpeg')),
      guitarId: guitar.id,
    });
    expect(second.json.data.image).toMatchObject({ isPrimary: false, order: 1 });
    const third = await complete({
      imageKey: await upload(t, token, await photo('jpeg')),
      guitarId: guitar.id,
      isPrimary: true,
    });
    expect(third.json.data.image).toMatchObject({ isPrimary: true, order: 2 });
    const images = (await t.call('GET', `/guitars/${guitar.id}`, { token })).json.data.images;
    expect(images.map((image: { isPrimary: boolean }) => image.isPrimary)).toEqual([false, false, true]);

    // Deleting the primary hands it to the first in order; the blobs go.
    const removed = await t.call('DELETE', `/guitars/${guitar.id}/images/${third.json.data.image.id}`, {
      token,
    });
    expect(removed.status).toBe(200);
    expect((await fetchMedia(t, third.json.data.imageUrl)).status).toBe(404);
    expect((await fetchMedia(t, third.json.data.thumbnailUrl)).status).toBe(404);
    const after = (await t.call('GET', `/guitars/${guitar.id}`, { token })).json.data.images;
    expect(after.map((image: { id: string; isPrimary: boolean }) => [image.id, image.isPrimary])).toEqual([
      [first.json.data.image.id, true],
      [second.json.data.image.id, false],
    ]);
    const again = await t.call('DELETE', `/guitars/${guitar.id}/images/${third.json.data.image.id}`, {
      token,
    });
    expect(again.status).toBe(404);
    expect(again.json.error.code).toBe('IMAGE_NOT_FOUND');
  });

  it('keeps exactly one primary when several uploads asking to be primary complete at once', async () => {
    const guitar = await createGuitar(t, token);
    const keys = await Promise.all([1, 2, 3].map(async () => upload(t, token, await photo('jpeg'))));
    const results = await Promise.all(
      keys.map((imageKey) => complete({ imageKey, guitarId: guitar.id, isPrimary: true })),
    );
    expect(results.map((result) => result.status)).toEqual([200, 200, 200]);
    const images = (await t.call('GET', `/guitars/${guitar.id}`, { token })).json.data.images;
    expect(images).toHaveLength(3);
    expect(images.filter((image: { isPrimary: boolean }) => image.isPrimary)).toHaveLength(1);
    expect(images.map((image: { order: number }) => image.order)).toEqual([0, 1, 2]);
  });

  it('records every one of 12 images completed at once, in one order with one primary', async () => {
    const guitar = await createGuitar(t, token);
    const bytes = await photo('jpeg', { width: 64, height: 48 });
    const keys = await Promise.all(Array.from({ length: 12 }, () => upload(t, token, bytes)));
    const results = await Promise.all(keys.map((imageKey) => complete({ imageKey, guitarId: guitar.id })));
    expect(results.map((result) => result.status)).toEqual(Array(12).fill(200));
    const images = (await t.call('GET', `/guitars/${guitar.id}`, { token })).json.data.images;
    expect(images.map((image: { order: number }) => image.order)).toEqual([...Array(12).keys()]);
    expect(images.filter((image: { isPrimary: boolean }) => image.isPrimary)).toHaveLength(1);
    expect(new Set(images.map((image: { id: string }) => image.id))).toEqual(
      new Set(results.map((result) => result.json.data.image.id)),
    );
  });

  it('reads and extends a guitar stored with notes and images as lists (before they were maps)', async () => {
    const guitar = await createGuitar(t, token);
    const store = createCollectionStore(await t.deps.db.documentClient(), t.deps.db.tableName);
    const item = await store.getGuitar(userId, guitar.id);
    if (!item) throw new Error('guitar missing');
    const old = { key: `images/${userId}/${guitar.id}/img_old.jpg`, caption: null, width: 1, height: 1 };
    const listed = {
      ...item,
      notes: [{ id: 'note_01jd8x4m9q2v7k3n5p6r8s0t1a', content: 'Old note', createdAt: item.createdAt }],
      images: [
        { ...old, id: 'img_01jd8x4m9q2v7k3n5p6r8s0t1a', thumbnailKey: old.key, isPrimary: false, order: 0 },
        { ...old, id: 'img_01jd8x4m9q2v7k3n5p6r8s0t1b', thumbnailKey: old.key, isPrimary: true, order: 1 },
      ],
    };
    delete listed.imageOrder;
    expect(await store.replaceGuitar(listed, item.version)).toBe(true);
    const before = (await t.call('GET', `/guitars/${guitar.id}`, { token })).json.data;
    expect(before.notes.map((note: { content: string }) => note.content)).toEqual(['Old note']);
    expect(before.images.map((image: { isPrimary: boolean }) => image.isPrimary)).toEqual([false, true]);

    const note = await t.call('POST', `/guitars/${guitar.id}/notes`, {
      token,
      body: { content: 'New note' },
    });
    expect(note.status).toBe(201);
    const imageKey = await upload(t, token, await photo('png'));
    expect((await complete({ imageKey, guitarId: guitar.id })).status).toBe(200);
    const after = (await t.call('GET', `/guitars/${guitar.id}`, { token })).json.data;
    expect(after.notes.map((entry: { content: string }) => entry.content).sort()).toEqual([
      'New note',
      'Old note',
    ]);
    expect(
      after.images.map((image: { id: string; isPrimary: boolean; order: number }) => [
        image.isPrimary,
        image.order,
      ]),
    ).toEqual([
      [false, 0],
      [true, 1],
      [false, 2],
    ]);
    expect(
      (await t.call('DELETE', `/guitars/${guitar.id}/notes/note_01jd8x4m9q2v7k3n5p6r8s0t1a`, { token }))
        .status,
    ).toBe(200);
  });

  it('records an upload completed twice at once as one image', async () => {
    const guitar = await createGuitar(t, token);
    const imageKey = await upload(t, token, await photo('jpeg'));
    const results = await Promise.all([1, 2].map(() => complete({ imageKey, guitarId: guitar.id })));
    const succeeded = results.filter((result) => result.status === 200);
    expect(succeeded.length).toBeGreaterThanOrEqual(1);
    for (const result of results.filter((other) => other.status !== 200)) {
      expect(result.json.error.code).toBe('UPLOAD_NOT_FOUND');
    }
    const images = (await t.call('GET', `/guitars/${guitar.id}`, { token })).json.data.images;
    expect(images).toHaveLength(1);
    expect(new Set(succeeded.map((result) => result.json.data.image.id))).toEqual(new Set([images[0].id]));
    const stored = await t.deps.blobs.listOlderThan(`images/${userId}/${guitar.id}/`, new Date(8.64e15));
    expect(stored).toHaveLength(2);
  });

  it('refuses a 21st image with GUITAR_VALIDATION_ERROR and keeps nothing of it', async () => {
    const guitar = await createGuitar(t, token);
    const store = createCollectionStore(await t.deps.db.documentClient(), t.deps.db.tableName);
    const item = await store.getGuitar(userId, guitar.id);
    if (!item) throw new Error('guitar missing');
    const images = Array.from({ length: 20 }, (_, i) => ({
      id: `img_${String(i).padStart(26, '0')}`,
      key: `images/${userId}/${guitar.id}/${i}.jpg`,
      thumbnailKey: `images/${userId}/${guitar.id}/${i}-thumb.webp`,
      caption: null,
      isPrimary: i === 0,
      order: i,
      width: 1,
      height: 1,
      createdAt: item.createdAt,
    }));
    expect(await store.replaceGuitar({ ...item, images, version: 2 }, 1)).toBe(true);
    const imageKey = await upload(t, token, await photo('jpeg'));
    const done = await complete({ imageKey, guitarId: guitar.id });
    expect(done.status).toBe(400);
    expect(done.json.error).toMatchObject({
      code: 'GUITAR_VALIDATION_ERROR',
      details: [{ field: 'images' }],
    });
    expect(await t.deps.blobs.listOlderThan(`images/${userId}/${guitar.id}/`, new Date(8.64e15))).toEqual([]);
  });

  it('refuses a text file sent as a JPEG with IMAGE_UPLOAD_FAILED, and deletes it', async () => {
    const guitar = await createGuitar(t, token);
    const imageKey = await upload(t, token, Buffer.from('just some text, not a photo\n'.repeat(20)));
    const done = await complete({ imageKey, guitarId: guitar.id });
    expect(done.status).toBe(400);
    expect(done.json.error.code).toBe('IMAGE_UPLOAD_FAILED');
    expect(await t.deps.blobs.head(imageKey)).toBeUndefined();
    expect((await t.call('GET', `/guitars/${guitar.id}`, { token })).json.data).toMatchObject({
      images: [],
      version: 1,
    });
  });

  it('answers UPLOAD_NOT_FOUND for a key never uploaded, or outside the caller’s uploads/', async () => {
    const guitar = await createGuitar(t, token);
    for (const imageKey of [
      `uploads/${userId}/never-uploaded.jpg`,
      'uploads/usr_someoneelse0000000000000000/x.jpg',
      `images/${userId}/x.jpg`,
      `uploads/${userId}/../../etc/passwd`,
    ]) {
      const done = await complete({ imageKey, guitarId: guitar.id });
      expect(done.status, imageKey).toBe(404);
      expect(done.json.error.code).toBe('UPLOAD_NOT_FOUND');
    }
  });

  it('stores a receipt privately: only a short-lived signed URL, never a public one', async () => {
    const guitar = await createGuitar(t, token);
    const imageKey = await upload(t, token, await photo('jpeg'), 'image/jpeg', 'receipt');
    expect(imageKey).toMatch(new RegExp(`^uploads/${userId}/receipt-`));
    const done = await complete({ imageKey, guitarId: guitar.id });
    expect(done.status).toBe(200);
    expect(done.json.data).toMatchObject({ image: null, thumbnailUrl: null });

    const read = (await t.call('GET', `/guitars/${guitar.id}`, { token })).json.data;
    expect(read.images).toEqual([]);
    const receiptUrl: string = read.privateInfo.receiptUrl;
    const signed = new URL(receiptUrl);
    expect(signed.pathname).toMatch(new RegExp(`^/media/receipts/${userId}/${guitar.id}/`));
    const signature = signed.searchParams.get('sig') as string;
    expect(signature).toEqual(expect.any(String));
    const fetched = await fetchMedia(t, receiptUrl);
    expect(fetched.status).toBe(200);
    expect(fetched.cacheControl).toContain('no-store');
    expect((await sharp(fetched.bytes).metadata()).exif).toBeUndefined();
    expect((await fetchMedia(t, `${signed.origin}${signed.pathname}`)).status).toBe(404);
    expect(t.logLines.some((line) => line.includes(signature))).toBe(false);
    // Five minutes later the URL no longer works; a fresh read signs a new one.
    t.clock.advance(6 * 60 * 1000);
    expect((await fetchMedia(t, receiptUrl)).status).not.toBe(200);
    t.clock.advance(-6 * 60 * 1000);
  });

  it('deleting a guitar deletes its images, thumbnails and receipt', async () => {
    const guitar = await createGuitar(t, token);
    const image = (
      await complete({
        imageKey: await upload(t, token, await photo('png'), 'image/png'),
        guitarId: guitar.id,
      })
    ).json.data;
    await complete({
      imageKey: await upload(t, token, await photo('jpeg'), 'image/jpeg', 'receipt'),
      guitarId: guitar.id,
    });
    const keysBefore = await t.deps.blobs.listOlderThan(`images/${userId}/${guitar.id}/`, new Date(8.64e15));
    const receiptsBefore = await t.deps.blobs.listOlderThan(
      `receipts/${userId}/${guitar.id}/`,
      new Date(8.64e15),
    );
    expect(keysBefore).toHaveLength(2);
    expect(receiptsBefore).toHaveLength(1);

    expect((await t.call('DELETE', `/guitars/${guitar.id}`, { token })).status).toBe(200);
    expect(await t.deps.blobs.listOlderThan(`images/${userId}/${guitar.id}/`, new Date(8.64e15))).toEqual([]);
    expect(await t.deps.blobs.listOlderThan(`receipts/${userId}/${guitar.id}/`, new Date(8.64e15))).toEqual(
      [],
    );
    expect((await fetchMedia(t, image.thumbnailUrl)).status).toBe(404);
  });
});
