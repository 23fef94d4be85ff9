import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type S3Emulator, startS3Emulator } from '../../../test/helpers/s3-emulator.js';
import {
  createTestApp,
  createTestClock,
  signedInUser,
  type TestApp,
} from '../../../test/helpers/test-app.js';
import { createGuitar } from './test-guitars.js';
import { fetchMedia, photo, upload } from './test-images.js';

/*
 * The same upload flow with the S3 adapter against s3rver: pre-signed PUT straight to the emulator,
 * completion reading and writing through S3, images at the bucket's URL, receipts pre-signed.
 * (s3rver checks a pre-signed URL's expiry against the real time, so this clock starts now.)
 */

let s3: S3Emulator;
let t: TestApp;
let token: string;

beforeAll(async () => {
  s3 = await startS3Emulator();
  const clock = createTestClock(Date.now());
  t = await createTestApp({ clock, blobs: s3.blobStore({ clock }) });
  token = (await signedInUser(t, 's3-photographer')).accessToken;
});

afterAll(async () => {
  await s3?.close();
});

describe('uploads with the S3 adapter (s3rver)', () => {
  it('completes a direct upload: cleaned original and thumbnail stored, upload deleted', async () => {
    const guitar = await createGuitar(t, token);
    const imageKey = await upload(t, token, await photo('jpeg'));
    expect(await t.deps.blobs.head(imageKey)).toBeDefined();
    const done = await t.call('POST', '/images/upload-complete', {
      token,
      body: { imageKey, guitarId: guitar.id },
    });
    expect(done.status).toBe(200);
    const { imageUrl, thumbnailUrl } = done.json.data;
    expect(imageUrl.startsWith(s3.endpoint)).toBe(true);
    const thumbnail = await fetchMedia(t, thumbnailUrl);
    expect(thumbnail.status).toBe(200);
    const meta = await sharp(thumbnail.bytes).metadata();
    expect(Math.max(meta.width ?? 0, meta.height ?? 0)).toBe(400);
    expect((await sharp((await fetchMedia(t, imageUrl)).bytes).metadata()).exif).toBeUndefined();
    expect(await t.deps.blobs.head(imageKey)).toBeUndefined();
  });

  it('refuses a fake image, and hands out a receipt as a 5-minute pre-signed URL', async () => {
    const guitar = await createGuitar(t, token);
    const fake = await upload(t, token, Buffer.from('%PDF-1.7 not an image at all'.repeat(10)));
    const refused = await t.call('POST', '/images/upload-complete', {
      token,
      body: { imageKey: fake, guitarId: guitar.id },
    });
    expect(refused.json.error.code).toBe('IMAGE_UPLOAD_FAILED');

    const receipt = await upload(t, token, await photo('png'), 'image/png', 'receipt');
    const done = await t.call('POST', '/images/upload-complete', {
      token,
      body: { imageKey: receipt, guitarId: guitar.id },
    });
    expect(done.status).toBe(200);
    const receiptUrl = (await t.call('GET', `/guitars/${guitar.id}`, { token })).json.data.privateInfo
      .receiptUrl;
    expect(new URL(receiptUrl).searchParams.get('X-Amz-Expires')).toBe('300');
    expect((await fetchMedia(t, receiptUrl)).status).toBe(200);
  });
});
