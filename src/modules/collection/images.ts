import { randomUUID } from 'node:crypto';
import {
  BLOB_PREFIX,
  BlobTooLargeError,
  IMMUTABLE_CACHE_CONTROL,
  isValidBlobKey,
} from '../../adapters/blobs/blob-store.js';
import { isoTime } from '../../clock.js';
import { ImageRejectedError, processImage } from '../../media/image-pipeline.js';
import type { CollectionContext } from './context.js';
import {
  guitarInvalid,
  imageNotFound,
  imageUploadFailed,
  uploadNotFound,
  uploadTooLarge,
  versionConflict,
} from './errors.js';
import { imagesOf, RECEIPT_URL_SECONDS, type StoredImage, toImage } from './guitar-record.js';
import type { Guitars } from './guitars.js';
import { LIMITS } from './schemas.js';

/*
 * Direct uploads (README, "Images and uploads"): the client asks for a signed PUT under `uploads/<userId>/`, sends the
 * bytes straight to storage, then completes. Completion checks the object is the caller's and really
 * an image, strips its metadata, makes the thumbnail, stores both under `images/<userId>/` (a receipt
 * under `receipts/<userId>/`, never public), records it on the guitar and deletes the upload. Blobs are
 * written before the guitar points at them and deleted after it stops pointing at them.
 */

const UPLOAD_URL_SECONDS = 300;
/** Recording an image or receipt retries this often when the guitar changed in a way that matters. */
const ATTEMPTS = 5;

const tooManyImages = () =>
  guitarInvalid([{ field: 'images', message: `A guitar holds at most ${LIMITS.images} images` }]);
const RECEIPT_MARK = 'receipt-';

const EXTENSIONS: Record<string, string> = {
  'image/jpeg': 'jpg',
  'image/png': 'png',
  'image/webp': 'webp',
};

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

