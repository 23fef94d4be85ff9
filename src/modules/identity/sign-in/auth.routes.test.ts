import { generate } from 'otplib';
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

async function register(email = uniqueEmail(), password = STRONG_PASSWORD) {
  return t.call('POST', '/auth/register', { body: { email, password, name: 'Reg Tester' } });
}

async function totpCode(secret: string, offsetSeconds = 0) {
  return generate({ secret, epoch: Math.floor(t.clock.now() / 1000) + offsetSeconds });
}

async function enableTotp(user: { accessToken: string }) {
  const setup = await t.call('POST', '/auth/mfa/totp/setup', { token: user.accessToken, body: {} });
  expect(setup.status).toBe(200);
  const secret = setup.json.data.secret as string;
  const enabled = await t.call('POST', '/auth/mfa/totp/enable', {
    token: user.accessToken,
    body: { code: await totpCode(secret) },
  });
  expect(enabled.status).toBe(200);
  return { secret, recoveryCodes: enabled.json.data.recoveryCodes as string[] };
}

describe('POST /auth/register', () => {
  it('creates an unconfirmed account and mails a six-digit code', async () => {
    const email = uniqueEmail();
    const response = await register(email);
    expect(response.status).toBe(202);
    expect(response.json.data.delivery).toEqual({
      medium: 'EMAIL',
      destination: expect.stringMatching(/^u\*\*\*@e\*\*\*\.com$/),
    });
    expect(t.mail.lastCode(email)).toMatch(/^\d{6}$/);
    const login = await t.call('POST', '/auth/login', { body: { email, password: STRONG_PASSWORD } });
    expect(login.status).toBe(403);
    expect(login.json.error.code).toBe('AUTH_USER_NOT_CONFIRMED');
  });

  it('treats the address case-insensitively', async () => {
    const email = uniqueEmail();
    await register(email);
    const again = await register(email.toUpperCase());
    expect(again.status).toBe(202);
    expect(t.mail.to(email).map((message) => message.subject)).toEqual([
      'Confirm your Amply account',
      'Someone tried to create an Amply account with your address',
    ]);
  });

  it('refuses a password that breaks the policy with AUTH_PASSWORD_POLICY and the reasons', async () => {
    const response = await register(uniqueEmail(), 'short');
    expect(response.status).toBe(400);
    expect(response.json.error.code).toBe('AUTH_PASSWORD_POLICY');
    expect(response.json.error.details.map((d: { message: string }) => d.message)).toEqual(
      expect.arrayContaining([
        'use at least 12 characters',
        'add an upper-case letter',
        'add a digit',
        'add a symbol',
      ]),
    );
  });

  it('refuses a common breached password even when it satisfies the composition rule', async () => {
    const response = await register(uniqueEmail(), 'Password123!');
    expect(response.status).toBe(400);
    expect(response.json.error.code).toBe('AUTH_PASSWORD_POLICY');
  });

  it('answers AUTH_USER_EXISTS for a known address only when enumeration protection is off', async () => {
    const legacy = await createTestApp({ env: { AMPLY_ENUMERATION_PROTECTION: 'off' } });
    const email = uniqueEmail();
    const body = { email, password: STRONG_PASSWORD, name: 'Legacy' };
    expect((await legacy.call('POST', '/auth/register', { body })).status).toBe(202);
    const again = await legacy.call('POST', '/auth/register', { body });
    expect(again.status).toBe(409);
    expect(again.json.error.code).toBe('AUTH_USER_EXISTS');
  });
});

