import { randomBytes } from 'node:crypto';
import { GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { createTestTable } from '../../../test/helpers/test-app.js';
import { createDatabase } from '../../data/database.js';
import { filterScope, locationKey, scopesOf, searchWords, wordScope } from './casting-lists.js';
import { monthOf, newestFirstPage } from './newest-first.js';
import { type CastingStore, createCastingStore, type ListEntryItem, type ProfileItem } from './store.js';

let store: CastingStore;
let tableName: string;
let client: Awaited<ReturnType<ReturnType<typeof createDatabase>['documentClient']>>;
/** Every command the store sent, in order. */
const sent: Array<{ command: string; input: Record<string, unknown> }> = [];

beforeAll(async () => {
  ({ tableName } = await createTestTable());
  // A client of its own, so this file can count exactly the requests the store makes.
  const db = createDatabase({ tableName, region: 'us-east-1', endpoint: inject('dynamoEndpoint') });
  client = await db.documentClient();
  client.middlewareStack.add(
    (next, context) => async (args) => {
      sent.push({ command: context.commandName as string, input: args.input as Record<string, unknown> });
      return next(args);
    },
    { step: 'initialize' },
  );
  store = createCastingStore(client, tableName);
});

const NOW = Date.parse('2026-11-21T12:00:00.000Z');
const DAY = 24 * 3600 * 1000;
const id = (prefix: string) => `${prefix}_${randomBytes(13).toString('hex').slice(0, 26)}`;

/** The entries a casting with these values gets, created at `createdAt`. */
function entriesOf(
  castingId: string,
  createdAt: string,
  values: { roleType: string; compensationType: string; location: string; title: string },
  expiresAt = NOW + 30 * DAY,
): ListEntryItem[] {
  const words = searchWords(values.title);
  const key = locationKey(values.location);
  return scopesOf(
    { roleType: values.roleType, compensationType: values.compensationType, locationKey: key },
    words,
  ).map((scope) => ({
    scope,
    bucket: monthOf(createdAt),
    createdAt,
    castingId,
    recruiterId: 'usr_recruiter',
    title: values.title,
    roleType: values.roleType,
    location: values.location,
    locationKey: key,
    compensationType: values.compensationType,
    skills: [],
    words,
    expiresAt,
    ttl: Math.floor(expiresAt / 1000),
  }));
}

describe('casting store', () => {
  it('reads a page of every filter combination and word with one Query of its own partition', async () => {
    const town = `town${randomBytes(4).toString('hex')}`;
    const made: string[] = [];
    for (let i = 0; i < 6; i += 1) {
      const castingId = id('cst');
      made.push(castingId);
      await store.putEntries(
        entriesOf(castingId, new Date(NOW - (6 - i) * 60_000).toISOString(), {
          roleType: 'dj',
          compensationType: 'paid',
          location: town,
          title: `Resident ${town} night`,
        }),
      );
    }
    const scopes = [
      filterScope({ locationKey: town }),
      filterScope({ roleType: 'dj', locationKey: town }),
      filterScope({ compensationType: 'paid', locationKey: town }),
      filterScope({ roleType: 'dj', compensationType: 'paid', locationKey: town }),
      wordScope(town),
    ];
    for (const scope of scopes) {
      sent.length = 0;
      const page = await newestFirstPage({
        newest: monthOf(new Date(NOW).toISOString()),
        oldest: '2026-06',
        limit: 4,
        raw: null,
        read: (bucket, limit, cursor) => store.listEntries(scope, bucket, {}, NOW, limit, cursor),
      });
      expect(
        page.items.map((item) => item.castingId),
        scope,
      ).toEqual(made.toReversed().slice(0, 4));
      expect(sent.map((request) => request.command)).toEqual(['QueryCommand']);
      const values = sent[0]?.input.ExpressionAttributeValues as Record<string, unknown> | undefined;
      expect(values?.[':pk']).toBe(`CSTL#${scope}#2026-11`);
    }
  });

  it('spreads newest-first writes over month partitions: castings and profiles of other months go elsewhere', async () => {
    const town = `spread${randomBytes(4).toString('hex')}`;
    const months = ['2026-09-15T10:00:00.000Z', '2026-10-15T10:00:00.000Z', '2026-11-15T10:00:00.000Z'];
    for (const createdAt of months) {
      await store.putEntries(
        entriesOf(id('cst'), createdAt, {
          roleType: 'dj',
          compensationType: 'paid',
          location: town,
          title: 'x',
        }),
      );
    }
    const scope = filterScope({ locationKey: town });
    const partitions = await Promise.all(
      ['2026-09', '2026-10', '2026-11'].map(async (month) => {
        const answer = await client.send(
          new QueryCommand({
            TableName: tableName,
            KeyConditionExpression: 'pk = :pk',
            ExpressionAttributeValues: { ':pk': `CSTL#${scope}#${month}` },
          }),
        );
        return answer.Items?.map((item) => item.pk as string) ?? [];
      }),
    );
    expect(partitions).toEqual([
      [`CSTL#${scope}#2026-09`],
      [`CSTL#${scope}#2026-10`],
      [`CSTL#${scope}#2026-11`],
    ]);

    // A page walks back over the months: newest first, then older.
    const page = await newestFirstPage({
      newest: '2026-11',
      oldest: '2026-06',
      limit: 10,
      raw: null,
      read: (bucket, limit, cursor) => store.listEntries(scope, bucket, {}, NOW, limit, cursor),
    });
    expect(page.items.map((item) => item.createdAt)).toEqual(months.toReversed());
    expect(page.next).toBeNull();

    const profile = (createdAt: string): ProfileItem => ({
      userId: id('usr'),
      username: 'name',
      usernameKey: 'name',
      roles: ['artist'],
      bucket: monthOf(createdAt),
      version: 1,
      createdAt,
      updatedAt: createdAt,
    });
    const older = profile('2026-10-01T00:00:00.000Z');
    const newer = profile('2026-11-01T00:00:00.000Z');
    await store.putProfile(older);
    await store.putProfile(newer);
    const keys = await Promise.all(
      [older, newer].map(
        async (item) =>
          (
            await client.send(
              new GetCommand({ TableName: tableName, Key: { pk: `CUSER#${item.userId}`, sk: 'PROFILE' } }),
            )
          ).Item?.gsi1pk,
      ),
    );
    expect(keys).toEqual(['CUSERS#2026-10', 'CUSERS#2026-11']);
  });

  it('leaves expired entries out of a page, and narrows a word partition by the other words', async () => {
    const word = `rare${randomBytes(4).toString('hex')}`;
    const live = id('cst');
    const expired = id('cst');
    const other = id('cst');
    const at = new Date(NOW - 60_000).toISOString();
    const values = { roleType: 'dj', compensationType: 'paid', location: 'Rome' };
    await store.putEntries(entriesOf(live, at, { ...values, title: `${word} techno` }));
    await store.putEntries(entriesOf(expired, at, { ...values, title: `${word} techno` }, NOW - 1));
    await store.putEntries(entriesOf(other, at, { ...values, title: `${word} house` }));
    const read = async (words: string[]) =>
      (await store.listEntries(wordScope(word), '2026-11', { words }, NOW, 10, null)).items.map(
        (e) => e.castingId,
      );
    expect((await read([])).sort()).toEqual([live, other].sort());
    expect(await read(['techno'])).toEqual([live]);
  });

  it('claims a username and an application once; only the holder releases a name', async () => {
    const name = `name${randomBytes(4).toString('hex')}`;
    const first = { usernameKey: name, userId: 'usr_a', claimedAt: NOW };
    expect(await store.claimUsername(first)).toBe(true);
    expect(await store.claimUsername({ ...first, userId: 'usr_b' })).toBe(false);
    expect(await store.claimUsername({ ...first, userId: 'usr_b' }, NOW - 1)).toBe(false);
    expect(await store.releaseUsername(name, 'usr_b')).toBe(false);
    expect(await store.claimUsername({ ...first, userId: 'usr_b', claimedAt: NOW + 1 }, NOW)).toBe(true);
    expect((await store.getUsernameClaim(name))?.userId).toBe('usr_b');
    expect(await store.releaseUsername(name, 'usr_b')).toBe(true);

    const castingId = id('cst');
    const claim = { castingId, artistId: 'usr_a', applicationId: id('app'), claimedAt: NOW };
    const results = await Promise.all(
      Array.from({ length: 10 }, () => store.claimApplication({ ...claim, applicationId: id('app') })),
    );
    expect(results.filter(Boolean)).toHaveLength(1);
  });

  it('keeps an Idempotency-Key claim as items already written have it, and deletes a user’s claims', async () => {
    const owner = id('usr');
    const clock = { now: () => NOW };
    const request = { userId: owner, key: 'retry-1', requestHash: 'request-hash', clock };
    const { claim } = await store.idempotencyClaims.claim({ ...request, newReference: () => 'cst_claimed' });
    expect(claim.reference).toBe('cst_claimed');
    // The names below are in items written since the casting board began: a change here strands them.
    const Key = { pk: `CUSER#${owner}`, sk: 'IDEM#OZj7242ESqAdA94Js5t7CC4DvuRpxAOHvy_tuBsYg_g' };
    const read = async () =>
      (await client.send(new GetCommand({ TableName: tableName, Key, ConsistentRead: true }))).Item;
    expect(await read()).toEqual({
      ...Key,
      __edb_e__: 'castingIdempotency',
      __edb_v__: '1',
      userId: owner,
      keyHash: 'OZj7242ESqAdA94Js5t7CC4DvuRpxAOHvy_tuBsYg_g',
      requestHash: 'request-hash',
      castingId: 'cst_claimed',
      claimedAt: NOW,
      expiresAt: NOW + 24 * 60 * 60 * 1000,
      ttl: NOW / 1000 + 24 * 60 * 60,
    });
    await store.idempotencyClaims.deleteAllOf(owner);
    expect(await read()).toBeUndefined();
  });
});
