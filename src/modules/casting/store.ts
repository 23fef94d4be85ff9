import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { Entity, type EntityItem } from 'electrodb';
import { conditional, deleteAll, GO, key, writeAll } from '../../data/entity-helpers.js';
import { createIdempotencyClaimEntity, createIdempotencyClaims } from '../../data/idempotency-claims.js';
import { TABLE } from '../../data/table.js';
import { changedMeanwhile, idempotencyKeyReused } from './errors.js';

/*
 * The casting board's items (decision 29). Keys:
 *
 *   profile            CUSER#<userId>                 PROFILE
 *                      gsi1 CUSERS#<yyyy-mm>          <createdAt>#<userId>      newest users, by month
 *   portfolio item     CUSER#<userId>                 PORTFOLIO#<itemId>
 *   username claim     USERNAME#<lower-case name>     USERNAME                  uniqueness (decision 30)
 *   casting            CAST#<castingId>               CASTING
 *                      gsi1 CSTR#<recruiterId>        <createdAt>#<castingId>   a recruiter's castings, by date
 *   list entry         CSTL#<scope>#<yyyy-mm>         <createdAt>#<castingId>   open castings, one per filter
 *                                                                               combination and word (decision 31)
 *   application        CAST#<castingId>               APP#<applicationId>
 *                      gsi1 CAPPS#<castingId>#<status> <applicationId>          a casting's by status
 *                      gsi2 CAPPU#<artistId>           <applicationId>          an artist's own
 *   application claim  CAST#<castingId>               CLAIM#<artistId>          one per artist (decision 32)
 *   idempotency claim  CUSER#<userId>                 IDEM#<keyHash>            POST /castings retries
 */

const SERVICE = 'amply';

/** The castings' claims, as items already written name them. */
const CASTING_IDEMPOTENCY_CLAIMS = {
  entity: 'castingIdempotency',
  version: '1',
  service: SERVICE,
  partition: 'CUSER#${userId}',
  referenceField: 'castingId',
};

const userPartition = () => ({ field: TABLE.partitionKey, ...key('CUSER#${userId}', ['userId']) });
const castingPartition = () => ({ field: TABLE.partitionKey, ...key('CAST#${castingId}', ['castingId']) });
const ttl = { type: 'number', field: TABLE.ttlAttribute } as const;
const strings = { type: 'list', items: { type: 'string' } } as const;
const image = {
  type: 'map',
  properties: {
    key: { type: 'string', required: true },
    thumbnailKey: { type: 'string', required: true },
    width: { type: 'number', required: true },
    height: { type: 'number', required: true },
  },
} as const;