describe('POST /auth/confirm', () => {
  it('confirms the account with the mailed code, once', async () => {
    const email = uniqueEmail();
    await register(email);
    const code = t.mail.lastCode(email);
    const confirmed = await t.call('POST', '/auth/confirm', { body: { email, code } });
    expect(confirmed.status).toBe(200);
    expect(confirmed.json.data).toMatchObject({ email, emailVerified: true });
    const again = await t.call('POST', '/auth/confirm', { body: { email, code } });
    expect(again.status).toBe(400);
    expect(again.json.error.code).toBe('AUTH_CODE_INVALID');
  });

  it('refuses a code after 24 hours with the one answer every failed code gets', async () => {
    const email = uniqueEmail();
    await register(email);
    const code = t.mail.lastCode(email);
    t.clock.advance(24 * 3600 * 1000 + 1);
    const response = await t.call('POST', '/auth/confirm', { body: { email, code } });
    expect(response.status).toBe(400);
    expect(response.json.error).toMatchObject({
      code: 'AUTH_CODE_INVALID',
      message: 'The code is not valid or has expired; ask for a new one',
    });
  });

  it('answers AUTH_CODE_EXPIRED when enumeration protection is off', async () => {
    const legacy = await createTestApp({ env: { AMPLY_ENUMERATION_PROTECTION: 'off' } });
    const email = uniqueEmail();
    await legacy.call('POST', '/auth/register', {
      body: { email, password: STRONG_PASSWORD, name: 'Legacy' },
    });
    const code = legacy.mail.lastCode(email);
    legacy.clock.advance(24 * 3600 * 1000 + 1);
    const response = await legacy.call('POST', '/auth/confirm', { body: { email, code } });
    expect(response.json.error.code).toBe('AUTH_CODE_EXPIRED');
  });

  it('answers AUTH_CODE_INVALID for an unknown address, as for a wrong code', async () => {
    const response = await t.call('POST', '/auth/confirm', {
      body: { email: uniqueEmail('ghost'), code: '123456' },
    });
    expect(response.status).toBe(400);
    expect(response.json.error.code).toBe('AUTH_CODE_INVALID');
  });
});

describe('POST /auth/resend-code', () => {
  it('mails a new code and voids the old one', async () => {
    const email = uniqueEmail();
    await register(email);
    const first = t.mail.lastCode(email);
    expect((await t.call('POST', '/auth/resend-code', { body: { email } })).status).toBe(202);
    const second = t.mail.lastCode(email);
    if (first !== second) {
      const old = await t.call('POST', '/auth/confirm', { body: { email, code: first } });
      expect(old.json.error.code).toBe('AUTH_CODE_INVALID');
    }
    expect((await t.call('POST', '/auth/confirm', { body: { email, code: second } })).status).toBe(200);
  });

  it('answers the same for unknown and confirmed addresses, mailing a notice instead of a code', async () => {
    const ghost = uniqueEmail('ghost');
    const known = await signedInUser(t);
    const forGhost = await t.call('POST', '/auth/resend-code', { body: { email: ghost } });
    const forKnown = await t.call('POST', '/auth/resend-code', { body: { email: known.email } });
    expect(forGhost.status).toBe(202);
    expect(forKnown.status).toBe(202);
    expect(forGhost.json.data.message).toBe(forKnown.json.data.message);
    expect(t.mail.to(ghost).at(-1)?.subject).toBe('About your Amply request');
    expect(t.mail.to(known.email).at(-1)?.subject).toBe('Your Amply account is already confirmed');
  });
});

