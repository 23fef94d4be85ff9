import { describe, expect, it } from 'vitest';
import { createTestApp } from '../../../test/helpers/test-app.js';
import { photo } from '../collection/test-images.js';
import { member, postCasting } from './test-casting.js';

describe('the casting board in account export and deletion', () => {
  it('exports the profile, portfolio, castings and applications, then deletes all of them and their pictures', async () => {
    const t = await createTestApp();
    const user = await member(t, ['artist', 'recruiter'], 'leaving');
    const other = await member(t, ['artist', 'recruiter'], 'staying');
    const bytes = await photo('jpeg');
    const ticket = await t.call('POST', '/users/me/upload-url', {
      token: user.token,
      body: { fileName: 'a.jpg', fileType: 'image/jpeg', fileSize: bytes.length },
    });
    await t.app.request(ticket.json.data.uploadUrl, {
      method: 'PUT',
      headers: ticket.json.data.headers,
      body: new Uint8Array(bytes),
    });
    const avatar = await t.call('PUT', '/users/me/avatar', {
      token: user.token,
      body: { imageKey: ticket.json.data.imageKey },
    });
    expect(avatar.status).toBe(200);
    await t.call('POST', '/users/me/portfolio', {
      token: user.token,
      body: { title: 'Demo', kind: 'audio' },
    });
    const mine = await postCasting(t, user.token, { title: 'Bassist wanted for mine' });
    const theirs = await postCasting(t, other.token, { title: 'Keys player for theirs' });
    await t.call('POST', `/castings/${mine.id}/applications`, { token: other.token, body: {} });
    const applied = await t.call('POST', `/castings/${theirs.id}/applications`, {
      token: user.token,
      body: {},
    });

    const exported = await t.call('GET', '/user/export', { token: user.token });
    expect(exported.status).toBe(200);
    const casting = exported.json.data.casting;
    expect(casting.profile).toMatchObject({ userId: user.userId, username: user.username });
    expect(casting.portfolio).toHaveLength(1);
    expect(casting.castings.map((c: { id: string }) => c.id)).toEqual([mine.id]);
    expect(casting.applications.map((a: { id: string }) => a.id)).toEqual([applied.json.data.id]);

    expect((await t.call('DELETE', '/user', { token: user.token })).status).toBe(200);

    expect((await t.call('GET', `/users/${user.userId}`)).status).toBe(404);
    expect((await t.call('GET', `/users/by-username/${user.username}`)).status).toBe(404);
    expect((await t.call('GET', `/castings/${mine.id}`)).status).toBe(404);
    expect((await t.call('GET', '/castings?q=bassist')).json.data.items).toEqual([]);
    const left = await t.call('GET', `/castings/${theirs.id}/applications`, { token: other.token });
    expect(left.json.data.items).toEqual([]);
    expect((await t.call('GET', '/user/applications', { token: other.token })).json.data.items).toEqual([]);
    const blobs = await t.deps.blobs.listOlderThan(
      `images/${user.userId}/`,
      new Date(t.clock.now() + 60_000),
    );
    expect(blobs).toEqual([]);
    // The name is free again.
    const newcomer = await member(t, ['artist'], 'newcomer');
    const rename = await t.call('PUT', '/users/me', {
      token: newcomer.token,
      body: { username: user.username, roles: ['artist'] },
    });
    expect(rename.status).toBe(200);
    // The other user's things are untouched.
    expect((await t.call('GET', `/castings/${theirs.id}`)).status).toBe(200);
    expect((await t.call('GET', `/users/${other.userId}`)).status).toBe(200);
  });
});
