import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { beforeAll, describe, expect, it } from 'vitest';
import { createTestTable } from '../../../test/helpers/test-app.js';
import type { Database } from '../../data/database.js';
import { newId } from '../../ids.js';
import {
  type ConnectionItem,
  type ConnectionStore,
  createConnectionStore,
  type GrantFields,
} from './store.js';

/* Runs on dynalite and on DynamoDB Local: every condition here must hold on the real thing. */

let store: ConnectionStore;
let db: Database;
const AT = '2026-11-21T12:00:00.000Z';
const NOW = Date.UTC(2026, 10, 21, 12);

beforeAll(async () => {
  db = await createTestTable();
  store = createConnectionStore(await db.documentClient(), db.tableName);
});

function aConnection(overrides: Partial<GrantFields> = {}): GrantFields {
  return {
    userId: newId('usr'),
    platform: 'soundcloud',
    platformUserId: 'sc-1',
    scope: 'non-expiring',
    accessToken: 'sealed-access-1',
    refreshToken: 'sealed-refresh-1',
    expiresAt: NOW + 3600_000,
    connectedAt: AT,
    updatedAt: AT,
    ...overrides,
  };
}

async function saved(overrides: Partial<GrantFields> = {}) {
  const item = aConnection(overrides);
  expect(await store.save(item, null)).toBe(true);
  return (await store.get(item.userId, item.platform)) as ConnectionItem;
}

/** The users among `among` the expiry index lists as due by `until`, in the order it lists them. */
async function dueUsers(until: number, among: string[], pageSize = 100): Promise<string[]> {
  const listed: string[] = [];
  for await (const { userId } of store.expiringBy(until, pageSize)) {
    if (among.includes(userId)) listed.push(userId);
  }
  return listed;
}

const tokens = (accessToken: string, refreshToken?: string) => ({
  accessToken,
  refreshToken,
  expiresAt: NOW + 7200_000,
  scope: 'non-expiring',
  updatedAt: AT,
});