export function createCastingEntities(client: DynamoDBDocumentClient, table: string) {
  const config = { client, table };

  const profile = new Entity(
    {
      model: { entity: 'castingProfile', version: '1', service: SERVICE },
      attributes: {
        userId: { type: 'string', required: true, readOnly: true },
        username: { type: 'string', required: true },
        /** The name as compared: lower case (usernames are ASCII, so this is exact). */
        usernameKey: { type: 'string', required: true },
        displayName: { type: 'string' },
        roles: { ...strings, required: true },
        bio: { type: 'string' },
        location: { type: 'string' },
        skills: strings,
        links: strings,
        avatar: image,
        /** The month of `createdAt`: the newest-users index partition. */
        bucket: { type: 'string', required: true, readOnly: true },
        version: { type: 'number', required: true },
        createdAt: { type: 'string', required: true, readOnly: true },
        updatedAt: { type: 'string', required: true },
      },
      indexes: {
        byUser: { pk: userPartition(), sk: { field: TABLE.sortKey, ...key('PROFILE', []) } },
        newest: {
          index: 'gsi1',
          pk: { field: TABLE.indexes.gsi1.partitionKey, ...key('CUSERS#${bucket}', ['bucket']) },
          sk: {
            field: TABLE.indexes.gsi1.sortKey,
            ...key('${createdAt}#${userId}', ['createdAt', 'userId']),
          },
        },
      },
    },
    config,
  );

  const usernameClaim = new Entity(
    {
      model: { entity: 'usernameClaim', version: '1', service: SERVICE },
      attributes: {
        usernameKey: { type: 'string', required: true, readOnly: true },
        userId: { type: 'string', required: true },
        claimedAt: { type: 'number', required: true },
      },
      indexes: {
        byName: {
          pk: { field: TABLE.partitionKey, ...key('USERNAME#${usernameKey}', ['usernameKey']) },
          sk: { field: TABLE.sortKey, ...key('USERNAME', []) },
        },
      },
    },
    config,
  );

  const portfolioItem = new Entity(
    {
      model: { entity: 'portfolioItem', version: '1', service: SERVICE },
      attributes: {
        userId: { type: 'string', required: true, readOnly: true },
        itemId: { type: 'string', required: true, readOnly: true },
        title: { type: 'string', required: true },
        description: { type: 'string' },
        kind: { type: 'string', required: true },
        url: { type: 'string' },
        position: { type: 'number', required: true },
        image,
        createdAt: { type: 'string', required: true, readOnly: true },
        updatedAt: { type: 'string', required: true },
      },
      indexes: {
        byUser: {
          pk: userPartition(),
          sk: { field: TABLE.sortKey, ...key('PORTFOLIO#${itemId}', ['itemId']) },
        },
      },
    },
    config,
  );

  const casting = new Entity(
    {
      model: { entity: 'casting', version: '1', service: SERVICE },
      attributes: {
        castingId: { type: 'string', required: true, readOnly: true },
        recruiterId: { type: 'string', required: true, readOnly: true },
        title: { type: 'string', required: true },
        description: { type: 'string', required: true },
        roleType: { type: 'string', required: true },
        location: { type: 'string', required: true },
        /** The location as filtered: lower case letters and digits joined by `-`. */
        locationKey: { type: 'string', required: true },
        compensationType: { type: 'string', required: true },
        compensation: { type: 'string' },
        skills: { ...strings, required: true },
        questions: {
          type: 'list',
          items: {
            type: 'map',
            properties: { id: { type: 'string', required: true }, text: { type: 'string', required: true } },
          },
        },
        status: { type: ['open', 'closed'] as const, required: true },
        /** Epoch milliseconds; from then on the casting is hidden from everyone but its owner. */
        expiresAt: { type: 'number', required: true },
        cover: image,
        /** The list entries (`CSTL#<scope>#<bucket>`) this version of the casting should have. */
        scopes: { ...strings, required: true },
        /** Set while list entries are being written or removed; whoever loads the casting finishes it. */
        listing: {
          type: 'map',
          properties: { stale: strings, entries: { type: 'boolean' } },
        },
        /** Set while a deletion is under way: the casting is gone for every reader. */
        deleting: { type: 'boolean' },
        version: { type: 'number', required: true },
        createdAt: { type: 'string', required: true, readOnly: true },
        updatedAt: { type: 'string', required: true },
        ttl,
      },
      indexes: {
        byId: { pk: castingPartition(), sk: { field: TABLE.sortKey, ...key('CASTING', []) } },
        byRecruiter: {
          index: 'gsi1',
          pk: { field: TABLE.indexes.gsi1.partitionKey, ...key('CSTR#${recruiterId}', ['recruiterId']) },
          sk: {
            field: TABLE.indexes.gsi1.sortKey,
            ...key('${createdAt}#${castingId}', ['createdAt', 'castingId']),
          },
        },
      },
    },
    config,
  );

  /** A copy of an open casting's list fields in one list partition (a filter combination or a word). */
  const listEntry = new Entity(
    {
      model: { entity: 'castingListEntry', version: '1', service: SERVICE },
      attributes: {
        scope: { type: 'string', required: true, readOnly: true },
        bucket: { type: 'string', required: true, readOnly: true },
        createdAt: { type: 'string', required: true, readOnly: true },
        castingId: { type: 'string', required: true, readOnly: true },
        recruiterId: { type: 'string', required: true },
        title: { type: 'string', required: true },
        roleType: { type: 'string', required: true },
        location: { type: 'string', required: true },
        locationKey: { type: 'string', required: true },
        compensationType: { type: 'string', required: true },
        skills: { ...strings, required: true },
        /** Every search word of the casting, so a query of several words narrows one word's partition. */
        words: { ...strings, required: true },
        coverThumbnailKey: { type: 'string' },
        expiresAt: { type: 'number', required: true },
        ttl,
      },
      indexes: {
        byScope: {
          pk: { field: TABLE.partitionKey, ...key('CSTL#${scope}#${bucket}', ['scope', 'bucket']) },
          sk: { field: TABLE.sortKey, ...key('${createdAt}#${castingId}', ['createdAt', 'castingId']) },
        },
      },
    },
    config,
  );

  const application = new Entity(
    {
      model: { entity: 'castingApplication', version: '1', service: SERVICE },
      attributes: {
        castingId: { type: 'string', required: true, readOnly: true },
        applicationId: { type: 'string', required: true, readOnly: true },
        artistId: { type: 'string', required: true, readOnly: true },
        recruiterId: { type: 'string', required: true, readOnly: true },
        castingTitle: { type: 'string', required: true },
        status: {
          type: ['submitted', 'shortlisted', 'rejected', 'accepted', 'withdrawn'] as const,
          required: true,
        },
        message: { type: 'string' },
        answers: {
          type: 'list',
          items: {
            type: 'map',
            properties: {
              questionId: { type: 'string', required: true },
              question: { type: 'string', required: true },
              answer: { type: 'string', required: true },
            },
          },
        },
        portfolioItems: {
          type: 'list',
          items: {
            type: 'map',
            properties: {
              itemId: { type: 'string', required: true },
              title: { type: 'string', required: true },
              kind: { type: 'string', required: true },
              url: { type: 'string' },
              thumbnailKey: { type: 'string' },
            },
          },
        },
        history: {
          type: 'list',
          required: true,
          items: {
            type: 'map',
            properties: {
              from: { type: 'string' },
              to: { type: 'string', required: true },
              by: { type: 'string', required: true },
              at: { type: 'string', required: true },
            },
          },
        },
        /** With an Idempotency-Key: hashes of the key and of the request it came with. */
        keyHash: { type: 'string' },
        requestHash: { type: 'string' },
        version: { type: 'number', required: true },
        createdAt: { type: 'string', required: true, readOnly: true },
        updatedAt: { type: 'string', required: true },
      },
      indexes: {
        byCasting: {
          pk: castingPartition(),
          sk: { field: TABLE.sortKey, ...key('APP#${applicationId}', ['applicationId']) },
        },
        byStatus: {
          index: 'gsi1',
          pk: {
            field: TABLE.indexes.gsi1.partitionKey,
            ...key('CAPPS#${castingId}#${status}', ['castingId', 'status']),
          },
          sk: { field: TABLE.indexes.gsi1.sortKey, ...key('${applicationId}', ['applicationId']) },
        },
        byArtist: {
          index: 'gsi2',
          pk: { field: TABLE.indexes.gsi2.partitionKey, ...key('CAPPU#${artistId}', ['artistId']) },
          sk: { field: TABLE.indexes.gsi2.sortKey, ...key('${applicationId}', ['applicationId']) },
        },
      },
    },
    config,
  );

  const applicationClaim = new Entity(
    {
      model: { entity: 'castingApplicationClaim', version: '1', service: SERVICE },
      attributes: {
        castingId: { type: 'string', required: true, readOnly: true },
        artistId: { type: 'string', required: true, readOnly: true },
        applicationId: { type: 'string', required: true },
        claimedAt: { type: 'number', required: true },
      },
      indexes: {
        byArtist: {
          pk: castingPartition(),
          sk: { field: TABLE.sortKey, ...key('CLAIM#${artistId}', ['artistId']) },
        },
      },
    },
    config,
  );

  const idempotencyClaim = createIdempotencyClaimEntity(CASTING_IDEMPOTENCY_CLAIMS, client, table);

  return {
    profile,
    usernameClaim,
    portfolioItem,
    casting,
    listEntry,
    application,
    applicationClaim,
    idempotencyClaim,
  };
}

