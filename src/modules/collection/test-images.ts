import sharp from 'sharp';
import type { TestApp } from '../../../test/helpers/test-app.js';

/** EXIF a phone would write: where the photo was taken, and that it was held sideways. */
const PHONE_EXIF = {
  IFD0: { Make: 'TestPhone', Model: 'Leaky 1' },
  IFD3: {
    GPSLatitudeRef: 'N',
    GPSLatitude: '52/1 31/1 0/1',
    GPSLongitudeRef: 'E',
    GPSLongitude: '13/1 24/1 0/1',
  },
};

/** A real 800×600 photo in `format`, with GPS EXIF and orientation 6 (shown rotated: 600×800). */
export async function photo(format: 'jpeg' | 'png' | 'webp', size = { width: 800, height: 600 }) {
  const image = sharp({
    create: { width: size.width, height: size.height, channels: 3, background: { r: 200, g: 80, b: 30 } },
  })
    .withExif(PHONE_EXIF)
    .withMetadata({ orientation: 6 });
  return image.toFormat(format).toBuffer();
}

/** A URL the API handed out: the app's own (local media) in-process, anything else (s3rver) over the network. */
function send(t: TestApp, url: string, init?: RequestInit) {
  return new URL(url).origin === t.deps.config.publicUrl ? t.app.request(url, init) : fetch(url, init);
}

/** Asks for an upload URL and PUTs the bytes to it as a client would; returns the key. */
export async function upload(
  t: TestApp,
  token: string,
  bytes: Buffer,
  fileType = 'image/jpeg',
  kind: 'image' | 'receipt' = 'image',
) {
  const ticket = await t.call('POST', '/images/upload-url', {
    token,
    body: { fileName: 'my guitar.jpg', fileType, fileSize: bytes.length, kind },
  });
  if (ticket.status !== 200) throw new Error(`upload-url answered ${ticket.status}: ${ticket.text}`);
  const { uploadUrl, headers, imageKey } = ticket.json.data;
  const put = await send(t, uploadUrl, { method: 'PUT', headers, body: new Uint8Array(bytes) });
  if (put.status !== 200) throw new Error(`upload answered ${put.status}: ${await put.text()}`);
  return imageKey as string;
}

/** GETs a URL the API handed out and returns status, type and bytes. */
export async function fetchMedia(t: TestApp, url: string) {
  const response = await send(t, url);
  return {
    status: response.status,
    contentType: response.headers.get('content-type'),
    cacheControl: response.headers.get('cache-control'),
    bytes: Buffer.from(await response.arrayBuffer()),
  };
}
