import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { Entity, type EntityItem } from 'electrodb';
import { conditional, deleteAll, GO, key } from '../../data/entity-helpers.js';
import { TABLE } from '../../data/table.js';

/*
 * The collection's items (decision 16). Everything a user owns here lives in the partition
 * `GTR#<userId>`: guitars, their counters, change markers and idempotency claims, so export and
 * deletion are Queries of one partition. Each list filter combination has its own index partition,
 * sorted by `<year>#<guitarId>`, so every filter (with or without a year range) is one Query with a
 * key condition, however large the collection grows:
 *
 *   no filter / years only   gsi1  GTRY#<userId>                       <year>#<guitarId>
 *   brand (+ years)          gsi2  GTRB#<userId>#<brandKey>            <year>#<guitarId>
 *   type (+ years)           gsi3  GTRT#<userId>#<type>                <year>#<guitarId>
 *   brand + type (+ years)   gsi4  GTRBT#<userId>#<brandKey>#<type>    <year>#<guitarId>
 */

const SERVICE = 'amply';

const partition = () => ({ field: TABLE.partitionKey, ...key('GTR#${userId}', ['userId']) });
const byYear = (index: keyof typeof TABLE.indexes) => ({
  field: TABLE.indexes[index].sortKey,
  ...key('${year}#${guitarId}', ['year', 'guitarId']),
});

const text = { type: 'string' } as const;

