import { beforeAll, describe, expect, it } from 'vitest';
import {
  createTestApp,
  STRONG_PASSWORD,
  signedInUser,
  type TestApp,
} from '../../../../test/helpers/test-app.js';

let t: TestApp;

beforeAll(async () => {
  t = await createTestApp();
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
