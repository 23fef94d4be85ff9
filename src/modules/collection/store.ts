import { type DynamoDBDocumentClient, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { Entity, type EntityItem } from 'electrodb';
import { isConditionFailure } from '../../data/database.js';
import { conditional, deleteAll, GO, key } from '../../data/entity-helpers.js';
import { createIdempotencyClaimEntity, createIdempotencyClaims } from '../../data/idempotency-claims.js';
import { TABLE } from '../../data/table.js';
import { idempotencyKeyBusy, idempotencyKeyReused } from './errors.js';
import type { StoredImage, StoredNote } from './guitar-record.js';

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

/** The guitars' claims, as items already written name them. */
const GUITAR_IDEMPOTENCY_CLAIMS = {
  entity: 'guitarIdempotency',
  version: '1',
  service: SERVICE,
  partition: 'GTR#${userId}',
  referenceField: 'guitarId',
};

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
        /** Images by id (decision 16); each added and removed with a conditional update of its own entry. */
        images: { type: 'any' },
        /** Notes by id, as images. */
        notes: { type: 'any' },
        /** Hashes of the Idempotency-Keys the notes were added with. */
        noteKeys: { type: 'set', items: 'string' },
        /** The uploads the images came from, so one completed twice is recorded once. */
        imageUploads: { type: 'set', items: 'string' },
        /** The image chosen as primary (or the first recorded); when it is gone, the first in order is. */
        primaryImageId: { type: 'string' },
        /** Each image's place, from `imageSeq` when it was recorded: images show in the order they came. */
        imageOrder: { type: 'any' },
        imageSeq: { type: 'number' },
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
  const idempotencyClaim = createIdempotencyClaimEntity(GUITAR_IDEMPOTENCY_CLAIMS, client, table);

  return { guitar, counter, changeMarker, idempotencyClaim };
}

type Entities = ReturnType<typeof createCollectionEntities>;
export type GuitarItem = EntityItem<Entities['guitar']>;
export type CounterItem = EntityItem<Entities['counter']>;
export type ChangeMarkerItem = EntityItem<Entities['changeMarker']>;

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

/** One conditional update of a guitar's notes, images or receipt, in DynamoDB's expression parts. */
interface GuitarUpdate {
  set?: string[];
  add?: string[];
  remove?: string[];
  delete?: string[];
  /** Besides: the guitar exists and is not being deleted. */
  condition?: string[];
  names: Record<string, string>;
  values?: Record<string, unknown>;
}

