import { randomUUID } from 'node:crypto';
import { BLOB_PREFIX } from '../../adapters/blobs/blob-store.js';
import { isoTime } from '../../clock.js';
import { createDirectUploads, IMAGE_EXTENSIONS, uploadPrefix } from '../../media/direct-uploads.js';
import type { CollectionContext } from './context.js';
import type { StoredPrivateInfo } from './counters.js';
import { guitarInvalid, imageNotFound } from './errors.js';
import { RECEIPT_URL_SECONDS, type StoredImage, toImage } from './guitar-record.js';
import type { Guitars } from './guitars.js';
import { LIMITS } from './schemas.js';

/*
 * Direct uploads (the shared flow of `media/direct-uploads.ts`): completion checks the object
 * is the caller's and really an image, strips its metadata, makes the thumbnail, stores both under
 * `images/<userId>/` (a receipt under `receipts/<userId>/`, never public), records it on the guitar and
 * deletes the upload. Blobs are written before the guitar points at them and deleted after it stops
 * pointing at them.
 */

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
      if (!isReceipt && ((guitar.images ?? []) as StoredImage[]).length >= LIMITS.images) {
        throw guitarInvalid([{ field: 'images', message: `A guitar holds at most ${LIMITS.images} images` }]);
      }
      const processed = await uploads.processUpload(userId, imageKey);

      const at = ctx.clock.now();
      const extension = IMAGE_EXTENSIONS[processed.contentType] ?? 'jpg';
      if (isReceipt) {
        const receiptKey = `${BLOB_PREFIX.receipts}${userId}/${guitarId}/${randomUUID()}.${extension}`;
        await ctx.blobs.put(receiptKey, processed.original, { contentType: processed.contentType });
        let replaced: string | undefined;
        await recordOrUndo([receiptKey], () =>
          guitars.mutate(userId, guitarId, (item) => {
            const info = (item.privateInfo ?? {}) as StoredPrivateInfo;
            replaced = info.receiptKey;
            return { ...item, privateInfo: { ...info, receiptKey } };
          }),
        );
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
        isPrimary: false,
        order: 0,
        width: processed.width,
        height: processed.height,
        createdAt: isoTime(at),
      };
      await uploads.storePublic(processed, image);
      let recorded = image;
      await recordOrUndo([image.key, image.thumbnailKey], () =>
        guitars.mutate(userId, guitarId, (item) => {
          const images = (item.images ?? []) as StoredImage[];
          const earlier = images.find((other) => other.uploadKey === imageKey);
          if (earlier) {
            recorded = earlier;
            return item;
          }
          if (images.length >= LIMITS.images) {
            throw guitarInvalid([
              { field: 'images', message: `A guitar holds at most ${LIMITS.images} images` },
            ]);
          }
          // Exactly one primary: the first image, or the one that asks to be.
          const isPrimary = images.length === 0 || request.isPrimary === true;
          const order = images.reduce((highest, other) => Math.max(highest, other.order + 1), 0);
          recorded = { ...image, isPrimary, order };
          const others = isPrimary ? images.map((other) => ({ ...other, isPrimary: false })) : images;
          return { ...item, images: [...others, recorded] };
        }),
      );
      // A concurrent completion of the same upload recorded it first: these copies are not needed.
      const duplicates = recorded.id === image.id ? [] : [image.key, image.thumbnailKey];
      await ctx.blobs.delete([imageKey, ...duplicates]);
      const view = toImage(ctx.blobs, recorded);
      return { imageUrl: view.url, thumbnailUrl: view.thumbnailUrl, image: view };
    },

    /** Takes the image off the guitar (the next in order becomes primary), then deletes its blobs. */
    async removeImage(userId: string, guitarId: string, imageId: string): Promise<void> {
      let removed: StoredImage | undefined;
      await guitars.mutate(userId, guitarId, (item) => {
        const images = (item.images ?? []) as StoredImage[];
        removed = images.find((image) => image.id === imageId);
        if (!removed) throw imageNotFound();
        const rest = images.filter((image) => image.id !== imageId).sort((a, b) => a.order - b.order);
        const first = rest[0];
        if (removed.isPrimary && first) rest[0] = { ...first, isPrimary: true };
        return { ...item, images: rest };
      });
      if (removed) await ctx.blobs.delete([removed.key, removed.thumbnailKey]);
    },
  };

  /** Records new blobs on the guitar; when that fails (the guitar was deleted meanwhile) the blobs go. */
  async function recordOrUndo(keys: string[], record: () => Promise<unknown>): Promise<void> {
    try {
      await record();
    } catch (error) {
      await ctx.blobs.delete(keys);
      throw error;
    }
  }
}

export type Images = ReturnType<typeof createImages>;
