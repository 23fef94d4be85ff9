import { randomBytes } from 'node:crypto';
import { S3Client } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type S3Emulator, S3RVER_CREDENTIALS, startS3Emulator } from '../../../test/helpers/s3-emulator.js';
import { createTestClock } from '../../../test/helpers/test-app.js';
import { systemClock } from '../../clock.js';
import { createS3BlobStore } from './s3-blob-store.js';

const DUMMY_CREDENTIALS = { accessKeyId: 'AKIAEXAMPLEEXAMPLE00', secretAccessKey: 'not-a-real-secret' };

describe('S3 upload URLs: what is signed (s3rver does not check signatures, so the URL is read here)', () => {
  const clock = createTestClock();
  // The real AWS endpoint: pre-signing is local computation, no request is made.
  const store = createS3BlobStore({
    bucket: 'amply-prod-media',
    region: 'eu-west-1',
    credentials: DUMMY_CREDENTIALS,
    clock,
    maxUploadBytes: 10 * 1024 * 1024,
  });

  it('signs content type and length, expires in 5 minutes, and carries no checksum of an empty body', async () => {
    const ticket = await store.createUploadUrl({
      key: 'uploads/usr_1/3f2a-guitar.jpg',
      contentType: 'image/jpeg',
      contentLength: 123_456,
      expiresInSeconds: 300,
    });
    const url = new URL(ticket.url);
    const query = Object.fromEntries(url.searchParams);

    expect(url.host).toBe('amply-prod-media.s3.eu-west-1.amazonaws.com');
    expect(url.pathname).toBe('/uploads/usr_1/3f2a-guitar.jpg');
    expect(query['X-Amz-Algorithm']).toBe('AWS4-HMAC-SHA256');
    expect(query['X-Amz-Expires']).toBe('300');
    expect(query['X-Amz-Date']).toBe('20261121T120000Z');
    expect(query['X-Amz-Credential']).toBe(
      `${DUMMY_CREDENTIALS.accessKeyId}/20261121/eu-west-1/s3/aws4_request`,
    );
    expect(query['X-Amz-SignedHeaders']?.split(';')).toEqual(['content-length', 'content-type', 'host']);
    expect(query['X-Amz-Signature']).toMatch(/^[0-9a-f]{64}$/);
    // Hoisted into the query, type and length would be signed as parameters a client could simply omit.
    expect(Object.keys(query).filter((name) => /checksum|content-type|content-length/i.test(name))).toEqual(
      [],
    );
    expect(ticket.headers).toEqual({ 'content-type': 'image/jpeg', 'content-length': '123456' });
    expect(ticket.expiresAt).toBe('2026-11-21T12:05:00.000Z');
  });

  it('signs a different URL for another type, length or key', async () => {
    const base = {
      key: 'uploads/usr_1/a.jpg',
      contentType: 'image/jpeg',
      contentLength: 100,
      expiresInSeconds: 300,
    };
    const signature = async (request: typeof base) =>
      new URL((await store.createUploadUrl(request)).url).searchParams.get('X-Amz-Signature');
    const first = await signature(base);
    expect(await signature(base)).toBe(first);
    expect(await signature({ ...base, contentType: 'image/png' })).not.toBe(first);
    expect(await signature({ ...base, contentLength: 101 })).not.toBe(first);
    expect(await signature({ ...base, key: 'uploads/usr_2/a.jpg' })).not.toBe(first);
  });

  it('refuses to sign more than the upload limit', async () => {
    await expect(
      store.createUploadUrl({
        key: 'uploads/usr_1/a.jpg',
        contentType: 'image/jpeg',
        contentLength: 10 * 1024 * 1024 + 1,
        expiresInSeconds: 300,
      }),
    ).rejects.toThrow(RangeError);
  });

  it('makes public URLs on the CDN when one is configured, else on the bucket', () => {
    const behindCdn = createS3BlobStore({
      bucket: 'amply-prod-media',
      region: 'eu-west-1',
      mediaBaseUrl: 'https://media.amply.example',
      credentials: DUMMY_CREDENTIALS,
      clock,
      maxUploadBytes: 1024,
    });
    expect(behindCdn.publicUrl('images/usr_1/img_1.jpg')).toBe(
      'https://media.amply.example/images/usr_1/img_1.jpg',
    );
    expect(store.publicUrl('images/usr_1/img_1.jpg')).toBe(
      'https://amply-prod-media.s3.eu-west-1.amazonaws.com/images/usr_1/img_1.jpg',
    );
  });

  it('signs read URLs for their lifetime only, asking for no caching', async () => {
    const url = new URL(await store.signedReadUrl('receipts/usr_1/rcp_1.jpg', 120));
    expect(url.searchParams.get('X-Amz-Expires')).toBe('120');
    expect(url.searchParams.get('response-cache-control')).toBe('private, no-store');
    expect(url.pathname).toBe('/receipts/usr_1/rcp_1.jpg');
  });
});

