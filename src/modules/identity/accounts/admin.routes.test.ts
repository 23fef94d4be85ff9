import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  oidcProviderEnv,
  type ProviderUser,
  ssoTokens,
  startTestOidcProvider,
} from '../../../../test/helpers/oidc-provider.js';
import {
  createTestApp,
  STRONG_PASSWORD,
  signedInUser,
  type TestApp,
  uniqueEmail,
} from '../../../../test/helpers/test-app.js';

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

/** The scopes an access token carries. */
function scopesOf(accessToken: string): string[] {
  const payload = JSON.parse(Buffer.from(accessToken.split('.')[1] as string, 'base64url').toString());
  return (payload.scope as string).split(' ');
}

describe('admin membership by configured address', () => {
  let dev: Awaited<ReturnType<typeof startTestOidcProvider>>;
  let app: TestApp;
  const boss = uniqueEmail('boss');

  beforeAll(async () => {
    dev = await startTestOidcProvider();
    app = await createTestApp({
      env: { ...oidcProviderEnv(dev, ['google', 'github', 'spotify']), AMPLY_ADMIN_EMAILS: boss },
    });
  });
  afterAll(() => dev.close());

  const claimingBoss = (email: string): ProviderUser => ({ email, emailVerified: false });

  it('is never earned by an address a provider did not verify, trusted provider or not', async () => {
    const victim = await signedInUser(app, 'victim');
    for (const provider of ['github', 'spotify', 'google']) {
      const tokens = await ssoTokens(app, provider, claimingBoss(boss));
      expect(scopesOf(tokens.accessToken), provider).not.toContain('admin');
      const events = await app.call('GET', `/admin/users/${victim.userId}/security-events`, {
        token: tokens.accessToken,
      });
      expect(events.status, provider).toBe(403);
      const refreshed = await app.call('POST', '/auth/refresh', {
        body: { refreshToken: tokens.refreshToken },
      });
      expect(scopesOf(refreshed.json.data.accessToken), provider).not.toContain('admin');
    }
  });

  it('is earned once the account proves the mailbox with the code mailed to the address', async () => {
    const address = uniqueEmail('later-boss');
    const named = await createTestApp({
      db: app.deps.db,
      env: { ...oidcProviderEnv(dev, ['github']), AMPLY_ADMIN_EMAILS: address },
    });
    const tokens = await ssoTokens(named, 'github', claimingBoss(address));
    expect(scopesOf(tokens.accessToken)).not.toContain('admin');
    const requested = await named.call('PUT', '/user/profile', {
      token: tokens.accessToken,
      body: { email: address },
    });
    expect(requested.json.data).toMatchObject({
      email: address,
      emailVerified: false,
      pendingEmail: address,
    });
    const confirmed = await named.call('POST', '/user/email/confirm', {
      token: tokens.accessToken,
      body: { code: named.mail.lastCode(address) },
    });
    expect(confirmed.json.data).toMatchObject({ email: address, emailVerified: true, pendingEmail: null });
    const refreshed = await named.call('POST', '/auth/refresh', {
      body: { refreshToken: tokens.refreshToken },
    });
    expect(scopesOf(refreshed.json.data.accessToken)).toContain('admin');
  });

  it('is not given by an administrator confirming an account whose address was never proved', async () => {
    const address = uniqueEmail('claimed');
    const named = await createTestApp({
      db: app.deps.db,
      env: { ...oidcProviderEnv(dev, ['github']), AMPLY_ADMIN_EMAILS: `${address},${boss}` },
    });
    const ops = uniqueEmail('ops');
    await named.modules.identity.provisionAdmin({ email: ops, password: STRONG_PASSWORD, name: 'Ops' });
    const adminLogin = await named.call('POST', '/auth/login', {
      body: { email: ops, password: STRONG_PASSWORD },
    });
    const tokens = await ssoTokens(named, 'github', claimingBoss(address));
    const { userId } = (await named.call('GET', '/user/profile', { token: tokens.accessToken })).json.data;
    await named.call('POST', `/admin/users/${userId}/confirm`, { token: adminLogin.json.data.accessToken });
    const profile = await named.call('GET', '/user/profile', { token: tokens.accessToken });
    expect(profile.json.data.emailVerified).toBe(false);
    const refreshed = await named.call('POST', '/auth/refresh', {
      body: { refreshToken: tokens.refreshToken },
    });
    expect(scopesOf(refreshed.json.data.accessToken)).not.toContain('admin');
  });

  it('treats an unproved address as no sign-in address: its wrong passwords do not lock out the owner', async () => {
    const address = uniqueEmail('owner');
    const squatter = await ssoTokens(app, 'github', claimingBoss(address));
    await app.call('POST', '/auth/register', {
      body: { email: address, password: STRONG_PASSWORD, name: 'Owner' },
    });
    await app.call('POST', '/auth/confirm', { body: { email: address, code: app.mail.lastCode(address) } });
    for (let i = 0; i < 6; i += 1) {
      await app.call('DELETE', '/user', {
        token: squatter.accessToken,
        body: { currentPassword: `Wrong-Password-${i}00` },
      });
    }
    const owner = await app.call('POST', '/auth/login', {
      body: { email: address, password: STRONG_PASSWORD },
    });
    expect(owner.status).toBe(200);
  });
});