export function createImages(ctx: CollectionContext, guitars: Guitars) {
  const uploadPrefix = (userId: string) => `${BLOB_PREFIX.uploads}${userId}/`;

  return {
    async createUploadUrl(
      userId: string,
      request: { fileName: string; fileType: string; fileSize: number; kind: 'image' | 'receipt' },
    ) {
      if (request.fileSize > ctx.maxUploadBytes) throw uploadTooLarge(ctx.maxUploadBytes);
      const mark = request.kind === 'receipt' ? RECEIPT_MARK : '';
      const key = `${uploadPrefix(userId)}${mark}${randomUUID()}-${safeFileName(request.fileName)}`;
      const ticket = await ctx.blobs.createUploadUrl({
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

    async completeUpload(
      userId: string,
      request: {
        imageKey: string;
        guitarId: string;
        caption?: string | undefined;
        isPrimary?: boolean | undefined;
      },
    ) {
      const { imageKey, guitarId } = request;
      const prefix = uploadPrefix(userId);
      // Another user's key is as unknown as a key that never existed.
      if (!imageKey.startsWith(prefix) || !isValidBlobKey(imageKey)) throw uploadNotFound();
      const isReceipt = imageKey.slice(prefix.length).startsWith(RECEIPT_MARK);
      const guitar = await guitars.load(userId, guitarId);
      if (!isReceipt && imagesOf(guitar).length >= LIMITS.images) throw tooManyImages();

      // One GET: a missing upload is 404, one over the limit is refused before its bytes are buffered.
      let processed: Awaited<ReturnType<typeof processImage>>;
      try {
        processed = await processImage(async () => {
          const bytes = await ctx.blobs.read(imageKey, ctx.maxUploadBytes);
          if (!bytes) throw uploadNotFound();
          return bytes;
        });
      } catch (error) {
        const reason =
          error instanceof BlobTooLargeError
            ? `The upload is larger than ${ctx.maxUploadBytes} bytes`
            : error instanceof ImageRejectedError
              ? error.message
              : undefined;
        if (reason === undefined) throw error;
        await ctx.blobs.delete([imageKey]);
        throw imageUploadFailed(reason);
      }

      const at = ctx.clock.now();
      const extension = EXTENSIONS[processed.contentType] ?? 'jpg';
      if (isReceipt) {
        const receiptKey = `${BLOB_PREFIX.receipts}${userId}/${guitarId}/${randomUUID()}.${extension}`;
        await ctx.blobs.put(receiptKey, processed.original, { contentType: processed.contentType });
        const replaced = await recordOrUndo([receiptKey], () => recordReceipt(userId, guitarId, receiptKey));
        await ctx.blobs.delete([imageKey, ...(replaced ? [replaced] : [])]);
        const receiptUrl = await ctx.blobs.signedReadUrl(receiptKey, RECEIPT_URL_SECONDS);
        return { imageUrl: receiptUrl, thumbnailUrl: null, image: null };
      }

      const imageId = ctx.newId('img', at);
      const base = `${BLOB_PREFIX.images}${userId}/${guitarId}/${imageId}`;
      const image: StoredImage = {
        id: imageId,
        key: `${base}.${extension}`,
        thumbnailKey: `${base}-thumb.webp`,
        uploadKey: imageKey,
        caption: request.caption || null,
        width: processed.width,
        height: processed.height,
        createdAt: isoTime(at),
      };
      await Promise.all([
        ctx.blobs.put(image.key, processed.original, {
          contentType: processed.contentType,
          cacheControl: IMMUTABLE_CACHE_CONTROL,
        }),
        ctx.blobs.put(image.thumbnailKey, processed.thumbnail, {
          contentType: processed.thumbnailContentType,
          cacheControl: IMMUTABLE_CACHE_CONTROL,
        }),
      ]);
      const recorded = await recordOrUndo([image.key, image.thumbnailKey], () =>
        recordImage(userId, guitarId, image, request.isPrimary === true),
      );
      // A concurrent completion of the same upload recorded it first: these copies are not needed.
      const duplicates = recorded.id === image.id ? [] : [image.key, image.thumbnailKey];
      await ctx.blobs.delete([imageKey, ...duplicates]);
      const view = toImage(ctx.blobs, recorded);
      return { imageUrl: view.url, thumbnailUrl: view.thumbnailUrl, image: view };
    },

    /** Takes the image off the guitar (the next in order becomes primary, if it was), then deletes its blobs. */
    async removeImage(userId: string, guitarId: string, imageId: string): Promise<void> {
      const store = await ctx.store();
      for (let attempt = 0; attempt < ATTEMPTS; attempt += 1) {
        const image = imagesOf(await guitars.loadWithMaps(userId, guitarId)).find(
          (candidate) => candidate.id === imageId,
        );
        if (!image) throw imageNotFound();
        if (await store.removeImage(userId, guitarId, image, isoTime(ctx.clock.now()))) {
          await ctx.blobs.delete([image.key, image.thumbnailKey]);
          return;
        }
      }
      throw versionConflict();
    },
  };

  /**
   * Records an image with one conditional update of its own entry (images completed at once never
   * conflict) and answers it as the guitar now shows it. A concurrent completion of the same upload
   * that recorded it first answers that one.
   */
  async function recordImage(userId: string, guitarId: string, image: StoredImage, primary: boolean) {
    const store = await ctx.store();
    for (let attempt = 0; attempt < ATTEMPTS; attempt += 1) {
      const written = await store.addImage(
        userId,
        guitarId,
        image,
        primary,
        LIMITS.images,
        isoTime(ctx.clock.now()),
      );
      const images = imagesOf(await guitars.loadWithMaps(userId, guitarId));
      const recorded = images.find((candidate) => candidate.uploadKey === image.uploadKey);
      if (recorded) return recorded;
      if (!written && images.length >= LIMITS.images) throw tooManyImages();
    }
    throw versionConflict();
  }

  /** Points the guitar at a new receipt; answers the receipt it replaces. */
  async function recordReceipt(userId: string, guitarId: string, receiptKey: string) {
    const store = await ctx.store();
    for (let attempt = 0; attempt < ATTEMPTS; attempt += 1) {
      const result = await store.setReceipt(userId, guitarId, receiptKey, isoTime(ctx.clock.now()));
      if (result) return result.replaced;
      // Gone (404), or a guitar stored without a private-information map: give it one.
      await guitars.mutate(userId, guitarId, (item) =>
        item.privateInfo && typeof item.privateInfo === 'object' ? item : { ...item, privateInfo: {} },
      );
    }
    throw versionConflict();
  }

  /** Records new blobs on the guitar; when that fails (the guitar was deleted meanwhile) the blobs go. */
  async function recordOrUndo<T>(keys: string[], record: () => Promise<T>): Promise<T> {
    try {
      return await record();
    } catch (error) {
      await ctx.blobs.delete(keys);
      throw error;
    }
  }
}

export type Images = ReturnType<typeof createImages>;
