import { beforeAll, describe, expect, it } from 'vitest';
import {
  createTestApp,
  STRONG_PASSWORD,
  signedInUser,
  type TestApp,
  uniqueEmail,
} from '../../../../test/helpers/test-app.js';

let t: TestApp;

beforeAll(async () => {
  t = await createTestApp();
});

describe('GET /user/profile', () => {
  it('returns the signed-in user', async () => {
    const user = await signedInUser(t);
    const response = await t.call('GET', '/user/profile', { token: user.accessToken });
    expect(response.status).toBe(200);
    expect(response.json.data).toEqual({
      userId: user.userId,
      email: user.email,
      displayName: 'Test User',
      avatarUrl: null,
      primaryAuthProvider: 'password',
      emailVerified: true,
      mfaEnabled: false,
      createdAt: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T/),
      pendingEmail: null,
    });
    expect(response.headers.get('cache-control')).toBe('no-store');
  });

  it('answers 401 once the account is deleted, even with a live token', async () => {
    const user = await signedInUser(t);
    await t.call('DELETE', '/user', { token: user.accessToken, body: {} });
    const response = await t.call('GET', '/user/profile', { token: user.accessToken });
    expect(response.status).toBe(401);
  });
});

describe('PUT /user/profile and /user/name', () => {
  it('updates the display name and avatar, and removes the avatar with null', async () => {
    const user = await signedInUser(t);
    const updated = await t.call('PUT', '/user/profile', {
      token: user.accessToken,
      body: { displayName: 'Ada L.', avatarUrl: 'https://cdn.example.com/ada.png' },
    });
    expect(updated.json.data).toMatchObject({
      displayName: 'Ada L.',
      avatarUrl: 'https://cdn.example.com/ada.png',
    });
    const cleared = await t.call('PUT', '/user/profile', {
      token: user.accessToken,
      body: { avatarUrl: null },
    });
    expect(cleared.json.data.avatarUrl).toBeNull();
    const stored = await t.call('GET', '/user/profile', { token: user.accessToken });
    expect(stored.json.data).toMatchObject({ displayName: 'Ada L.', avatarUrl: null });
  });

  it('refuses an avatar that is not an http(s) URL', async () => {
    const user = await signedInUser(t);
    const response = await t.call('PUT', '/user/profile', {
      token: user.accessToken,
      body: { avatarUrl: 'javascript:alert(1)' },
    });
    expect(response.status).toBe(400);
    expect(response.json.error.details[0].field).toBe('avatarUrl');
  });

  it('renames with PUT /user/name', async () => {
    const user = await signedInUser(t);
    const response = await t.call('PUT', '/user/name', {
      token: user.accessToken,
      body: { name: '  Grace  ' },
    });
    expect(response.status).toBe(200);
    expect(response.json.data.displayName).toBe('Grace');
  });
});

describe('changing the email address', () => {
  it('takes effect only after the code mailed to the new address is confirmed', async () => {
    const user = await signedInUser(t);
    const next = uniqueEmail('next');
    const requested = await t.call('PUT', '/user/profile', {
      token: user.accessToken,
      body: { email: next, currentPassword: STRONG_PASSWORD },
    });
    expect(requested.status).toBe(200);
    expect(requested.json.data).toMatchObject({ email: user.email, pendingEmail: next });
    expect(
      (await t.call('POST', '/auth/login', { body: { email: next, password: STRONG_PASSWORD } })).status,
    ).toBe(401);

    const confirmed = await t.call('POST', '/user/email/confirm', {
      token: user.accessToken,
      body: { code: t.mail.lastCode(next) },
    });
    expect(confirmed.status).toBe(200);
    expect(confirmed.json.data).toMatchObject({ email: next, pendingEmail: null, emailVerified: true });
    expect(
      (await t.call('POST', '/auth/login', { body: { email: next, password: STRONG_PASSWORD } })).status,
    ).toBe(200);
    expect(
      (await t.call('POST', '/auth/login', { body: { email: user.email, password: STRONG_PASSWORD } }))
        .status,
    ).toBe(401);
    expect(t.mail.to(user.email).at(-1)?.subject).toBe('Your Amply email address was changed');
  });

  it('needs the current password once the sign-in is not recent', async () => {
    const user = await signedInUser(t);
    t.clock.advance(10 * 60_000);
    const response = await t.call('PUT', '/user/profile', {
      token: user.accessToken,
      body: { email: uniqueEmail('next') },
    });
    expect(response.status).toBe(401);
    expect(response.json.error.code).toBe('AUTH_RECENT_LOGIN_REQUIRED');
  });

  it('answers 409 AUTH_USER_EXISTS when the new address belongs to another account by then', async () => {
    const user = await signedInUser(t);
    const other = await signedInUser(t);
    await t.call('PUT', '/user/profile', {
      token: user.accessToken,
      body: { email: other.email, currentPassword: STRONG_PASSWORD },
    });
    const response = await t.call('POST', '/user/email/confirm', {
      token: user.accessToken,
      body: { code: t.mail.lastCode(other.email) },
    });
    expect(response.status).toBe(409);
    expect(response.json.error.code).toBe('AUTH_USER_EXISTS');
    expect((await t.call('GET', '/user/profile', { token: user.accessToken })).json.data.email).toBe(
      user.email,
    );
  });

  it('answers AUTH_CODE_INVALID for a wrong code', async () => {
    const user = await signedInUser(t);
    const response = await t.call('POST', '/user/email/confirm', {
      token: user.accessToken,
      body: { code: '000000' },
    });
    expect(response.status).toBe(400);
    expect(response.json.error.code).toBe('AUTH_CODE_INVALID');
  });
});