describe('connection store', () => {
  it('saves a grant at version 1, healthy, and replacing it moves the version on, heals it and ends any lease', async () => {
    const first = await saved();
    expect(first).toMatchObject({ version: 1, status: 'healthy', accessToken: 'sealed-access-1' });
    await store.takeRefreshLease(first.userId, 'soundcloud', 1, 'holder', NOW, NOW + 30_000);
    await store.markNeedsReauth(first.userId, 'soundcloud', 1, AT);

    const replacing = (await store.get(first.userId, 'soundcloud')) as ConnectionItem;
    expect(replacing.status).toBe('needs_reauth');
    const grant = aConnection({ userId: first.userId, accessToken: 'sealed-access-2', refreshToken: 'r2' });
    expect(await store.save(grant, replacing)).toBe(true);
    const second = await store.get(first.userId, 'soundcloud');
    expect(second).toMatchObject({
      version: 2,
      status: 'healthy',
      accessToken: 'sealed-access-2',
      refreshToken: 'r2',
    });
    expect(second?.refreshLockHolder).toBeUndefined();
  });

  it('saves a grant only over the connection its caller read, so what it keeps and announces is exact', async () => {
    const first = await saved();
    // Read as absent, but it is there; read at version 1, but a refresh moved it on; read, but it went.
    expect(await store.save(aConnection({ userId: first.userId }), null)).toBe(false);
    expect(await store.storeRefreshed(first.userId, 'soundcloud', 1, tokens('sealed-access-2'))).toBe(true);
    expect(await store.save(aConnection({ userId: first.userId }), first)).toBe(false);
    await store.remove(first.userId, 'soundcloud');
    expect(await store.save(aConnection({ userId: first.userId }), { version: 2 })).toBe(false);
    expect(await store.get(first.userId, 'soundcloud')).toBeNull();
  });

  it('stores a grant without a refresh token as told: none, and out of the expiry index', async () => {
    const first = await saved();
    const grant = aConnection({ userId: first.userId, refreshToken: undefined, expiresAt: NOW - 1 });
    expect(await store.save(grant, first)).toBe(true);
    expect((await store.get(first.userId, 'soundcloud'))?.refreshToken).toBeUndefined();
    expect(await dueUsers(NOW, [first.userId])).toEqual([]);
  });

  it('gives the refresh lease to exactly one of many concurrent takers', async () => {
    const item = await saved();
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        store.takeRefreshLease(item.userId, 'soundcloud', item.version, `holder-${i}`, NOW, NOW + 30_000),
      ),
    );
    expect(results.filter(Boolean)).toHaveLength(1);
    const holder = `holder-${results.indexOf(true)}`;
    expect(await store.get(item.userId, 'soundcloud')).toMatchObject({
      refreshLockHolder: holder,
      refreshLockUntil: NOW + 30_000,
    });
  });

  it('refuses the lease while it is live or after the version moved, and gives an expired one to the next taker', async () => {
    const item = await saved();
    expect(await store.takeRefreshLease(item.userId, 'soundcloud', 1, 'crashed', NOW, NOW + 30_000)).toBe(
      true,
    );
    expect(
      await store.takeRefreshLease(item.userId, 'soundcloud', 1, 'next', NOW + 29_999, NOW + 60_000),
    ).toBe(false);
    expect(
      await store.takeRefreshLease(item.userId, 'soundcloud', 2, 'next', NOW + 30_000, NOW + 60_000),
    ).toBe(false);
    expect(
      await store.takeRefreshLease(item.userId, 'soundcloud', 1, 'next', NOW + 30_000, NOW + 60_000),
    ).toBe(true);
    expect(await store.takeRefreshLease(newId('usr'), 'soundcloud', 1, 'x', NOW, NOW + 1)).toBe(false);
  });

  it('stores refreshed tokens only over the version they replace, keeping the refresh token when none came', async () => {
    const item = await saved();
    await store.takeRefreshLease(item.userId, 'soundcloud', 1, 'holder', NOW, NOW + 30_000);
    expect(await store.storeRefreshed(item.userId, 'soundcloud', 1, tokens('sealed-access-2'))).toBe(true);
    expect(await store.storeRefreshed(item.userId, 'soundcloud', 1, tokens('sealed-access-late'))).toBe(
      false,
    );

    const stored = await store.get(item.userId, 'soundcloud');
    expect(stored).toMatchObject({
      version: 2,
      accessToken: 'sealed-access-2',
      refreshToken: 'sealed-refresh-1',
      expiresAt: NOW + 7200_000,
    });
    expect(stored?.refreshLockHolder).toBeUndefined();
    expect(stored?.refreshLockUntil).toBeUndefined();

    expect(
      await store.storeRefreshed(item.userId, 'soundcloud', 2, tokens('sealed-access-3', 'sealed-refresh-3')),
    ).toBe(true);
    expect((await store.get(item.userId, 'soundcloud'))?.refreshToken).toBe('sealed-refresh-3');
  });

  it('never recreates a deleted connection when a refresh finishes after the disconnect', async () => {
    const item = await saved();
    expect(await store.remove(item.userId, 'soundcloud')).toMatchObject({ accessToken: 'sealed-access-1' });
    expect(await store.storeRefreshed(item.userId, 'soundcloud', 1, tokens('sealed-access-2'))).toBe(false);
    expect(await store.markNeedsReauth(item.userId, 'soundcloud', 1, AT)).toBe(false);
    expect(await store.get(item.userId, 'soundcloud')).toBeNull();
    expect(await store.remove(item.userId, 'soundcloud')).toBeNull();
  });

  it('marks needs_reauth only over the version it read', async () => {
    const item = await saved();
    await store.storeRefreshed(item.userId, 'soundcloud', 1, tokens('sealed-access-2'));
    expect(await store.markNeedsReauth(item.userId, 'soundcloud', 1, AT)).toBe(false);
    expect(await store.markNeedsReauth(item.userId, 'soundcloud', 2, AT)).toBe(true);
    expect((await store.get(item.userId, 'soundcloud'))?.status).toBe('needs_reauth');
  });

  it('marks needs_reauth once, with the event staged on it carried by the same write', async () => {
    const item = await saved();
    const event = {
      eventId: 'evt_01',
      type: 'connection.status_changed' as const,
      subject: item.userId,
      data: { status: 'needs_reauth' },
      occurredAt: AT,
    };
    const staged = { stagedEvents: [event], stagedEventsShard: 'OUTBOX#1', stagedEventsAt: `${AT}#evt_01` };
    expect(await store.markNeedsReauth(item.userId, 'soundcloud', 1, AT, staged)).toBe(true);
    expect(await store.markNeedsReauth(item.userId, 'soundcloud', 1, AT, staged)).toBe(false);
    expect(await store.get(item.userId, 'soundcloud')).toMatchObject({
      status: 'needs_reauth',
      stagedEvents: [event],
      stagedEventsShard: 'OUTBOX#1',
    });
  });

  it('heals a connection marked over the same version when a holder that outlived its lease stores the tokens the platform gave it', async () => {
    // The holder's lease ran out mid-call; a second process took it over and got invalid_grant for the
    // refresh token the holder had just spent. The holder's new tokens work: they must not sit behind
    // a needs_reauth that sends the user to reconnect.
    const item = await saved();
    await store.takeRefreshLease(item.userId, 'soundcloud', 1, 'slow-holder', NOW, NOW + 1);
    await store.takeRefreshLease(item.userId, 'soundcloud', 1, 'second', NOW + 2, NOW + 30_000);
    expect(await store.markNeedsReauth(item.userId, 'soundcloud', 1, AT)).toBe(true);
    const fresh = tokens('sealed-access-2', 'r2');
    // Stored as from healthy, it is refused: the status is not what the holder read.
    expect(await store.storeRefreshed(item.userId, 'soundcloud', 1, fresh)).toBe(false);
    const event = {
      eventId: 'evt_02',
      type: 'connection.status_changed' as const,
      subject: item.userId,
      data: { status: 'healthy', previousStatus: 'needs_reauth' },
      occurredAt: AT,
    };
    const staged = { stagedEvents: [event], stagedEventsShard: 'OUTBOX#2', stagedEventsAt: `${AT}#evt_02` };
    expect(await store.storeRefreshed(item.userId, 'soundcloud', 1, fresh, 'needs_reauth', staged)).toBe(
      true,
    );
    expect(await store.get(item.userId, 'soundcloud')).toMatchObject({
      status: 'healthy',
      accessToken: 'sealed-access-2',
      refreshToken: 'r2',
      stagedEvents: [event],
    });
    expect(await dueUsers(NOW + 7200_000, [item.userId])).toEqual([item.userId]);
  });

  it('releases the lease after a failure only for its holder, naming the holder', async () => {
    const item = await saved();
    await store.takeRefreshLease(item.userId, 'soundcloud', 1, 'holder', NOW, NOW + 30_000);
    expect(await store.releaseAfterFailure(item.userId, 'soundcloud', 'someone-else')).toBe(false);
    expect(await store.releaseAfterFailure(item.userId, 'soundcloud', 'holder')).toBe(true);
    const released = await store.get(item.userId, 'soundcloud');
    expect(released).toMatchObject({ refreshFailedBy: 'holder', version: 1, accessToken: 'sealed-access-1' });
    expect(released?.refreshLockHolder).toBeUndefined();
  });

  it("lists a user's connections a page at a time and only theirs", async () => {
    const userId = newId('usr');
    for (const platform of ['spotify', 'soundcloud', 'youtube'])
      await store.save(aConnection({ userId, platform }), null);
    await store.save(aConnection(), null);
    const first = await store.page(userId, 2, null);
    expect(first.items.map((item) => item.platform)).toEqual(['soundcloud', 'spotify']);
    const second = await store.page(userId, 2, first.cursor);
    expect(second.items.map((item) => item.platform)).toEqual(['youtube']);
    expect(second.cursor).toBeNull();
    expect((await store.list(userId)).map((item) => item.platform)).toEqual([
      'soundcloud',
      'spotify',
      'youtube',
    ]);
  });

  it('reads an item written before status existed by its needsReauth flag, and rewrites it as status', async () => {
    const client = await db.documentClient();
    const older = async (needsReauth: boolean) => {
      const item = aConnection();
      const { userId, platform } = item;
      await client.send(
        new PutCommand({
          TableName: db.tableName,
          Item: {
            pk: `USER#${userId}`,
            sk: `PLATFORM#${platform}`,
            __edb_e__: 'platformConnection',
            __edb_v__: '1',
            ...item,
            needsReauth,
            version: 1,
          },
        }),
      );
      return userId;
    };
    const refused = await older(true);
    expect((await store.get(refused, 'soundcloud'))?.status).toBe('needs_reauth');
    expect(await store.markNeedsReauth(refused, 'soundcloud', 1, AT)).toBe(false);

    const healthy = await older(false);
    expect((await store.get(healthy, 'soundcloud'))?.status).toBe('healthy');
    expect(await store.markNeedsReauth(healthy, 'soundcloud', 1, AT)).toBe(true);
    const raw = await client.send(
      new GetCommand({ TableName: db.tableName, Key: { pk: `USER#${healthy}`, sk: 'PLATFORM#soundcloud' } }),
    );
    expect(raw.Item).toMatchObject({ status: 'needs_reauth' });
    expect(raw.Item?.needsReauth).toBeUndefined();
  });
});