describe('POST /auth/login', () => {
  it('returns RS256 access, id and refresh tokens', async () => {
    const user = await signedInUser(t);
    const [header, payload] = user.accessToken
      .split('.')
      .slice(0, 2)
      .map((part) => JSON.parse(Buffer.from(part, 'base64url').toString()));
    expect(header).toMatchObject({ alg: 'RS256', typ: 'at+jwt', kid: expect.any(String) });
    expect(payload).toMatchObject({
      iss: 'http://amply.test',
      aud: 'amply-api',
      sub: user.userId,
      token_use: 'access',
      scope: 'openid profile email',
      sid: expect.stringMatching(/^ses_/),
      jti: expect.any(String),
    });
    expect(payload.exp - payload.iat).toBe(3600);
    expect(user.refreshToken).toMatch(/^usr_[0-9a-z]{26}\.[A-Za-z0-9_-]{43}$/);
  });

  it('answers AUTH_INVALID_CREDENTIALS for a wrong password', async () => {
    const user = await signedInUser(t);
    const response = await t.call('POST', '/auth/login', {
      body: { email: user.email, password: 'Wrong-Password-12345' },
    });
    expect(response.status).toBe(401);
    expect(response.json.error.code).toBe('AUTH_INVALID_CREDENTIALS');
  });

  it('asks for a second factor when TOTP is on, and /auth/mfa/verify completes the sign-in', async () => {
    const user = await signedInUser(t);
    const { secret } = await enableTotp(user);
    t.clock.advance(30_000);
    const login = await t.call('POST', '/auth/login', {
      body: { email: user.email, password: STRONG_PASSWORD },
    });
    expect(login.status).toBe(200);
    expect(login.json.data).toEqual({ challenge: 'MFA_REQUIRED', session: expect.any(String) });
    const verified = await t.call('POST', '/auth/mfa/verify', {
      body: { session: login.json.data.session, code: await totpCode(secret) },
    });
    expect(verified.status).toBe(200);
    expect(verified.json.data.accessToken).toEqual(expect.any(String));
  });
});

describe('POST /auth/mfa/verify', () => {
  it('refuses a replayed TOTP code and a reused challenge', async () => {
    const user = await signedInUser(t);
    const { secret } = await enableTotp(user);
    t.clock.advance(30_000);
    const code = await totpCode(secret);
    const first = await t.call('POST', '/auth/login', {
      body: { email: user.email, password: STRONG_PASSWORD },
    });
    expect(
      (await t.call('POST', '/auth/mfa/verify', { body: { session: first.json.data.session, code } })).status,
    ).toBe(200);
    const reused = await t.call('POST', '/auth/mfa/verify', {
      body: { session: first.json.data.session, code },
    });
    expect(reused.json.error.code).toBe('AUTH_CODE_INVALID');
    const second = await t.call('POST', '/auth/login', {
      body: { email: user.email, password: STRONG_PASSWORD },
    });
    const replay = await t.call('POST', '/auth/mfa/verify', {
      body: { session: second.json.data.session, code },
    });
    expect(replay.status).toBe(400);
    expect(replay.json.error.code).toBe('AUTH_CODE_INVALID');
  });

  it('accepts each recovery code once', async () => {
    const user = await signedInUser(t);
    const { recoveryCodes } = await enableTotp(user);
    expect(recoveryCodes).toHaveLength(10);
    const code = recoveryCodes[0] as string;
    const first = await t.call('POST', '/auth/login', {
      body: { email: user.email, password: STRONG_PASSWORD },
    });
    const used = await t.call('POST', '/auth/mfa/verify', {
      body: { session: first.json.data.session, code: code.toUpperCase() },
    });
    expect(used.status).toBe(200);
    const second = await t.call('POST', '/auth/login', {
      body: { email: user.email, password: STRONG_PASSWORD },
    });
    const again = await t.call('POST', '/auth/mfa/verify', {
      body: { session: second.json.data.session, code },
    });
    expect(again.json.error.code).toBe('AUTH_CODE_INVALID');
  });

  it('voids the challenge after five wrong codes', async () => {
    const user = await signedInUser(t);
    const { secret } = await enableTotp(user);
    const login = await t.call('POST', '/auth/login', {
      body: { email: user.email, password: STRONG_PASSWORD },
    });
    const session = login.json.data.session;
    for (let i = 0; i < 4; i += 1) {
      const wrong = await t.call('POST', '/auth/mfa/verify', { body: { session, code: '000000' } });
      expect(wrong.json.error.code).toBe('AUTH_CODE_INVALID');
    }
    const fifth = await t.call('POST', '/auth/mfa/verify', { body: { session, code: '000000' } });
    expect(fifth.status).toBe(429);
    t.clock.advance(61_000);
    const right = await t.call('POST', '/auth/mfa/verify', {
      body: { session, code: await totpCode(secret) },
    });
    expect(right.status).toBe(400);
    expect(right.json.error.message).toMatch(/Too many wrong codes/);
  });

  it('answers AUTH_CODE_EXPIRED for a challenge older than five minutes', async () => {
    const user = await signedInUser(t);
    const { secret } = await enableTotp(user);
    const login = await t.call('POST', '/auth/login', {
      body: { email: user.email, password: STRONG_PASSWORD },
    });
    t.clock.advance(301_000);
    const late = await t.call('POST', '/auth/mfa/verify', {
      body: { session: login.json.data.session, code: await totpCode(secret) },
    });
    expect(late.json.error.code).toBe('AUTH_CODE_EXPIRED');
  });
});