export function createCollectionEntities(client: DynamoDBDocumentClient, table: string) {
  const config = { client, table };

  const guitar = new Entity(
    {
      model: { entity: 'guitar', version: '1', service: SERVICE },
      attributes: {
        userId: { type: 'string', required: true, readOnly: true },
        guitarId: { type: 'string', required: true, readOnly: true },
        brand: { type: 'string', required: true },
        /** The brand as compared and counted: trimmed, spaces collapsed, lower case. */
        brandKey: { type: 'string', required: true },
        model: { type: 'string', required: true },
        year: { type: 'number', required: true },
        type: { type: 'string', required: true },
        bodyMaterial: text,
        neckMaterial: text,
        fretboardMaterial: text,
        numberOfFrets: { type: 'number' },
        scaleLength: text,
        pickupConfiguration: text,
        color: text,
        finish: text,
        tuningMachines: text,
        bridge: text,
        nut: text,
        electronics: text,
        caseIncluded: { type: 'boolean' },
        countryOfOrigin: text,
        detailedSpecs: { type: 'any' },
        /** Amounts in minor units, the receipt's blob key (never a URL). */
        privateInfo: { type: 'any' },
        images: { type: 'any' },
        notes: { type: 'any' },
        version: { type: 'number', required: true },
        createdAt: { type: 'string', required: true, readOnly: true },
        updatedAt: { type: 'string', required: true },
        /** A counter change written with this version and not yet applied (see counters.ts). */
        pending: { type: 'any' },
        /** Set while a deletion is under way: the guitar is gone for every reader. */
        deleting: { type: 'boolean' },
      },
      indexes: {
        byId: { pk: partition(), sk: { field: TABLE.sortKey, ...key('GTR#${guitarId}', ['guitarId']) } },
        byYear: {
          index: 'gsi1',
          pk: { field: TABLE.indexes.gsi1.partitionKey, ...key('GTRY#${userId}', ['userId']) },
          sk: byYear('gsi1'),
        },
        byBrand: {
          index: 'gsi2',
          pk: {
            field: TABLE.indexes.gsi2.partitionKey,
            ...key('GTRB#${userId}#${brandKey}', ['userId', 'brandKey']),
          },
          sk: byYear('gsi2'),
        },
        byType: {
          index: 'gsi3',
          pk: {
            field: TABLE.indexes.gsi3.partitionKey,
            ...key('GTRT#${userId}#${type}', ['userId', 'type']),
          },
          sk: byYear('gsi3'),
        },
        byBrandType: {
          index: 'gsi4',
          pk: {
            field: TABLE.indexes.gsi4.partitionKey,
            ...key('GTRBT#${userId}#${brandKey}#${type}', ['userId', 'brandKey', 'type']),
          },
          sk: byYear('gsi4'),
        },
      },
    },
    config,
  );

  /** Per-user counters: `brand#<brandKey>`, `currency#<code>` and `total`, kept by atomic ADDs. */
  const counter = new Entity(
    {
      model: { entity: 'guitarCounter', version: '1', service: SERVICE },
      attributes: {
        userId: { type: 'string', required: true, readOnly: true },
        counterKey: { type: 'string', required: true, readOnly: true },
        label: { type: 'string' },
        count: { type: 'number' },
        purchaseMinor: { type: 'number' },
        valueMinor: { type: 'number' },
        /** Change ids already added here, so a repeated application of one change adds nothing. */
        applied: { type: 'set', items: 'string' },
      },
      indexes: {
        byKey: {
          pk: partition(),
          sk: { field: TABLE.sortKey, ...key('COUNTER#${counterKey}', ['counterKey']) },
        },
      },
    },
    config,
  );

  /** Written before a guitar write that changes counters; found and finished by `repair` after a crash. */
  const changeMarker = new Entity(
    {
      model: { entity: 'guitarChange', version: '1', service: SERVICE },
      attributes: {
        userId: { type: 'string', required: true, readOnly: true },
        guitarId: { type: 'string', required: true, readOnly: true },
        changeId: { type: 'string', required: true, readOnly: true },
        createdAt: { type: 'number', required: true, readOnly: true },
      },
      indexes: {
        byGuitar: {
          pk: partition(),
          sk: { field: TABLE.sortKey, ...key('CHANGE#${guitarId}#${changeId}', ['guitarId', 'changeId']) },
        },
      },
    },
    config,
  );

  /** One `Idempotency-Key` of one user: the request it was first used with and the guitar it made. */
  const idempotencyClaim = new Entity(
    {
      model: { entity: 'guitarIdempotency', version: '1', service: SERVICE },
      attributes: {
        userId: { type: 'string', required: true, readOnly: true },
        keyHash: { type: 'string', required: true, readOnly: true },
        requestHash: { type: 'string', required: true },
        guitarId: { type: 'string', required: true },
        /** The first response, as JSON; set once the guitar exists. */
        result: { type: 'string' },
        claimedAt: { type: 'number', required: true },
        expiresAt: { type: 'number', required: true },
        ttl: { type: 'number', field: TABLE.ttlAttribute },
      },
      indexes: {
        byKey: { pk: partition(), sk: { field: TABLE.sortKey, ...key('IDEM#${keyHash}', ['keyHash']) } },
      },
    },
    config,
  );

  return { guitar, counter, changeMarker, idempotencyClaim };
}

type Entities = ReturnType<typeof createCollectionEntities>;
export type GuitarItem = EntityItem<Entities['guitar']>;
export type CounterItem = EntityItem<Entities['counter']>;
export type ChangeMarkerItem = EntityItem<Entities['changeMarker']>;
export type IdempotencyClaimItem = EntityItem<Entities['idempotencyClaim']>;

/** How a list is narrowed; each combination maps to one index partition. */
export interface GuitarFilter {
  brandKey?: string | undefined;
  type?: string | undefined;
  yearFrom?: number | undefined;
  yearTo?: number | undefined;
}

/** One counter's change: what to add (negative to subtract) and the brand's display name. */
export interface CounterDelta {
  counterKey: string;
  label?: string | undefined;
  count: number;
  purchaseMinor: number;
  valueMinor: number;
}

