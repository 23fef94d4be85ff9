import { beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, signedInUser, type TestApp } from '../../../test/helpers/test-app.js';
import { fetchMedia, photo } from '../collection/test-images.js';
import { member, uniqueUsername } from './test-casting.js';

let t: TestApp;

beforeAll(async () => {
  t = await createTestApp();
});

/** Asks for an upload URL on the casting routes and PUTs the bytes; returns the key. */
async function uploadImage(token: string, bytes: Buffer, fileType = 'image/jpeg') {
  const ticket = await t.call('POST', '/users/me/upload-url', {
    token,
    body: { fileName: 'me.jpg', fileType, fileSize: bytes.length },
  });
  expect(ticket.status, ticket.text).toBe(200);
  const { uploadUrl, headers, imageKey } = ticket.json.data;
  const put = await t.app.request(uploadUrl, { method: 'PUT', headers, body: new Uint8Array(bytes) });
  expect(put.status).toBe(200);
  return imageKey as string;
}

describe('PUT /users/me', () => {
  it('creates a profile with a username and roles, then shows it publicly without the email address', async () => {
    const user = await signedInUser(t, 'singer');
    const username = uniqueUsername('Ada');
    const put = await t.call('PUT', '/users/me', {
      token: user.accessToken,
      body: {
        username,
        roles: ['artist'],
        displayName: 'Ada Sings',
        bio: 'Jazz singer.\nAlso piano.',
        location: 'Berlin',
        skills: ['Jazz', 'Piano'],
        links: ['https://soundcloud.com/ada'],
      },
    });
    expect(put.status).toBe(200);
    expect(put.json.data).toMatchObject({
      userId: user.userId,
      username,
      roles: ['artist'],
      displayName: 'Ada Sings',
      skills: ['Jazz', 'Piano'],
      avatarUrl: null,
    });

    const own = await t.call('GET', '/users/me', { token: user.accessToken });
    expect(own.json.data).toEqual(put.json.data);
    for (const path of [
      `/users/${user.userId}`,
      `/users/by-username/${username.toUpperCase()}`,
      '/users?limit=100',
    ]) {
      const read = await t.call('GET', path);
      expect(read.status, path).toBe(200);
      expect(read.text).toContain(username);
      expect(read.text).not.toContain(user.email);
      expect(read.text).not.toContain('@');
    }
  });

  it('refuses bad usernames, unknown roles, non-URL links and unknown fields with field details', async () => {
    const user = await signedInUser(t, 'careless');
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ username: 'ab', roles: [] }, 'username'],
      [{ username: 'a'.repeat(31), roles: [] }, 'username'],
      [{ username: 'has space', roles: [] }, 'username'],
      [{ username: 'ünïcode', roles: [] }, 'username'],
      [{ username: uniqueUsername(), roles: ['admin'] }, 'roles.0'],
      [{ username: uniqueUsername(), roles: ['artist', 'artist'] }, 'roles'],
      [{ username: uniqueUsername(), roles: [], links: ['javascript:alert(1)'] }, 'links.0'],
      [{ username: uniqueUsername(), roles: [], email: 'x@example.com' }, 'email'],
      [{ username: uniqueUsername(), roles: [], bio: 'bad\u202etext' }, 'bio'],
    ];
    for (const [body, field] of cases) {
      const response = await t.call('PUT', '/users/me', { token: user.accessToken, body });
      expect(response.status, JSON.stringify(body)).toBe(400);
      expect(response.json.error.code).toBe('VALIDATION_ERROR');
      expect(response.json.error.details.map((d: { field: string }) => d.field)).toContain(field);
    }
  });

  it('keeps usernames unique in any letter case: another user gets 409 USERNAME_TAKEN', async () => {
    const first = await member(t, ['artist'], 'first');
    const second = await signedInUser(t, 'second');
    const taken = await t.call('PUT', '/users/me', {
      token: second.accessToken,
      body: { username: first.username.toUpperCase(), roles: ['artist'] },
    });
    expect(taken.status).toBe(409);
    expect(taken.json.error.code).toBe('USERNAME_TAKEN');
    // The owner may change the letter case of their own name.
    const recased = await t.call('PUT', '/users/me', {
      token: first.token,
      body: { username: first.username.toUpperCase(), roles: ['artist'] },
    });
    expect(recased.status).toBe(200);
    expect(recased.json.data.username).toBe(first.username.toUpperCase());
  });

  it('finds a username that spells a sub-route (portfolio, castings) by name, not as a user id', async () => {
    for (const username of ['portfolio', 'castings']) {
      const user = await signedInUser(t, username);
      const put = await t.call('PUT', '/users/me', {
        token: user.accessToken,
        body: { username, roles: ['artist'] },
      });
      expect(put.status).toBe(200);
      const found = await t.call('GET', `/users/by-username/${username}`);
      expect(found.status, found.text).toBe(200);
      expect(found.json.data).toMatchObject({ userId: user.userId, username });
    }
  });

  it('releases the old username when it changes, so someone else can take it', async () => {
    const owner = await member(t, ['artist'], 'renamer');
    const renamed = uniqueUsername('renamed');
    expect(
      (
        await t.call('PUT', '/users/me', {
          token: owner.token,
          body: { username: renamed, roles: ['artist'] },
        })
      ).status,
    ).toBe(200);
    expect((await t.call('GET', `/users/by-username/${owner.username}`)).status).toBe(404);
    expect((await t.call('GET', `/users/by-username/${renamed}`)).json.data.userId).toBe(owner.userId);
    const other = await signedInUser(t, 'taker');
    const take = await t.call('PUT', '/users/me', {
      token: other.accessToken,
      body: { username: owner.username, roles: ['recruiter'] },
    });
    expect(take.status).toBe(200);
  });

  describe('with 50 users signed in', () => {
    let users: Array<Awaited<ReturnType<typeof signedInUser>>>;
    // Fifty registrations (password hashing included) outlast a test's time on a busy machine.
    beforeAll(async () => {
      users = await Promise.all(Array.from({ length: 50 }, (_, i) => signedInUser(t, `racer${i}`)));
    }, 180_000);

    it('gives a name raced for by 50 users to exactly one of them', async () => {
      const name = uniqueUsername('wanted');
      const answers = await Promise.all(
        users.map((user, i) =>
          t.call('PUT', '/users/me', {
            token: user.accessToken,
            body: { username: i % 2 ? name.toUpperCase() : name, roles: ['artist'] },
          }),
        ),
      );
      const statuses = answers.map((answer) => answer.status);
      expect(statuses.filter((status) => status === 200)).toHaveLength(1);
      expect(statuses.filter((status) => status === 409)).toHaveLength(49);
      const winner = users[statuses.indexOf(200)];
      expect((await t.call('GET', `/users/by-username/${name}`)).json.data.userId).toBe(winner?.userId);
    });
  });

  it('answers 401 without a token and never creates a profile for a deleted account', async () => {
    expect(
      (await t.call('PUT', '/users/me', { body: { username: uniqueUsername(), roles: [] } })).status,
    ).toBe(401);
    const user = await signedInUser(t, 'leaver');
    expect((await t.call('DELETE', '/user', { token: user.accessToken })).status).toBe(200);
    const late = await t.call('PUT', '/users/me', {
      token: user.accessToken,
      body: { username: uniqueUsername(), roles: ['artist'] },
    });
    expect(late.status).toBe(401);
    expect((await t.call('GET', `/users/${user.userId}`)).status).toBe(404);
  });
});

