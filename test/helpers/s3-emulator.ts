import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import S3rver from 's3rver';
import { createS3BlobStore } from '../../src/adapters/blobs/s3-blob-store.js';
import type { Clock } from '../../src/clock.js';

export const S3RVER_CREDENTIALS = { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' };

/**
 * s3rver on a loopback port with one empty bucket, in a temp folder. It checks a pre-signed URL's
 * access key and expiry but not its signature, content type or length (GOTCHAS.md): tests of those
 * read the URL's signing parameters instead.
 */
export async function startS3Emulator(bucket = 'amply-test-media') {
  const directory = await mkdtemp(join(tmpdir(), 'amply-s3-'));
  const server = new S3rver({
    address: '127.0.0.1',
    port: 0,
    silent: true,
    directory,
    configureBuckets: [{ name: bucket }],
  });
  const { port } = await server.run();
  const endpoint = `http://127.0.0.1:${port}`;
  return {
    endpoint,
    bucket,
    /** The S3 adapter against this emulator. */
    blobStore: (options: { clock: Clock; maxUploadBytes?: number; mediaBaseUrl?: string }) =>
      createS3BlobStore({
        bucket,
        region: 'us-east-1',
        endpoint,
        forcePathStyle: true,
        credentials: S3RVER_CREDENTIALS,
        clock: options.clock,
        maxUploadBytes: options.maxUploadBytes ?? 10 * 1024 * 1024,
        mediaBaseUrl: options.mediaBaseUrl,
      }),
    async close() {
      await server.close();
      await rm(directory, { recursive: true, force: true });
    },
  };
}

export type S3Emulator = Awaited<ReturnType<typeof startS3Emulator>>;
