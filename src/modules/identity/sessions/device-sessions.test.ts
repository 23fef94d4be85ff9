import { beforeAll, describe, expect, it } from 'vitest';
import {
  createTestApp,
  STRONG_PASSWORD,
  signedInUser,
  type TestApp,
} from '../../../../test/helpers/test-app.js';

const FIREFOX_WINDOWS = 'Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:133.0) Gecko/20100101 Firefox/133.0';
const SAFARI_IPHONE =
  'Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Mobile/15E148 Safari/604.1';

let t: TestApp;

beforeAll(async () => {
  t = await createTestApp();
});

/** Signs the user in again from a browser with this User-Agent; the new session's tokens. */
async function signInFrom(app: TestApp, email: string, userAgent: string) {
  const login = await app.call('POST', '/auth/login', {
    body: { email, password: STRONG_PASSWORD },
    headers: { 'user-agent': userAgent },
  });
  expect(login.status).toBe(200);
  return login.json.data as { accessToken: string; refreshToken: string };
}

async function sessionsOf(app: TestApp, token: string, query = '') {
  const response = await app.call('GET', `/user/sessions${query}`, { token });
  expect(response.status).toBe(200);
  return response.json.data as {
    items: { sessionId: string; device: string; createdAt: string; lastUsedAt: string; current: boolean }[];
    nextCursor: string | null;
  };
}

const refreshStatus = async (app: TestApp, refreshToken: string) =>
  (await app.call('POST', '/auth/refresh', { body: { refreshToken } })).status;

describe('GET /user/sessions', () => {
  it('lists each signed-in device newest first, with its label, times and the caller’s own marked current', async () => {
    const user = await signedInUser(t);
    t.clock.advance(60_000);
    const laptop = await signInFrom(t, user.email, FIREFOX_WINDOWS);
    t.clock.advance(60_000);
    await signInFrom(t, user.email, SAFARI_IPHONE);

    const page = await sessionsOf(t, laptop.accessToken);
    expect(page.items.map((item) => item.device)).toEqual([
      'Safari on iOS',
      'Firefox on Windows',
      'Unknown device',
    ]);
    expect(page.items.map((item) => item.current)).toEqual([false, true, false]);
    const [phone] = page.items;
    expect(phone?.createdAt).toBe(new Date(t.clock.now()).toISOString());
    expect(phone?.lastUsedAt).toBe(phone?.createdAt);
    expect(page.nextCursor).toBeNull();
  });

  it('updates last used at most once per five minutes of use', async () => {
    const user = await signedInUser(t);
    const signedInAt = new Date(t.clock.now()).toISOString();
    t.clock.advance(60_000);
    const early = await sessionsOf(t, user.accessToken);
    expect(early.items[0]?.lastUsedAt).toBe(signedInAt);
    t.clock.advance(5 * 60_000);
    await sessionsOf(t, user.accessToken);
    const usedAt = new Date(t.clock.now()).toISOString();
    t.clock.advance(2 * 60_000);
    const later = await sessionsOf(t, user.accessToken);
    expect(later.items[0]?.lastUsedAt).toBe(usedAt);
  });

  it('costs at most one write per session and five minutes, however many requests it makes', async () => {
    const app = await createTestApp();
    const user = await signedInUser(app, 'writes');
    const writes: string[] = [];
    (await app.deps.db.documentClient()).middlewareStack.add(
      (next, context) => async (args) => {
        const key = (args.input as { Key?: { pk?: string; sk?: string } }).Key;
        if (context.commandName === 'UpdateItemCommand' && key?.sk?.startsWith('SESSION#')) {
          writes.push(key.sk);
        }
        return next(args);
      },
      { step: 'initialize' },
    );
    for (let minute = 0; minute < 15; minute += 1) {
      for (let i = 0; i < 10; i += 1) {
        expect((await app.call('GET', '/user/profile', { token: user.accessToken })).status).toBe(200);
      }
      app.clock.advance(60_000);
    }
    // 150 requests over 15 minutes: the sign-in's own time covers the first five, then one write per window
    // (at minutes 5 and 10), each of which lands.
    expect(writes).toHaveLength(2);
    // Minute 15 opens the next window: the list's own request is the use it shows.
    const [session] = (await sessionsOf(app, user.accessToken)).items;
    expect(session?.lastUsedAt).toBe(new Date(app.clock.now()).toISOString());
    expect(writes).toHaveLength(3);
  });

  it('counts a refresh as a use of the session', async () => {
    const user = await signedInUser(t);
    t.clock.advance(10 * 60_000);
    const refreshed = await t.call('POST', '/auth/refresh', { body: { refreshToken: user.refreshToken } });
    const refreshedAt = new Date(t.clock.now()).toISOString();
    t.clock.advance(60_000);
    const page = await sessionsOf(t, refreshed.json.data.accessToken);
    expect(page.items[0]?.lastUsedAt).toBe(refreshedAt);
  });

  it('pages with a cursor that only its own user can use', async () => {
    const user = await signedInUser(t);
    await signInFrom(t, user.email, FIREFOX_WINDOWS);
    await signInFrom(t, user.email, SAFARI_IPHONE);
    const first = await sessionsOf(t, user.accessToken, '?limit=2');
    expect(first.items).toHaveLength(2);
    expect(first.nextCursor).toEqual(expect.any(String));
    const second = await sessionsOf(t, user.accessToken, `?limit=2&cursor=${first.nextCursor}`);
    expect(second.items).toHaveLength(1);
    expect(second.nextCursor).toBeNull();

    const stranger = await signedInUser(t, 'stranger');
    const foreign = await t.call('GET', `/user/sessions?cursor=${first.nextCursor}`, {
      token: stranger.accessToken,
    });
    expect(foreign.status).toBe(400);
    expect(foreign.json.error.code).toBe('VALIDATION_ERROR');
    expect((await t.call('GET', '/user/sessions?limit=101', { token: user.accessToken })).status).toBe(400);
    expect((await t.call('GET', '/user/sessions')).status).toBe(401);
  });

  it('agrees with a password reset and a sign-out everywhere: no ended session is listed', async () => {
    const user = await signedInUser(t);
    await signInFrom(t, user.email, FIREFOX_WINDOWS);
    await t.call('POST', '/auth/forgot-password', { body: { email: user.email } });
    const newPassword = 'Copper-Meadow-Falcon-77';
    const reset = await t.call('POST', '/auth/reset-password', {
      body: { email: user.email, code: t.mail.lastCode(user.email), newPassword },
    });
    expect(reset.status).toBe(200);
    const login = await t.call('POST', '/auth/login', {
      body: { email: user.email, password: newPassword },
      headers: { 'user-agent': SAFARI_IPHONE },
    });
    const afterReset = await sessionsOf(t, login.json.data.accessToken);
    expect(afterReset.items.map((item) => [item.device, item.current])).toEqual([['Safari on iOS', true]]);

    await t.call('POST', '/auth/logout', { token: login.json.data.accessToken, body: { allDevices: true } });
    // Without strict revocation the access token lives on until it expires; the list it reads is empty.
    expect((await sessionsOf(t, login.json.data.accessToken)).items).toEqual([]);
  });
});

