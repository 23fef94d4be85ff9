import { beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, signedInUser, type TestApp } from '../../../test/helpers/test-app.js';
import { fetchMedia, photo } from '../collection/test-images.js';
import { castingBody, freshToken, member, postCasting } from './test-casting.js';

const DAY = 24 * 3600 * 1000;
let t: TestApp;
let recruiter: Awaited<ReturnType<typeof member>>;

beforeAll(async () => {
  t = await createTestApp();
  recruiter = await member(t, ['recruiter'], 'recruiter');
});

/** Every item of a list, page by page (`limit` each), as ids; asserts every page but the last is full. */
async function allPages(app: TestApp, path: string, limit: number): Promise<string[]> {
  const ids: string[] = [];
  let cursor: string | null = null;
  do {
    const separator = path.includes('?') ? '&' : '?';
    const after: string = cursor ? `&cursor=${encodeURIComponent(cursor)}` : '';
    const page = await app.call('GET', `${path}${separator}limit=${limit}${after}`);
    expect(page.status, page.text).toBe(200);
    const items = page.json.data.items as Array<{ id: string }>;
    cursor = page.json.data.nextCursor;
    if (cursor) expect(items.length).toBe(limit);
    ids.push(...items.map((item) => item.id));
  } while (cursor);
  return ids;
}

describe('POST /castings', () => {
  it('lets a recruiter post a casting and anyone read it', async () => {
    const created = await t.call('POST', '/castings', { token: recruiter.token, body: castingBody(t) });
    expect(created.status).toBe(201);
    const casting = created.json.data;
    expect(casting).toMatchObject({
      id: expect.stringMatching(/^cst_[0-9a-z]{26}$/),
      recruiterId: recruiter.userId,
      status: 'open',
      roleType: 'vocalist',
      questions: [
        { id: 'q1', text: 'Which standards do you know?' },
        { id: 'q2', text: 'Are you free on Thursdays?' },
      ],
      coverUrl: null,
    });
    const read = await t.call('GET', `/castings/${casting.id}`);
    expect(read.status).toBe(200);
    expect(read.json.data).toEqual(casting);
  });

  it('answers 403 to a user without the recruiter role, and 401 without a token', async () => {
    const artist = await member(t, ['artist'], 'artist');
    const forbidden = await t.call('POST', '/castings', { token: artist.token, body: castingBody(t) });
    expect(forbidden.status).toBe(403);
    expect(forbidden.json.error.code).toBe('FORBIDDEN');
    const noProfile = await signedInUser(t, 'nobody');
    expect(
      (await t.call('POST', '/castings', { token: noProfile.accessToken, body: castingBody(t) })).status,
    ).toBe(403);
    expect((await t.call('POST', '/castings', { body: castingBody(t) })).status).toBe(401);
  });

  it('refuses an expiry in the past or over 180 days ahead, and bad fields', async () => {
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ expiresAt: new Date(t.clock.now() - 1000).toISOString() }, 'expiresAt'],
      [{ expiresAt: new Date(t.clock.now() + 181 * DAY).toISOString() }, 'expiresAt'],
      [{ expiresAt: 'next week' }, 'expiresAt'],
      [{ roleType: 'astronaut' }, 'roleType'],
      [{ title: '' }, 'title'],
      [{ questions: Array.from({ length: 11 }, () => 'Why?') }, 'questions'],
      [{ recruiterId: 'usr_x' }, 'recruiterId'],
    ];
    for (const [overrides, field] of cases) {
      const answer = await t.call('POST', '/castings', {
        token: recruiter.token,
        body: castingBody(t, overrides),
      });
      expect(answer.status, JSON.stringify(overrides)).toBe(400);
      expect(answer.json.error.details.map((d: { field: string }) => d.field)).toContain(field);
    }
  });

  it('returns the first casting for a retried Idempotency-Key and 422 for another body under it', async () => {
    const headers = { 'idempotency-key': `casting-${Math.random()}` };
    const first = await t.call('POST', '/castings', {
      token: recruiter.token,
      body: castingBody(t),
      headers,
    });
    const again = await t.call('POST', '/castings', {
      token: recruiter.token,
      body: castingBody(t),
      headers,
    });
    expect(again.status).toBe(201);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(again.json.data.id).toBe(first.json.data.id);
    const other = await t.call('POST', '/castings', {
      token: recruiter.token,
      body: castingBody(t, { title: 'Something else' }),
      headers,
    });
    expect(other.status).toBe(422);
  });
});