describe('GET /users', () => {
  it('lists profiles newest first across pages', async () => {
    const app = await createTestApp();
    const ids: string[] = [];
    for (let i = 0; i < 5; i += 1) {
      ids.push((await member(app, ['artist'], `page${i}`)).userId);
      app.clock.advance(1000);
    }
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const query: string = cursor ? `&cursor=${encodeURIComponent(cursor)}` : '';
      const page = await app.call('GET', `/users?limit=2${query}`);
      expect(page.status).toBe(200);
      seen.push(...page.json.data.items.map((item: { userId: string }) => item.userId));
      cursor = page.json.data.nextCursor;
    } while (cursor);
    expect(seen).toEqual(ids.toReversed());
    const forged = await app.call('GET', '/users?cursor=abc.def');
    expect(forged.status).toBe(400);
  });
});

describe('DELETE /users/me', () => {
  it('deletes the profile, its portfolio and its username; the account stays', async () => {
    const user = await member(t, ['artist'], 'quitter');
    await t.call('POST', '/users/me/portfolio', {
      token: user.token,
      body: { title: 'Demo', kind: 'audio' },
    });
    const removed = await t.call('DELETE', '/users/me', { token: user.token });
    expect(removed.status).toBe(200);
    expect((await t.call('GET', `/users/${user.userId}`)).json.error.code).toBe('PROFILE_NOT_FOUND');
    expect((await t.call('GET', `/users/${user.userId}/portfolio`)).status).toBe(404);
    expect((await t.call('GET', `/users/by-username/${user.username}`)).status).toBe(404);
    expect((await t.call('GET', '/user/profile', { token: user.token })).status).toBe(200);
    expect((await t.call('DELETE', '/users/me', { token: user.token })).status).toBe(404);
    const again = await t.call('PUT', '/users/me', {
      token: user.token,
      body: { username: user.username, roles: ['artist'] },
    });
    expect(again.status).toBe(200);
    expect((await t.call('GET', '/users/me/portfolio', { token: user.token })).json.data.items).toEqual([]);
  });
});

