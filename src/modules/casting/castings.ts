import { epochSeconds, isoTime } from '../../clock.js';
import { ValidationError } from '../../errors.js';
import { sha256 } from '../../security/keyed-hash.js';
import {
  filterScope,
  scopesOf,
  searchWords,
  locationKey as toLocationKey,
  wordScope,
} from './casting-lists.js';
import type { CastingContext } from './context.js';
import { castingNotFound, castingNotOpen, changedMeanwhile } from './errors.js';
import { LIMITS } from './limits.js';
import { monthOf, newestFirstPage } from './newest-first.js';
import { castingBlobPrefix, imageUrls, type Pictures } from './pictures.js';
import type { Profiles } from './profiles.js';
import type {
  Casting,
  CastingInput,
  CastingListQuery,
  CastingSummary,
  RecruiterCastingsQuery,
} from './schemas.js';
import type { CastingItem, EntryFilter, ListEntryItem } from './store.js';

/*
 * Castings (decision 31). The casting item is the truth; its list entries are copies written after it.
 * A write that changes what is listed records the change on the casting (`listing`) in the same put, then
 * writes and removes the entries, then clears the mark: whoever loads a marked casting finishes the job,
 * so a crash leaves a casting unlisted or listed with its previous fields until it is next read or written.
 */

const DAY_MS = 24 * 60 * 60 * 1000;
/** An expired casting stays in the table (for its owner and its applicants) this long before TTL removes it. */
const RETENTION_AFTER_EXPIRY_S = 90 * 24 * 3600;
const MAX_QUERY_WORDS = 5;

type Summarised = Pick<
  CastingItem,
  | 'castingId'
  | 'recruiterId'
  | 'title'
  | 'roleType'
  | 'location'
  | 'compensationType'
  | 'skills'
  | 'expiresAt'
  | 'createdAt'
>;

export function toCastingSummary(
  ctx: Pick<CastingContext, 'blobs'>,
  item: Summarised & { status?: CastingItem['status']; coverThumbnailKey?: string | undefined },
): CastingSummary {
  return {
    id: item.castingId,
    recruiterId: item.recruiterId,
    title: item.title,
    roleType: item.roleType as CastingSummary['roleType'],
    location: item.location,
    compensationType: item.compensationType as CastingSummary['compensationType'],
    skills: item.skills,
    status: item.status ?? 'open',
    coverThumbnailUrl: item.coverThumbnailKey ? ctx.blobs.publicUrl(item.coverThumbnailKey) : null,
    expiresAt: isoTime(item.expiresAt),
    createdAt: item.createdAt,
  };
}

export function toCasting(ctx: Pick<CastingContext, 'blobs'>, item: CastingItem): Casting {
  const cover = imageUrls(ctx, item.cover);
  return {
    ...toCastingSummary(ctx, { ...item, coverThumbnailKey: item.cover?.thumbnailKey }),
    description: item.description,
    compensation: item.compensation ?? null,
    questions: item.questions ?? [],
    coverUrl: cover.url,
    updatedAt: item.updatedAt,
  };
}

/** The entry of an open casting in one list partition. */
function entryOf(item: CastingItem, scope: string): ListEntryItem {
  return {
    scope,
    bucket: monthOf(item.createdAt),
    createdAt: item.createdAt,
    castingId: item.castingId,
    recruiterId: item.recruiterId,
    title: item.title,
    roleType: item.roleType,
    location: item.location,
    locationKey: item.locationKey,
    compensationType: item.compensationType,
    skills: item.skills,
    words: item.scopes.filter((s) => s.startsWith('w:')).map((s) => s.slice(2)),
    ...(item.cover ? { coverThumbnailKey: item.cover.thumbnailKey } : {}),
    expiresAt: item.expiresAt,
    ttl: epochSeconds(item.expiresAt),
  };
}

/** JSON with keys in a fixed order, for cursor scopes. */
const scopeOf = (name: string, value: Record<string, unknown>) =>
  `${name}:${JSON.stringify(Object.entries(value).sort(([a], [b]) => a.localeCompare(b)))}`;