describe('owner routes', () => {
  it('lets the owner replace, close, reopen and delete; everyone else gets 404 on each', async () => {
    const casting = await postCasting(t, recruiter.token);
    const other = await member(t, ['recruiter', 'artist'], 'other');
    const attempts = [
      ['PUT', `/castings/${casting.id}`, castingBody(t, { title: 'Hijacked' })],
      ['DELETE', `/castings/${casting.id}`, undefined],
      ['POST', `/castings/${casting.id}/close`, undefined],
      ['POST', `/castings/${casting.id}/reopen`, undefined],
      ['PUT', `/castings/${casting.id}/cover`, { imageKey: `uploads/${other.userId}/x.jpg` }],
      ['GET', `/castings/${casting.id}/applications`, undefined],
    ] as const;
    for (const [method, path, body] of attempts) {
      const answer = await t.call(method, path, { token: other.token, ...(body ? { body } : {}) });
      expect(answer.status, `${method} ${path}`).toBe(404);
      expect(answer.json.error.code).toBe('CASTING_NOT_FOUND');
    }

    const replaced = await t.call('PUT', `/castings/${casting.id}`, {
      token: recruiter.token,
      body: castingBody(t, { title: 'Lead singer for a soul band', roleType: 'band-member' }),
    });
    expect(replaced.json.data).toMatchObject({
      title: 'Lead singer for a soul band',
      roleType: 'band-member',
    });
    const closed = await t.call('POST', `/castings/${casting.id}/close`, { token: recruiter.token });
    expect(closed.json.data.status).toBe('closed');
    const reopened = await t.call('POST', `/castings/${casting.id}/reopen`, { token: recruiter.token });
    expect(reopened.json.data.status).toBe('open');
    expect((await t.call('DELETE', `/castings/${casting.id}`, { token: recruiter.token })).status).toBe(200);
    expect((await t.call('GET', `/castings/${casting.id}`)).status).toBe(404);
    expect((await t.call('DELETE', `/castings/${casting.id}`, { token: recruiter.token })).status).toBe(404);
  });

  it('answers a bodyless POST (no Content-Length, as curl sends it) to close without 415', async () => {
    const casting = await postCasting(t, recruiter.token);
    const answer = await t.app.request(`/castings/${casting.id}/close`, {
      method: 'POST',
      headers: { authorization: `Bearer ${recruiter.token}` },
    });
    expect(answer.status).toBe(200);
  });
});

describe('PUT /castings/{id}/cover', () => {
  it('takes an uploaded image as the cover, shows its thumbnail in lists, and deletes it with the casting', async () => {
    const app = await createTestApp();
    const boss = await member(app, ['recruiter'], 'cover');
    const casting = await postCasting(app, boss.token);
    const bytes = await photo('jpeg');
    const ticket = await app.call('POST', '/users/me/upload-url', {
      token: boss.token,
      body: { fileName: 'stage.jpg', fileType: 'image/jpeg', fileSize: bytes.length },
    });
    const { uploadUrl, headers, imageKey } = ticket.json.data;
    expect(
      (await app.app.request(uploadUrl, { method: 'PUT', headers, body: new Uint8Array(bytes) })).status,
    ).toBe(200);
    const covered = await app.call('PUT', `/castings/${casting.id}/cover`, {
      token: boss.token,
      body: { imageKey },
    });
    expect(covered.status, covered.text).toBe(200);
    const { coverUrl, coverThumbnailUrl } = covered.json.data;
    expect(coverUrl).toMatch(new RegExp(`/media/images/${boss.userId}/castings/${casting.id}/img_`));
    expect((await fetchMedia(app, coverThumbnailUrl)).status).toBe(200);
    const listed = await app.call('GET', '/castings?q=jazz');
    expect(listed.json.data.items[0].coverThumbnailUrl).toBe(coverThumbnailUrl);

    await app.call('DELETE', `/castings/${casting.id}`, { token: boss.token });
    expect((await fetchMedia(app, coverUrl)).status).toBe(404);
    expect((await fetchMedia(app, coverThumbnailUrl)).status).toBe(404);
  });
});

