import sharp from 'sharp';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { login, registerAndReadCode, request, serverPool, uniqueAddress } from './server-process.js';

const pool = serverPool('collection');

afterEach(pool.stopAll);
afterAll(pool.removeAll);

describe('the guitar collection on the started server', () => {
  it('registers, adds a guitar, uploads a photo with a plain PUT, completes it and fetches the thumbnail', async () => {
    const server = await pool.start(await pool.freshDataDir());
    const base = server.baseUrl;
    const email = uniqueAddress('collector');
    const { code } = await registerAndReadCode(base, email);
    expect((await request(base, 'POST', '/auth/confirm', { body: { email, code } })).status).toBe(200);
    const { accessToken: token } = await login(base, email);

    const created = await request(base, 'POST', '/guitars', {
      token,
      body: { brand: 'Gretsch', model: 'White Falcon', year: 1958, type: 'hollow-body' },
    });
    expect(created.status).toBe(201);
    const guitarId = created.json.data.id;

    const photo = await sharp({
      create: { width: 1200, height: 900, channels: 3, background: { r: 240, g: 240, b: 235 } },
    })
      .withExif({ IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '52/1 31/1 0/1' } })
      .jpeg()
      .toBuffer();
    const ticket = await request(base, 'POST', '/images/upload-url', {
      token,
      body: { fileName: 'falcon.jpg', fileType: 'image/jpeg', fileSize: photo.length, kind: 'image' },
    });
    expect(ticket.status).toBe(200);
    const { uploadUrl, headers, imageKey } = ticket.json.data;
    expect(new URL(uploadUrl).origin).toBe(base);

    const put = await fetch(uploadUrl, { method: 'PUT', headers, body: new Uint8Array(photo) });
    expect(put.status).toBe(200);

    const done = await request(base, 'POST', '/images/upload-complete', {
      token,
      body: { imageKey, guitarId, caption: 'Front', isPrimary: true },
    });
    expect(done.status).toBe(200);
    const { imageUrl, thumbnailUrl } = done.json.data;

    const thumbnail = await fetch(thumbnailUrl);
    expect(thumbnail.status).toBe(200);
    expect(thumbnail.headers.get('cache-control')).toContain('immutable');
    const thumbMeta = await sharp(Buffer.from(await thumbnail.arrayBuffer())).metadata();
    expect([thumbMeta.width, thumbMeta.height]).toEqual([400, 300]);
    const original = await fetch(imageUrl);
    expect((await sharp(Buffer.from(await original.arrayBuffer())).metadata()).exif).toBeUndefined();

    const read = await request(base, 'GET', `/guitars/${guitarId}`, { token });
    expect(read.json.data.images).toEqual([
      expect.objectContaining({ url: imageUrl, thumbnailUrl, isPrimary: true }),
    ]);
  });
});
