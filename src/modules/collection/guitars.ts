import { isoTime } from '../../clock.js';
import { fieldProblems } from '../../http/errors.js';
import { sha256 } from '../../security/keyed-hash.js';
import type { Changes } from './changes.js';
import type { CollectionContext } from './context.js';
import { brandKey, counterDeltas } from './counters.js';
import {
  guitarInvalid,
  guitarNotFound,
  idempotencyKeyReused,
  noteNotFound,
  versionConflict,
} from './errors.js';
import {
  hasListAttachments,
  notesOf,
  type StoredNote,
  toGuitar,
  toInput,
  toItem,
  toSummary,
  withMapAttachments,
} from './guitar-record.js';
import { LIMITS } from './limits.js';
import { fromMinorUnits } from './money.js';
import type { Guitar, GuitarInput, GuitarListQuery, GuitarPatch } from './schemas.js';
import type { GuitarItem } from './store.js';

/**
 * Deletion retries this often on a concurrent change; a note's write this often when what stopped it has
 * cleared (a guitar rewritten from lists to maps).
 */
const ATTEMPTS = 5;

/** JSON with object keys sorted, so two equal bodies hash alike whatever their key order. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, entry]) => entry !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([key, entry]) => `${JSON.stringify(key)}:${canonical(entry)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/** Applies a JSON merge patch (RFC 7396) to a plain object: null removes, objects merge, the rest replaces. */
function mergePatch(
  target: Record<string, unknown>,
  patch: Record<string, unknown>,
): Record<string, unknown> {
  const result: Record<string, unknown> = { ...target };
  for (const [key, value] of Object.entries(patch)) {
    if (value === undefined) continue;
    if (value === null) delete result[key];
    else if (typeof value === 'object' && !Array.isArray(value)) {
      const current = result[key];
      result[key] = mergePatch(
        current && typeof current === 'object' ? (current as Record<string, unknown>) : {},
        value as Record<string, unknown>,
      );
    } else result[key] = value;
  }
  return result;
}

export interface CreateResult {
  guitar: Guitar;
  /** True when an earlier request with the same Idempotency-Key made this guitar. */
  replayed: boolean;
}

