import { randomUUID } from 'node:crypto';
import { BLOB_PREFIX } from '../../adapters/blobs/blob-store.js';
import { isoTime } from '../../clock.js';
import { createDirectUploads, IMAGE_EXTENSIONS, uploadPrefix } from '../../media/direct-uploads.js';
import type { CollectionContext } from './context.js';
import { guitarInvalid, imageNotFound, versionConflict } from './errors.js';
import { imagesOf, RECEIPT_URL_SECONDS, type StoredImage, toImage } from './guitar-record.js';
import type { Guitars } from './guitars.js';
import { LIMITS } from './limits.js';

/*
 * Direct uploads (the shared flow of `media/direct-uploads.ts`): completion checks the object
 * is the caller's and really an image, strips its metadata, makes the thumbnail, stores both under
 * `images/<userId>/` (a receipt under `receipts/<userId>/`, never public), records it on the guitar and
 * deletes the upload. Blobs are written before the guitar points at them and deleted after it stops
 * pointing at them.
 */
/** Recording an image or receipt retries this often when the guitar changed in a way that matters. */
const ATTEMPTS = 5;

const tooManyImages = () =>
  guitarInvalid([{ field: 'images', message: `A guitar holds at most ${LIMITS.images} images` }]);
const RECEIPT_MARK = 'receipt-';

export function createImages(ctx: CollectionContext, guitars: Guitars) {
  const uploads = createDirectUploads(ctx.blobs, ctx.maxUploadBytes);

  return {
    createUploadUrl(
      userId: string,
      request: { fileName: string; fileType: string; fileSize: number; kind: 'image' | 'receipt' },
    ) {
      return uploads.createUploadUrl(userId, request, request.kind === 'receipt' ? RECEIPT_MARK : '');
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
      uploads.assertOwnUpload(userId, imageKey);
      const isReceipt = imageKey.slice(uploadPrefix(userId).length).startsWith(RECEIPT_MARK);
      const guitar = await guitars.load(userId, guitarId);
      if (!isReceipt && imagesOf(guitar).length >= LIMITS.images) throw tooManyImages();
      const processed = await uploads.processUpload(userId, imageKey);

      const at = ctx.clock.now();
      const extension = IMAGE_EXTENSIONS[processed.contentType] ?? 'jpg';
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
      await uploads.storePublic(processed, image);
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