/** The collection's data access: every read and write the services need, failed conditions as results. */
export function createCollectionStore(client: DynamoDBDocumentClient, table: string) {
  const e = createCollectionEntities(client, table);
  const idempotencyClaims = createIdempotencyClaims(e.idempotencyClaim, {
    reused: idempotencyKeyReused,
    busy: idempotencyKeyBusy,
  });

  /**
   * Updates a guitar in one conditional write that also moves its version on, so a PUT or PATCH that read
   * it before fails its own condition instead of writing back an older copy. Writes to different notes or
   * images never fail each other's conditions. Answers the updated attributes as they were, or null when
   * the condition failed.
   */
  async function updateGuitar(
    userId: string,
    guitarId: string,
    updatedAt: string,
    update: GuitarUpdate,
  ): Promise<Record<string, unknown> | null> {
    const { Key } = e.guitar.get({ userId, guitarId }).params() as { Key: Record<string, string> };
    const clauses = [
      `SET ${['#updatedAt = :updatedAt', ...(update.set ?? [])].join(', ')}`,
      `ADD ${['#version :one', ...(update.add ?? [])].join(', ')}`,
      ...(update.remove?.length ? [`REMOVE ${update.remove.join(', ')}`] : []),
      ...(update.delete?.length ? [`DELETE ${update.delete.join(', ')}`] : []),
    ];
    try {
      const result = await client.send(
        new UpdateCommand({
          TableName: table,
          Key,
          UpdateExpression: clauses.join(' '),
          ConditionExpression: [
            'attribute_exists(#sk)',
            'attribute_not_exists(#deleting)',
            ...(update.condition ?? []),
          ].join(' AND '),
          ExpressionAttributeNames: {
            '#sk': TABLE.sortKey,
            '#deleting': 'deleting',
            '#updatedAt': 'updatedAt',
            '#version': 'version',
            ...update.names,
          },
          ExpressionAttributeValues: { ':updatedAt': updatedAt, ':one': 1, ...update.values },
          ReturnValues: 'UPDATED_OLD',
        }),
      );
      return result.Attributes ?? {};
    } catch (error) {
      if (isConditionFailure(error)) return null;
      throw error;
    }
  }

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

    /**
     * Adds a note, unless the guitar already has `limit` notes, keeps them as a list (written before they
     * were a map), or — with an Idempotency-Key — already has a note with that key. false when one of
     * those (or the guitar's absence) stopped it.
     */
    async addNote(userId: string, guitarId: string, note: StoredNote, limit: number, at: string) {
      const keyed = note.keyHash !== undefined;
      const written = await updateGuitar(userId, guitarId, at, {
        set: ['#notes.#id = :note'],
        add: keyed ? ['#noteKeys :keys'] : [],
        condition: [
          'attribute_type(#notes, :map)',
          'size(#notes) < :limit',
          ...(keyed ? ['NOT contains(#noteKeys, :key)'] : []),
        ],
        names: { '#notes': 'notes', '#id': note.id, ...(keyed ? { '#noteKeys': 'noteKeys' } : {}) },
        values: {
          ':note': note,
          ':map': 'M',
          ':limit': limit,
          ...(keyed ? { ':keys': new Set([note.keyHash]), ':key': note.keyHash } : {}),
        },
      });
      return written !== null;
    },

    /** Removes a note (and its Idempotency-Key); false when it is not there. */
    async removeNote(userId: string, guitarId: string, note: StoredNote, at: string) {
      const keyed = note.keyHash !== undefined;
      const written = await updateGuitar(userId, guitarId, at, {
        remove: ['#notes.#id'],
        delete: keyed ? ['#noteKeys :keys'] : [],
        condition: ['attribute_exists(#notes.#id)'],
        names: { '#notes': 'notes', '#id': note.id, ...(keyed ? { '#noteKeys': 'noteKeys' } : {}) },
        values: keyed ? { ':keys': new Set([note.keyHash]) } : {},
      });
      return written !== null;
    },

    /**
     * Adds an image (the primary one when `primary`), unless the guitar has `limit` images, keeps them as
     * a list, or already recorded this upload. false when one of those (or the guitar's absence) stopped it.
     */
    async addImage(
      userId: string,
      guitarId: string,
      image: StoredImage,
      primary: boolean,
      limit: number,
      at: string,
    ) {
      const upload = image.uploadKey;
      // Every operand reads the item as it was, so the image's place and the new sequence agree.
      const written = await updateGuitar(userId, guitarId, at, {
        set: [
          '#images.#id = :image',
          '#order.#id = if_not_exists(#seq, :zero) + :one',
          '#seq = if_not_exists(#seq, :zero) + :one',
          primary ? '#primary = :id' : '#primary = if_not_exists(#primary, :id)',
        ],
        add: upload ? ['#uploads :uploads'] : [],
        condition: [
          'attribute_type(#images, :map)',
          'attribute_type(#order, :map)',
          'size(#images) < :limit',
          ...(upload ? ['NOT contains(#uploads, :upload)'] : []),
        ],
        names: {
          '#images': 'images',
          '#order': 'imageOrder',
          '#seq': 'imageSeq',
          '#primary': 'primaryImageId',
          '#id': image.id,
          ...(upload ? { '#uploads': 'imageUploads' } : {}),
        },
        values: {
          ':image': image,
          ':map': 'M',
          ':limit': limit,
          ':zero': 0,
          ':id': image.id,
          ...(upload ? { ':uploads': new Set([upload]), ':upload': upload } : {}),
        },
      });
      return written !== null;
    },

    /** Removes an image (and the record of its upload); false when it is not there. */
    async removeImage(userId: string, guitarId: string, image: StoredImage, at: string) {
      const upload = image.uploadKey;
      const written = await updateGuitar(userId, guitarId, at, {
        remove: ['#images.#id', '#order.#id'],
        delete: upload ? ['#uploads :uploads'] : [],
        condition: ['attribute_exists(#images.#id)'],
        names: {
          '#images': 'images',
          '#order': 'imageOrder',
          '#id': image.id,
          ...(upload ? { '#uploads': 'imageUploads' } : {}),
        },
        values: upload ? { ':uploads': new Set([upload]) } : {},
      });
      return written !== null;
    },

    /**
     * Points the guitar at a new receipt; answers the receipt key it replaces (undefined when none), or
     * null when the guitar is gone or has no private information map to put it in.
     */
    async setReceipt(userId: string, guitarId: string, receiptKey: string, at: string) {
      const old = await updateGuitar(userId, guitarId, at, {
        set: ['#info.#receipt = :receipt'],
        condition: ['attribute_type(#info, :map)'],
        names: { '#info': 'privateInfo', '#receipt': 'receiptKey' },
        values: { ':receipt': receiptKey, ':map': 'M' },
      });
      if (old === null) return null;
      return { replaced: (old.privateInfo as { receiptKey?: string } | undefined)?.receiptKey };
    },

    /**
     * One page of a user's guitars from their index, newest year first, as the index has them: an item in
     * the middle of a change (`pending`, or a `deleting` tombstone) may differ from the table's (see
     * `guitars.list`).
     */
    async listGuitars(userId: string, filter: GuitarFilter, limit: number, cursor: string | null) {
      const page = await listQuery(userId, filter).go({ ...GO, order: 'desc', limit, count: limit, cursor });
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

    /** POST /guitars under an Idempotency-Key; the claim's reference is the guitar's id. */
    idempotencyClaims,

    /** Every guitar of a user, for export and deletion (one Query of the partition). */
    async allGuitars(userId: string): Promise<GuitarItem[]> {
      return (await e.guitar.query.byId({ userId }).go({ ...GO, pages: 'all', consistent: true })).data;
    },

    /** Deletes every counter, marker and claim of a user; guitars are deleted one by one before. */
    async deleteBookkeeping(userId: string): Promise<void> {
      const [counters, markers] = await Promise.all([
        e.counter.query.byKey({ userId }).go({ ...GO, pages: 'all', consistent: true }),
        e.changeMarker.query.byGuitar({ userId }).go({ ...GO, pages: 'all', consistent: true }),
      ]);
      await Promise.all([
        deleteAll(counters.data, (keys) => e.counter.delete(keys).go(GO)),
        deleteAll(markers.data, (keys) => e.changeMarker.delete(keys).go(GO)),
        idempotencyClaims.deleteAllOf(userId),
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