export function createGuitars(ctx: CollectionContext, changes: Changes) {
  const now = () => isoTime(ctx.clock.now());

  /** The caller's guitar, with any interrupted change finished first; 404 for anyone else's. */
  async function load(userId: string, guitarId: string): Promise<GuitarItem> {
    const store = await ctx.store();
    let item = await store.getGuitar(userId, guitarId);
    if (item?.pending) {
      await changes.finish(item);
      item = await store.getGuitar(userId, guitarId);
    }
    if (!item || item.deleting) throw guitarNotFound();
    return item;
  }

  /** As `load`, with notes and images turned into maps first if the guitar still keeps them as lists. */
  async function loadWithMaps(userId: string, guitarId: string): Promise<GuitarItem> {
    const item = await load(userId, guitarId);
    if (!hasListAttachments(item)) return item;
    return mutate(userId, guitarId, (current) =>
      hasListAttachments(current) ? withMapAttachments(current) : current,
    );
  }

  /**
   * Read, change, write back conditionally on the version read. With `expectedVersion` (PUT, PATCH) a
   * guitar changed since the client read it is a 409; without (a deletion, rewriting old lists as maps) a
   * concurrent change is retried on the fresh item.
   */
  async function mutate(
    userId: string,
    guitarId: string,
    change: (item: GuitarItem) => GuitarItem,
    expectedVersion?: number,
  ): Promise<GuitarItem> {
    const store = await ctx.store();
    for (let attempt = 0; attempt < ATTEMPTS; attempt += 1) {
      const item = await load(userId, guitarId);
      if (expectedVersion !== undefined && item.version !== expectedVersion) throw versionConflict();
      const changed = change(item);
      if (changed === item) return item;
      const next: GuitarItem = { ...changed, version: item.version + 1, updatedAt: now() };
      const written = await changes.writeCounted(item, counterDeltas(item, next), async (pending) => {
        const candidate = pending ? { ...next, pending } : next;
        return (await store.replaceGuitar(candidate, item.version)) ? candidate : null;
      });
      if (written) return next;
      if (expectedVersion !== undefined) throw versionConflict();
    }
    throw versionConflict();
  }

  /**
   * Creates the guitar and counts it. When the conditional put fails, a concurrent request with the same
   * Idempotency-Key created this very guitar first, which serves as well.
   */
  async function createItem(item: GuitarItem): Promise<void> {
    const store = await ctx.store();
    await changes.writeCounted(item, counterDeltas(null, item), async (pending) => {
      const candidate = pending ? { ...item, pending } : item;
      return (await store.createGuitar(candidate)) ? candidate : null;
    });
  }

  function newItem(userId: string, guitarId: string, input: GuitarInput, at: number): GuitarItem {
    const createdAt = isoTime(at);
    return toItem(input, { userId, guitarId, createdAt, updatedAt: createdAt, version: 1 });
  }

  async function createIdempotent(userId: string, input: GuitarInput, key: string): Promise<CreateResult> {
    const claims = (await ctx.store()).idempotencyClaims;
    const { claim, first } = await claims.claim({
      userId,
      key,
      requestHash: sha256(canonical(input)),
      clock: ctx.clock,
      newReference: (at) => ctx.newId('gtr', at),
    });
    if (claim.result) return { guitar: JSON.parse(claim.result) as Guitar, replayed: true };
    // The guitar follows from the claim alone, so a retry of an interrupted request makes the same one.
    const item = newItem(userId, claim.reference, input, claim.claimedAt);
    await createItem(item);
    const guitar = await toGuitar(ctx.blobs, item);
    await claims.complete(claim, JSON.stringify(guitar));
    return { guitar, replayed: !first };
  }

  function filterOf(query: GuitarListQuery) {
    return {
      brandKey: query.brand === undefined ? undefined : brandKey(query.brand),
      type: query.type,
      yearFrom: query.yearFrom,
      yearTo: query.yearTo,
    };
  }

  return {
    async create(userId: string, input: GuitarInput, idempotencyKey?: string): Promise<CreateResult> {
      if (idempotencyKey !== undefined) return createIdempotent(userId, input, idempotencyKey);
      const at = ctx.clock.now();
      const item = newItem(userId, ctx.newId('gtr', at), input, at);
      await createItem(item);
      return { guitar: await toGuitar(ctx.blobs, item), replayed: false };
    },

    async get(userId: string, guitarId: string): Promise<Guitar> {
      return toGuitar(ctx.blobs, await load(userId, guitarId));
    },

    /**
     * One page of the caller's guitars, newest year first. The cursor is sealed to this user and this
     * filter: one from another user's list, or from another filter, is refused.
     */
    async list(userId: string, query: GuitarListQuery) {
      const filter = filterOf(query);
      const scope = `guitars:${userId}:${canonical(filter)}`;
      const cursor = ctx.cursors.open(scope, query.cursor);
      const store = await ctx.store();
      const page = await store.listGuitars(userId, filter, query.limit, cursor);
      // An index copy of a guitar in the middle of a change may not be what the table holds (an index lags
      // on DynamoDB; the embedded engine writes it before the item, so a crash can leave it alone): such
      // guitars are read again, and shown as the table has them — or not at all, as tombstones.
      const items = await Promise.all(
        page.items.map((item) =>
          item.pending === undefined && !item.deleting ? item : store.getGuitar(userId, item.guitarId),
        ),
      );
      return {
        items: items
          .filter((item): item is GuitarItem => item !== null && !item.deleting)
          .map((item) => toSummary(ctx.blobs, item)),
        nextCursor: ctx.cursors.seal(scope, page.cursor),
      };
    },

    async replace(userId: string, guitarId: string, input: GuitarInput, version: number): Promise<Guitar> {
      const next = await mutate(userId, guitarId, (item) => toItem(input, item), version);
      return toGuitar(ctx.blobs, next);
    },

    async patch(userId: string, guitarId: string, patch: GuitarPatch): Promise<Guitar> {
      const { version, ...changes } = patch;
      // The whole guitar's schema checks the merged result; the route that called this has loaded it already.
      const { GuitarInput: wholeGuitar } = await import('./schemas.js');
      const next = await mutate(
        userId,
        guitarId,
        (item) => {
          const merged = wholeGuitar.safeParse(mergePatch(toInput(item), changes));
          if (!merged.success) throw guitarInvalid(fieldProblems(merged.error.issues));
          return toItem(merged.data, item);
        },
        version,
      );
      return toGuitar(ctx.blobs, next);
    },

    /** Deletes the guitar, then its blobs (a leftover blob is harmless; a guitar pointing at none is not). */
    async remove(userId: string, guitarId: string): Promise<void> {
      const store = await ctx.store();
      for (let attempt = 0; attempt < ATTEMPTS; attempt += 1) {
        const item = await load(userId, guitarId);
        const tombstone: GuitarItem = { ...item, deleting: true };
        const written = await changes.writeCounted(item, counterDeltas(item, null), async (pending) => {
          const candidate = { ...tombstone, pending };
          return (await store.replaceGuitar(candidate, item.version)) ? candidate : null;
        });
        if (written) return;
      }
      throw versionConflict();
    },

    /**
     * Adds a note with one conditional update of its own entry: notes added at once never conflict. A
     * retry with the same Idempotency-Key answers the note it made first.
     */
    async addNote(userId: string, guitarId: string, content: string, idempotencyKey?: string) {
      const store = await ctx.store();
      const keyHash = idempotencyKey === undefined ? undefined : sha256(idempotencyKey);
      const requestHash = sha256(content);
      const at = ctx.clock.now();
      const note: StoredNote = {
        id: ctx.newId('note', at),
        content,
        createdAt: isoTime(at),
        ...(keyHash ? { keyHash, requestHash } : {}),
      };
      const view = ({ id, createdAt }: StoredNote) => ({ id, content, createdAt });
      for (let attempt = 0; attempt < ATTEMPTS; attempt += 1) {
        if (await store.addNote(userId, guitarId, note, LIMITS.notes, now())) return view(note);
        // Something in the condition stopped it: find out what.
        const notes = notesOf(await loadWithMaps(userId, guitarId));
        const earlier = keyHash ? notes.find((candidate) => candidate.keyHash === keyHash) : undefined;
        if (earlier) {
          if (earlier.requestHash !== requestHash) throw idempotencyKeyReused();
          return view(earlier);
        }
        if (notes.length >= LIMITS.notes) {
          throw guitarInvalid([{ field: 'notes', message: `A guitar holds at most ${LIMITS.notes} notes` }]);
        }
      }
      throw versionConflict();
    },

    async removeNote(userId: string, guitarId: string, noteId: string): Promise<void> {
      const store = await ctx.store();
      for (let attempt = 0; attempt < ATTEMPTS; attempt += 1) {
        const note = notesOf(await loadWithMaps(userId, guitarId)).find(
          (candidate) => candidate.id === noteId,
        );
        if (!note) throw noteNotFound();
        if (await store.removeNote(userId, guitarId, note, now())) return;
      }
      throw versionConflict();
    },

    /** Distinct brands with counts, from the brand counters (never a read of the guitars). */
    async brands(userId: string) {
      await changes.repair(userId);
      const counters = await (await ctx.store()).listCounters(userId, 'brand#');
      const items = counters
        .filter((counter) => (counter.count ?? 0) > 0)
        .map((counter) => ({
          brand: counter.label ?? counter.counterKey.slice(6),
          count: counter.count ?? 0,
        }))
        .sort((a, b) => a.brand.localeCompare(b.brand, 'en', { sensitivity: 'base' }));
      return { items };
    },

    /** Count and totals per currency, from the counters. */
    async stats(userId: string) {
      await changes.repair(userId);
      const counters = await (await ctx.store()).listCounters(userId);
      const total = counters.find((counter) => counter.counterKey === 'total');
      const byCurrency = counters
        .filter((counter) => counter.counterKey.startsWith('currency#') && (counter.count ?? 0) > 0)
        .map((counter) => {
          const currency = counter.counterKey.slice('currency#'.length);
          return {
            currency,
            guitars: counter.count ?? 0,
            totalPurchasePrice: fromMinorUnits(counter.purchaseMinor ?? 0, currency),
            totalCurrentValue: fromMinorUnits(counter.valueMinor ?? 0, currency),
          };
        })
        .sort((a, b) => a.currency.localeCompare(b.currency));
      return { count: total?.count ?? 0, byCurrency };
    },

    mutate,
    load,
    loadWithMaps,
  };
}

export type Guitars = ReturnType<typeof createGuitars>;