describe('portfolio', () => {
  it('adds, orders, moves, replaces and deletes items; others read it, only the owner writes it', async () => {
    const user = await member(t, ['artist'], 'portfolio');
    const add = (body: Record<string, unknown>) =>
      t.call('POST', '/users/me/portfolio', { token: user.token, body });
    const a = (await add({ title: 'A', kind: 'audio', url: 'https://example.com/a' })).json.data;
    const b = (await add({ title: 'B', kind: 'video' })).json.data;
    const c = await add({ title: 'C', kind: 'link', position: 0 });
    expect(c.status).toBe(201);
    const titles = async () =>
      (await t.call('GET', `/users/${user.userId}/portfolio`)).json.data.items.map(
        (item: { title: string; position: number }) => `${item.position}:${item.title}`,
      );
    expect(await titles()).toEqual(['0:C', '1:A', '2:B']);

    const moved = await t.call('PUT', `/users/me/portfolio/${a.id}`, {
      token: user.token,
      body: { title: 'A2', kind: 'audio', position: 2 },
    });
    expect(moved.status).toBe(200);
    expect(moved.json.data).toMatchObject({ title: 'A2', url: null, position: 2 });
    expect(await titles()).toEqual(['0:C', '1:B', '2:A2']);

    const stranger = await member(t, ['artist'], 'stranger');
    for (const [method, path, body] of [
      ['PUT', `/users/me/portfolio/${b.id}`, { title: 'Mine now', kind: 'audio' }],
      ['DELETE', `/users/me/portfolio/${b.id}`, undefined],
    ] as const) {
      const answer = await t.call(method, path, { token: stranger.token, ...(body ? { body } : {}) });
      expect(answer.status, `${method} ${path}`).toBe(404);
      expect(answer.json.error.code).toBe('PORTFOLIO_ITEM_NOT_FOUND');
    }
    expect((await t.call('DELETE', `/users/me/portfolio/${b.id}`, { token: user.token })).status).toBe(200);
    expect(await titles()).toEqual(['0:C', '2:A2']);
    const bad = await add({ title: 'X', kind: 'hologram' });
    expect(bad.status).toBe(400);
  });

  it('needs a profile first (404 PROFILE_NOT_FOUND)', async () => {
    const user = await signedInUser(t, 'noprofile');
    const answer = await t.call('POST', '/users/me/portfolio', {
      token: user.accessToken,
      body: { title: 'Demo', kind: 'audio' },
    });
    expect(answer.status).toBe(404);
    expect(answer.json.error.code).toBe('PROFILE_NOT_FOUND');
  });
});

describe('avatar and portfolio pictures', () => {
  it('takes an uploaded photo through the image pipeline: upright, no EXIF, thumbnail within 400×400', async () => {
    const user = await member(t, ['artist'], 'face');
    const imageKey = await uploadImage(user.token, await photo('jpeg'));
    const set = await t.call('PUT', '/users/me/avatar', { token: user.token, body: { imageKey } });
    expect(set.status, set.text).toBe(200);
    const { avatarUrl, avatarThumbnailUrl } = set.json.data;
    expect(avatarUrl).toMatch(new RegExp(`^http://amply\\.test/media/images/${user.userId}/profile/img_`));
    const stored = await fetchMedia(t, avatarUrl);
    const sharp = (await import('sharp')).default;
    const meta = await sharp(stored.bytes).metadata();
    expect(meta).toMatchObject({ width: 600, height: 800 });
    expect(meta.exif).toBeUndefined();
    const thumb = await sharp((await fetchMedia(t, avatarThumbnailUrl)).bytes).metadata();
    expect(Math.max(thumb.width ?? 0, thumb.height ?? 0)).toBe(400);
    expect(await t.deps.blobs.head(imageKey)).toBeUndefined();

    // A new avatar replaces the old one, whose blobs go.
    const next = await t.call('PUT', '/users/me/avatar', {
      token: user.token,
      body: { imageKey: await uploadImage(user.token, await photo('png'), 'image/png') },
    });
    expect(next.status).toBe(200);
    expect((await fetchMedia(t, avatarUrl)).status).toBe(404);

    const item = (
      await t.call('POST', '/users/me/portfolio', {
        token: user.token,
        body: { title: 'Live', kind: 'image' },
      })
    ).json.data;
    const picture = await t.call('PUT', `/users/me/portfolio/${item.id}/image`, {
      token: user.token,
      body: { imageKey: await uploadImage(user.token, await photo('webp'), 'image/webp') },
    });
    expect(picture.status).toBe(200);
    expect(picture.json.data.thumbnailUrl).toMatch(/-thumb\.webp$/);

    const removed = await t.call('DELETE', '/users/me/avatar', { token: user.token });
    expect(removed.json.data.avatarUrl).toBeNull();
    expect((await fetchMedia(t, next.json.data.avatarUrl)).status).toBe(404);
  });

  it('refuses someone else’s upload (404) and a file that is not an image (400 IMAGE_UPLOAD_FAILED)', async () => {
    const owner = await member(t, ['artist'], 'owner');
    const thief = await member(t, ['artist'], 'thief');
    const imageKey = await uploadImage(owner.token, await photo('jpeg'));
    const stolen = await t.call('PUT', '/users/me/avatar', { token: thief.token, body: { imageKey } });
    expect(stolen.status).toBe(404);
    expect(stolen.json.error.code).toBe('UPLOAD_NOT_FOUND');
    const text = Buffer.from('<html>not an image</html>');
    const fake = await t.call('PUT', '/users/me/avatar', {
      token: owner.token,
      body: { imageKey: await uploadImage(owner.token, text) },
    });
    expect(fake.status).toBe(400);
    expect(fake.json.error.code).toBe('IMAGE_UPLOAD_FAILED');
  });
});