describe('GET /castings', () => {
  it('lists open castings newest first, each filter combination and words across full pages', async () => {
    const app = await createTestApp();
    const boss = await member(app, ['recruiter'], 'boss');
    const variants = [
      {
        roleType: 'vocalist',
        location: 'Berlin, DE',
        compensationType: 'paid',
        title: 'Jazz singer wanted',
        skills: ['Scat singing'],
      },
      {
        roleType: 'dj',
        location: 'berlin de',
        compensationType: 'unpaid',
        title: 'DJ for a warehouse party',
        skills: ['Turntables'],
      },
      {
        roleType: 'vocalist',
        location: 'Paris',
        compensationType: 'unpaid',
        title: 'Choir tenor',
        skills: [],
      },
    ];
    const made: Array<{ id: string } & (typeof variants)[number]> = [];
    for (let i = 0; i < 15; i += 1) {
      const variant = variants[i % 3] as (typeof variants)[number];
      made.push({ ...variant, id: (await postCasting(app, boss.token, variant)).id });
      app.clock.advance(60_000);
    }
    const newest = (keep: (casting: (typeof made)[number]) => boolean) =>
      made
        .filter(keep)
        .map((casting) => casting.id)
        .reverse();
    const cases: Array<[string, (casting: (typeof made)[number]) => boolean]> = [
      ['/castings', () => true],
      ['/castings?roleType=vocalist', (c) => c.roleType === 'vocalist'],
      ['/castings?location=BERLIN,%20de', (c) => c.location !== 'Paris'],
      ['/castings?compensationType=unpaid', (c) => c.compensationType === 'unpaid'],
      ['/castings?roleType=vocalist&compensationType=unpaid', (c) => c.title === 'Choir tenor'],
      ['/castings?roleType=dj&location=Berlin', () => false],
      ['/castings?roleType=dj&location=Berlin%20DE&compensationType=unpaid', (c) => c.roleType === 'dj'],
      ['/castings?location=paris&compensationType=unpaid', (c) => c.location === 'Paris'],
      ['/castings?q=jazz', (c) => c.title.startsWith('Jazz')],
      ['/castings?q=JAZZ%20Singer', (c) => c.title.startsWith('Jazz')],
      ['/castings?q=scat', (c) => c.title.startsWith('Jazz')],
      ['/castings?q=turntables%20WAREHOUSE', (c) => c.roleType === 'dj'],
      ['/castings?q=singer%20tenor', () => false],
      ['/castings?q=party&roleType=dj', (c) => c.roleType === 'dj'],
      ['/castings?q=party&roleType=vocalist', () => false],
      ['/castings?q=the', () => false],
    ];
    for (const [path, keep] of cases) {
      expect(await allPages(app, path, 2), path).toEqual(newest(keep));
    }
  });

  it('hides closed castings at once and shows them again when reopened', async () => {
    const app = await createTestApp();
    const boss = await member(app, ['recruiter'], 'closer');
    const casting = await postCasting(app, boss.token);
    const ids = async () =>
      (await app.call('GET', '/castings?q=jazz')).json.data.items.map((c: { id: string }) => c.id);
    expect(await ids()).toEqual([casting.id]);
    await app.call('POST', `/castings/${casting.id}/close`, { token: boss.token });
    expect(await ids()).toEqual([]);
    expect((await app.call('GET', '/castings')).json.data.items).toEqual([]);
    await app.call('POST', `/castings/${casting.id}/reopen`, { token: boss.token });
    expect(await ids()).toEqual([casting.id]);
  });

  it('moves a casting between filter and word lists when it is replaced', async () => {
    const app = await createTestApp();
    const boss = await member(app, ['recruiter'], 'mover');
    const casting = await postCasting(app, boss.token);
    await app.call('PUT', `/castings/${casting.id}`, {
      token: boss.token,
      body: castingBody(app, {
        title: 'Drummer for a punk band',
        roleType: 'instrumentalist',
        skills: ['Drums'],
      }),
    });
    const list = async (query: string) =>
      (await app.call('GET', `/castings?${query}`)).json.data.items.map(
        (c: { id: string; title: string }) => c.title,
      );
    expect(await list('q=jazz')).toEqual([]);
    expect(await list('roleType=vocalist')).toEqual([]);
    expect(await list('q=punk%20drums')).toEqual(['Drummer for a punk band']);
    expect(await list('roleType=instrumentalist')).toEqual(['Drummer for a punk band']);
  });

  it('hides an expired casting at once from lists and from everyone but its owner', async () => {
    const app = await createTestApp();
    const boss = await member(app, ['recruiter'], 'expirer');
    const soon = await postCasting(app, boss.token, {
      expiresAt: new Date(app.clock.now() + 1800_000).toISOString(),
    });
    const later = await postCasting(app, boss.token);
    app.clock.advance(1800_000);
    expect((await app.call('GET', '/castings')).json.data.items.map((c: { id: string }) => c.id)).toEqual([
      later.id,
    ]);
    expect((await app.call('GET', '/castings?q=jazz')).json.data.items).toHaveLength(1);
    expect((await app.call('GET', `/castings/${soon.id}`)).status).toBe(404);
    expect((await app.call('GET', `/users/${boss.userId}/castings`)).json.data.items).toHaveLength(1);
    const own = await app.call('GET', `/castings/${soon.id}`, { token: boss.token });
    expect(own.status).toBe(200);
    const reopen = await app.call('POST', `/castings/${soon.id}/reopen`, { token: boss.token });
    expect(reopen.status).toBe(409);
    // A new expiry through PUT brings it back.
    await app.call('PUT', `/castings/${soon.id}`, { token: boss.token, body: castingBody(app) });
    expect((await app.call('GET', '/castings')).json.data.items).toHaveLength(2);
  });

  it('refuses a cursor from another list or an edited one (400)', async () => {
    const app = await createTestApp();
    const boss = await member(app, ['recruiter'], 'pager');
    await postCasting(app, boss.token);
    await postCasting(app, boss.token);
    const first = await app.call('GET', '/castings?limit=1');
    const cursor = first.json.data.nextCursor as string;
    expect((await app.call('GET', `/castings?limit=1&cursor=${encodeURIComponent(cursor)}`)).status).toBe(
      200,
    );
    const elsewhere = await app.call(
      'GET',
      `/castings?limit=1&roleType=dj&cursor=${encodeURIComponent(cursor)}`,
    );
    expect(elsewhere.status).toBe(400);
    expect((await app.call('GET', `/castings?cursor=${encodeURIComponent(`${cursor}x`)}`)).status).toBe(400);
  });
});

