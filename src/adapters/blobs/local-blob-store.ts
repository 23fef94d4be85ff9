import { randomBytes } from 'node:crypto';
import { createReadStream, createWriteStream, type Dirent, type ReadStream } from 'node:fs';
import { mkdir, open, readdir, readFile, rename, rm, stat, utimes, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { type Clock, epochSeconds } from '../../clock.js';
import { type KeyedHasher, safeEqual } from '../../security/keyed-hash.js';
import {
  assertBlobKey,
  assertUploadRequest,
  type BlobStore,
  BlobTooLargeError,
  encodeBlobKey,
  isValidBlobKey,
  type PutOptions,
  type StoredBlob,
  type UploadTicket,
} from './blob-store.js';

export interface LocalBlobStoreOptions {
  /** The folder that holds the objects (`<AMPLY_DATA_DIR>/blobs`). */
  root: string;
  /** The server's public base URL; `/media/...` URLs are made under it. */
  baseUrl: string;
  hasher: KeyedHasher;
  clock: Clock;
  /** The largest upload a URL may be signed for. */
  maxUploadBytes: number;
}

/** The query of a signed upload URL, as the server receives it. */
export interface UploadSignature {
  expires: string | undefined;
  type: string | undefined;
  length: string | undefined;
  sig: string | undefined;
}

/** The query of a signed read URL. */
export interface ReadSignature {
  expires: string | undefined;
  sig: string | undefined;
}

/** Why an upload or a signed read was refused; the media routes map each to a status. */
export type MediaRefusal =
  | 'signature' // missing or wrong signature, or a request that differs from what was signed
  | 'expired'
  | 'length-required'
  | 'too-large'
  | 'too-short';

export class MediaRefusedError extends Error {
  constructor(readonly reason: MediaRefusal) {
    super(`media request refused: ${reason}`);
    this.name = 'MediaRefusedError';
  }
}

export interface OpenedBlob {
  stream: ReadStream;
  size: number;
  contentType: string | undefined;
  cacheControl: string | undefined;
}

/** The local adapter, plus what the server's `/media` routes need to play S3 and CloudFront. */
export interface LocalBlobStore extends BlobStore {
  /** Checks a direct upload against its signed URL and stores its body; throws `MediaRefusedError`. */
  acceptUpload(upload: {
    key: string;
    signature: UploadSignature;
    contentType: string | undefined;
    contentLength: string | undefined;
    body: ReadableStream<Uint8Array> | null;
  }): Promise<StoredBlob>;
  /** Checks a signed read URL; throws `MediaRefusedError`. */
  verifyRead(key: string, signature: ReadSignature): void;
  /** A stream of the object, or undefined when there is none. */
  open(key: string): Promise<OpenedBlob | undefined>;
}

interface BlobMeta {
  contentType: string | undefined;
  cacheControl: string | undefined;
}

const UPLOAD_PURPOSE = 'local-blob-upload';
const READ_PURPOSE = 'local-blob-read';
// Objects live at `<root>/<key>`; a key segment never starts with a dot, so these never collide with keys.
const META_DIR = '.meta';
const TEMP_DIR = '.tmp';

function isMissing(error: unknown): boolean {
  const code = (error as NodeJS.ErrnoException).code;
  return code === 'ENOENT' || code === 'ENOTDIR';
}

/**
 * Dev and tests: objects are files under a folder, and the server itself stands in for S3 and
 * CloudFront (`src/http/media.routes.ts`). Upload URLs are HMAC-signed over key, content type, exact
 * length and expiry, and the upload handler refuses whatever S3 would refuse. Every write goes to a
 * temporary file first and is renamed into place, so a reader never sees half an object. File times
 * follow the injected clock, so the abandoned-upload sweep can be tested with a moved clock.
 */
export function createLocalBlobStore(options: LocalBlobStoreOptions): LocalBlobStore {
  const { root, baseUrl, hasher, clock, maxUploadBytes } = options;

  function pathOf(key: string): string {
    assertBlobKey(key);
    return join(root, key);
  }
  const metaPathOf = (key: string) => join(root, META_DIR, `${key}.json`);

  async function tempFile(): Promise<string> {
    const dir = join(root, TEMP_DIR);
    await mkdir(dir, { recursive: true });
    return join(dir, randomBytes(12).toString('hex'));
  }

  /** Moves a finished temporary file into place, dated by the clock. */
  async function publish(temp: string, target: string): Promise<void> {
    const now = new Date(clock.now());
    await utimes(temp, now, now);
    await mkdir(dirname(target), { recursive: true });
    await rename(temp, target);
  }

  async function writeMeta(key: string, meta: BlobMeta): Promise<void> {
    const temp = await tempFile();
    await writeFile(temp, JSON.stringify(meta));
    await publish(temp, metaPathOf(key));
  }

  async function readMeta(key: string): Promise<BlobMeta> {
    try {
      return JSON.parse(await readFile(metaPathOf(key), 'utf8')) as BlobMeta;
    } catch (error) {
      if (isMissing(error)) return { contentType: undefined, cacheControl: undefined };
      throw error;
    }
  }

  async function head(key: string): Promise<StoredBlob | undefined> {
    const path = pathOf(key);
    try {
      const info = await stat(path);
      if (!info.isFile()) return undefined;
      const meta = await readMeta(key);
      return { key, size: info.size, contentType: meta.contentType, lastModified: info.mtime };
    } catch (error) {
      if (isMissing(error)) return undefined;
      throw error;
    }
  }

  function uploadSignature(key: string, contentType: string, length: number, expires: number): string {
    return hasher.hash(UPLOAD_PURPOSE, `${key}\n${contentType}\n${length}\n${expires}`);
  }

  function readSignature(key: string, expires: number): string {
    return hasher.hash(READ_PURPOSE, `${key}\n${expires}`);
  }

  /** The expiry of a signed URL, or a refusal; the signature is checked before the time. */
  function checkExpiry(expires: number): void {
    if (epochSeconds(clock.now()) >= expires) throw new MediaRefusedError('expired');
  }

  return {
    async createUploadUrl(request) {
      const { key, contentType, contentLength, expiresInSeconds } = request;
      assertUploadRequest(request, maxUploadBytes);
      const expires = epochSeconds(clock.now()) + expiresInSeconds;
      const query = new URLSearchParams({
        expires: String(expires),
        type: contentType,
        length: String(contentLength),
        sig: uploadSignature(key, contentType, contentLength, expires),
      });
      const ticket: UploadTicket = {
        url: `${baseUrl}/media/upload/${encodeBlobKey(key)}?${query}`,
        method: 'PUT',
        headers: { 'content-type': contentType, 'content-length': String(contentLength) },
        expiresAt: new Date(expires * 1000).toISOString(),
      };
      return ticket;
    },

    head,

    async read(key, maxBytes) {
      const path = pathOf(key);
      let handle: Awaited<ReturnType<typeof open>>;
      try {
        handle = await open(path, 'r');
      } catch (error) {
        if (isMissing(error)) return undefined;
        throw error;
      }
      try {
        const info = await handle.stat();
        if (!info.isFile()) return undefined;
        const { size } = info;
        if (maxBytes !== undefined && size > maxBytes) throw new BlobTooLargeError(key, size, maxBytes);
        return await handle.readFile();
      } finally {
        await handle.close();
      }
    },

    async put(key, body, putOptions: PutOptions) {
      const path = pathOf(key);
      await writeMeta(key, { contentType: putOptions.contentType, cacheControl: putOptions.cacheControl });
      const temp = await tempFile();
      await writeFile(temp, body);
      await publish(temp, path);
    },

    async delete(keys) {
      await Promise.all(
        keys.map(async (key) => {
          await rm(pathOf(key), { force: true });
          await rm(metaPathOf(key), { force: true });
        }),
      );
    },

    async listOlderThan(prefix, before) {
      const found: StoredBlob[] = [];
      // Walk only the folders the prefix can reach; a prefix may end inside a file name.
      const cut = prefix.lastIndexOf('/');
      const start = cut < 0 ? '' : prefix.slice(0, cut);
      if (start !== '' && !isValidBlobKey(start)) return found;
      async function walk(relative: string): Promise<void> {
        let entries: Dirent[];
        try {
          entries = await readdir(join(root, relative), { withFileTypes: true });
        } catch (error) {
          if (isMissing(error)) return;
          throw error;
        }
        for (const entry of entries) {
          if (entry.name.startsWith('.')) continue;
          const key = relative ? `${relative}/${entry.name}` : entry.name;
          if (entry.isDirectory()) {
            if (`${key}/`.startsWith(prefix) || prefix.startsWith(`${key}/`)) await walk(key);
          } else if (entry.isFile() && key.startsWith(prefix)) {
            const blob = await head(key);
            if (blob && blob.lastModified < before) found.push(blob);
          }
        }
      }
      await walk(start);
      return found.sort((a, b) => a.key.localeCompare(b.key));
    },

    publicUrl(key) {
      assertBlobKey(key);
      return `${baseUrl}/media/${encodeBlobKey(key)}`;
    },

    async signedReadUrl(key, expiresInSeconds) {
      assertBlobKey(key);
      const expires = epochSeconds(clock.now()) + expiresInSeconds;
      const query = new URLSearchParams({ expires: String(expires), sig: readSignature(key, expires) });
      return `${baseUrl}/media/${encodeBlobKey(key)}?${query}`;
    },

    async acceptUpload(upload) {
      const { key, signature } = upload;
      const expires = Number(signature.expires);
      const length = Number(signature.length);
      if (
        !isValidBlobKey(key) ||
        !signature.sig ||
        signature.type === undefined ||
        !Number.isSafeInteger(expires) ||
        !Number.isSafeInteger(length) ||
        String(length) !== signature.length ||
        !safeEqual(signature.sig, uploadSignature(key, signature.type, length, expires))
      ) {
        throw new MediaRefusedError('signature');
      }
      checkExpiry(expires);
      // As on S3, the signed headers must be sent unchanged.
      if (upload.contentType !== signature.type) throw new MediaRefusedError('signature');
      if (upload.contentLength === undefined) throw new MediaRefusedError('length-required');
      if (upload.contentLength !== signature.length) throw new MediaRefusedError('signature');
      if (length > maxUploadBytes) throw new MediaRefusedError('too-large');
      if (!upload.body) throw new MediaRefusedError('too-short');

      let received = 0;
      const limit = new Transform({
        transform(chunk: Buffer, _encoding, done) {
          received += chunk.length;
          if (received > length) done(new MediaRefusedError('too-large'));
          else done(null, chunk);
        },
      });
      const temp = await tempFile();
      try {
        await pipeline(Readable.fromWeb(upload.body), limit, createWriteStream(temp, { flags: 'wx' }));
        if (received < length) throw new MediaRefusedError('too-short');
        await writeMeta(key, { contentType: signature.type, cacheControl: undefined });
        await publish(temp, pathOf(key));
      } catch (error) {
        await rm(temp, { force: true });
        throw error;
      }
      return { key, size: received, contentType: signature.type, lastModified: new Date(clock.now()) };
    },

    verifyRead(key, signature) {
      const expires = Number(signature.expires);
      if (
        !signature.sig ||
        !Number.isSafeInteger(expires) ||
        String(expires) !== signature.expires ||
        !safeEqual(signature.sig, readSignature(key, expires))
      ) {
        throw new MediaRefusedError('signature');
      }
      checkExpiry(expires);
    },

    async open(key) {
      if (!isValidBlobKey(key)) return undefined;
      const path = pathOf(key);
      try {
        const info = await stat(path);
        if (!info.isFile()) return undefined;
        const meta = await readMeta(key);
        return { stream: createReadStream(path), size: info.size, ...meta };
      } catch (error) {
        if (isMissing(error)) return undefined;
        throw error;
      }
    },
  };
}
