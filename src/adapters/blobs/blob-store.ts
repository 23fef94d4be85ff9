/**
 * The blob-storage port: S3 on AWS, a folder on the local file system in dev and tests.
 * Both adapters honour one contract (see blob-store.contract.ts once it exists): an upload URL
 * signs its key, content type, exact length and expiry, and storage refuses any upload that
 * differs from what was signed.
 */

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
  /** The object's bytes, or undefined when there is no such object. */
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