describe('a recruiter’s castings', () => {
  it('lists open and closed castings newest first, within a date range, across pages', async () => {
    const app = await createTestApp();
    const boss = await member(app, ['recruiter'], 'ranged');
    const ids: string[] = [];
    let token = boss.token;
    for (let day = 0; day < 5; day += 1) {
      ids.push((await postCasting(app, token)).id);
      app.clock.advance(DAY);
      token = await freshToken(app, boss.email);
    }
    await app.call('POST', `/castings/${ids[1]}/close`, { token });
    expect(await allPages(app, `/users/${boss.userId}/castings`, 2)).toEqual(ids.toReversed());
    // The test clock starts on 2026-11-21: days 22 to 24 hold the 2nd, 3rd and 4th castings.
    expect(
      await allPages(app, `/recruiters/${boss.userId}/castings?from=2026-11-22&to=2026-11-24`, 2),
    ).toEqual([ids[3], ids[2], ids[1]]);
    expect(await allPages(app, `/recruiters/${boss.userId}/castings?from=2026-11-24T12:00:00Z`, 2)).toEqual([
      ids[4],
      ids[3],
    ]);
    const other = await member(app, ['recruiter'], 'someone');
    expect(await allPages(app, `/recruiters/${other.userId}/castings`, 2)).toEqual([]);
    expect((await app.call('GET', `/recruiters/${boss.userId}/castings?from=yesterday`)).status).toBe(400);
  });
});

describe('the OpenAPI document', () => {
  it('gives each of the 30 casting-board operations a unique verbNoun operationId, security and 4xx answers', async () => {
    const doc = (await t.call('GET', '/openapi.json')).json;
    const operations = Object.entries(doc.paths as Record<string, Record<string, any>>).flatMap(
      ([path, methods]) =>
        Object.entries(methods).map(([method, operation]) => ({ path, method, operation })),
    );
    const mine = operations.filter(({ path }) =>
      /^\/(?:users|castings|recruiters)(?:\/|$)|^\/user\/applications$/.test(path),
    );
    expect(mine).toHaveLength(30);
    for (const { path, method, operation } of mine) {
      const name = `${method} ${path}`;
      expect(operation.operationId, name).toMatch(/^[a-z]+(?:[A-Z][a-z]+)+$/);
      expect(Array.isArray(operation.security), name).toBe(true);
      expect(
        Object.keys(operation.responses).filter((status) => status.startsWith('4')).length,
        name,
      ).toBeGreaterThan(0);
    }
    const ids = operations.map(({ operation }) => operation.operationId).filter(Boolean);
    expect(new Set(ids).size).toBe(ids.length);
  });
});
