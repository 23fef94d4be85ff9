import { randomBytes } from 'node:crypto';
import type { BlobStore } from '../../adapters/blobs/blob-store.js';
import { type Clock, isoTime } from '../../clock.js';
import type { Logger } from '../../logger.js';
import type { ArtistIndex } from './schemas.js';
import type { ArtistStore, IndexedArtist } from './store.js';

/*
 * The central index of ready artists, `amply-index.json`: one blob, always rewritten whole from the
 * table, never edited in place (decision 27). Two callbacks finishing together must not leave the
 * blob without one of them, so:
 * - every change is first noted in the index state item (a set element of its own);
 * - one builder at a time holds a lease on that item; it reads the noted changes, builds from the
 *   ready artists' index (plus a strongly consistent read of each noted artist, because the index is
 *   eventually consistent on AWS), writes the blob, and removes exactly the changes it took in;
 * - it gives the lease back only when no change is waiting; otherwise it builds again. A change noted
 *   while someone else holds the lease is therefore always taken in before that lease ends.
 * A crash leaves noted changes behind; the next change or the next read of the index repairs it.
 */

export const INDEX_BLOB_KEY = 'amply-index.json';

/** Long enough for a build of thousands of artists; a crashed builder blocks others at most this long. */
const LEASE_MS = 30_000;
/** Builds one holder makes before it leaves the rest to the next change. */
const MAX_ROUNDS = 8;
/** Marks a change that names no artist (a builder that lost its lease asks for one more build). */
const REBUILD_MARK = '~rebuild';

export interface ArtistIndexContext {
  store: () => Promise<ArtistStore>;
  blobs: BlobStore;
  clock: Clock;
  logger: Logger;
}

function entry(item: IndexedArtist): ArtistIndex['artists'][number] {
  return {
    artistId: item.artistId,
    displayName: item.displayName,
    provider: item.provider,
    cdnDomain: item.cdnDomain ?? null,
    readyAt: item.completedAt ?? item.updatedAt,
  };
}

const changeMark = (subject: string) => `${subject}#${randomBytes(6).toString('hex')}`;
const subjectOf = (change: string) => change.slice(0, change.lastIndexOf('#'));

export function createArtistIndex(ctx: ArtistIndexContext) {
  /** One build of the blob from the table; the changes it took in. */
  async function buildOnce(store: ArtistStore) {
    const state = await store.getIndexState();
    const taken = [...(state?.pending ?? [])];
    const ready = new Map((await store.listReady()).map((item) => [item.artistId, item]));
    for (const artistId of new Set(taken.map(subjectOf))) {
      if (artistId.startsWith('~')) continue;
      const current = await store.getArtist(artistId);
      if (current?.status === 'complete') ready.set(artistId, current);
      else ready.delete(artistId);
    }
    const artists = [...ready.values()].map(entry).sort((a, b) => a.artistId.localeCompare(b.artistId));
    const generatedAt = isoTime(ctx.clock.now());
    const index: ArtistIndex = { version: 1, generatedAt, count: artists.length, artists };
    await ctx.blobs.put(INDEX_BLOB_KEY, Buffer.from(JSON.stringify(index)), {
      contentType: 'application/json',
      cacheControl: 'public, max-age=60',
    });
    return { taken, generatedAt, count: artists.length };
  }

  async function rebuild(retry = true): Promise<'built' | 'busy'> {
    const store = await ctx.store();
    const holder = randomBytes(9).toString('base64url');
    const now = ctx.clock.now();
    if (!(await store.takeIndexLease(holder, now, now + LEASE_MS))) return 'busy';
    try {
      for (let round = 0; round < MAX_ROUNDS; round += 1) {
        const { taken, generatedAt, count } = await buildOnce(store);
        if (!(await store.finishIndexBuild(holder, taken, generatedAt, count))) {
          // The lease ran out and another builder took over; this blob may have landed after theirs.
          await store.markIndexChanged(changeMark(REBUILD_MARK));
          return retry ? rebuild(false) : 'busy';
        }
        if (await store.releaseIndexLease(holder)) return 'built';
      }
      await store.releaseIndexLease(holder, true);
      return 'built';
    } catch (error) {
      await store.releaseIndexLease(holder, true).catch(() => false);
      throw error;
    }
  }

  return {
    /** Notes that an artist's readiness changed; call before the change is written. */
    async changed(artistId: string): Promise<void> {
      await (await ctx.store()).markIndexChanged(changeMark(artistId));
    },

    /** Builds the blob now unless another builder holds the lease (that builder takes every noted change in). */
    rebuild,

    /** Rebuilds, logging instead of failing: the change it follows is stored, and a later build repairs it. */
    async rebuildQuietly(): Promise<void> {
      try {
        await rebuild();
      } catch (error) {
        ctx.logger.warn(
          { err: error },
          'rebuilding the artist index failed; the next change or read repairs it',
        );
      }
    },

    /** The blob's JSON, rebuilt first when it is missing or changes are waiting with no builder at work. */
    async read(): Promise<string> {
      const store = await ctx.store();
      const [blob, state] = await Promise.all([ctx.blobs.read(INDEX_BLOB_KEY), store.getIndexState()]);
      const waiting = (state?.pending?.length ?? 0) > 0;
      const leaseFree = state?.leaseUntil === undefined || state.leaseUntil <= ctx.clock.now();
      if (blob && !(waiting && leaseFree)) return blob.toString('utf8');
      await rebuild();
      const rebuilt = await ctx.blobs.read(INDEX_BLOB_KEY);
      if (rebuilt) return rebuilt.toString('utf8');
      const empty: ArtistIndex = { version: 1, generatedAt: isoTime(ctx.clock.now()), count: 0, artists: [] };
      return JSON.stringify(empty);
    },
  };
}

export type ArtistIndexWriter = ReturnType<typeof createArtistIndex>;
