import { beforeAll, describe, expect, it } from 'vitest';
import { createTestTable } from '../../../test/helpers/test-app.js';
import { newId } from '../../ids.js';
import { type ConnectionItem, type ConnectionStore, createConnectionStore } from './store.js';

/* Runs on dynalite and on DynamoDB Local: every condition here must hold on the real thing. */

let store: ConnectionStore;
const AT = '2026-11-21T12:00:00.000Z';
const NOW = Date.UTC(2026, 10, 21, 12);

beforeAll(async () => {
  const db = await createTestTable();
  store = createConnectionStore(await db.documentClient(), db.tableName);
});

function aConnection(
  overrides: Partial<ConnectionItem> = {},
): Omit<ConnectionItem, 'version' | 'needsReauth'> {
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

async function saved(overrides: Partial<ConnectionItem> = {}) {
  const item = aConnection(overrides);
  await store.save(item);
  return (await store.get(item.userId, item.platform)) as ConnectionItem;
}

const tokens = (accessToken: string, refreshToken?: string) => ({
  accessToken,
  refreshToken,
  expiresAt: NOW + 7200_000,
  scope: 'non-expiring',
  updatedAt: AT,
});

describe('connection store', () => {
  it('saves a grant at version 1 and moves the version on (clearing needsReauth and any lease) when it is replaced', async () => {
    const first = await saved();
    expect(first).toMatchObject({ version: 1, needsReauth: false, accessToken: 'sealed-access-1' });
    await store.takeRefreshLease(first.userId, 'soundcloud', 1, 'holder', NOW, NOW + 30_000);
    await store.markNeedsReauth(first.userId, 'soundcloud', 1, AT);

    await store.save(
      aConnection({ userId: first.userId, accessToken: 'sealed-access-2', refreshToken: undefined }),
    );
    const second = await store.get(first.userId, 'soundcloud');
    expect(second).toMatchObject({ version: 2, needsReauth: false, accessToken: 'sealed-access-2' });
    expect(second?.refreshToken).toBeUndefined();
    expect(second?.refreshLockHolder).toBeUndefined();
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

  it('marks needsReauth only over the version it read', async () => {
    const item = await saved();
    await store.storeRefreshed(item.userId, 'soundcloud', 1, tokens('sealed-access-2'));
    expect(await store.markNeedsReauth(item.userId, 'soundcloud', 1, AT)).toBe(false);
    expect(await store.markNeedsReauth(item.userId, 'soundcloud', 2, AT)).toBe(true);
    expect((await store.get(item.userId, 'soundcloud'))?.needsReauth).toBe(true);
  });

  it('marks needsReauth once, with the event staged on it carried by the same write', async () => {
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
      needsReauth: true,
      stagedEvents: [event],
      stagedEventsShard: 'OUTBOX#1',
    });
  });

  it('clears needsReauth when a holder that outlived its lease stores the tokens the platform gave it', async () => {
    // The holder's lease ran out mid-call; a second process took it over and got invalid_grant for the
    // refresh token the holder had just spent. The holder's new tokens work: they must not sit behind
    // a needsReauth that sends the user to reconnect.
    const item = await saved();
    await store.takeRefreshLease(item.userId, 'soundcloud', 1, 'slow-holder', NOW, NOW + 1);
    await store.takeRefreshLease(item.userId, 'soundcloud', 1, 'second', NOW + 2, NOW + 30_000);
    expect(await store.markNeedsReauth(item.userId, 'soundcloud', 1, AT)).toBe(true);
    expect(await store.storeRefreshed(item.userId, 'soundcloud', 1, tokens('sealed-access-2', 'r2'))).toBe(
      true,
    );
    expect(await store.get(item.userId, 'soundcloud')).toMatchObject({
      needsReauth: false,
      accessToken: 'sealed-access-2',
      refreshToken: 'r2',
    });
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
      await store.save(aConnection({ userId, platform }));
    await store.save(aConnection());
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
});
