import { beforeAll, describe, expect, it } from 'vitest';
import {
  createTestApp,
  STRONG_PASSWORD,
  signedInUser,
  type TestApp,
} from '../../../test/helpers/test-app.js';
import { createGuitar, guitarBody } from './test-guitars.js';
import { fetchMedia, photo, upload } from './test-images.js';

let t: TestApp;
let owner: { token: string; userId: string };
let intruder: { token: string; userId: string };
let guitarId: string;
let noteId: string;
let imageId: string;
let ownerUploadKey: string;

beforeAll(async () => {
  t = await createTestApp();
  const a = await signedInUser(t, 'owner');
  const b = await signedInUser(t, 'intruder');
  owner = { token: a.accessToken, userId: a.userId };
  intruder = { token: b.accessToken, userId: b.userId };
  guitarId = (await createGuitar(t, owner.token)).id;
  noteId = (
    await t.call('POST', `/guitars/${guitarId}/notes`, { token: owner.token, body: { content: 'Mine' } })
  ).json.data.id;
  const done = await t.call('POST', '/images/upload-complete', {
    token: owner.token,
    body: { imageKey: await upload(t, owner.token, await photo('jpeg')), guitarId },
  });
  imageId = done.json.data.image.id;
  ownerUploadKey = await upload(t, owner.token, await photo('jpeg'));
});

describe('another user against every route of a guitar', () => {
  const routes: Array<[string, () => string, () => unknown]> = [
    ['GET', () => `/guitars/${guitarId}`, () => undefined],
    ['PUT', () => `/guitars/${guitarId}`, () => ({ ...guitarBody(), version: 2 })],
    ['PATCH', () => `/guitars/${guitarId}`, () => ({ version: 2, model: 'Mine now' })],
    ['DELETE', () => `/guitars/${guitarId}`, () => undefined],
    ['POST', () => `/guitars/${guitarId}/notes`, () => ({ content: 'Hello' })],
    ['DELETE', () => `/guitars/${guitarId}/notes/${noteId}`, () => undefined],
    ['DELETE', () => `/guitars/${guitarId}/images/${imageId}`, () => undefined],
  ];

  for (const [method, path, body] of routes) {
    it(`${method} ${path().replace(/gtr_\w+|note_\w+|img_\w+|undefined/g, '{id}')} answers 404 GUITAR_NOT_FOUND`, async () => {
      const response = await t.call(method, path(), { token: intruder.token, body: body() });
      expect(response.status).toBe(404);
      expect(response.json.error.code).toBe('GUITAR_NOT_FOUND');
    });
  }

  it('POST /images/upload-complete with the owner’s guitar answers 404 GUITAR_NOT_FOUND', async () => {
    const own = await upload(t, intruder.token, await photo('jpeg'));
    const response = await t.call('POST', '/images/upload-complete', {
      token: intruder.token,
      body: { imageKey: own, guitarId },
    });
    expect(response.status).toBe(404);
    expect(response.json.error.code).toBe('GUITAR_NOT_FOUND');
  });

  it('POST /images/upload-complete with the owner’s upload key answers 404 UPLOAD_NOT_FOUND', async () => {
    const ownGuitar = await createGuitar(t, intruder.token);
    const response = await t.call('POST', '/images/upload-complete', {
      token: intruder.token,
      body: { imageKey: ownerUploadKey, guitarId: ownGuitar.id },
    });
    expect(response.status).toBe(404);
    expect(response.json.error.code).toBe('UPLOAD_NOT_FOUND');
    expect(await t.deps.blobs.head(ownerUploadKey)).toBeDefined();
  });

  it('lists, brands and stats show the intruder nothing of the owner’s', async () => {
    expect((await t.call('GET', '/guitars', { token: intruder.token })).json.data.items).toHaveLength(1);
    expect((await t.call('GET', '/guitars/brands', { token: intruder.token })).json.data.items).toEqual([
      { brand: 'Fender', count: 1 },
    ]);
    expect((await t.call('GET', '/guitars/stats', { token: intruder.token })).json.data.count).toBe(1);
  });

  it('left the owner’s guitar exactly as it was', async () => {
    const read = await t.call('GET', `/guitars/${guitarId}`, { token: owner.token });
    expect(read.status).toBe(200);
    expect(read.json.data).toMatchObject({ model: 'Stratocaster', version: 3 });
    expect(read.json.data.notes.map((note: { id: string }) => note.id)).toEqual([noteId]);
    expect(read.json.data.images.map((image: { id: string }) => image.id)).toEqual([imageId]);
  });

  it('every collection route needs a token', async () => {
    for (const [method, path] of [
      ['GET', '/guitars'],
      ['GET', '/guitars/brands'],
      ['GET', '/guitars/stats'],
      ['POST', '/images/upload-url'],
      ['GET', `/guitars/${guitarId}`],
    ] as const) {
      expect((await t.call(method, path, method === 'POST' ? { body: {} } : {})).status).toBe(401);
    }
  });
});

describe('account export and deletion', () => {
  it('export includes the guitars; deletion removes them, their counters and every blob', async () => {
    const user = await signedInUser(t, 'leaving');
    const token = user.accessToken;
    const guitar = await createGuitar(t, token);
    const image = await t.call('POST', '/images/upload-complete', {
      token,
      body: { imageKey: await upload(t, token, await photo('webp'), 'image/webp'), guitarId: guitar.id },
    });
    await t.call('POST', '/images/upload-complete', {
      token,
      body: {
        imageKey: await upload(t, token, await photo('jpeg'), 'image/jpeg', 'receipt'),
        guitarId: guitar.id,
      },
    });
    const leftover = await upload(t, token, await photo('jpeg'));

    const exported = await t.call('GET', '/user/export', { token });
    expect(exported.json.data.collection.guitars).toHaveLength(1);
    expect(exported.json.data.collection.guitars[0]).toMatchObject({ id: guitar.id, model: 'Stratocaster' });

    const deleted = await t.call('DELETE', '/user', { token, body: { currentPassword: STRONG_PASSWORD } });
    expect(deleted.status).toBe(200);
    for (const prefix of [`images/${user.userId}/`, `receipts/${user.userId}/`, `uploads/${user.userId}/`]) {
      expect(await t.deps.blobs.listOlderThan(prefix, new Date(8.64e15)), prefix).toEqual([]);
    }
    expect(await t.deps.blobs.head(leftover)).toBeUndefined();
    expect((await fetchMedia(t, image.json.data.thumbnailUrl)).status).toBe(404);
    expect(await t.modules.collection.userData.export(user.userId)).toEqual({ guitars: [] });
    expect(await t.modules.collection.stats(user.userId)).toEqual({ count: 0, byCurrency: [] });
    // Running it again (as an interrupted deletion would) is harmless.
    await t.modules.collection.userData.delete(user.userId);
  });
});