describe('S3 adapter against s3rver', () => {
  let s3: S3Emulator;
  beforeAll(async () => {
    s3 = await startS3Emulator();
  });
  afterAll(() => s3.close());

  it('serves the public and signed read URLs it makes', async () => {
    const store = s3.blobStore({ clock: systemClock });
    const image = `images/usr_${randomBytes(4).toString('hex')}/img.jpg`;
    const receipt = `receipts/usr_${randomBytes(4).toString('hex')}/rcp.jpg`;
    const body = randomBytes(512);
    await store.put(image, body, {
      contentType: 'image/jpeg',
      cacheControl: 'public, max-age=31536000, immutable',
    });
    await store.put(receipt, body, { contentType: 'image/jpeg' });

    const publicUrl = store.publicUrl(image);
    expect(publicUrl).toBe(`${s3.endpoint}/${s3.bucket}/${image}`);
    const publicAnswer = await fetch(publicUrl);
    expect(publicAnswer.status).toBe(200);
    expect(publicAnswer.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(Buffer.from(await publicAnswer.arrayBuffer())).toEqual(body);

    const signed = await fetch(await store.signedReadUrl(receipt, 60));
    expect(signed.status).toBe(200);
    expect(Buffer.from(await signed.arrayBuffer())).toEqual(body);
  });

  it('lists past one page and deletes in batches of at most 1000', async () => {
    // The SDK client, observed: each DeleteObjects call's number of keys is recorded.
    const client = new S3Client({
      region: 'us-east-1',
      endpoint: s3.endpoint,
      forcePathStyle: true,
      credentials: S3RVER_CREDENTIALS,
    });
    const batches: number[] = [];
    client.middlewareStack.add(
      (next, context) => async (args) => {
        const input = args.input as { Delete?: { Objects?: unknown[] } };
        if (context.commandName === 'DeleteObjectsCommand') batches.push(input.Delete?.Objects?.length ?? 0);
        return next(args);
      },
      { step: 'initialize' },
    );
    const store = createS3BlobStore({
      bucket: s3.bucket,
      region: 'us-east-1',
      client,
      clock: systemClock,
      maxUploadBytes: 1024,
    });
    const prefix = `uploads/usr_${randomBytes(4).toString('hex')}/`;
    const keys = Array.from({ length: 1001 }, (_, n) => `${prefix}${String(n).padStart(4, '0')}.jpg`);
    for (let start = 0; start < keys.length; start += 50) {
      await Promise.all(
        keys
          .slice(start, start + 50)
          .map((key) => store.put(key, Buffer.from('x'), { contentType: 'image/jpeg' })),
      );
    }
    const later = new Date(Date.now() + 60_000);
    expect((await store.listOlderThan(prefix, later)).map((blob) => blob.key).sort()).toEqual(keys);

    await store.delete(keys);

    expect(batches).toEqual([1000, 1]);
    expect(await store.listOlderThan(prefix, later)).toEqual([]);
  });
});
