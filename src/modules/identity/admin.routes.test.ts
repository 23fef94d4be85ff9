import { beforeAll, describe, expect, it } from 'vitest';
import {
  createTestApp,
  STRONG_PASSWORD,
  signedInUser,
  type TestApp,
  uniqueEmail,
} from '../../../test/helpers/test-app.js';

let t: TestApp;
let admin: Awaited<ReturnType<typeof signedInUser>>;

beforeAll(async () => {
  const adminEmail = uniqueEmail('admin');
  t = await createTestApp({ env: { AMPLY_ADMIN_EMAILS: adminEmail.toUpperCase() } });
  await t.call('POST', '/auth/register', {
    body: { email: adminEmail, password: STRONG_PASSWORD, name: 'Admin' },
  });
  await t.call('POST', '/auth/confirm', { body: { email: adminEmail, code: t.mail.lastCode(adminEmail) } });
  const login = await t.call('POST', '/auth/login', {
    body: { email: adminEmail, password: STRONG_PASSWORD },
  });
  admin = { ...login.json.data, email: adminEmail };
});

async function registerUnconfirmed() {
  const email = uniqueEmail();
  await t.call('POST', '/auth/register', { body: { email, password: STRONG_PASSWORD, name: 'Pending' } });
  const { userId } = (await t.modules.identity.findByEmail(email)) as { userId: string };
  return { email, userId };
}

describe('POST /admin/users/{userId}/confirm', () => {
  it('confirms an account for an administrator named in AMPLY_ADMIN_EMAILS', async () => {
    const pending = await registerUnconfirmed();
    const response = await t.call('POST', `/admin/users/${pending.userId}/confirm`, {
      token: admin.accessToken,
    });
    expect(response.status).toBe(200);
    expect(response.json.data).toMatchObject({ userId: pending.userId, emailVerified: true });
    expect(
      (await t.call('POST', '/auth/login', { body: { email: pending.email, password: STRONG_PASSWORD } }))
        .status,
    ).toBe(200);
  });

  it('answers 403 FORBIDDEN to a user without the admin scope', async () => {
    const user = await signedInUser(t);
    const pending = await registerUnconfirmed();
    const response = await t.call('POST', `/admin/users/${pending.userId}/confirm`, {
      token: user.accessToken,
    });
    expect(response.status).toBe(403);
    expect(response.json.error.code).toBe('FORBIDDEN');
  });

  it('answers 404 USER_NOT_FOUND for an unknown user and 400 for a malformed id', async () => {
    const missing = await t.call('POST', `/admin/users/usr_${'0'.repeat(26)}/confirm`, {
      token: admin.accessToken,
    });
    expect(missing.status).toBe(404);
    expect(missing.json.error.code).toBe('USER_NOT_FOUND');
    const malformed = await t.call('POST', '/admin/users/not-an-id/confirm', { token: admin.accessToken });
    expect(malformed.status).toBe(400);
    expect(malformed.json.error.details[0].field).toBe('userId');
  });

  it('records the confirmation in the user’s security events, readable by the administrator', async () => {
    const pending = await registerUnconfirmed();
    await t.call('POST', `/admin/users/${pending.userId}/confirm`, { token: admin.accessToken });
    const events = await t.call('GET', `/admin/users/${pending.userId}/security-events`, {
      token: admin.accessToken,
    });
    expect(events.status).toBe(200);
    expect(events.json.data.items.map((event: { type: string }) => event.type)).toEqual([
      'account.confirmed_by_admin',
      'account.registered',
    ]);
  });
});

describe('operator provisioning', () => {
  it('makes a confirmed administrator whose tokens carry the admin scope', async () => {
    const email = uniqueEmail('ops');
    const result = await t.modules.identity.provisionAdmin({ email, password: STRONG_PASSWORD, name: 'Ops' });
    expect(result.created).toBe(true);
    const login = await t.call('POST', '/auth/login', { body: { email, password: STRONG_PASSWORD } });
    const payload = JSON.parse(
      Buffer.from(login.json.data.accessToken.split('.')[1], 'base64url').toString(),
    );
    expect(payload.scope.split(' ')).toContain('admin');
  });

  it('promotes an existing account instead of making a second one', async () => {
    const user = await signedInUser(t);
    const result = await t.modules.identity.provisionAdmin({
      email: user.email,
      password: 'ignored',
      name: 'x',
    });
    expect(result).toEqual({ userId: user.userId, created: false });
  });
});
