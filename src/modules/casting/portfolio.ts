import { isoTime } from '../../clock.js';
import { ValidationError } from '../../errors.js';
import type { CastingContext } from './context.js';
import { portfolioItemNotFound } from './errors.js';
import { LIMITS } from './limits.js';
import { imageUrls, type Pictures, profileBlobPrefix } from './pictures.js';
import type { Profiles } from './profiles.js';
import type { PortfolioItemInput } from './schemas.js';
import type { PortfolioItemRecord } from './store.js';

/*
 * Portfolio items: items of their own in the profile's partition (one Query lists them), ordered by
 * `position`. Moving or inserting an item rewrites the positions that change, so the order is always
 * 0..n-1 as stored.
 */

export function toPortfolioItem(ctx: Pick<CastingContext, 'blobs'>, item: PortfolioItemRecord) {
  const image = imageUrls(ctx, item.image);
  return {
    id: item.itemId,
    title: item.title,
    description: item.description ?? null,
    kind: item.kind as PortfolioItemInput['kind'],
    url: item.url ?? null,
    position: item.position,
    imageUrl: image.url,
    thumbnailUrl: image.thumbnailUrl,
    createdAt: item.createdAt,
    updatedAt: item.updatedAt,
  };
}

const inOrder = (items: PortfolioItemRecord[]) =>
  items.toSorted((a, b) => a.position - b.position || a.createdAt.localeCompare(b.createdAt));

export function createPortfolio(ctx: CastingContext, profiles: Profiles, pictures: Pictures) {
  /** Puts `moved` at `position` among `others` and writes it and every item whose position changed. */
  async function place(others: PortfolioItemRecord[], moved: PortfolioItemRecord, position: number) {
    const store = await ctx.store();
    const order = inOrder(others);
    order.splice(Math.min(position, order.length), 0, moved);
    let placed = moved;
    for (const [index, item] of order.entries()) {
      if (item === moved) {
        placed = { ...item, position: index };
        await store.putPortfolioItem(placed);
      } else if (item.position !== index) {
        await store.replacePortfolioItem({ ...item, position: index });
      }
    }
    return placed;
  }

  async function load(userId: string, itemId: string): Promise<PortfolioItemRecord> {
    const item = await (await ctx.store()).getPortfolioItem(userId, itemId);
    if (!item) throw portfolioItemNotFound();
    return item;
  }

  return {
    /** A user's portfolio in order; PROFILE_NOT_FOUND when there is no profile. */
    async list(userId: string) {
      await profiles.own(userId);
      const items = await (await ctx.store()).listPortfolio(userId);
      return { items: inOrder(items).map((item) => toPortfolioItem(ctx, item)) };
    },

    async add(userId: string, input: PortfolioItemInput) {
      await profiles.own(userId);
      const store = await ctx.store();
      const items = await store.listPortfolio(userId);
      if (items.length >= LIMITS.portfolioItems) {
        throw new ValidationError(`A portfolio holds at most ${LIMITS.portfolioItems} items`, [
          { field: '(body)', message: 'Delete an item first' },
        ]);
      }
      const at = ctx.clock.now();
      const { position, ...fields } = input;
      const item: PortfolioItemRecord = {
        userId,
        itemId: ctx.newId('pfi', at),
        ...fields,
        position: position ?? items.length,
        createdAt: isoTime(at),
        updatedAt: isoTime(at),
      };
      return toPortfolioItem(ctx, await place(items, item, item.position));
    },

    /** Replaces the item's fields (its picture stays) and moves it when `position` is given. */
    async replace(userId: string, itemId: string, input: PortfolioItemInput) {
      const current = await load(userId, itemId);
      const items = await (await ctx.store()).listPortfolio(userId);
      const others = items.filter((item) => item.itemId !== itemId);
      const { position, ...fields } = input;
      const next: PortfolioItemRecord = {
        userId,
        itemId,
        ...fields,
        position: current.position,
        ...(current.image ? { image: current.image } : {}),
        createdAt: current.createdAt,
        updatedAt: isoTime(ctx.clock.now()),
      };
      return toPortfolioItem(ctx, await place(others, next, position ?? current.position));
    },

    async remove(userId: string, itemId: string): Promise<void> {
      const item = await load(userId, itemId);
      if (!(await (await ctx.store()).deletePortfolioItem(userId, itemId))) throw portfolioItemNotFound();
      await pictures.remove(item.image);
    },

    async setImage(userId: string, itemId: string, imageKey: string) {
      ctx.uploads.assertOwnUpload(userId, imageKey);
      await load(userId, itemId);
      const image = await pictures.store(userId, imageKey, profileBlobPrefix(userId));
      return pictures.record(imageKey, image, async () => {
        const current = await load(userId, itemId);
        const next = { ...current, image, updatedAt: isoTime(ctx.clock.now()) };
        if (!(await (await ctx.store()).replacePortfolioItem(next))) throw portfolioItemNotFound();
        return { result: toPortfolioItem(ctx, next), replaced: current.image };
      });
    },

    load,
  };
}

export type Portfolio = ReturnType<typeof createPortfolio>;