describe('the expiry index', () => {
  it('lists healthy connections with a refresh token whose access token expires by the time asked, once each, over every partition', async () => {
    const due = await Promise.all(
      Array.from({ length: 12 }, async (_, i) => (await saved({ expiresAt: NOW - i * 60_000 })).userId),
    );
    const later = (await saved({ expiresAt: NOW + 60_000 })).userId;
    const withoutRefreshToken = (await saved({ refreshToken: undefined, expiresAt: NOW - 1 })).userId;
    const refused = await saved({ expiresAt: NOW - 1 });
    await store.markNeedsReauth(refused.userId, 'soundcloud', 1, AT);
    const mine = [...due, later, withoutRefreshToken, refused.userId];

    // A page of 2 makes each partition take several pages.
    const listed = await dueUsers(NOW, mine, 2);
    expect([...listed].sort()).toEqual([...due].sort());
    expect(new Set(listed).size).toBe(listed.length);
    expect((await dueUsers(NOW + 60_000, mine)).sort()).toEqual([...due, later].sort());
  });

  it('moves a refreshed connection to its new expiry, and takes a disconnected one out', async () => {
    const item = await saved({ expiresAt: NOW - 1 });
    await store.storeRefreshed(item.userId, 'soundcloud', 1, tokens('sealed-access-2'));
    expect(await dueUsers(NOW, [item.userId])).toEqual([]);
    expect(await dueUsers(NOW + 7200_000, [item.userId])).toEqual([item.userId]);
    await store.remove(item.userId, 'soundcloud');
    expect(await dueUsers(NOW + 7200_000, [item.userId])).toEqual([]);
  });
});