describe('DELETE /user/sessions/{sessionId}', () => {
  it('signs that device out: its refresh token stops working, it leaves the list, a security event says so', async () => {
    const user = await signedInUser(t);
    t.clock.advance(1000);
    const phone = await signInFrom(t, user.email, SAFARI_IPHONE);
    const [phoneSession] = (await sessionsOf(t, user.accessToken)).items;
    expect(phoneSession?.device).toBe('Safari on iOS');

    const removed = await t.call('DELETE', `/user/sessions/${phoneSession?.sessionId}`, {
      token: user.accessToken,
      headers: { 'user-agent': FIREFOX_WINDOWS },
    });
    expect(removed.status).toBe(200);
    expect(await refreshStatus(t, phone.refreshToken)).toBe(401);
    expect(await refreshStatus(t, user.refreshToken)).toBe(200);
    const left = await sessionsOf(t, user.accessToken);
    expect(left.items.map((item) => item.sessionId)).not.toContain(phoneSession?.sessionId);

    const events = await t.call('GET', '/user/security-events', { token: user.accessToken });
    expect(events.json.data.items[0]).toMatchObject({
      type: 'session.revoked',
      sessionId: phoneSession?.sessionId,
      reason: 'device-signed-out',
      userAgent: FIREFOX_WINDOWS,
    });

    const again = await t.call('DELETE', `/user/sessions/${phoneSession?.sessionId}`, {
      token: user.accessToken,
    });
    expect(again.status).toBe(404);
    expect(again.json.error.code).toBe('SESSION_NOT_FOUND');
  });

  it('answers 404 for another user’s session and leaves it signed in', async () => {
    const owner = await signedInUser(t, 'owner');
    const [ownerSession] = (await sessionsOf(t, owner.accessToken)).items;
    const intruder = await signedInUser(t, 'intruder');
    const response = await t.call('DELETE', `/user/sessions/${ownerSession?.sessionId}`, {
      token: intruder.accessToken,
    });
    expect(response.status).toBe(404);
    expect(response.json.error.code).toBe('SESSION_NOT_FOUND');
    expect(await refreshStatus(t, owner.refreshToken)).toBe(200);
  });

  it('answers 400 for a malformed id, 404 for an unknown one, and needs a bodyless request only', async () => {
    const user = await signedInUser(t);
    const malformed = await t.call('DELETE', '/user/sessions/not-a-session', { token: user.accessToken });
    expect(malformed.status).toBe(400);
    expect(malformed.json.error.code).toBe('VALIDATION_ERROR');
    // A browser's bodyless DELETE carries no Content-Length.
    const unknown = await t.app.request(`/user/sessions/ses_${'0'.repeat(26)}`, {
      method: 'DELETE',
      headers: { authorization: `Bearer ${user.accessToken}` },
    });
    expect(unknown.status).toBe(404);
  });

  it('with strict revocation, refuses that device’s access tokens at once', async () => {
    const strict = await createTestApp({ env: { AMPLY_STRICT_REVOCATION: 'on' } });
    const user = await signedInUser(strict);
    const phone = await signInFrom(strict, user.email, SAFARI_IPHONE);
    expect((await strict.call('GET', '/user/profile', { token: phone.accessToken })).status).toBe(200);
    const phoneSession = (await sessionsOf(strict, user.accessToken)).items.find((item) => !item.current);
    const removed = await strict.call('DELETE', `/user/sessions/${phoneSession?.sessionId}`, {
      token: user.accessToken,
    });
    expect(removed.status).toBe(200);
    const refused = await strict.call('GET', '/user/profile', { token: phone.accessToken });
    expect(refused.status).toBe(401);
    expect((await strict.call('GET', '/user/profile', { token: user.accessToken })).status).toBe(200);
  });
});
