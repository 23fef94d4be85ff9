import { BLOB_PREFIX } from '../../adapters/blobs/blob-store.js';
import { IMAGE_EXTENSIONS } from '../../media/direct-uploads.js';
import type { CastingContext } from './context.js';
import type { StoredImage } from './store.js';

/*
 * Avatars, portfolio pictures and casting covers: a direct upload (the shared flow) goes through the
 * image pipeline and lands under `images/<userId>/profile/` or `images/<userId>/castings/<castingId>/`,
 * public behind the CDN. Blobs are written before an item points at them and deleted after it stops.
 */

export const profileBlobPrefix = (userId: string) => `${BLOB_PREFIX.images}${userId}/profile/`;
export const castingBlobPrefix = (userId: string, castingId?: string) =>
  `${BLOB_PREFIX.images}${userId}/castings/${castingId ? `${castingId}/` : ''}`;

/** An image's public URLs, or nulls. */
export function imageUrls(ctx: Pick<CastingContext, 'blobs'>, image: StoredImage | undefined) {
  return image
    ? { url: ctx.blobs.publicUrl(image.key), thumbnailUrl: ctx.blobs.publicUrl(image.thumbnailKey) }
    : { url: null, thumbnailUrl: null };
}

export function createPictures(ctx: CastingContext) {
  return {
    /** Processes the caller's upload and stores original and thumbnail under `prefix`. */
    async store(userId: string, imageKey: string, prefix: string): Promise<StoredImage> {
      const processed = await ctx.uploads.processUpload(userId, imageKey);
      const base = `${prefix}${ctx.newId('img', ctx.clock.now())}`;
      const image: StoredImage = {
        key: `${base}.${IMAGE_EXTENSIONS[processed.contentType] ?? 'jpg'}`,
        thumbnailKey: `${base}-thumb.webp`,
        width: processed.width,
        height: processed.height,
      };
      await ctx.uploads.storePublic(processed, image);
      return image;
    },

    /**
     * Records a stored image with `record`; the upload and whatever the image replaced go afterwards.
     * When recording fails, the new blobs go instead.
     */
    async record<T>(
      uploadKey: string,
      image: StoredImage,
      record: () => Promise<{ result: T; replaced: StoredImage | undefined }>,
    ): Promise<T> {
      let outcome: Awaited<ReturnType<typeof record>>;
      try {
        outcome = await record();
      } catch (error) {
        await ctx.blobs.delete([image.key, image.thumbnailKey]);
        throw error;
      }
      const { replaced } = outcome;
      await ctx.blobs.delete([uploadKey, ...(replaced ? [replaced.key, replaced.thumbnailKey] : [])]);
      return outcome.result;
    },

    async remove(image: StoredImage | undefined): Promise<void> {
      if (image) await ctx.blobs.delete([image.key, image.thumbnailKey]);
    },

    /** Every blob under a prefix (profile or casting deletion). */
    async removeAll(prefix: string): Promise<void> {
      const blobs = await ctx.blobs.listOlderThan(prefix, new Date(ctx.clock.now() + 60_000));
      await ctx.blobs.delete(blobs.map((blob) => blob.key));
    },
  };
}

export type Pictures = ReturnType<typeof createPictures>;
