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
 * Reset and confirmation codes: a code belongs to the address it was mailed to, credential changes void
 * the codes still out, and wrong guesses are counted per address across codes (ten, then a lock that
 * doubles), so asking for new codes buys no more guesses.
 */

let t: TestApp;

beforeAll(async () => {
  t = await createTestApp();
});

const NEW_PASSWORD = 'Copper-Meadow-Falcon-77';

async function changeEmail(accessToken: string, email: string) {
  await t.call('PUT', '/user/profile', {
    token: accessToken,
    body: { email, currentPassword: STRONG_PASSWORD },
  });
  const confirmed = await t.call('POST', '/user/email/confirm', {
    token: accessToken,
    body: { code: t.mail.lastCode(email) },
  });
  expect(confirmed.status).toBe(200);
}

const resetWith = (email: string, code: string) =>
  t.call('POST', '/auth/reset-password', { body: { email, code, newPassword: NEW_PASSWORD } });

describe('a reset code', () => {
  it('belongs to the address it was mailed to: after the account moves, it resets nothing', async () => {
    const user = await signedInUser(t);
    await t.call('POST', '/auth/forgot-password', { body: { email: user.email } });
    const mailedToOld = t.mail.lastCode(user.email);
    const moved = uniqueEmail('moved');
    await changeEmail(user.accessToken, moved);

    for (const email of [moved, user.email]) {
      const refused = await resetWith(email, mailedToOld);
      expect(refused.status, email).toBe(400);
      expect(refused.json.error.code).toBe('AUTH_CODE_INVALID');
    }
    expect(
      (await t.call('POST', '/auth/login', { body: { email: moved, password: STRONG_PASSWORD } })).status,
    ).toBe(200);
  });

  it('is void once the address changes, even if the account moves back to it', async () => {
    const user = await signedInUser(t);
    await t.call('POST', '/auth/forgot-password', { body: { email: user.email } });
    const code = t.mail.lastCode(user.email);
    await changeEmail(user.accessToken, uniqueEmail('away'));
    await changeEmail(user.accessToken, user.email);
    expect((await resetWith(user.email, code)).status).toBe(400);
  });

  it('is void once the password is changed', async () => {
    const user = await signedInUser(t);
    await t.call('POST', '/auth/forgot-password', { body: { email: user.email } });
    const code = t.mail.lastCode(user.email);
    await t.call('POST', '/auth/change-password', {
      token: user.accessToken,
      body: { currentPassword: STRONG_PASSWORD, newPassword: NEW_PASSWORD },
    });
    expect((await resetWith(user.email, code)).status).toBe(400);
  });
});

describe('wrong codes for one address', () => {
  it('are counted across reset codes, ten before a lock that grows', async () => {
    const user = await signedInUser(t);
    await t.call('POST', '/auth/forgot-password', { body: { email: user.email } });
    const first = t.mail.lastCode(user.email);
    for (let i = 0; i < 5; i += 1) expect((await resetWith(user.email, wrongCode(first))).status).toBe(400);
    await t.call('POST', '/auth/forgot-password', { body: { email: user.email } });
    const second = t.mail.lastCode(user.email);
    for (let i = 0; i < 4; i += 1) expect((await resetWith(user.email, wrongCode(second))).status).toBe(400);

    const tenth = await resetWith(user.email, wrongCode(second));
    expect(tenth.status).toBe(429);
    expect(tenth.json.error.code).toBe('RATE_LIMITED');
    expect(Number(tenth.headers.get('retry-after'))).toBe(60);
    expect((await resetWith(user.email, second)).status).toBe(429);

    t.clock.advance(61_000);
    const relocked = await resetWith(user.email, wrongCode(second));
    expect(relocked.status).toBe(429);
    expect(Number(relocked.headers.get('retry-after'))).toBe(120);

    t.clock.advance(121_000);
    await t.call('POST', '/auth/forgot-password', { body: { email: user.email } });
    expect((await resetWith(user.email, t.mail.lastCode(user.email))).status).toBe(200);
  });

  it('lock an unknown address exactly as a known one, so the lock reveals nothing', async () => {
    const known = await signedInUser(t);
    const ghost = uniqueEmail('ghost');
    const answers = async (email: string) => {
      const statuses: number[] = [];
      for (let i = 0; i < 11; i += 1) statuses.push((await resetWith(email, '123456')).status);
      return statuses;
    };
    const expected = [...Array.from({ length: 9 }, () => 400), 429, 429];
    expect(await answers(ghost)).toEqual(expected);
    expect(await answers(known.email)).toEqual(expected);
  });

  it('are counted across confirmation codes too', async () => {
    const email = uniqueEmail('pending');
    await t.call('POST', '/auth/register', { body: { email, password: STRONG_PASSWORD, name: 'Pending' } });
    const confirm = (code: string) => t.call('POST', '/auth/confirm', { body: { email, code } });
    const first = t.mail.lastCode(email);
    for (let i = 0; i < 5; i += 1) expect((await confirm(wrongCode(first))).status).toBe(400);
    await t.call('POST', '/auth/resend-code', { body: { email } });
    const second = t.mail.lastCode(email);
    for (let i = 0; i < 4; i += 1) expect((await confirm(wrongCode(second))).status).toBe(400);
    expect((await confirm(wrongCode(second))).status).toBe(429);
    expect((await confirm(second)).status).toBe(429);
  });
});
