import { beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/helpers/test-app.js';
import { createCastingStore } from './store.js';
import { member, postCasting, uniqueUsername } from './test-casting.js';

/*
 * What a crash between two writes leaves behind, made by writing only the first of them, and how the
 * next request that meets it repairs it or treats it as absent.
 */

let t: TestApp;
let store: ReturnType<typeof createCastingStore>;

beforeAll(async () => {
  t = await createTestApp();
  store = createCastingStore(await t.deps.db.documentClient(), t.deps.db.tableName);
});

describe('after a crash', () => {
  it('a casting whose list entries were never written is listed once it is next read', async () => {
    const recruiter = await member(t, ['recruiter'], 'crashy');
    const casting = await postCasting(t, recruiter.token, { title: 'Harpist for a wedding' });
    const item = await store.getCasting(casting.id);
    if (!item) throw new Error('casting missing');
    // As if the process died after writing a new version with its mark, before any entry.
    await store.deleteEntries(
      item.scopes.map((scope) => ({
        scope,
        bucket: item.createdAt.slice(0, 7),
        createdAt: item.createdAt,
        castingId: item.castingId,
      })),
    );
    expect(
      await store.replaceCasting(
        { ...item, version: item.version + 1, listing: { entries: true } },
        item.version,
      ),
    ).toBe(true);
    expect((await t.call('GET', '/castings?q=harpist')).json.data.items).toEqual([]);

    expect((await t.call('GET', `/castings/${casting.id}`)).status).toBe(200);
    expect(
      (await t.call('GET', '/castings?q=harpist')).json.data.items.map((c: { id: string }) => c.id),
    ).toEqual([casting.id]);
    expect((await store.getCasting(casting.id))?.listing).toBeUndefined();
  });

  it('a casting tombstoned but not yet deleted is gone for everyone and finished by the next read', async () => {
    const recruiter = await member(t, ['recruiter'], 'tomb');
    const casting = await postCasting(t, recruiter.token, { title: 'Oboist for a quintet' });
    const item = await store.getCasting(casting.id);
    if (!item) throw new Error('casting missing');
    await store.replaceCasting(
      { ...item, deleting: true, version: item.version + 1, listing: { entries: false, stale: item.scopes } },
      item.version,
    );
    expect((await t.call('GET', `/castings/${casting.id}`)).status).toBe(404);
    expect(await store.getCasting(casting.id)).toBeNull();
    expect((await t.call('GET', '/castings?q=oboist')).json.data.items).toEqual([]);
  });

  it('a username claim nobody’s profile uses is taken over once it is five minutes old, not before', async () => {
    const name = uniqueUsername('orphan');
    // The first write of a rename that never finished: a claim, no profile pointing at it.
    await store.claimUsername({
      usernameKey: name.toLowerCase(),
      userId: 'usr_01jd8x4m9q2v7k3n5p6r8s0t1w',
      claimedAt: t.clock.now(),
    });
    const user = await member(t, ['artist'], 'heir');
    const put = () =>
      t.call('PUT', '/users/me', { token: user.token, body: { username: name, roles: ['artist'] } });
    expect((await put()).status).toBe(409);
    t.clock.advance(5 * 60_000 + 1);
    expect((await put()).status).toBe(200);
  });

  it('an application claim without its application is taken over after a minute', async () => {
    const recruiter = await member(t, ['recruiter'], 'claimer');
    const artist = await member(t, ['artist'], 'claimant');
    const casting = await postCasting(t, recruiter.token);
    await store.claimApplication({
      castingId: casting.id,
      artistId: artist.userId,
      applicationId: 'app_01jd8x4m9q2v7k3n5p6r8s0t1w',
      claimedAt: t.clock.now(),
    });
    const apply = () =>
      t.call('POST', `/castings/${casting.id}/applications`, { token: artist.token, body: {} });
    expect((await apply()).status).toBe(409);
    t.clock.advance(60_001);
    expect((await apply()).status).toBe(201);
  });
});
