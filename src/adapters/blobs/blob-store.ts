/**
 * The blob-storage port: S3 on AWS, a folder on the local file system in dev and tests.
 * Both adapters honour one contract (blob-store.contract.test.ts): an upload URL signs its key,
 * content type, exact length and expiry, and storage refuses any upload that differs from what was
 * signed. Keys live under three prefixes: `uploads/` (direct uploads, swept when abandoned),
 * `images/` (public, served by the CDN) and `receipts/` (private, signed read URLs only).
 */

/** Where objects live: direct uploads (swept when abandoned), public images, private receipts. */
export const BLOB_PREFIX = { uploads: 'uploads/', images: 'images/', receipts: 'receipts/' } as const;

/** Path segments of letters, digits, `_` and `-` (and `.` after the first character), joined by `/`. */
const BLOB_KEY = /^[\w-][\w.-]{0,254}(?:\/[\w-][\w.-]{0,254})*$/;

/** True for a key both adapters accept: no `..`, no absolute path, no backslash or NUL, ≤ 1024 bytes. */
export function isValidBlobKey(key: string): boolean {
  return key.length <= 1024 && BLOB_KEY.test(key);
}

/** A key outside the allowed alphabet: a programming error (keys are made by the server, never by clients). */
class InvalidBlobKeyError extends Error {
  constructor(key: string) {
    super(`Not a valid blob key: ${JSON.stringify(key.slice(0, 80))}`);
    this.name = 'InvalidBlobKeyError';
  }
}

export function assertBlobKey(key: string): void {
  if (!isValidBlobKey(key)) throw new InvalidBlobKeyError(key);
}

/** Checks what an adapter is asked to sign: a valid key and a length from 1 byte to the upload limit. */
export function assertUploadRequest(request: UploadRequest, maxUploadBytes: number): void {
  assertBlobKey(request.key);
  const { contentLength } = request;
  if (!Number.isInteger(contentLength) || contentLength < 1 || contentLength > maxUploadBytes) {
    throw new RangeError(`An upload must be 1 to ${maxUploadBytes} bytes, not ${contentLength}`);
  }
}

/** A key as a URL path (each segment percent-encoded). */
export function encodeBlobKey(key: string): string {
  return key.split('/').map(encodeURIComponent).join('/');
}

/** `read(key, maxBytes)` found an object larger than `maxBytes`; nothing was buffered past the limit. */
export class BlobTooLargeError extends Error {
  constructor(
    readonly key: string,
    readonly size: number,
    readonly maxBytes: number,
  ) {
    super(`Blob ${key} is ${size} bytes, more than ${maxBytes}`);
    this.name = 'BlobTooLargeError';
  }
}

/** `Cache-Control` for objects under `images/`: their keys never change content, so caches keep them a year. */
export const IMMUTABLE_CACHE_CONTROL = 'public, max-age=31536000, immutable';

/** Where the client sends its bytes: a plain HTTP PUT with exactly these headers. */
export interface UploadTicket {
  url: string;
  method: 'PUT';
  /** Headers the client must send unchanged (at least `content-type` and `content-length`). */
  headers: Record<string, string>;
  expiresAt: string;
}

export interface UploadRequest {
  key: string;
  contentType: string;
  /** Exact size in bytes; the upload must be this long. */
  contentLength: number;
  expiresInSeconds: number;
}

export interface StoredBlob {
  key: string;
  size: number;
  contentType: string | undefined;
  lastModified: Date;
}

export interface PutOptions {
  contentType: string;
  /** `Cache-Control` stored with the object (S3) or sent when it is served (local). */
  cacheControl?: string;
}

export interface BlobStore {
  /** A pre-signed (S3) or HMAC-signed (local) URL for one direct upload. */
  createUploadUrl(request: UploadRequest): Promise<UploadTicket>;
  /** Metadata, or undefined when there is no such object. */
  head(key: string): Promise<StoredBlob | undefined>;
  /** The object's bytes, or undefined when there is no such object; `BlobTooLargeError` past `maxBytes`. */
  read(key: string, maxBytes?: number): Promise<Buffer | undefined>;
  put(key: string, body: Buffer, options: PutOptions): Promise<void>;
  /** Deleting a missing key is not an error. */
  delete(keys: string[]): Promise<void>;
  /** Keys under a prefix last modified before a time (for the abandoned-upload sweep). */
  listOlderThan(prefix: string, before: Date): Promise<StoredBlob[]>;
  /** A stable public URL for a key under `images/` (CloudFront on AWS, `/media/...` locally). */
  publicUrl(key: string): string;
  /** A short-lived signed read URL, for private objects such as receipts. */
  signedReadUrl(key: string, expiresInSeconds: number): Promise<string>;
}
