import { randomUUID } from 'node:crypto';
import type { CollectionContext } from './context.js';
import type { StoredPrivateInfo } from './counters.js';
import { imagesOf } from './guitar-record.js';
import type { CounterDelta, GuitarItem } from './store.js';

/*
 * Counter upkeep without transactions (decision 16, after decision 2). A write that moves counters:
 *   1. puts a change marker `CHANGE#<guitarId>#<changeId>` (so an interrupted change can be found),
 *   2. writes the guitar carrying `pending: {id, deltas}` — data and intent in one conditional write,
 *   3. adds each delta to its counter once (the counter remembers change ids it has added),
 *   4. clears `pending` (a deletion: deletes the guitar's blobs, then the item),
 *   5. deletes the marker, and lets the counters forget change ids older than five minutes.
 * An interruption after 2 is finished by whoever next meets it: a later write to that guitar, or a
 * read of the brands or stats (which first finish the user's open markers). Before 2 nothing happened.
 * Counters remember a change id for five minutes after it was made, not only until it is finished:
 * a reader that met the change still open may run steps 3–5 after another finished them, and its
 * step 3 must still find the id there.
 */

export interface PendingChange {
  id: string;
  deltas: CounterDelta[];
}

/**
 * A marker whose guitar shows no open change is dropped only after this long (its write may be in
 * flight), and counters remember a change id this long (a slow finisher may still apply it).
 */
const MARKER_GRACE_MS = 5 * 60 * 1000;

/** A change id that says when it was made: `<epoch ms>-<uuid>`. */
export function newChangeId(at: number): string {
  return `${at}-${randomUUID()}`;
}

/** When a change was made, from its id (NaN for an id without a time, which is then forgotten at once). */
function madeAt(changeId: string): number {
  return Number.parseInt(changeId, 10);
}

/** Every blob a guitar points at: images, thumbnails, the receipt. */
function blobKeysOf(item: GuitarItem): string[] {
  const images = imagesOf(item);
  const receipt = ((item.privateInfo ?? {}) as StoredPrivateInfo).receiptKey;
  return [...images.flatMap((image) => [image.key, image.thumbnailKey]), ...(receipt ? [receipt] : [])];
}

export function createChanges(ctx: CollectionContext) {
  /** Steps 3–5 for a guitar item that carries `pending`; safe to run twice or concurrently. */
  async function finish(item: GuitarItem): Promise<void> {
    const store = await ctx.store();
    const pending = item.pending as PendingChange;
    const { userId, guitarId } = item;
    await Promise.all(pending.deltas.map((delta) => store.applyToCounter(userId, pending.id, delta)));
    if (item.deleting) {
      await ctx.blobs.delete(blobKeysOf(item));
      await store.removeGuitar(userId, guitarId, pending.id);
    } else {
      await store.clearPending(userId, guitarId, pending.id);
    }
    await store.deleteChangeMarker(userId, guitarId, pending.id);
    const before = ctx.clock.now() - MARKER_GRACE_MS;
    const isStale = (changeId: string) => !(madeAt(changeId) >= before);
    await Promise.all(pending.deltas.map((delta) => store.forgetChanges(userId, delta.counterKey, isStale)));
  }

  return {
    finish,

    /**
     * Runs `write` (a conditional write of the guitar) so the counters follow it. `write` receives the
     * `pending` value to store with the guitar (undefined when no counter moves) and returns false when
     * its condition failed, in which case nothing changed.
     */
    async writeCounted(
      base: Pick<GuitarItem, 'userId' | 'guitarId'>,
      deltas: CounterDelta[],
      write: (pending: PendingChange | undefined) => Promise<GuitarItem | null>,
    ): Promise<GuitarItem | null> {
      if (deltas.length === 0) return write(undefined);
      const store = await ctx.store();
      const pending: PendingChange = { id: newChangeId(ctx.clock.now()), deltas };
      const marker = { userId: base.userId, guitarId: base.guitarId, changeId: pending.id };
      await store.putChangeMarker({ ...marker, createdAt: ctx.clock.now() });
      const written = await write(pending);
      if (!written) {
        await store.deleteChangeMarker(base.userId, base.guitarId, pending.id);
        return null;
      }
      await finish(written);
      return written;
    },

    /** Finishes every interrupted change of a user (before counters are read). */
    async repair(userId: string): Promise<void> {
      const store = await ctx.store();
      const markers = await store.listChangeMarkers(userId);
      for (const marker of markers) {
        const item = await store.getGuitar(userId, marker.guitarId);
        const open = (item?.pending as PendingChange | undefined)?.id === marker.changeId;
        if (item && open) {
          ctx.logger.info({ userId, guitarId: marker.guitarId }, 'finishing an interrupted guitar change');
          await finish(item);
        } else if (ctx.clock.now() - marker.createdAt > MARKER_GRACE_MS) {
          await store.deleteChangeMarker(userId, marker.guitarId, marker.changeId);
        }
      }
    },
  };
}

export type Changes = ReturnType<typeof createChanges>;
