import { randomBytes } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { createTestTable } from '../../../test/helpers/test-app.js';
import type { Database } from '../../data/database.js';
import { LIST_SHARDS } from './list-shards.js';
import { type ArtistConfig, type ArtistItem, type ArtistStore, createArtistStore } from './store.js';

/* Runs on dynalite (unit) and on DynamoDB Local (store-dynamodb-local). */

let db: Database;
let store: ArtistStore;

beforeAll(async () => {
  db = await createTestTable();
  store = createArtistStore(await db.documentClient(), db.tableName);
});

const artistId = (label = 'artist') => `${label}-${randomBytes(5).toString('hex')}`;
const AT = '2026-11-21T12:00:00.000Z';

function artist(id: string, fields: Partial<ArtistItem> = {}): ArtistItem {
  return {
    artistId: id,
    ownerId: 'usr_owner',
    displayName: 'Skywave',
    provider: 'aws',
    externalId: `amply-${randomBytes(8).toString('hex')}`,
    listShard: '0',
    createdAt: AT,
    updatedAt: AT,
    status: 'pending',
    setupVersion: 1,
    ...fields,
  };
}

const config = (id: string): ArtistConfig => ({
  stackId: `arn:aws:cloudformation:eu-north-1:111122223333:stack/amply-${id}/1`,
  bucketName: `amply-${id}-111122223333`,
  cloudfrontDomain: 'd111.cloudfront.net',
  cdnDomain: 'd111.cloudfront.net',
  roleArn: `arn:aws:iam::111122223333:role/AmplyAccessRole-${id}`,
  outputs: { BucketName: `amply-${id}-111122223333` },
  callbackTimestamp: AT,
  completedAt: AT,
  completedVia: 'callback',
});

async function rawItem(id: string) {
  const { GetCommand } = await import('@aws-sdk/lib-dynamodb');
  const answer = await (await db.documentClient()).send(
    new GetCommand({
      TableName: db.tableName,
      Key: { pk: `ARTIST#${id}`, sk: 'ARTIST' },
      ConsistentRead: true,
    }),
  );
  return answer.Item as Record<string, unknown>;
}