/** The collection's data access: every read and write the services need, failed conditions as results. */
export function createCollectionStore(client: DynamoDBDocumentClient, table: string) {
  const e = createCollectionEntities(client, table);

  /**
   * The one Query a filter combination needs: its index partition, the year range as key condition.
   * Sort keys are `<year>#<guitarId>` with four-digit years, so `BETWEEN "<from>" AND "<to + 1>"` is
   * exactly the years from..to.
   */
  function listQuery(userId: string, filter: GuitarFilter) {
    const { brandKey, type, yearFrom, yearTo } = filter;
    const query =
      brandKey && type
        ? e.guitar.query.byBrandType({ userId, brandKey, type })
        : brandKey
          ? e.guitar.query.byBrand({ userId, brandKey })
          : type
            ? e.guitar.query.byType({ userId, type })
            : e.guitar.query.byYear({ userId });
    if (yearFrom === undefined && yearTo === undefined) return query;
    return query.between({ year: yearFrom ?? 0 }, { year: (yearTo ?? 9998) + 1 });
  }

  return {
    async getGuitar(userId: string, guitarId: string): Promise<GuitarItem | null> {
      return (await e.guitar.get({ userId, guitarId }).go({ ...GO, consistent: true })).data;
    },

    /** Creates a guitar; false when one with that id exists. */
    createGuitar(item: GuitarItem): Promise<boolean> {
      return conditional(() => e.guitar.create(item).go(GO));
    },

    /** Replaces a guitar; false unless it still has `expectedVersion` and no unfinished change. */
    replaceGuitar(item: GuitarItem, expectedVersion: number): Promise<boolean> {
      return conditional(() =>
        e.guitar
          .put(item)
          .where(
            ({ version, pending, deleting }, { eq, notExists }) =>
              `${eq(version, expectedVersion)} AND ${notExists(pending)} AND ${notExists(deleting)}`,
          )
          .go(GO),
      );
    },

    /** Clears a finished change; false when the guitar is gone or carries another change. */
    clearPending(userId: string, guitarId: string, changeId: string): Promise<boolean> {
      return conditional(() =>
        e.guitar
          .patch({ userId, guitarId })
          .remove(['pending'])
          .where(({ pending }, { eq }) => eq(pending.id, changeId))
          .go(GO),
      );
    },

    /** Deletes a guitar whose deletion (`changeId`) has been counted. */
    removeGuitar(userId: string, guitarId: string, changeId: string): Promise<boolean> {
      return conditional(() =>
        e.guitar
          .remove({ userId, guitarId })
          .where(({ pending }, { eq }) => eq(pending.id, changeId))
          .go(GO),
      );
    },

    /** One page of a user's guitars, newest year first; tombstones of deletions in progress are skipped. */
    async listGuitars(userId: string, filter: GuitarFilter, limit: number, cursor: string | null) {
      const page = await listQuery(userId, filter)
        .where(({ deleting }, { notExists }) => notExists(deleting))
        .go({ ...GO, order: 'desc', limit, count: limit, cursor });
      return { items: page.data, cursor: page.cursor };
    },

    /** Adds a change to a counter once: a repeat with the same change id adds nothing. */
    applyToCounter(userId: string, changeId: string, delta: CounterDelta): Promise<boolean> {
      let update = e.counter.update({ userId, counterKey: delta.counterKey }).add({
        count: delta.count,
        purchaseMinor: delta.purchaseMinor,
        valueMinor: delta.valueMinor,
        applied: [changeId],
      });
      if (delta.label) update = update.set({ label: delta.label });
      return conditional(() =>
        update
          .where(
            ({ applied }, { notExists, notContains }) =>
              `${notExists(applied)} OR ${notContains(applied, changeId)}`,
          )
          .go(GO),
      );
    },

    /**
     * Forgets the change ids on a counter that `isStale` picks (ids only guard against a repeat while a
     * change may still be finished by someone; see `changes.ts`).
     */
    async forgetChanges(userId: string, counterKey: string, isStale: (changeId: string) => boolean) {
      const counter = (await e.counter.get({ userId, counterKey }).go({ ...GO, consistent: true })).data;
      const stale = (counter?.applied ?? []).filter(isStale);
      if (stale.length === 0) return;
      await conditional(() =>
        e.counter
          .update({ userId, counterKey })
          .delete({ applied: stale })
          .where(({ counterKey: existing }, { exists }) => exists(existing))
          .go(GO),
      );
    },

    async listCounters(userId: string, prefix = ''): Promise<CounterItem[]> {
      return (
        await e.counter.query
          .byKey({ userId })
          .begins({ counterKey: prefix })
          .go({ ...GO, pages: 'all' })
      ).data;
    },

    async putChangeMarker(item: ChangeMarkerItem): Promise<void> {
      await e.changeMarker.put(item).go(GO);
    },

    async deleteChangeMarker(userId: string, guitarId: string, changeId: string): Promise<void> {
      await e.changeMarker.delete({ userId, guitarId, changeId }).go(GO);
    },

    async listChangeMarkers(userId: string): Promise<ChangeMarkerItem[]> {
      return (await e.changeMarker.query.byGuitar({ userId }).go({ ...GO, pages: 'all' })).data;
    },

    async getClaim(userId: string, keyHash: string): Promise<IdempotencyClaimItem | null> {
      return (await e.idempotencyClaim.get({ userId, keyHash }).go({ ...GO, consistent: true })).data;
    },

    /** Claims a key; false when somebody holds it. `replacing` takes over an expired claim made at that time. */
    claimKey(item: IdempotencyClaimItem, replacing?: number): Promise<boolean> {
      if (replacing === undefined) return conditional(() => e.idempotencyClaim.create(item).go(GO));
      return conditional(() =>
        e.idempotencyClaim
          .put(item)
          .where(({ claimedAt }, { eq }) => eq(claimedAt, replacing))
          .go(GO),
      );
    },

    async completeClaim(userId: string, keyHash: string, result: string): Promise<void> {
      await e.idempotencyClaim.patch({ userId, keyHash }).set({ result }).go(GO);
    },

    async releaseClaim(userId: string, keyHash: string, claimedAt: number): Promise<void> {
      await conditional(() =>
        e.idempotencyClaim
          .remove({ userId, keyHash })
          .where((attr, { eq }) => eq(attr.claimedAt, claimedAt))
          .go(GO),
      );
    },

    /** Every guitar of a user, for export and deletion (one Query of the partition). */
    async allGuitars(userId: string): Promise<GuitarItem[]> {
      return (await e.guitar.query.byId({ userId }).go({ ...GO, pages: 'all', consistent: true })).data;
    },

    /** Deletes every counter, marker and claim of a user; guitars are deleted one by one before. */
    async deleteBookkeeping(userId: string): Promise<void> {
      const [counters, markers, claims] = await Promise.all([
        e.counter.query.byKey({ userId }).go({ ...GO, pages: 'all', consistent: true }),
        e.changeMarker.query.byGuitar({ userId }).go({ ...GO, pages: 'all', consistent: true }),
        e.idempotencyClaim.query.byKey({ userId }).go({ ...GO, pages: 'all', consistent: true }),
      ]);
      await Promise.all([
        deleteAll(counters.data, (keys) => e.counter.delete(keys).go(GO)),
        deleteAll(markers.data, (keys) => e.changeMarker.delete(keys).go(GO)),
        deleteAll(claims.data, (keys) => e.idempotencyClaim.delete(keys).go(GO)),
      ]);
    },

    /** Deletes guitars outright in batches of 25 (account deletion; counters and blobs go separately). */
    async deleteGuitars(items: Array<Pick<GuitarItem, 'userId' | 'guitarId'>>): Promise<void> {
      const keys = items.map(({ userId, guitarId }) => ({ userId, guitarId }));
      await deleteAll(keys, (batch) => e.guitar.delete(batch).go(GO));
    },

    /** Writes many guitars at once (benchmark and sample data; counters are the caller's business). */
    async putGuitars(items: GuitarItem[]): Promise<void> {
      const { unprocessed } = await e.guitar.put(items).go(GO);
      if (unprocessed.length > 0) throw new Error(`${unprocessed.length} guitars were left unwritten`);
    },
  };
}

export type CollectionStore = ReturnType<typeof createCollectionStore>;
