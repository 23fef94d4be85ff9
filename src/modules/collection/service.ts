import { BLOB_PREFIX } from '../../adapters/blobs/blob-store.js';
import type { UserDataContributor } from '../user-data.js';
import { createChanges } from './changes.js';
import type { CollectionContext } from './context.js';
import { toGuitar } from './guitar-record.js';
import { createGuitars } from './guitars.js';
import { createImages } from './images.js';

/** The collection's domain: guitars, notes, counters and images. No HTTP in here. */
export function createCollectionService(ctx: CollectionContext) {
  const changes = createChanges(ctx);
  const guitars = createGuitars(ctx, changes);
  const images = createImages(ctx, guitars);
  const { mutate: _mutate, load: _load, ...guitarOperations } = guitars;

  /** The user's guitars in export and account deletion. */
  const userData: UserDataContributor = {
    name: 'collection',
    async export(userId) {
      const items = await (await ctx.store()).allGuitars(userId);
      const live = items.filter((item) => !item.deleting);
      return { guitars: await Promise.all(live.map((item) => toGuitar(ctx.blobs, item))) };
    },
    /** Items first, then every blob under the user's prefixes (which also takes any leftover). */
    async delete(userId) {
      const store = await ctx.store();
      await store.deleteGuitars(await store.allGuitars(userId));
      await store.deleteBookkeeping(userId);
      const until = new Date(ctx.clock.now() + 60_000);
      for (const prefix of Object.values(BLOB_PREFIX)) {
        const blobs = await ctx.blobs.listOlderThan(`${prefix}${userId}/`, until);
        await ctx.blobs.delete(blobs.map((blob) => blob.key));
      }
    },
  };

  return { ...guitarOperations, ...images, userData };
}

export type CollectionService = ReturnType<typeof createCollectionService>;
