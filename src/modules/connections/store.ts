import { createHash } from 'node:crypto';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { Entity, type EntityItem } from 'electrodb';
import { conditional, GO, key } from '../../data/entity-helpers.js';
import { TABLE } from '../../data/table.js';
import type { StagedEvent } from '../../events/events.js';
import { stagedEventAttributes, stagedUpdate } from '../../events/staged-events.js';
import { CONNECTION_STATUSES, type ConnectionStatus } from './connection-status.js';

/*
 * A platform connection is one item in the user's partition, `USER#<userId>` / `PLATFORM#<platform>`,
 * so listing, export and deletion are one Query. Tokens are stored sealed (AES-256-GCM, see
 * docs/decisions/0014). The item also carries the refresh lease: a process about to refresh at the
 * platform first takes it with a conditional update, so concurrent refreshes from any number of
 * processes make one upstream call. `version` counts token writes; every write of new tokens is
 * conditional on the version its writer read.
 *
 *   index                      pk                 sk                     which connections
 *   gsi2 (expiry index)        CONNEXP#<shard>    <access token expiry>  healthy, with a refresh token
 *   gsi4 (events' pending)     OUTBOX#<shard>     …                      carrying a staged event
 *
 * The expiry index is how the proactive refresh finds connections whose access token expires soon
 * without a Scan (docs/decisions/0043). It is sparse: a connection that needs a new grant, or has no
 * refresh token, has nothing to refresh and is left out. The shard (a hash of the user id, modulo 4)
 * spreads the index's writes over partitions.
 */

const SERVICE = 'amply';

/** The refresh lease's attributes; a new grant or refreshed tokens end the lease by removing them all. */
const LEASE = ['refreshLockHolder', 'refreshLockUntil', 'refreshFailedBy'] as const;

/** The sparse index the proactive refresh finds expiring connections in (`CONNEXP#<shard>`). */
export const EXPIRY_INDEX = 'gsi2' as const;
const expiry = TABLE.indexes[EXPIRY_INDEX];
/** How many index partitions the expiry index is spread over. */
const EXPIRY_SHARDS = 4;
const EXPIRY_KEYS = ['expiryShard', 'expiryAt'] as const;

/** The expiry index keys of a connection whose access token expires at `expiresAt`. */
function expiryKeys(userId: string, expiresAt: number) {
  const shard = (createHash('sha256').update(userId).digest()[0] as number) % EXPIRY_SHARDS;
  return { expiryShard: `CONNEXP#${shard}`, expiryAt: new Date(expiresAt).toISOString() };
}

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
        /** Written by every write that changes tokens or health; absent only on items older than it. */
        status: { type: CONNECTION_STATUSES },
        /** What items written before `status` existed hold instead (true: needs_reauth); removed when rewritten. */
        needsReauth: { type: 'boolean' },
        version: { type: 'number', required: true },
        /** The refresh lease: who holds it and until when (epoch milliseconds). */
        refreshLockHolder: { type: 'string' },
        refreshLockUntil: { type: 'number' },
        /** The holder whose upstream refresh last failed, so the requests waiting on it fail too. */
        refreshFailedBy: { type: 'string' },
        expiryShard: { type: 'string', field: expiry.partitionKey },
        expiryAt: { type: 'string', field: expiry.sortKey },
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

type ConnectionRecord = EntityItem<ReturnType<typeof createConnectionEntities>['connection']>;

/** A connection as the store answers it: its status always set, whatever wrote the item. */
export type ConnectionItem = Omit<ConnectionRecord, 'status' | 'needsReauth'> & { status: ConnectionStatus };

function withStatus({ status, needsReauth, ...item }: ConnectionRecord): ConnectionItem {
  return { ...item, status: status ?? (needsReauth ? 'needs_reauth' : 'healthy') };
}

/** A new grant, as `save` stores it. No refresh token: the stored one goes too (the caller decides). */
export type GrantFields = Pick<
  ConnectionItem,
  | 'userId'
  | 'platform'
  | 'platformUserId'
  | 'scope'
  | 'accessToken'
  | 'refreshToken'
  | 'expiresAt'
  | 'connectedAt'
  | 'updatedAt'
>;