describe('TOTP setup, enable and disable', () => {
  it('returns an otpauth URI and refuses to enable with a wrong code', async () => {
    const user = await signedInUser(t);
    const setup = await t.call('POST', '/auth/mfa/totp/setup', { token: user.accessToken, body: {} });
    expect(setup.json.data.otpauthUri).toMatch(/^otpauth:\/\/totp\/Amply:.*secret=/);
    const wrong = await t.call('POST', '/auth/mfa/totp/enable', {
      token: user.accessToken,
      body: { code: '000000' },
    });
    expect(wrong.json.error.code).toBe('AUTH_CODE_INVALID');
  });

  it('refuses to enable before setup and to set up twice', async () => {
    const user = await signedInUser(t);
    const early = await t.call('POST', '/auth/mfa/totp/enable', {
      token: user.accessToken,
      body: { code: '123456' },
    });
    expect(early.status).toBe(409);
    expect(early.json.error.code).toBe('AUTH_MFA_NOT_SET_UP');
    await enableTotp(user);
    const twice = await t.call('POST', '/auth/mfa/totp/setup', { token: user.accessToken, body: {} });
    expect(twice.json.error.code).toBe('AUTH_MFA_ALREADY_ENABLED');
  });

  it('needs the current password once the sign-in is older than five minutes', async () => {
    const user = await signedInUser(t);
    t.clock.advance(6 * 60_000);
    const stale = await t.call('POST', '/auth/mfa/totp/setup', { token: user.accessToken, body: {} });
    expect(stale.status).toBe(401);
    expect(stale.json.error.code).toBe('AUTH_RECENT_LOGIN_REQUIRED');
    const wrong = await t.call('POST', '/auth/mfa/totp/setup', {
      token: user.accessToken,
      body: { currentPassword: 'Not-The-Password-1' },
    });
    expect(wrong.json.error.code).toBe('AUTH_INVALID_CREDENTIALS');
    const withPassword = await t.call('POST', '/auth/mfa/totp/setup', {
      token: user.accessToken,
      body: { currentPassword: STRONG_PASSWORD },
    });
    expect(withPassword.status).toBe(200);
  });

  it('turns TOTP off, after which login needs no second factor', async () => {
    const user = await signedInUser(t);
    await enableTotp(user);
    const off = await t.call('DELETE', '/auth/mfa/totp', {
      token: user.accessToken,
      body: { currentPassword: STRONG_PASSWORD },
    });
    expect(off.status).toBe(200);
    const again = await t.call('DELETE', '/auth/mfa/totp', { token: user.accessToken, body: {} });
    expect(again.json.error.code).toBe('AUTH_MFA_NOT_ENABLED');
    const login = await t.call('POST', '/auth/login', {
      body: { email: user.email, password: STRONG_PASSWORD },
    });
    expect(login.json.data.accessToken).toEqual(expect.any(String));
    expect(t.mail.to(user.email).map((m) => m.subject)).toContain('Two-step sign-in is off');
  });
});

