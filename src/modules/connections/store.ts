import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { Entity, type EntityItem } from 'electrodb';
import { conditional, GO, key } from '../../data/entity-helpers.js';
import { TABLE } from '../../data/table.js';
import type { StagedEvent } from '../../events/events.js';
import { stagedEventAttributes, stagedUpdate } from '../../events/staged-events.js';

/*
 * A platform connection is one item in the user's partition, `USER#<userId>` / `PLATFORM#<platform>`,
 * so listing, export and deletion are one Query. Tokens are stored sealed (AES-256-GCM, see
 * docs/decisions/0014). The item also carries the refresh lease: a process about to refresh at the
 * platform first takes it with a conditional update, so concurrent refreshes from any number of
 * processes make one upstream call. `version` counts token writes; every write of new tokens is
 * conditional on the version its writer read.
 */

const SERVICE = 'amply';

/** The refresh lease's attributes; a new grant or refreshed tokens end the lease by removing them all. */
const LEASE = ['refreshLockHolder', 'refreshLockUntil', 'refreshFailedBy'] as const;

export function createConnectionEntities(client: DynamoDBDocumentClient, table: string) {
  const connection = new Entity(
    {
      model: { entity: 'platformConnection', version: '1', service: SERVICE },
      attributes: {
        userId: { type: 'string', required: true, readOnly: true },
        platform: { type: 'string', required: true, readOnly: true },
        platformUserId: { type: 'string', required: true },
        scope: { type: 'string', required: true },
        /** Sealed access token. */
        accessToken: { type: 'string', required: true },
        /** Sealed refresh token; absent when the platform issued none. */
        refreshToken: { type: 'string' },
        /** When the access token expires, epoch milliseconds. */
        expiresAt: { type: 'number', required: true },
        connectedAt: { type: 'string', required: true },
        updatedAt: { type: 'string', required: true },
        needsReauth: { type: 'boolean', required: true, default: false },
        version: { type: 'number', required: true },
        /** The refresh lease: who holds it and until when (epoch milliseconds). */
        refreshLockHolder: { type: 'string' },
        refreshLockUntil: { type: 'number' },
        /** The holder whose upstream refresh last failed, so the requests waiting on it fail too. */
        refreshFailedBy: { type: 'string' },
        ...stagedEventAttributes,
      },
      indexes: {
        byUser: {
          pk: { field: TABLE.partitionKey, ...key('USER#${userId}', ['userId']) },
          sk: { field: TABLE.sortKey, ...key('PLATFORM#${platform}', ['platform']) },
        },
      },
    },
    { client, table },
  );
  return { connection };
}

export type ConnectionItem = EntityItem<ReturnType<typeof createConnectionEntities>['connection']>;

/** The tokens a refresh writes. */
export interface TokenFields {
  accessToken: string;
  refreshToken: string | undefined;
  expiresAt: number;
  scope: string;
  updatedAt: string;
}

/** Connections' data access: conditional writes answer `false` when their condition failed. */
export function createConnectionStore(client: DynamoDBDocumentClient, table: string) {
  const { connection } = createConnectionEntities(client, table);

  return {
    async get(userId: string, platform: string): Promise<ConnectionItem | null> {
      return (await connection.get({ userId, platform }).go({ ...GO, consistent: true })).data;
    },

    async page(userId: string, limit: number, cursor: string | null) {
      const page = await connection.query.byUser({ userId }).go({ ...GO, limit, cursor, count: limit });
      return { items: page.data, cursor: page.cursor };
    },

    async list(userId: string): Promise<ConnectionItem[]> {
      return (await connection.query.byUser({ userId }).go({ ...GO, pages: 'all', consistent: true })).data;
    },

    /**
     * Stores a new grant (a completed connect, or a platform sign-in), replacing any earlier one and its
     * lease: the new tokens are what every later refresh must use. One update, so the version moves on
     * atomically from whatever the item had.
     */
    async save(item: Omit<ConnectionItem, 'version' | 'needsReauth'>): Promise<void> {
      const { userId, platform, refreshToken, ...fields } = item;
      await connection
        .update({ userId, platform })
        .set({ ...fields, ...(refreshToken ? { refreshToken } : {}), needsReauth: false })
        .add({ version: 1 })
        .remove(refreshToken ? [...LEASE] : [...LEASE, 'refreshToken'])
        .go(GO);
    },

    /**
     * Takes the refresh lease if the item still has `version` and no live lease; false when another
     * process holds it or has already stored newer tokens.
     */
    takeRefreshLease(
      userId: string,
      platform: string,
      version: number,
      holder: string,
      now: number,
      until: number,
    ): Promise<boolean> {
      return conditional(() =>
        connection
          .patch({ userId, platform })
          .set({ refreshLockHolder: holder, refreshLockUntil: until })
          .where(
            (attr, { eq, notExists, lte }) =>
              `${eq(attr.version, version)} AND (${notExists(attr.refreshLockUntil)} OR ${lte(attr.refreshLockUntil, now)})`,
          )
          .go(GO),
      );
    },

    /**
     * Stores refreshed tokens and ends the lease; false when the tokens it replaces are no longer `version`.
     * Fresh tokens prove the grant alive, so this clears a `needsReauth` set over the same version by a
     * process that took over an expired lease and had the already-spent refresh token refused.
     */
    storeRefreshed(userId: string, platform: string, version: number, tokens: TokenFields): Promise<boolean> {
      const { refreshToken, ...rest } = tokens;
      return conditional(() =>
        connection
          .patch({ userId, platform })
          .set({
            ...rest,
            ...(refreshToken ? { refreshToken } : {}),
            needsReauth: false,
            version: version + 1,
          })
          .remove([...LEASE])
          .where((attr, { eq }) => eq(attr.version, version))
          .go(GO),
      );
    },

    /**
     * The platform refused the grant: the user must connect again. False when newer tokens arrived
     * meanwhile, or another request marked it first (so its event is recorded once).
     */
    markNeedsReauth(
      userId: string,
      platform: string,
      version: number,
      updatedAt: string,
      event: StagedEvent = {},
    ): Promise<boolean> {
      const staged = stagedUpdate(event);
      return conditional(() =>
        connection
          .patch({ userId, platform })
          .set({ needsReauth: true, updatedAt, ...staged.set })
          .append(staged.append)
          .remove(['refreshLockHolder', 'refreshLockUntil'])
          .where((attr, { eq }) => `${eq(attr.version, version)} AND ${eq(attr.needsReauth, false)}`)
          .go(GO),
      );
    },

    /** Gives the lease back after an upstream failure, naming the holder so its waiters stop waiting. */
    releaseAfterFailure(userId: string, platform: string, holder: string): Promise<boolean> {
      return conditional(() =>
        connection
          .patch({ userId, platform })
          .set({ refreshFailedBy: holder })
          .remove(['refreshLockHolder', 'refreshLockUntil'])
          .where((attr, { eq }) => eq(attr.refreshLockHolder, holder))
          .go(GO),
      );
    },

    /** Deletes the connection and answers what was deleted (its tokens are revoked from that), or null. */
    async remove(userId: string, platform: string): Promise<ConnectionItem | null> {
      const result = await connection.delete({ userId, platform }).go({ ...GO, response: 'all_old' });
      return (result.data as ConnectionItem | null) ?? null;
    },
  };
}

export type ConnectionStore = ReturnType<typeof createConnectionStore>;
