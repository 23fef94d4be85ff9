import { generate } from 'otplib';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  createTestApp,
  STRONG_PASSWORD,
  signedInUser,
  type TestApp,
  uniqueEmail,
} from '../../../../test/helpers/test-app.js';

/*
 * The way past a locked address: five wrong passwords lock an address for anyone, its owner included,
 * and one request per lock period keeps it locked. A sign-in link mailed to the address carries 256
 * random bits, so it cannot be guessed and needs no counter an attacker could run up.
 */

let t: TestApp;
const FRONTEND = 'http://localhost:5173';

beforeAll(async () => {
  t = await createTestApp({ env: { FRONTEND_URL: FRONTEND } });
});

/** The code of the latest sign-in link mailed to an address. */
function linkCode(app: TestApp, email: string): string {
  const text = app.mail.to(email).at(-1)?.text ?? '';
  const code = new RegExp(`${FRONTEND}/auth/sign-in-link#code=([A-Za-z0-9_-]{43})`).exec(text)?.[1];
  if (!code) throw new Error(`no sign-in link was mailed to ${email}`);
  return code;
}

async function lockOut(app: TestApp, email: string) {
  for (let i = 0; i < 5; i += 1) {
    await app.call('POST', '/auth/login', { body: { email, password: 'Wrong-Password-123' } });
  }
  const locked = await app.call('POST', '/auth/login', { body: { email, password: STRONG_PASSWORD } });
  expect(locked.status).toBe(429);
}

describe('a sign-in link', () => {
  it('lets the owner of a locked address in, while the lock still holds for passwords', async () => {
    const user = await signedInUser(t);
    await lockOut(t, user.email);
    const requested = await t.call('POST', '/auth/sign-in-link', { body: { email: user.email } });
    expect(requested.status).toBe(202);
    const exchanged = await t.call('POST', '/auth/token', { body: { code: linkCode(t, user.email) } });
    expect(exchanged.status).toBe(200);
    const profile = await t.call('GET', '/user/profile', { token: exchanged.json.data.accessToken });
    expect(profile.json.data.userId).toBe(user.userId);
    const password = await t.call('POST', '/auth/login', {
      body: { email: user.email, password: STRONG_PASSWORD },
    });
    expect(password.status).toBe(429);
  });

  it('still asks for the second factor when TOTP is on', async () => {
    const user = await signedInUser(t);
    const setup = await t.call('POST', '/auth/mfa/totp/setup', { token: user.accessToken, body: {} });
    const code = await generate({ secret: setup.json.data.secret, epoch: Math.floor(t.clock.now() / 1000) });
    await t.call('POST', '/auth/mfa/totp/enable', { token: user.accessToken, body: { code } });
    await t.call('POST', '/auth/sign-in-link', { body: { email: user.email } });
    const exchanged = await t.call('POST', '/auth/token', { body: { code: linkCode(t, user.email) } });
    expect(exchanged.json.data).toEqual({ challenge: 'MFA_REQUIRED', session: expect.any(String) });
  });

  it('works once, and for an hour', async () => {
    const user = await signedInUser(t);
    await t.call('POST', '/auth/sign-in-link', { body: { email: user.email } });
    const code = linkCode(t, user.email);
    expect((await t.call('POST', '/auth/token', { body: { code } })).status).toBe(200);
    const again = await t.call('POST', '/auth/token', { body: { code } });
    expect(again.json.error.code).toBe('AUTH_CODE_INVALID');

    await t.call('POST', '/auth/sign-in-link', { body: { email: user.email } });
    const late = linkCode(t, user.email);
    t.clock.advance(3600 * 1000);
    expect((await t.call('POST', '/auth/token', { body: { code: late } })).json.error.code).toBe(
      'AUTH_CODE_EXPIRED',
    );
  });

  it('signs in only while the address it was mailed to is the account’s', async () => {
    const user = await signedInUser(t);
    await t.call('POST', '/auth/sign-in-link', { body: { email: user.email } });
    const code = linkCode(t, user.email);
    const moved = uniqueEmail('moved');
    await t.call('PUT', '/user/profile', {
      token: user.accessToken,
      body: { email: moved, currentPassword: STRONG_PASSWORD },
    });
    await t.call('POST', '/user/email/confirm', {
      token: user.accessToken,
      body: { code: t.mail.lastCode(moved) },
    });
    const exchanged = await t.call('POST', '/auth/token', { body: { code } });
    expect(exchanged.status).toBe(400);
    expect(exchanged.json.error.code).toBe('AUTH_CODE_INVALID');
  });

  it('is asked for with the same answer for every address; an unknown one gets a notice, not a link', async () => {
    const known = await signedInUser(t);
    const ghost = uniqueEmail('ghost');
    const forKnown = await t.call('POST', '/auth/sign-in-link', { body: { email: known.email } });
    const forGhost = await t.call('POST', '/auth/sign-in-link', { body: { email: ghost } });
    expect(forGhost.status).toBe(forKnown.status);
    expect(forGhost.json.data.message).toBe(forKnown.json.data.message);
    expect(t.mail.to(ghost)).toHaveLength(1);
    expect(() => linkCode(t, ghost)).toThrow();
  });

  it('is mailed a limited number of times per address, each link outliving the limit window, so flooding requests never leaves the owner without a live link', async () => {
    const limited = await createTestApp({
      env: { FRONTEND_URL: FRONTEND, AMPLY_RATE_LIMIT_SIGN_IN_LINK: '3/3600' },
    });
    const user = await signedInUser(limited);
    const codes: string[] = [];
    for (let i = 0; i < 3; i += 1) {
      limited.setIp(`203.0.113.${10 + i}`);
      expect((await limited.call('POST', '/auth/sign-in-link', { body: { email: user.email } })).status).toBe(
        202,
      );
      codes.push(linkCode(limited, user.email));
    }
    const refused = await limited.call('POST', '/auth/sign-in-link', { body: { email: user.email } });
    expect(refused.status).toBe(429);
    limited.clock.advance(59 * 60 * 1000);
    expect((await limited.call('POST', '/auth/sign-in-link', { body: { email: user.email } })).status).toBe(
      429,
    );
    const exchanged = await limited.call('POST', '/auth/token', { body: { code: codes[0] } });
    expect(exchanged.status).toBe(200);
  });
});
