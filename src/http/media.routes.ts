import { Readable } from 'node:stream';
import { Hono } from 'hono';
import { BLOB_PREFIX, IMMUTABLE_CACHE_CONTROL } from '../adapters/blobs/blob-store.js';
import {
  type LocalBlobStore,
  type MediaRefusal,
  MediaRefusedError,
} from '../adapters/blobs/local-blob-store.js';
import { DomainError, ForbiddenError, NotFoundError, ValidationError } from '../errors.js';
import type { AppEnv } from './context.js';
import { ok } from './envelope.js';

function refusal(reason: MediaRefusal): DomainError {
  switch (reason) {
    case 'expired':
      return new ForbiddenError('The signed URL has expired');
    case 'signature':
      return new ForbiddenError('The request does not match its signed URL');
    case 'length-required':
      return new DomainError('LENGTH_REQUIRED', 411, 'Send the Content-Length the URL was signed for');
    case 'too-large':
      return new DomainError('PAYLOAD_TOO_LARGE', 413, 'The body is longer than the URL was signed for');
    case 'too-short':
      return new ValidationError('The body is shorter than the URL was signed for');
  }
}

async function refusalsAsErrors<T>(work: () => Promise<T> | T): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof MediaRefusedError) throw refusal(error.reason);
    throw error;
  }
}

/** The key in a `/media/...` path, or undefined when it does not decode. */
function keyAfter(path: string, prefix: string): string | undefined {
  try {
    return decodeURIComponent(path.slice(prefix.length));
  } catch {
    return undefined;
  }
}

/**
 * The local stand-in for S3 and CloudFront, mounted only when blobs live on the local file system:
 * `PUT /media/upload/<key>` takes a direct upload through an HMAC-signed URL; `GET /media/images/...`
 * serves public images with year-long immutable caching; any other key is served only through a
 * signed, short-lived URL (`private, no-store`), and without one it is 404 whether or not it exists.
 * These answer bytes as the storage service would, so they are not part of the JSON API's OpenAPI
 * document (decision 17); their errors still use the envelope.
 */
export function mediaRoutes(store: LocalBlobStore) {
  const routes = new Hono<AppEnv>();

  routes.put('/media/upload/*', async (c) => {
    const key = keyAfter(c.req.path, '/media/upload/');
    if (key === undefined) throw new ForbiddenError('The request does not match its signed URL');
    const stored = await refusalsAsErrors(() =>
      store.acceptUpload({
        key,
        signature: {
          expires: c.req.query('expires'),
          type: c.req.query('type'),
          length: c.req.query('length'),
          sig: c.req.query('sig'),
        },
        contentType: c.req.header('content-type'),
        contentLength: c.req.header('content-length'),
        body: c.req.raw.body,
      }),
    );
    return ok(c, { key: stored.key, size: stored.size });
  });

  routes.get('/media/*', async (c) => {
    const key = keyAfter(c.req.path, '/media/');
    const notFound = new NotFoundError('No such object');
    if (key === undefined) throw notFound;
    const signed = c.req.query('sig') !== undefined;
    if (signed) {
      await refusalsAsErrors(() =>
        store.verifyRead(key, { expires: c.req.query('expires'), sig: c.req.query('sig') }),
      );
    } else if (!key.startsWith(BLOB_PREFIX.images)) {
      throw notFound;
    }
    const blob = await store.open(key);
    if (!blob) throw notFound;
    c.header('Content-Type', blob.contentType ?? 'application/octet-stream');
    c.header('Content-Length', String(blob.size));
    c.header('Cache-Control', signed ? 'private, no-store' : (blob.cacheControl ?? IMMUTABLE_CACHE_CONTROL));
    // User content on the API's origin: never run as a document.
    c.header('Content-Security-Policy', "default-src 'none'; sandbox");
    if (c.req.method === 'HEAD') {
      blob.stream.destroy();
      return c.body(null, 200);
    }
    return c.body(Readable.toWeb(blob.stream) as ReadableStream<Uint8Array>, 200);
  });

  return routes;
}