describe('POST /auth/refresh', () => {
  it('rotates the refresh token and issues new access and id tokens', async () => {
    const user = await signedInUser(t);
    t.clock.advance(1000);
    const refreshed = await t.call('POST', '/auth/refresh', { body: { refreshToken: user.refreshToken } });
    expect(refreshed.status).toBe(200);
    expect(refreshed.json.data.refreshToken).not.toBe(user.refreshToken);
    expect(refreshed.json.data.accessToken).not.toBe(user.accessToken);
    const profile = await t.call('GET', '/user/profile', { token: refreshed.json.data.accessToken });
    expect(profile.json.data.userId).toBe(user.userId);
  });

  it('answers 401 for a token that was never issued', async () => {
    const forged = `usr_${'0'.repeat(26)}.${'A'.repeat(43)}`;
    const response = await t.call('POST', '/auth/refresh', { body: { refreshToken: forged } });
    expect(response.status).toBe(401);
    const garbage = await t.call('POST', '/auth/refresh', { body: { refreshToken: 'not-a-token' } });
    expect(garbage.status).toBe(401);
  });

  it('answers 401 after 30 days', async () => {
    const user = await signedInUser(t);
    t.clock.advance(30 * 24 * 3600 * 1000 + 1);
    const response = await t.call('POST', '/auth/refresh', { body: { refreshToken: user.refreshToken } });
    expect(response.status).toBe(401);
  });

  it('stops at the family absolute lifetime however often it is refreshed', async () => {
    const user = await signedInUser(t);
    let token = user.refreshToken;
    for (let day = 0; day < 90; day += 20) {
      t.clock.advance(20 * 24 * 3600 * 1000);
      const response = await t.call('POST', '/auth/refresh', { body: { refreshToken: token } });
      if (day + 20 < 90) {
        expect(response.status).toBe(200);
        token = response.json.data.refreshToken;
      } else {
        expect(response.status).toBe(401);
      }
    }
  });
});

describe('POST /auth/logout', () => {
  /** The status a refresh with this token gets: 200 while its session lives. */
  const refreshStatus = async (refreshToken: string) =>
    (await t.call('POST', '/auth/refresh', { body: { refreshToken } })).status;
  /** The refresh token of a second session of the same user. */
  const secondSession = async (email: string) =>
    (await t.call('POST', '/auth/login', { body: { email, password: STRONG_PASSWORD } })).json.data
      .refreshToken as string;

  it('ends this session only', async () => {
    const user = await signedInUser(t);
    const other = await secondSession(user.email);
    expect((await t.call('POST', '/auth/logout', { token: user.accessToken, body: {} })).status).toBe(200);
    expect(await refreshStatus(user.refreshToken)).toBe(401);
    expect(await refreshStatus(other)).toBe(200);
  });

  it('ends every session with allDevices', async () => {
    const user = await signedInUser(t);
    const other = await secondSession(user.email);
    const response = await t.call('POST', '/auth/logout', {
      token: user.accessToken,
      body: { allDevices: true },
    });
    expect(response.json.data.message).toBe('Signed out everywhere');
    expect(await refreshStatus(other)).toBe(401);
  });

  it('signs out with the refresh token alone, once the access token has expired', async () => {
    const user = await signedInUser(t);
    const other = await secondSession(user.email);
    t.clock.advance(3700 * 1000);
    expect((await t.call('GET', '/user/profile', { token: user.accessToken })).status).toBe(401);
    const response = await t.call('POST', '/auth/logout', { body: { refreshToken: user.refreshToken } });
    expect(response.status).toBe(200);
    expect(await refreshStatus(user.refreshToken)).toBe(401);
    expect(await refreshStatus(other)).toBe(200);
  });

  it('ends every session with the refresh token alone and allDevices', async () => {
    const user = await signedInUser(t);
    const other = await secondSession(user.email);
    const response = await t.call('POST', '/auth/logout', {
      body: { refreshToken: user.refreshToken, allDevices: true },
    });
    expect(response.json.data.message).toBe('Signed out everywhere');
    expect(await refreshStatus(other)).toBe(401);
  });

  it('answers an unknown refresh token as any other (RFC 7009), and needs one or the access token', async () => {
    const user = await signedInUser(t);
    const unknown = await t.call('POST', '/auth/logout', {
      body: { refreshToken: `${user.userId}.${'A'.repeat(43)}`, allDevices: true },
    });
    expect(unknown.status).toBe(200);
    expect(await refreshStatus(user.refreshToken)).toBe(200);
    const neither = await t.call('POST', '/auth/logout', { body: {} });
    expect(neither.status).toBe(401);
    expect(neither.headers.get('www-authenticate')).toBe('Bearer');
  });

  it('takes an empty body as this session', async () => {
    const user = await signedInUser(t);
    const response = await t.app.request('/auth/logout', {
      method: 'POST',
      headers: { authorization: `Bearer ${user.accessToken}` },
    });
    expect(response.status).toBe(200);
  });
});