/** The tokens a refresh writes. No refresh token: the platform sent none, and the stored one is kept. */
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
  const sdk = import('@aws-sdk/lib-dynamodb');

  type Where = Parameters<ReturnType<ReturnType<typeof connection.patch>['set']>['where']>[0];
  type Attributes = Parameters<Where>[0];
  type Operations = Parameters<Where>[1];
  /** The condition "the item's status is `status`", reading an item older than `status` as `withStatus` does. */
  const statusIs = (status: ConnectionStatus, attr: Attributes, { eq, notExists }: Operations) =>
    `(${eq(attr.status, status)} OR (${notExists(attr.status)} AND ${eq(attr.needsReauth, status === 'needs_reauth')}))`;

  return {
    async get(userId: string, platform: string): Promise<ConnectionItem | null> {
      const { data } = await connection.get({ userId, platform }).go({ ...GO, consistent: true });
      return data ? withStatus(data) : null;
    },

    async page(userId: string, limit: number, cursor: string | null) {
      const page = await connection.query.byUser({ userId }).go({ ...GO, limit, cursor, count: limit });
      return { items: page.data.map(withStatus), cursor: page.cursor };
    },

    async list(userId: string): Promise<ConnectionItem[]> {
      return (
        await connection.query.byUser({ userId }).go({ ...GO, pages: 'all', consistent: true })
      ).data.map(withStatus);
    },

    /**
     * Stores a new grant (a completed connect, or a platform sign-in) as a healthy connection, replacing
     * the connection the caller read (`replacing`; null: none) and any lease on it: the new tokens are
     * what every later refresh must use. False when the item is no longer what the caller read (a refresh
     * or another grant stored meanwhile, or it appeared or went): read it again and decide again.
     */
    save(
      grant: GrantFields,
      replacing: { version: number } | null,
      event: StagedEvent = {},
    ): Promise<boolean> {
      const { userId, platform, refreshToken, ...fields } = grant;
      const staged = stagedUpdate(event);
      return conditional(() =>
        connection
          .update({ userId, platform })
          .set({
            ...fields,
            ...(refreshToken ? { refreshToken, ...expiryKeys(userId, fields.expiresAt) } : {}),
            status: 'healthy',
            version: (replacing?.version ?? 0) + 1,
            ...staged.set,
          })
          .append(staged.append)
          .remove(
            refreshToken
              ? [...LEASE, 'needsReauth']
              : [...LEASE, 'needsReauth', 'refreshToken', ...EXPIRY_KEYS],
          )
          .where((attr, { eq, notExists }) =>
            replacing ? eq(attr.version, replacing.version) : notExists(attr.version),
          )
          .go(GO),
      );
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
     * Stores refreshed tokens, ends the lease and makes the connection healthy; false when the tokens it
     * replaces are no longer `version`, or its status is no longer `from`. Fresh tokens prove the grant
     * alive, so `from: 'needs_reauth'` heals a connection marked over the same version by a process that
     * took over an expired lease and had the already-spent refresh token refused (with its event).
     */
    storeRefreshed(
      userId: string,
      platform: string,
      version: number,
      tokens: TokenFields,
      from: ConnectionStatus = 'healthy',
      event: StagedEvent = {},
    ): Promise<boolean> {
      const { refreshToken, ...rest } = tokens;
      const staged = stagedUpdate(event);
      return conditional(() =>
        connection
          .patch({ userId, platform })
          .set({
            ...rest,
            ...(refreshToken ? { refreshToken } : {}),
            ...expiryKeys(userId, rest.expiresAt),
            status: 'healthy',
            version: version + 1,
            ...staged.set,
          })
          .append(staged.append)
          .remove([...LEASE, 'needsReauth'])
          .where((attr, ops) => `${ops.eq(attr.version, version)} AND ${statusIs(from, attr, ops)}`)
          .go(GO),
      );
    },

    /**
     * The platform refused the grant: the user must connect again, and the proactive refresh leaves the
     * connection alone. False when newer tokens arrived meanwhile, or another request marked it first (so
     * its event is recorded once).
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
          .set({ status: 'needs_reauth', updatedAt, ...staged.set })
          .append(staged.append)
          .remove(['refreshLockHolder', 'refreshLockUntil', 'needsReauth', ...EXPIRY_KEYS])
          .where((attr, ops) => `${ops.eq(attr.version, version)} AND ${statusIs('healthy', attr, ops)}`)
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
      const removed = result.data as ConnectionRecord | null;
      return removed ? withStatus(removed) : null;
    },

    /**
     * Healthy connections with a refresh token whose access token expires by `until`, soonest first within
     * each expiry index partition, a page of `pageSize` at a time, with the version of the tokens that
     * expire. The index is read eventually consistently: an entry may be a moment stale, which a
     * consistent read of the item absorbs.
     */
    async *expiringBy(
      until: number,
      pageSize: number,
    ): AsyncGenerator<{ userId: string; platform: string; version: number }> {
      const { QueryCommand } = await sdk;
      for (let shard = 0; shard < EXPIRY_SHARDS; shard += 1) {
        let cursor: Record<string, unknown> | undefined;
        do {
          const result = await client.send(
            new QueryCommand({
              TableName: table,
              IndexName: EXPIRY_INDEX,
              KeyConditionExpression: '#pk = :pk AND #sk <= :until',
              ExpressionAttributeNames: { '#pk': expiry.partitionKey, '#sk': expiry.sortKey },
              ExpressionAttributeValues: {
                ':pk': `CONNEXP#${shard}`,
                ':until': new Date(until).toISOString(),
              },
              Limit: pageSize,
              ...(cursor ? { ExclusiveStartKey: cursor } : {}),
            }),
          );
          for (const { userId, platform, version } of connection.parse({ Items: result.Items ?? [] }).data) {
            yield { userId, platform, version };
          }
          cursor = result.LastEvaluatedKey;
        } while (cursor);
      }
    },
  };
}

export type ConnectionStore = ReturnType<typeof createConnectionStore>;