describe('artist store', () => {
  it('claims an artistId once: a second create of the same id is refused', async () => {
    const id = artistId();
    expect(await store.createArtist(artist(id))).toBe(true);
    expect(await store.createArtist(artist(id, { ownerId: 'usr_other' }))).toBe(false);
    expect((await store.getArtist(id))?.ownerId).toBe('usr_owner');
  });

  it('spends a live token and stores the config in one write; the same token again fails the condition', async () => {
    const id = artistId();
    await store.createArtist(artist(id));
    await store.issueToken(id, 'usr_owner', { tokenHash: 'h1', tokenExpiresAt: 2_000, tokenIssuedAt: AT });

    const done = await store.completeSetup(id, config(id), { liveToken: { hash: 'h1', now: 1_000 } });
    expect(done).toMatchObject({ status: 'complete', setupVersion: 2, spentTokenHash: 'h1' });
    expect(done?.tokenHash).toBeUndefined();
    expect(await store.completeSetup(id, config(id), { liveToken: { hash: 'h1', now: 1_000 } })).toBeNull();
  });

  it('refuses an expired token and a token that a newer one replaced', async () => {
    const id = artistId();
    await store.createArtist(artist(id));
    await store.issueToken(id, 'usr_owner', { tokenHash: 'old', tokenExpiresAt: 2_000, tokenIssuedAt: AT });
    await store.issueToken(id, 'usr_owner', { tokenHash: 'new', tokenExpiresAt: 2_000, tokenIssuedAt: AT });
    expect(await store.completeSetup(id, config(id), { liveToken: { hash: 'old', now: 1_000 } })).toBeNull();
    expect(await store.completeSetup(id, config(id), { liveToken: { hash: 'new', now: 2_000 } })).toBeNull();
    expect(
      await store.completeSetup(id, config(id), { liveToken: { hash: 'new', now: 1_999 } }),
    ).not.toBeNull();
  });

  it('issues tokens only for the owner', async () => {
    const id = artistId();
    await store.createArtist(artist(id));
    const token = { tokenHash: 'h', tokenExpiresAt: 2_000, tokenIssuedAt: AT };
    expect(await store.issueToken(id, 'usr_intruder', token)).toBe(false);
    expect(await store.issueToken(artistId('missing'), undefined, token)).toBe(false);
    expect(await store.issueToken(id, undefined, token)).toBe(true);
  });

  it('moves the artist between the status partitions of gsi2 as its setup changes', async () => {
    const id = artistId();
    await store.createArtist(artist(id));
    expect((await rawItem(id)).gsi2pk).toBe('ARTIST_STATUS#pending');
    await store.completeSetup(id, config(id), { observedTokenHash: undefined });
    expect(await rawItem(id)).toMatchObject({ gsi2pk: 'ARTIST_STATUS#complete', gsi2sk: id });
    expect((await store.listReady()).map((item) => item.artistId)).toContain(id);

    const after = await store.offboardStack(id, 'never-issued', config(id).stackId as string, AT);
    expect(after).toBeNull();
  });

  it('completes from /verify-stack only while the setup is not complete and the token slot is as read', async () => {
    const id = artistId();
    await store.createArtist(artist(id));
    await store.issueToken(id, 'usr_owner', { tokenHash: 'live', tokenExpiresAt: 2_000, tokenIssuedAt: AT });
    expect(await store.completeSetup(id, config(id), { observedTokenHash: 'other' })).toBeNull();
    const done = await store.completeSetup(id, config(id), { observedTokenHash: 'live' });
    expect(done).toMatchObject({ status: 'complete', spentTokenHash: 'live' });
    expect(await store.completeSetup(id, config(id), { observedTokenHash: undefined })).toBeNull();
  });

  it('records a failure only while pending', async () => {
    const id = artistId();
    await store.createArtist(artist(id));
    expect(await store.failSetup(id, 'ROLLBACK_COMPLETE', AT)).toMatchObject({
      status: 'failed',
      failureReason: 'ROLLBACK_COMPLETE',
      setupVersion: 2,
    });
    expect(await store.failSetup(id, 'again', AT)).toBeNull();
  });

  it("offboards a stack with the config's token and stack id: config and tokens go, the artist stays", async () => {
    const id = artistId();
    await store.createArtist(artist(id));
    await store.issueToken(id, 'usr_owner', { tokenHash: 'h', tokenExpiresAt: 2_000, tokenIssuedAt: AT });
    await store.completeSetup(id, config(id), { liveToken: { hash: 'h', now: 1 } });

    expect(
      await store.offboardStack(id, 'h', 'arn:aws:cloudformation:eu-north-1:1:stack/other/2', AT),
    ).toBeNull();
    const after = await store.offboardStack(id, 'h', config(id).stackId as string, AT);
    expect(after).toMatchObject({ status: 'pending', setupVersion: 3 });
    for (const field of ['bucketName', 'roleArn', 'outputs', 'spentTokenHash', 'stackId'] as const) {
      expect(after?.[field], field).toBeUndefined();
    }
    expect((await rawItem(id)).gsi2pk).toBe('ARTIST_STATUS#pending');
  });

  it('deletes an artist only for its owner and answers what was deleted', async () => {
    const id = artistId();
    await store.createArtist(artist(id));
    expect(await store.deleteArtist(id, 'usr_intruder')).toBeNull();
    expect((await store.deleteArtist(id, 'usr_owner'))?.artistId).toBe(id);
    expect(await store.getArtist(id)).toBeNull();
    expect(await store.deleteArtist(id, undefined)).toBeNull();
  });

  it("lists a user's artists", async () => {
    const owner = `usr_${randomBytes(6).toString('hex')}`;
    const ids = [artistId('a'), artistId('b')];
    for (const id of ids) await store.createArtist(artist(id, { ownerId: owner }));
    expect((await store.listByOwner(owner)).map((item) => item.artistId).sort()).toEqual(ids.sort());
  });

  it('walks the public list newest first across its shards, page by page, without repeats', async () => {
    const fresh = await createTestTable();
    const own = createArtistStore(await fresh.documentClient(), fresh.tableName);
    const created: string[] = [];
    for (let n = 0; n < 11; n += 1) {
      const id = `list-${String(n).padStart(2, '0')}`;
      created.push(id);
      await own.createArtist(
        artist(id, {
          listShard: String(n % LIST_SHARDS),
          createdAt: new Date(Date.UTC(2026, 10, 1, 0, 0, n)).toISOString(),
        }),
      );
    }
    const seen: string[] = [];
    let positions = Array.from({ length: LIST_SHARDS }, () => 'start' as const) as Parameters<
      ArtistStore['newest']
    >[1];
    for (let page = 0; page < 10 && positions.some((p) => p !== 'end'); page += 1) {
      const result = await own.newest(4, positions);
      seen.push(...result.items.map((item) => item.artistId));
      positions = result.positions;
    }
    expect(seen).toEqual([...created].reverse());
    expect(positions.every((p) => p === 'end')).toBe(true);
  });

  it('keeps and deletes an artist’s audit trail', async () => {
    const id = artistId();
    for (let n = 0; n < 30; n += 1) {
      await store.putAudit({
        artistId: id,
        eventId: `evt_${String(n).padStart(3, '0')}`,
        type: 'callback.accepted',
        at: AT,
      });
    }
    expect(await store.listAudit(id)).toHaveLength(30);
    await store.deleteAudit(id);
    expect(await store.listAudit(id)).toEqual([]);
  });
});

describe('index state', () => {
  it('lets one holder build at a time and refuses to release while a change is waiting', async () => {
    const fresh = await createTestTable();
    const own = createArtistStore(await fresh.documentClient(), fresh.tableName);
    await own.markIndexChanged('a#1');
    expect(await own.takeIndexLease('first', 1_000, 31_000)).toBe(true);
    expect(await own.takeIndexLease('second', 1_000, 31_000)).toBe(false);

    await own.markIndexChanged('b#2');
    expect(await own.finishIndexBuild('first', ['a#1'], AT, 1)).toBe(true);
    expect(await own.releaseIndexLease('first')).toBe(false);
    expect((await own.getIndexState())?.pending).toEqual(['b#2']);
    expect(await own.finishIndexBuild('first', ['b#2'], AT, 2)).toBe(true);
    expect(await own.releaseIndexLease('first')).toBe(true);
    expect((await own.getIndexState())?.pending).toBeUndefined();
    expect(await own.takeIndexLease('second', 1_000, 31_000)).toBe(true);
  });

  it('lets another holder take an expired lease; the old holder can then no longer finish', async () => {
    const fresh = await createTestTable();
    const own = createArtistStore(await fresh.documentClient(), fresh.tableName);
    await own.markIndexChanged('a#1');
    expect(await own.takeIndexLease('slow', 1_000, 2_000)).toBe(true);
    expect(await own.takeIndexLease('next', 2_000, 32_000)).toBe(true);
    expect(await own.finishIndexBuild('slow', ['a#1'], AT, 1)).toBe(false);
    expect(await own.releaseIndexLease('slow', true)).toBe(false);
  });
});