describe('password reset and change', () => {
  it('resets the password with the mailed code, ending every session', async () => {
    const user = await signedInUser(t);
    expect((await t.call('POST', '/auth/forgot-password', { body: { email: user.email } })).status).toBe(202);
    const code = t.mail.lastCode(user.email);
    const newPassword = 'Copper-Meadow-Falcon-77';
    const reset = await t.call('POST', '/auth/reset-password', {
      body: { email: user.email, code, newPassword },
    });
    expect(reset.status).toBe(200);
    expect(
      (await t.call('POST', '/auth/refresh', { body: { refreshToken: user.refreshToken } })).status,
    ).toBe(401);
    expect(
      (await t.call('POST', '/auth/login', { body: { email: user.email, password: STRONG_PASSWORD } }))
        .status,
    ).toBe(401);
    expect(
      (await t.call('POST', '/auth/login', { body: { email: user.email, password: newPassword } })).status,
    ).toBe(200);
    expect(t.mail.to(user.email).at(-1)?.subject).toBe('Your Amply password was changed');
  });

  it('checks the new password against the policy before spending the code', async () => {
    const user = await signedInUser(t);
    await t.call('POST', '/auth/forgot-password', { body: { email: user.email } });
    const code = t.mail.lastCode(user.email);
    const weak = await t.call('POST', '/auth/reset-password', {
      body: { email: user.email, code, newPassword: 'weak' },
    });
    expect(weak.json.error.code).toBe('AUTH_PASSWORD_POLICY');
    expect(weak.json.error.details[0].field).toBe('newPassword');
    const strong = await t.call('POST', '/auth/reset-password', {
      body: { email: user.email, code, newPassword: 'Copper-Meadow-Falcon-77' },
    });
    expect(strong.status).toBe(200);
  });

  it('refuses a reset code older than an hour', async () => {
    const user = await signedInUser(t);
    await t.call('POST', '/auth/forgot-password', { body: { email: user.email } });
    const code = t.mail.lastCode(user.email);
    t.clock.advance(3600 * 1000 + 1);
    const late = await t.call('POST', '/auth/reset-password', {
      body: { email: user.email, code, newPassword: 'Copper-Meadow-Falcon-77' },
    });
    expect(late.json.error.code).toBe('AUTH_CODE_INVALID');
  });

  it('changes the password with the current one, keeping this session and ending the others', async () => {
    const user = await signedInUser(t);
    const other = await t.call('POST', '/auth/login', {
      body: { email: user.email, password: STRONG_PASSWORD },
    });
    const wrong = await t.call('POST', '/auth/change-password', {
      token: user.accessToken,
      body: { currentPassword: 'Wrong-Password-123', newPassword: 'Copper-Meadow-Falcon-77' },
    });
    expect(wrong.json.error.code).toBe('AUTH_INVALID_CREDENTIALS');
    const changed = await t.call('POST', '/auth/change-password', {
      token: user.accessToken,
      body: { currentPassword: STRONG_PASSWORD, newPassword: 'Copper-Meadow-Falcon-77' },
    });
    expect(changed.status).toBe(200);
    expect(
      (await t.call('POST', '/auth/refresh', { body: { refreshToken: user.refreshToken } })).status,
    ).toBe(200);
    expect(
      (await t.call('POST', '/auth/refresh', { body: { refreshToken: other.json.data.refreshToken } }))
        .status,
    ).toBe(401);
  });
});
