import { beforeAll, describe, expect, it } from 'vitest';
import {
  createTestApp,
  STRONG_PASSWORD,
  signedInUser,
  type TestApp,
  uniqueEmail,
  wrongCode,
} from '../../../../test/helpers/test-app.js';

/*
 * Changing the sign-in address: how often it may be asked for, how many codes may be guessed, who is
 * told, and what ends a pending change. A confirmed address receives trusted SSO sign-ins and, when
 * configured, the admin scope, so guessing a change code is a way to take an account or a role.
 */

let t: TestApp;

beforeAll(async () => {
  t = await createTestApp();
});

async function requestChange(app: TestApp, accessToken: string, email: string) {
  return app.call('PUT', '/user/profile', {
    token: accessToken,
    body: { email, currentPassword: STRONG_PASSWORD },
  });
}

async function confirmChange(app: TestApp, accessToken: string, code: string) {
  return app.call('POST', '/user/email/confirm', { token: accessToken, body: { code } });
}

describe('requesting an email change', () => {
  it('is limited per account', async () => {
    const limited = await createTestApp({ env: { AMPLY_RATE_LIMIT_EMAIL_CHANGE: '3/3600' } });
    const user = await signedInUser(limited);
    for (let i = 0; i < 3; i += 1) {
      expect((await requestChange(limited, user.accessToken, uniqueEmail('next'))).status).toBe(200);
    }
    const refused = await requestChange(limited, user.accessToken, uniqueEmail('next'));
    expect(refused.status).toBe(429);
    expect(refused.json.error.code).toBe('RATE_LIMITED');
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
  });

  it('is limited per target address, whichever accounts ask, so it cannot mail an address at will', async () => {
    const limited = await createTestApp({ env: { AMPLY_RATE_LIMIT_SIGNUP_ADDRESS: '3/3600' } });
    const target = uniqueEmail('target');
    const users = await Promise.all([1, 2, 3, 4].map(() => signedInUser(limited)));
    const statuses: number[] = [];
    for (const user of users) statuses.push((await requestChange(limited, user.accessToken, target)).status);
    expect(statuses).toEqual([200, 200, 200, 429]);
    expect(limited.mail.to(target)).toHaveLength(3);
  });

  it('tells the current address, without the code', async () => {
    const user = await signedInUser(t);
    const next = uniqueEmail('next');
    await requestChange(t, user.accessToken, next);
    const notice = t.mail.to(user.email).at(-1);
    expect(notice?.subject).toBe('Someone asked to change your Amply email address');
    expect(notice?.text).toContain(`${next.slice(0, 1)}***@e***.com`);
    expect(notice?.text).not.toContain(t.mail.lastCode(next));
  });
});

describe('guessing email-change codes', () => {
  it('counts wrong codes per target address across codes and accounts, ten before a lock that grows', async () => {
    const target = uniqueEmail('coveted');
    const first = await signedInUser(t);
    const second = await signedInUser(t);

    await requestChange(t, first.accessToken, target);
    const firstCode = t.mail.lastCode(target);
    for (let i = 0; i < 5; i += 1) {
      expect((await confirmChange(t, first.accessToken, wrongCode(firstCode))).status).toBe(400);
    }
    await requestChange(t, first.accessToken, target);
    const renewed = t.mail.lastCode(target);
    await requestChange(t, second.accessToken, target);
    const secondCode = t.mail.lastCode(target);
    for (let i = 0; i < 4; i += 1) {
      expect((await confirmChange(t, second.accessToken, wrongCode(secondCode))).status).toBe(400);
    }

    const tenth = await confirmChange(t, second.accessToken, wrongCode(secondCode));
    expect(tenth.status).toBe(429);
    expect(tenth.json.error.code).toBe('RATE_LIMITED');
    expect(Number(tenth.headers.get('retry-after'))).toBe(60);
    expect((await confirmChange(t, first.accessToken, renewed)).status).toBe(429);

    t.clock.advance(61_000);
    const relocked = await confirmChange(t, second.accessToken, wrongCode(secondCode));
    expect(relocked.status).toBe(429);
    expect(Number(relocked.headers.get('retry-after'))).toBe(120);

    t.clock.advance(121_000);
    const confirmed = await confirmChange(t, first.accessToken, renewed);
    expect(confirmed.status).toBe(200);
    expect(confirmed.json.data.email).toBe(target);
  });
});

describe('what ends a pending email change', () => {
  it('a password reset: a token from before it cannot confirm the change its holder started', async () => {
    const owner = await signedInUser(t);
    // The attacker holds a fresh access token of the owner's (stolen, say) and moves the account to their address.
    const stolen = await t.call('POST', '/auth/login', {
      body: { email: owner.email, password: STRONG_PASSWORD },
    });
    const attacker = uniqueEmail('attacker');
    await t.call('PUT', '/user/profile', { token: stolen.json.data.accessToken, body: { email: attacker } });
    const attackerCode = t.mail.lastCode(attacker);

    await t.call('POST', '/auth/forgot-password', { body: { email: owner.email } });
    const reset = await t.call('POST', '/auth/reset-password', {
      body: {
        email: owner.email,
        code: t.mail.lastCode(owner.email),
        newPassword: 'Copper-Meadow-Falcon-77',
      },
    });
    expect(reset.status).toBe(200);

    const confirmed = await confirmChange(t, stolen.json.data.accessToken, attackerCode);
    expect(confirmed.status).toBe(401);
    const login = await t.call('POST', '/auth/login', {
      body: { email: owner.email, password: 'Copper-Meadow-Falcon-77' },
    });
    const profile = await t.call('GET', '/user/profile', { token: login.json.data.accessToken });
    expect(profile.json.data).toMatchObject({ email: owner.email, pendingEmail: null });
  });

  it('a password change, whose own session then cannot confirm the old code either', async () => {
    const user = await signedInUser(t);
    const next = uniqueEmail('next');
    await requestChange(t, user.accessToken, next);
    const code = t.mail.lastCode(next);
    await t.call('POST', '/auth/change-password', {
      token: user.accessToken,
      body: { currentPassword: STRONG_PASSWORD, newPassword: 'Copper-Meadow-Falcon-77' },
    });
    const profile = await t.call('GET', '/user/profile', { token: user.accessToken });
    expect(profile.json.data.pendingEmail).toBeNull();
    const confirmed = await confirmChange(t, user.accessToken, code);
    expect(confirmed.status).toBe(400);
    expect(confirmed.json.error.code).toBe('AUTH_CODE_INVALID');
  });

  it('signing out everywhere', async () => {
    const user = await signedInUser(t);
    const next = uniqueEmail('next');
    await requestChange(t, user.accessToken, next);
    const code = t.mail.lastCode(next);
    const other = await t.call('POST', '/auth/login', {
      body: { email: user.email, password: STRONG_PASSWORD },
    });
    await t.call('POST', '/auth/logout', { token: other.json.data.accessToken, body: { allDevices: true } });
    expect((await confirmChange(t, user.accessToken, code)).status).toBe(401);
    const again = await t.call('POST', '/auth/login', {
      body: { email: user.email, password: STRONG_PASSWORD },
    });
    const profile = await t.call('GET', '/user/profile', { token: again.json.data.accessToken });
    expect(profile.json.data).toMatchObject({ email: user.email, pendingEmail: null });
  });
});