type Entities = ReturnType<typeof createCastingEntities>;
export type ProfileItem = EntityItem<Entities['profile']>;
export type UsernameClaimItem = EntityItem<Entities['usernameClaim']>;
export type PortfolioItemRecord = EntityItem<Entities['portfolioItem']>;
export type CastingItem = EntityItem<Entities['casting']>;
export type ListEntryItem = EntityItem<Entities['listEntry']>;
export type ApplicationItem = EntityItem<Entities['application']>;
export type ApplicationClaimItem = EntityItem<Entities['applicationClaim']>;
export type StoredImage = NonNullable<ProfileItem['avatar']>;
export type ApplicationStatus = ApplicationItem['status'];

/** One page of a partition: the items and ElectroDB's cursor (null at its end). */
export interface PartitionPage<T> {
  items: T[];
  cursor: string | null;
}

/** Narrowing of a list of open castings beyond its partition: the other words, and expiry. */
export interface EntryFilter {
  words?: string[] | undefined;
  roleType?: string | undefined;
  locationKey?: string | undefined;
  compensationType?: string | undefined;
}

/** The casting board's data access: every read and write the services need, failed conditions as results. */
export function createCastingStore(client: DynamoDBDocumentClient, table: string) {
  const e = createCastingEntities(client, table);
  const page = <T>(result: { data: T[]; cursor: string | null }): PartitionPage<T> => ({
    items: result.data,
    cursor: result.cursor,
  });

  return {
    // --- profiles and usernames ------------------------------------------------------------------

    async getProfile(userId: string): Promise<ProfileItem | null> {
      return (await e.profile.get({ userId }).go({ ...GO, consistent: true })).data;
    },

    /** Creates the profile (`expectedVersion` undefined) or replaces the one at that version. */
    putProfile(item: ProfileItem, expectedVersion?: number): Promise<boolean> {
      if (expectedVersion === undefined) return conditional(() => e.profile.create(item).go(GO));
      return conditional(() =>
        e.profile
          .put(item)
          .where(({ version }, { eq }) => eq(version, expectedVersion))
          .go(GO),
      );
    },

    deleteProfile(userId: string): Promise<boolean> {
      return conditional(() => e.profile.delete({ userId }).go(GO));
    },

    /** One month of profiles, newest first. */
    async listProfiles(bucket: string, limit: number, cursor: string | null) {
      return page(await e.profile.query.newest({ bucket }).go({ ...GO, order: 'desc', limit, cursor }));
    },

    async getUsernameClaim(usernameKey: string): Promise<UsernameClaimItem | null> {
      return (await e.usernameClaim.get({ usernameKey }).go({ ...GO, consistent: true })).data;
    },

    /** Claims a free name, or (`replacing`) takes over the stale claim made at that time. */
    claimUsername(item: UsernameClaimItem, replacing?: number): Promise<boolean> {
      if (replacing === undefined) return conditional(() => e.usernameClaim.create(item).go(GO));
      return conditional(() =>
        e.usernameClaim
          .put(item)
          .where(({ claimedAt }, { eq }) => eq(claimedAt, replacing))
          .go(GO),
      );
    },

    /** Releases a claim only if `userId` holds it. */
    releaseUsername(usernameKey: string, userId: string): Promise<boolean> {
      return conditional(() =>
        e.usernameClaim
          .delete({ usernameKey })
          .where((attr, { eq }) => eq(attr.userId, userId))
          .go(GO),
      );
    },

    // --- portfolio -------------------------------------------------------------------------------

    async listPortfolio(userId: string): Promise<PortfolioItemRecord[]> {
      return (await e.portfolioItem.query.byUser({ userId }).go({ ...GO, pages: 'all' })).data;
    },

    async getPortfolioItem(userId: string, itemId: string): Promise<PortfolioItemRecord | null> {
      return (await e.portfolioItem.get({ userId, itemId }).go({ ...GO, consistent: true })).data;
    },

    async putPortfolioItem(item: PortfolioItemRecord): Promise<void> {
      await e.portfolioItem.put(item).go(GO);
    },

    /** Replaces an item that still exists; false when it was deleted meanwhile. */
    replacePortfolioItem(item: PortfolioItemRecord): Promise<boolean> {
      return conditional(() =>
        e.portfolioItem
          .put(item)
          .where(({ itemId }, { exists }) => exists(itemId))
          .go(GO),
      );
    },

    deletePortfolioItem(userId: string, itemId: string): Promise<boolean> {
      return conditional(() =>
        e.portfolioItem
          .delete({ userId, itemId })
          .where((attr, { exists }) => exists(attr.itemId))
          .go(GO),
      );
    },

    async deletePortfolio(items: PortfolioItemRecord[]): Promise<void> {
      const keys = items.map(({ userId, itemId }) => ({ userId, itemId }));
      await deleteAll(keys, (batch) => e.portfolioItem.delete(batch).go(GO));
    },

    // --- castings --------------------------------------------------------------------------------

    async getCasting(castingId: string): Promise<CastingItem | null> {
      return (await e.casting.get({ castingId }).go({ ...GO, consistent: true })).data;
    },

    createCasting(item: CastingItem): Promise<boolean> {
      return conditional(() => e.casting.create(item).go(GO));
    },

    /** Replaces a casting still at `expectedVersion` and not being deleted. */
    replaceCasting(item: CastingItem, expectedVersion: number): Promise<boolean> {
      return conditional(() =>
        e.casting
          .put(item)
          .where(
            ({ version, deleting }, { eq, notExists }) =>
              `${eq(version, expectedVersion)} AND ${notExists(deleting)}`,
          )
          .go(GO),
      );
    },

    /** Marks the list entries of this version written; false when the casting moved on meanwhile. */
    finishListing(castingId: string, version: number): Promise<boolean> {
      return conditional(() =>
        e.casting
          .patch({ castingId })
          .remove(['listing'])
          .where((attr, { eq }) => eq(attr.version, version))
          .go(GO),
      );
    },

    deleteCasting(castingId: string): Promise<boolean> {
      return conditional(() =>
        e.casting
          .delete({ castingId })
          .where(({ deleting }, { exists }) => exists(deleting))
          .go(GO),
      );
    },

    /** A recruiter's castings created in [from, to] (ISO strings), newest first. */
    async listByRecruiter(
      recruiterId: string,
      range: { from: string; to: string },
      limit: number,
      cursor: string | null,
      now: number,
    ) {
      return page(
        await e.casting.query
          .byRecruiter({ recruiterId })
          .between({ createdAt: range.from }, { createdAt: `${range.to}~` })
          .where(
            ({ expiresAt, deleting }, { gt, notExists }) =>
              `${gt(expiresAt, now)} AND ${notExists(deleting)}`,
          )
          .go({ ...GO, order: 'desc', limit, count: limit, cursor }),
      );
    },

    /** Every casting of a recruiter, any state (export and account deletion). */
    async allCastingsOf(recruiterId: string): Promise<CastingItem[]> {
      return (await e.casting.query.byRecruiter({ recruiterId }).go({ ...GO, pages: 'all' })).data;
    },

    // --- list entries ----------------------------------------------------------------------------

    async putEntries(items: ListEntryItem[]): Promise<void> {
      await writeAll(items, (batch) => e.listEntry.put(batch).go(GO));
    },

    async deleteEntries(keys: Array<Pick<ListEntryItem, 'scope' | 'bucket' | 'createdAt' | 'castingId'>>) {
      await deleteAll(keys, (batch) => e.listEntry.delete(batch).go(GO));
    },

    /**
     * One month of a list partition, newest first: unexpired entries that also match `filter`. ElectroDB
     * reads on until it has `limit` matches or the partition ends.
     */
    async listEntries(
      scope: string,
      bucket: string,
      filter: EntryFilter,
      now: number,
      limit: number,
      cursor: string | null,
    ) {
      const query = e.listEntry.query.byScope({ scope, bucket }).where((attr, op) => {
        const terms = [op.gt(attr.expiresAt, now)];
        for (const word of filter.words ?? []) terms.push(op.contains(attr.words, word));
        if (filter.roleType) terms.push(op.eq(attr.roleType, filter.roleType));
        if (filter.locationKey) terms.push(op.eq(attr.locationKey, filter.locationKey));
        if (filter.compensationType) terms.push(op.eq(attr.compensationType, filter.compensationType));
        return terms.join(' AND ');
      });
      return page(await query.go({ ...GO, order: 'desc', limit, count: limit, cursor }));
    },

    // --- applications ----------------------------------------------------------------------------

    async getApplicationClaim(castingId: string, artistId: string): Promise<ApplicationClaimItem | null> {
      return (await e.applicationClaim.get({ castingId, artistId }).go({ ...GO, consistent: true })).data;
    },

    /** The one-per-artist claim: false when the artist holds one (or, `replacing`, when it changed). */
    claimApplication(item: ApplicationClaimItem, replacing?: number): Promise<boolean> {
      if (replacing === undefined) return conditional(() => e.applicationClaim.create(item).go(GO));
      return conditional(() =>
        e.applicationClaim
          .put(item)
          .where(({ claimedAt }, { eq }) => eq(claimedAt, replacing))
          .go(GO),
      );
    },

    async getApplication(castingId: string, applicationId: string): Promise<ApplicationItem | null> {
      return (await e.application.get({ castingId, applicationId }).go({ ...GO, consistent: true })).data;
    },

    createApplication(item: ApplicationItem): Promise<boolean> {
      return conditional(() => e.application.create(item).go(GO));
    },

    replaceApplication(item: ApplicationItem, expectedVersion: number): Promise<boolean> {
      return conditional(() =>
        e.application
          .put(item)
          .where(({ version }, { eq }) => eq(version, expectedVersion))
          .go(GO),
      );
    },

    /** A casting's applications, newest first, all or of one status. */
    async listApplications(
      castingId: string,
      status: ApplicationStatus | undefined,
      limit: number,
      cursor: string | null,
    ) {
      const query = status
        ? e.application.query.byStatus({ castingId, status })
        : e.application.query.byCasting({ castingId });
      return page(await query.go({ ...GO, order: 'desc', limit, cursor }));
    },

    async listApplicationsOf(artistId: string, limit: number, cursor: string | null) {
      return page(
        await e.application.query.byArtist({ artistId }).go({ ...GO, order: 'desc', limit, cursor }),
      );
    },

    async allApplicationsOf(artistId: string): Promise<ApplicationItem[]> {
      return (await e.application.query.byArtist({ artistId }).go({ ...GO, pages: 'all' })).data;
    },

    /** Every application and claim of a casting (its deletion). */
    async deleteCastingApplications(castingId: string): Promise<void> {
      const [applications, claims] = await Promise.all([
        e.application.query.byCasting({ castingId }).go({ ...GO, pages: 'all' }),
        e.applicationClaim.query.byArtist({ castingId }).go({ ...GO, pages: 'all' }),
      ]);
      await Promise.all([
        deleteAll(
          applications.data.map(({ castingId: c, applicationId }) => ({ castingId: c, applicationId })),
          (batch) => e.application.delete(batch).go(GO),
        ),
        deleteAll(
          claims.data.map(({ castingId: c, artistId }) => ({ castingId: c, artistId })),
          (batch) => e.applicationClaim.delete(batch).go(GO),
        ),
      ]);
    },

    /** An artist's application and then its claim (account deletion). */
    async deleteApplication(item: Pick<ApplicationItem, 'castingId' | 'applicationId' | 'artistId'>) {
      await e.application.delete({ castingId: item.castingId, applicationId: item.applicationId }).go(GO);
      await conditional(() =>
        e.applicationClaim
          .delete({ castingId: item.castingId, artistId: item.artistId })
          .where((attr, { eq }) => eq(attr.applicationId, item.applicationId))
          .go(GO),
      );
    },

    // --- idempotency -----------------------------------------------------------------------------

    /** POST /castings under an Idempotency-Key; the claim's reference is the casting's id. */
    idempotencyClaims: createIdempotencyClaims(e.idempotencyClaim, {
      reused: idempotencyKeyReused,
      busy: changedMeanwhile,
    }),

    // --- bulk (sample data and benchmarks) ---------------------------------------------------------

    async putCastings(items: CastingItem[]): Promise<void> {
      await writeAll(items, (batch) => e.casting.put(batch).go(GO));
    },
  };
}

export type CastingStore = ReturnType<typeof createCastingStore>;