/** A date means its whole day: `from` its first and `to` its last millisecond. */
function rangeBound(value: string | undefined, edge: 'from' | 'to'): string {
  if (value === undefined) return edge === 'from' ? '0000' : '9999';
  if (/^\d{4}-\d{2}-\d{2}$/.test(value))
    return `${value}T${edge === 'from' ? '00:00:00.000' : '23:59:59.999'}Z`;
  return isoTime(Date.parse(value));
}

export function createCastings(ctx: CastingContext, profiles: Profiles, pictures: Pictures) {
  const store = ctx.store;

  /** Expiry in epoch ms: in the future and within the lifetime from creation, or a 400 naming `expiresAt`. */
  function expiryOf(expiresAt: string, createdAtMs: number): number {
    const at = Date.parse(expiresAt);
    const problem =
      at <= ctx.clock.now()
        ? 'Must be in the future'
        : at > createdAtMs + LIMITS.castingLifetimeDays * DAY_MS
          ? `At most ${LIMITS.castingLifetimeDays} days after the casting was created`
          : undefined;
    if (problem)
      throw new ValidationError('The casting is not valid', [{ field: 'expiresAt', message: problem }]);
    return at;
  }

  function toItem(
    input: CastingInput,
    base: Pick<CastingItem, 'castingId' | 'recruiterId' | 'createdAt' | 'version' | 'status' | 'cover'>,
  ): CastingItem {
    const expiresAt = expiryOf(input.expiresAt, Date.parse(base.createdAt));
    const locationKey = toLocationKey(input.location);
    const { cover, ...rest } = base;
    return {
      ...rest,
      ...(cover ? { cover } : {}),
      title: input.title,
      description: input.description,
      roleType: input.roleType,
      location: input.location,
      locationKey,
      compensationType: input.compensationType,
      ...(input.compensation ? { compensation: input.compensation } : {}),
      skills: input.skills,
      questions: input.questions.map((text, index) => ({ id: `q${index + 1}`, text })),
      expiresAt,
      scopes: scopesOf(
        { roleType: input.roleType, compensationType: input.compensationType, locationKey },
        searchWords(input.title, ...input.skills),
      ),
      updatedAt: isoTime(ctx.clock.now()),
      ttl: epochSeconds(expiresAt) + RETENTION_AFTER_EXPIRY_S,
    };
  }

  /** Writes and removes the entries a marked casting asks for, then clears the mark. */
  async function syncListing(item: CastingItem): Promise<void> {
    const { listing } = item;
    if (!listing) return;
    const s = await store();
    if (listing.entries) await s.putEntries(item.scopes.map((scope) => entryOf(item, scope)));
    if (listing.stale && listing.stale.length > 0) {
      const { createdAt, castingId } = item;
      const bucket = monthOf(createdAt);
      await s.deleteEntries(listing.stale.map((scope) => ({ scope, bucket, createdAt, castingId })));
    }
    if (!item.deleting) await s.finishListing(item.castingId, item.version);
  }

  /** A tombstoned casting's entries, applications and pictures go, then the casting itself. */
  async function finishDeletion(item: CastingItem): Promise<void> {
    await syncListing(item);
    const s = await store();
    await s.deleteCastingApplications(item.castingId);
    await pictures.removeAll(castingBlobPrefix(item.recruiterId, item.castingId));
    await s.deleteCasting(item.castingId);
  }

  /** Marks the casting deleted (invisible to every reader at once), then deletes what it has. */
  async function bury(item: CastingItem): Promise<void> {
    const tombstone: CastingItem = item.deleting
      ? item
      : {
          ...item,
          deleting: true,
          version: item.version + 1,
          listing: { entries: false, stale: item.status === 'open' ? item.scopes : [] },
        };
    if (!item.deleting && !(await (await store()).replaceCasting(tombstone, item.version))) {
      throw changedMeanwhile();
    }
    await finishDeletion(tombstone);
  }

  /** The casting with any unfinished listing or deletion finished first; 404 when it is gone. */
  async function load(castingId: string): Promise<CastingItem> {
    const item = await (await store()).getCasting(castingId);
    if (!item) throw castingNotFound();
    if (item.deleting) {
      await finishDeletion(item);
      throw castingNotFound();
    }
    if (!item.listing) return item;
    await syncListing(item);
    const { listing: _done, ...synced } = item;
    return synced;
  }

  /** The caller's own casting (expired or not); anyone else's is a 404. */
  async function owned(userId: string, castingId: string): Promise<CastingItem> {
    const item = await load(castingId);
    if (item.recruiterId !== userId) throw castingNotFound();
    return item;
  }

  /**
   * Writes a new version of the caller's casting; `listed` says whether it is open afterwards, and the
   * entries follow: rewritten when open, the ones it no longer has (all, when closed) removed.
   */
  async function rewrite(
    userId: string,
    castingId: string,
    change: (item: CastingItem) => CastingItem,
  ): Promise<CastingItem> {
    const item = await owned(userId, castingId);
    const changed = change(item);
    if (changed === item) return item;
    const open = changed.status === 'open';
    const stale =
      item.status === 'open' ? item.scopes.filter((s) => !open || !changed.scopes.includes(s)) : [];
    const next: CastingItem = {
      ...changed,
      version: item.version + 1,
      updatedAt: isoTime(ctx.clock.now()),
      listing: { entries: open, stale },
    };
    if (!(await (await store()).replaceCasting(next, item.version))) throw changedMeanwhile();
    await syncListing(next);
    const { listing: _done, ...written } = next;
    return written;
  }

  async function createItem(userId: string, castingId: string, input: CastingInput, at: number) {
    const item: CastingItem = {
      ...toItem(input, {
        castingId,
        recruiterId: userId,
        createdAt: isoTime(at),
        version: 1,
        status: 'open',
        cover: undefined,
      }),
      listing: { entries: true },
    };
    if (!(await (await store()).createCasting(item))) return load(castingId);
    await syncListing(item);
    const { listing: _done, ...created } = item;
    return created;
  }

  /** With an Idempotency-Key: the claim holds a pre-made casting id, so every retry makes that one casting. */
  async function createIdempotent(userId: string, input: CastingInput, key: string) {
    const s = await store();
    const { claim, first } = await s.idempotencyClaims.claim({
      userId,
      key,
      requestHash: sha256(JSON.stringify(input)),
      clock: ctx.clock,
      newReference: (at) => ctx.newId('cst', at),
    });
    const found = first ? null : await s.getCasting(claim.reference);
    if (found) return { casting: await load(found.castingId), replayed: true };
    return { casting: await createItem(userId, claim.reference, input, claim.claimedAt), replayed: !first };
  }

  return {
    load,

    async create(userId: string, input: CastingInput, idempotencyKey?: string) {
      await profiles.requireRole(userId, 'recruiter');
      const result =
        idempotencyKey === undefined
          ? {
              casting: await createItem(userId, ctx.newId('cst', ctx.clock.now()), input, ctx.clock.now()),
              replayed: false,
            }
          : await createIdempotent(userId, input, idempotencyKey);
      return { casting: toCasting(ctx, result.casting), replayed: result.replayed };
    },

    /** Anyone may read an unexpired casting; an expired one only its owner. */
    async get(castingId: string, viewerId: string | undefined): Promise<Casting> {
      const item = await load(castingId);
      if (item.expiresAt <= ctx.clock.now() && item.recruiterId !== viewerId) throw castingNotFound();
      return toCasting(ctx, item);
    },

    async replace(userId: string, castingId: string, input: CastingInput): Promise<Casting> {
      const next = await rewrite(userId, castingId, (item) => toItem(input, item));
      return toCasting(ctx, next);
    },

    async close(userId: string, castingId: string): Promise<Casting> {
      const next = await rewrite(userId, castingId, (item) =>
        item.status === 'closed' ? item : { ...item, status: 'closed' },
      );
      return toCasting(ctx, next);
    },

    /** Reopens a closed casting that has not expired (an expired one needs a new `expiresAt` by PUT first). */
    async reopen(userId: string, castingId: string): Promise<Casting> {
      const next = await rewrite(userId, castingId, (item) => {
        if (item.expiresAt <= ctx.clock.now()) throw castingNotOpen();
        return item.status === 'open' ? item : { ...item, status: 'open' };
      });
      return toCasting(ctx, next);
    },

    /** Tombstone first (invisible at once), then entries, applications, pictures and the item. */
    async remove(userId: string, castingId: string): Promise<void> {
      await bury(await owned(userId, castingId));
    },

    async setCover(userId: string, castingId: string, imageKey: string): Promise<Casting> {
      ctx.uploads.assertOwnUpload(userId, imageKey);
      await owned(userId, castingId);
      const image = await pictures.store(userId, imageKey, castingBlobPrefix(userId, castingId));
      return pictures.record(imageKey, image, async () => {
        let replaced: CastingItem['cover'];
        const next = await rewrite(userId, castingId, (item) => {
          replaced = item.cover;
          return { ...item, cover: image };
        });
        return { result: toCasting(ctx, next), replaced };
      });
    },

    /**
     * Open, unexpired castings, newest first: a filter combination is one list partition; `q` reads the
     * partition of its longest word and keeps the entries that have the other words (and the filters).
     */
    async list(query: CastingListQuery) {
      const now = ctx.clock.now();
      const filters = {
        roleType: query.roleType,
        compensationType: query.compensationType,
        locationKey: query.location === undefined ? undefined : toLocationKey(query.location),
      };
      let scope = filterScope(filters);
      let filter: EntryFilter = {};
      if (query.q !== undefined) {
        const words = searchWords(query.q).slice(0, MAX_QUERY_WORDS);
        const [longest] = words.toSorted((a, b) => b.length - a.length);
        if (!longest) return { items: [], nextCursor: null };
        scope = wordScope(longest);
        filter = { ...filters, words: words.filter((word) => word !== longest) };
      }
      const cursorScope = scopeOf('castings', { scope, ...filter });
      const s = await store();
      const page = await newestFirstPage({
        newest: monthOf(isoTime(now)),
        oldest: monthOf(isoTime(now - LIMITS.castingLifetimeDays * DAY_MS)),
        limit: query.limit,
        raw: ctx.cursors.open(cursorScope, query.cursor),
        read: (bucket, limit, cursor) => s.listEntries(scope, bucket, filter, now, limit, cursor),
      });
      return {
        items: page.items.map((entry) => toCastingSummary(ctx, entry)),
        nextCursor: ctx.cursors.seal(cursorScope, page.next),
      };
    },

    /** A recruiter's unexpired castings (open and closed), newest first, created within [from, to]. */
    async listByRecruiter(recruiterId: string, query: RecruiterCastingsQuery) {
      const range = { from: rangeBound(query.from, 'from'), to: rangeBound(query.to, 'to') };
      const cursorScope = scopeOf('recruiter-castings', { recruiterId, ...range });
      const page = await (await store()).listByRecruiter(
        recruiterId,
        range,
        query.limit,
        ctx.cursors.open(cursorScope, query.cursor),
        ctx.clock.now(),
      );
      return {
        items: page.items.map((item) =>
          toCastingSummary(ctx, { ...item, coverThumbnailKey: item.cover?.thumbnailKey }),
        ),
        nextCursor: ctx.cursors.seal(cursorScope, page.cursor),
      };
    },

    /** Every casting of a user goes, as `remove` does it (account deletion). */
    async removeAllOf(userId: string): Promise<void> {
      const s = await store();
      for (const listed of await s.allCastingsOf(userId)) {
        const item = await s.getCasting(listed.castingId);
        if (item) await bury(item);
      }
    },
  };
}

export type Castings = ReturnType<typeof createCastings>;