describe('GET /user/export', () => {
  it('contains the profile, sessions and security events, and no secret', async () => {
    const user = await signedInUser(t);
    const response = await t.call('GET', '/user/export', { token: user.accessToken });
    expect(response.status).toBe(200);
    expect(response.json.data.profile.userId).toBe(user.userId);
    expect(response.json.data.sessions).toHaveLength(1);
    expect(response.json.data.securityEvents.map((event: { type: string }) => event.type)).toEqual(
      expect.arrayContaining(['account.registered', 'account.confirmed', 'login.succeeded']),
    );
    expect(response.text).not.toContain('passwordHash');
    expect(response.text).not.toContain('$argon2');
    expect(response.text).not.toContain(user.refreshToken);
  });
});

describe('DELETE /user', () => {
  it('deletes the account, frees the address and ends the sessions', async () => {
    const user = await signedInUser(t);
    const response = await t.call('DELETE', '/user', {
      token: user.accessToken,
      body: { currentPassword: STRONG_PASSWORD },
    });
    expect(response.status).toBe(200);
    expect(
      (await t.call('POST', '/auth/refresh', { body: { refreshToken: user.refreshToken } })).status,
    ).toBe(401);
    expect(
      (await t.call('POST', '/auth/login', { body: { email: user.email, password: STRONG_PASSWORD } }))
        .status,
    ).toBe(401);
    const again = await t.call('POST', '/auth/register', {
      body: { email: user.email, password: STRONG_PASSWORD, name: 'Again' },
    });
    expect(again.status).toBe(202);
    expect(t.mail.to(user.email).at(-1)?.subject).toBe('Confirm your Amply account');
  });

  it('needs a recent sign-in or the current password', async () => {
    const user = await signedInUser(t);
    t.clock.advance(10 * 60_000);
    const stale = await t.call('DELETE', '/user', { token: user.accessToken, body: {} });
    expect(stale.json.error.code).toBe('AUTH_RECENT_LOGIN_REQUIRED');
    const wrong = await t.call('DELETE', '/user', {
      token: user.accessToken,
      body: { currentPassword: 'Wrong-Password-123' },
    });
    expect(wrong.json.error.code).toBe('AUTH_INVALID_CREDENTIALS');
    expect((await t.call('GET', '/user/profile', { token: user.accessToken })).status).toBe(200);
  });
});

describe('GET /user/security-events', () => {
  it('pages the events newest first with a cursor', async () => {
    const user = await signedInUser(t);
    for (let i = 0; i < 3; i += 1) {
      t.clock.advance(1000);
      await t.call('POST', '/auth/login', { body: { email: user.email, password: STRONG_PASSWORD } });
    }
    const first = await t.call('GET', '/user/security-events?limit=2', { token: user.accessToken });
    expect(first.json.data.items).toHaveLength(2);
    expect(first.json.data.items[0].type).toBe('login.succeeded');
    expect(first.json.data.items[0].at > first.json.data.items[1].at).toBe(true);
    const rest = await t.call(
      'GET',
      `/user/security-events?limit=100&cursor=${encodeURIComponent(first.json.data.nextCursor)}`,
      {
        token: user.accessToken,
      },
    );
    expect(rest.json.data.items.length).toBe(4);
    expect(rest.json.data.nextCursor).toBeNull();
  });

  it("refuses another user's cursor and an edited one", async () => {
    const alice = await signedInUser(t);
    const bob = await signedInUser(t);
    const page = await t.call('GET', '/user/security-events?limit=1', { token: alice.accessToken });
    const cursor = page.json.data.nextCursor as string;
    const stolen = await t.call('GET', `/user/security-events?cursor=${encodeURIComponent(cursor)}`, {
      token: bob.accessToken,
    });
    expect(stolen.status).toBe(400);
    expect(stolen.json.error.details[0].field).toBe('cursor');
    const edited = await t.call('GET', `/user/security-events?cursor=${encodeURIComponent(`x${cursor}`)}`, {
      token: alice.accessToken,
    });
    expect(edited.status).toBe(400);
  });

  it('refuses a limit out of range', async () => {
    const user = await signedInUser(t);
    expect((await t.call('GET', '/user/security-events?limit=101', { token: user.accessToken })).status).toBe(
      400,
    );
    expect((await t.call('GET', '/user/security-events?limit=0', { token: user.accessToken })).status).toBe(
      400,
    );
    expect((await t.call('GET', '/user/security-events?limit=abc', { token: user.accessToken })).status).toBe(
      400,
    );
  });
});
