import { beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/helpers/test-app.js';
import { createOutboxStore } from '../../events/outbox-store.js';
import { member, postCasting } from './test-casting.js';

let t: TestApp;
let recruiter: Awaited<ReturnType<typeof member>>;
let artist: Awaited<ReturnType<typeof member>>;

beforeAll(async () => {
  t = await createTestApp();
  recruiter = await member(t, ['recruiter'], 'recruiter');
  artist = await member(t, ['artist'], 'artist');
});

const apply = (castingId: string, token: string, body: Record<string, unknown> = {}, headers = {}) =>
  t.call('POST', `/castings/${castingId}/applications`, { token, body, headers });

async function eventsOf(subject: string) {
  const store = createOutboxStore(await t.deps.db.documentClient(), t.deps.db.tableName);
  return store.listBySubject(subject);
}

describe('POST /castings/{id}/applications', () => {
  it('submits an application with answers and attached portfolio items', async () => {
    const casting = await postCasting(t, recruiter.token);
    const item = await t.call('POST', '/users/me/portfolio', {
      token: artist.token,
      body: { title: 'Live at the Quasimodo', kind: 'video', url: 'https://example.com/live' },
    });
    const answer = await apply(casting.id, artist.token, {
      message: 'I would love to sing with you.',
      answers: [{ questionId: 'q2', answer: 'Yes, every Thursday.' }],
      portfolioItemIds: [item.json.data.id],
    });
    expect(answer.status, answer.text).toBe(201);
    expect(answer.json.data).toMatchObject({
      id: expect.stringMatching(/^app_/),
      castingId: casting.id,
      castingTitle: casting.title,
      artistId: artist.userId,
      status: 'submitted',
      answers: [{ questionId: 'q2', question: 'Are you free on Thursdays?', answer: 'Yes, every Thursday.' }],
      portfolioItems: [
        {
          id: item.json.data.id,
          title: 'Live at the Quasimodo',
          kind: 'video',
          url: 'https://example.com/live',
        },
      ],
      history: [{ from: null, to: 'submitted', by: artist.userId }],
    });
  });

  it('refuses answers to questions the casting does not have and items not in the portfolio', async () => {
    const casting = await postCasting(t, recruiter.token);
    const answer = await apply(casting.id, artist.token, {
      answers: [{ questionId: 'q9', answer: 'Hm' }],
      portfolioItemIds: ['pfi_01jd8x4m9q2v7k3n5p6r8s0t1w'],
    });
    expect(answer.status).toBe(400);
    expect(answer.json.error.details.map((d: { field: string }) => d.field)).toEqual([
      'answers.0.questionId',
      'portfolioItemIds.0',
    ]);
  });

  it('needs the artist role (403), an open casting (409) and someone else’s casting (403)', async () => {
    const casting = await postCasting(t, recruiter.token);
    const notArtist = await apply(casting.id, recruiter.token);
    expect(notArtist.status).toBe(403);
    const both = await member(t, ['artist', 'recruiter'], 'both');
    const own = await postCasting(t, both.token);
    expect((await apply(own.id, both.token)).status).toBe(403);
    await t.call('POST', `/castings/${casting.id}/close`, { token: recruiter.token });
    const closed = await apply(casting.id, artist.token);
    expect(closed.status).toBe(409);
    expect(closed.json.error.code).toBe('CASTING_NOT_OPEN');
    const expiring = await postCasting(t, recruiter.token, {
      expiresAt: new Date(t.clock.now() + 60_000).toISOString(),
    });
    t.clock.advance(60_000);
    const expired = await apply(expiring.id, artist.token);
    expect(expired.status).toBe(409);
    expect((await apply('cst_01jd8x4m9q2v7k3n5p6r8s0t1w', artist.token)).status).toBe(404);
  });

  it('accepts exactly one of 20 concurrent applications of one artist', async () => {
    const casting = await postCasting(t, recruiter.token);
    const answers = await Promise.all(Array.from({ length: 20 }, () => apply(casting.id, artist.token)));
    const statuses = answers.map((answer) => answer.status);
    expect(statuses.filter((status) => status === 201)).toHaveLength(1);
    expect(statuses.filter((status) => status === 409)).toHaveLength(19);
    expect(answers.find((answer) => answer.status === 409)?.json.error.code).toBe('ALREADY_APPLIED');
    const list = await t.call('GET', `/castings/${casting.id}/applications`, { token: recruiter.token });
    expect(list.json.data.items).toHaveLength(1);
  });

  it('returns the first application for a retried Idempotency-Key', async () => {
    const casting = await postCasting(t, recruiter.token);
    const headers = { 'idempotency-key': `apply-${Math.random()}` };
    const first = await apply(casting.id, artist.token, { message: 'Hi' }, headers);
    const again = await apply(casting.id, artist.token, { message: 'Hi' }, headers);
    expect(again.status).toBe(201);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(again.json.data.id).toBe(first.json.data.id);
    expect((await apply(casting.id, artist.token, { message: 'Other' }, headers)).status).toBe(422);
    expect((await apply(casting.id, artist.token, { message: 'Hi' })).status).toBe(409);
  });
});

describe('status changes', () => {
  it('shortlists and accepts with history, mails the applicant each time and records an event', async () => {
    const casting = await postCasting(t, recruiter.token);
    const application = (await apply(casting.id, artist.token)).json.data;
    const path = `/castings/${casting.id}/applications/${application.id}`;
    const before = t.mail.to(artist.email).length;

    const shortlisted = await t.call('PATCH', path, {
      token: recruiter.token,
      body: { status: 'shortlisted' },
    });
    expect(shortlisted.status).toBe(200);
    t.clock.advance(1000);
    const accepted = await t.call('PATCH', path, { token: recruiter.token, body: { status: 'accepted' } });
    expect(accepted.json.data.status).toBe('accepted');
    expect(accepted.json.data.history).toEqual([
      { from: null, to: 'submitted', by: artist.userId, at: expect.any(String) },
      { from: 'submitted', to: 'shortlisted', by: recruiter.userId, at: expect.any(String) },
      { from: 'shortlisted', to: 'accepted', by: recruiter.userId, at: expect.any(String) },
    ]);

    const mails = t.mail.to(artist.email).slice(before);
    expect(mails.map((mail) => mail.subject)).toEqual([
      `Your application to “${casting.title}” has been shortlisted`,
      `Your application to “${casting.title}” has been accepted`,
    ]);
    expect(mails[0]?.html).toContain('artist person');
    expect(t.mail.to(recruiter.email).some((mail) => mail.subject.includes('application'))).toBe(false);

    const events = await eventsOf(application.id);
    expect(events.map((event) => event.type)).toEqual([
      'casting.application_status_changed',
      'casting.application_status_changed',
    ]);
    expect(events[1]?.data).toMatchObject({
      applicationId: application.id,
      castingId: casting.id,
      artistId: artist.userId,
      from: 'shortlisted',
      to: 'accepted',
      changedBy: recruiter.userId,
    });
    expect(JSON.stringify(events)).not.toContain(artist.email);
  });

  it('refuses transitions that are not allowed (409) and statuses the owner may not set (400)', async () => {
    const casting = await postCasting(t, recruiter.token);
    const application = (await apply(casting.id, artist.token)).json.data;
    const path = `/castings/${casting.id}/applications/${application.id}`;
    const set = (status: string) => t.call('PATCH', path, { token: recruiter.token, body: { status } });
    expect((await set('rejected')).status).toBe(200);
    const back = await set('accepted');
    expect(back.status).toBe(409);
    expect(back.json.error.code).toBe('INVALID_STATUS_TRANSITION');
    expect((await set('shortlisted')).status).toBe(200);
    expect((await set('withdrawn')).status).toBe(400);
    expect((await set('submitted')).status).toBe(400);
  });

  it('lets only the casting’s owner change or list, and only the applicant withdraw (404 for others)', async () => {
    const casting = await postCasting(t, recruiter.token);
    const application = (await apply(casting.id, artist.token)).json.data;
    const path = `/castings/${casting.id}/applications/${application.id}`;
    const intruder = await member(t, ['artist', 'recruiter'], 'intruder');
    for (const token of [intruder.token, artist.token]) {
      const patch = await t.call('PATCH', path, { token, body: { status: 'accepted' } });
      expect(patch.status).toBe(404);
      expect((await t.call('GET', `/castings/${casting.id}/applications`, { token })).status).toBe(404);
    }
    for (const token of [intruder.token, recruiter.token]) {
      const withdraw = await t.call('DELETE', path, { token });
      expect(withdraw.status).toBe(404);
      expect(withdraw.json.error.code).toBe('APPLICATION_NOT_FOUND');
    }
    const withdrawn = await t.call('DELETE', path, { token: artist.token });
    expect(withdrawn.status).toBe(200);
    expect(withdrawn.json.data.status).toBe('withdrawn');
    expect((await t.call('DELETE', path, { token: artist.token })).status).toBe(409);
    const late = await t.call('PATCH', path, { token: recruiter.token, body: { status: 'shortlisted' } });
    expect(late.status).toBe(409);
    // The applicant made this change: no mail about it.
    expect(t.mail.to(artist.email).some((mail) => mail.subject.includes('withdrawn'))).toBe(false);
  });
});

describe('lists of applications', () => {
  it('pages a casting’s applications for its owner, all or by status, and each artist’s own', async () => {
    const app = await createTestApp();
    const boss = await member(app, ['recruiter'], 'boss');
    const casting = await postCasting(app, boss.token);
    const artists = [];
    for (let i = 0; i < 5; i += 1) {
      const applicant = await member(app, ['artist'], `applicant${i}`);
      const made = await app.call('POST', `/castings/${casting.id}/applications`, {
        token: applicant.token,
        body: {},
      });
      artists.push({ ...applicant, applicationId: made.json.data.id as string });
      app.clock.advance(1000);
    }
    for (const applicant of artists.slice(0, 3)) {
      await app.call('PATCH', `/castings/${casting.id}/applications/${applicant.applicationId}`, {
        token: boss.token,
        body: { status: 'shortlisted' },
      });
    }
    const pages = async (query: string) => {
      const ids: string[] = [];
      let cursor: string | null = null;
      do {
        const after: string = cursor ? `&cursor=${encodeURIComponent(cursor)}` : '';
        const page = await app.call('GET', `/castings/${casting.id}/applications?limit=2${query}${after}`, {
          token: boss.token,
        });
        expect(page.status).toBe(200);
        ids.push(...page.json.data.items.map((item: { id: string }) => item.id));
        cursor = page.json.data.nextCursor;
      } while (cursor);
      return ids;
    };
    const all = artists.map((a) => a.applicationId).reverse();
    expect(await pages('')).toEqual(all);
    expect(await pages('&status=shortlisted')).toEqual(all.slice(2));
    expect(await pages('&status=submitted')).toEqual(all.slice(0, 2));
    expect(await pages('&status=accepted')).toEqual([]);

    const mine = await app.call('GET', '/user/applications', { token: artists[0]?.token });
    expect(mine.json.data.items).toEqual([
      expect.objectContaining({
        id: artists[0]?.applicationId,
        castingId: casting.id,
        status: 'shortlisted',
      }),
    ]);
    expect((await app.call('GET', '/user/applications')).status).toBe(401);
  });
});
