import { randomUUID } from 'node:crypto';
import {
  BLOB_PREFIX,
  type BlobStore,
  BlobTooLargeError,
  IMMUTABLE_CACHE_CONTROL,
  isValidBlobKey,
} from '../adapters/blobs/blob-store.js';
import { DomainError, NotFoundError } from '../errors.js';
import { ImageRejectedError, type ProcessedImage, processImage } from './image-pipeline.js';

/*
 * Direct uploads, as every module that takes pictures uses them: the client asks for a signed PUT under
 * `uploads/<userId>/`, sends the bytes straight to storage, then completes. Completion accepts only a key
 * under the caller's own prefix and runs the image pipeline on it; where the result goes (a guitar, a
 * profile, a casting) is the module's business.
 */

const UPLOAD_URL_SECONDS = 300;

/** File extensions of the formats the pipeline stores originals in. */
export const IMAGE_EXTENSIONS: Record<string, string> = {
  'image/jpeg': 'jpg',
  'image/png': 'png',
  'image/webp': 'webp',
};

export const uploadNotFound = () =>
  new NotFoundError('No upload with this key; ask for a new upload URL and upload again', 'UPLOAD_NOT_FOUND');
export const imageUploadFailed = (message: string) => new DomainError('IMAGE_UPLOAD_FAILED', 400, message);
export const uploadTooLarge = (maxBytes: number) =>
  new DomainError('PAYLOAD_TOO_LARGE', 413, `Uploads are limited to ${maxBytes} bytes`);

/** A file name reduced to what a blob key may hold: letters, digits, `.`, `_`, `-`; at most 80 characters. */
function safeFileName(fileName: string): string {
  const base = fileName.split(/[\\/]/).pop() ?? '';
  const cleaned = base
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .replace(/[^\w.-]+/g, '-')
    .replace(/-{2,}/g, '-')
    .replace(/^[.-]+/, '')
    .slice(-80);
  return cleaned || 'upload';
}

/** Where a user's direct uploads go. */
export const uploadPrefix = (userId: string) => `${BLOB_PREFIX.uploads}${userId}/`;

export interface UploadUrlRequest {
  fileName: string;
  fileType: string;
  fileSize: number;
}

/** The upload flow's two halves, bound to one blob store and upload limit. */
export function createDirectUploads(blobs: BlobStore, maxUploadBytes: number) {
  /** Throws `UPLOAD_NOT_FOUND` unless the key is a valid key under the caller's uploads. */
  function assertOwnUpload(userId: string, imageKey: string): void {
    // Another user's key is as unknown as a key that never existed.
    if (!imageKey.startsWith(uploadPrefix(userId)) || !isValidBlobKey(imageKey)) throw uploadNotFound();
  }

  return {
    /** A signed PUT for a server-made key under the caller's uploads; `mark` starts the key's last segment. */
    async createUploadUrl(userId: string, request: UploadUrlRequest, mark = '') {
      if (request.fileSize > maxUploadBytes) throw uploadTooLarge(maxUploadBytes);
      const key = `${uploadPrefix(userId)}${mark}${randomUUID()}-${safeFileName(request.fileName)}`;
      const ticket = await blobs.createUploadUrl({
        key,
        contentType: request.fileType,
        contentLength: request.fileSize,
        expiresInSeconds: UPLOAD_URL_SECONDS,
      });
      return {
        uploadUrl: ticket.url,
        method: ticket.method,
        headers: ticket.headers,
        imageKey: key,
        expiresAt: ticket.expiresAt,
      };
    },

    assertOwnUpload,

    /** Stores a processed image and its thumbnail as public, immutable blobs under the given keys. */
    async storePublic(processed: ProcessedImage, keys: { key: string; thumbnailKey: string }): Promise<void> {
      await Promise.all([
        blobs.put(keys.key, processed.original, {
          contentType: processed.contentType,
          cacheControl: IMMUTABLE_CACHE_CONTROL,
        }),
        blobs.put(keys.thumbnailKey, processed.thumbnail, {
          contentType: processed.thumbnailContentType,
          cacheControl: IMMUTABLE_CACHE_CONTROL,
        }),
      ]);
    },

    /**
     * Reads the caller's upload and runs the image pipeline on it. A missing upload is 404; one over the
     * limit or not a usable image is `IMAGE_UPLOAD_FAILED` and the upload is deleted.
     */
    async processUpload(userId: string, imageKey: string): Promise<ProcessedImage> {
      assertOwnUpload(userId, imageKey);
      try {
        // One GET: a missing upload is 404, one over the limit is refused before its bytes are buffered.
        return await processImage(async () => {
          const bytes = await blobs.read(imageKey, maxUploadBytes);
          if (!bytes) throw uploadNotFound();
          return bytes;
        });
      } catch (error) {
        const reason =
          error instanceof BlobTooLargeError
            ? `The upload is larger than ${maxUploadBytes} bytes`
            : error instanceof ImageRejectedError
              ? error.message
              : undefined;
        if (reason === undefined) throw error;
        await blobs.delete([imageKey]);
        throw imageUploadFailed(reason);
      }
    },
  };
}

export type DirectUploads = ReturnType<typeof createDirectUploads>;
