import { generate } from 'otplib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  oidcProviderEnv,
  ssoSignIn,
  ssoTokens,
  startTestOidcProvider,
} from '../../../../test/helpers/oidc-provider.js';
import { createSoftwareAuthenticator } from '../../../../test/helpers/software-authenticator.js';
import {
  createTestApp,
  STRONG_PASSWORD,
  signedInUser,
  type TestApp,
  uniqueEmail,
} from '../../../../test/helpers/test-app.js';
import { startWebhookReceiver, type WebhookReceiver } from '../../../../test/helpers/webhook-receiver.js';

const FRONTEND = 'http://frontend.test';

let t: TestApp;
let dev: Awaited<ReturnType<typeof startTestOidcProvider>>;
let receiver: WebhookReceiver;
let admin: { accessToken: string; userId: string };

beforeAll(async () => {
  dev = await startTestOidcProvider();
  receiver = await startWebhookReceiver();
  t = await createTestApp({
    env: {
      ...oidcProviderEnv(dev, ['github']),
      FRONTEND_URL: FRONTEND,
      AMPLY_WEBHOOKS: JSON.stringify([{ url: `${receiver.baseUrl}/hook`, secret: 'w'.repeat(40) }]),
    },
  });
  const email = uniqueEmail('admin');
  const made = await t.modules.identity.provisionAdmin({ email, password: STRONG_PASSWORD, name: 'Admin' });
  const login = await t.call('POST', '/auth/login', { body: { email, password: STRONG_PASSWORD } });
  admin = { accessToken: login.json.data.accessToken, userId: made.userId };
});
afterAll(async () => {
  await Promise.all([dev.close(), receiver.close()]);
});

const asAdmin = (method: string, path: string) => t.call(method, path, { token: admin.accessToken });

async function registerUnconfirmed(email = uniqueEmail('pending')) {
  await t.call('POST', '/auth/register', { body: { email, password: STRONG_PASSWORD, name: 'Pending' } });
  const { userId } = (await t.modules.identity.findByEmail(email)) as { userId: string };
  return { email, userId };
}

const login = (email: string, password = STRONG_PASSWORD) =>
  t.call('POST', '/auth/login', { body: { email, password } });

describe('GET /admin/users?email=', () => {
  it('finds accounts by the start of their address, any case, page by page', async () => {
    const tag = `find${Date.now().toString(36)}`;
    const emails = ['carol', 'alice', 'bob'].map((name) => `${tag}-${name}@example.com`);
    for (const email of emails) await registerUnconfirmed(email);
    await registerUnconfirmed(`other-${tag}@example.com`);

    const first = await asAdmin('GET', `/admin/users?email=${tag.toUpperCase()}-&limit=2`);
    expect(first.status).toBe(200);
    expect(first.json.data.items.map((user: { email: string }) => user.email)).toEqual([
      `${tag}-alice@example.com`,
      `${tag}-bob@example.com`,
    ]);
    expect(first.json.data.items[0]).toMatchObject({ status: 'unconfirmed', disabledAt: null });
    expect(first.json.data.items[0]).not.toHaveProperty('passwordHash');
    const second = await asAdmin(
      'GET',
      `/admin/users?email=${tag}-&limit=2&cursor=${first.json.data.nextCursor}`,
    );
    expect(second.json.data.items.map((user: { email: string }) => user.email)).toEqual([
      `${tag}-carol@example.com`,
    ]);
    expect(second.json.data.nextCursor).toBeNull();

    // A cursor is good only for the search it came from.
    const elsewhere = await asAdmin('GET', `/admin/users?email=other&cursor=${first.json.data.nextCursor}`);
    expect(elsewhere.status).toBe(400);
  });

  it('needs an address prefix, and the admin scope', async () => {
    expect((await asAdmin('GET', '/admin/users')).status).toBe(400);
    expect((await asAdmin('GET', '/admin/users?email=')).status).toBe(400);
    const user = await signedInUser(t);
    const refused = await t.call('GET', `/admin/users?email=${user.email}`, { token: user.accessToken });
    expect(refused.status).toBe(403);
    expect(refused.json.error.code).toBe('FORBIDDEN');
    expect((await t.call('GET', '/admin/users?email=a')).status).toBe(401);
  });
});

describe('POST /admin/users/{userId}/disable and /enable', () => {
  it('refuses the account’s existing access tokens at once, on every route', async () => {
    const user = await signedInUser(t);
    // Checked (and remembered as active) before the disable.
    expect((await t.call('GET', '/user/profile', { token: user.accessToken })).status).toBe(200);
    const disabled = await asAdmin('POST', `/admin/users/${user.userId}/disable`);
    expect(disabled.status).toBe(200);
    expect(disabled.json.data.disabledAt).toEqual(expect.any(String));

    for (const [method, path] of [
      ['GET', '/user/profile'],
      ['GET', '/user/sessions'],
      ['GET', '/user/platforms'],
      ['GET', '/guitars'],
    ] as const) {
      const response = await t.call(method, path, { token: user.accessToken });
      expect(response.status, path).toBe(401);
    }
    const rename = await t.call('PUT', '/user/name', { token: user.accessToken, body: { name: 'Renamed' } });
    expect(rename.status).toBe(401);
  });

  it('ends every session and refuses sign-in with a password, a refresh or a mailed link with AUTH_USER_DISABLED', async () => {
    const user = await signedInUser(t);
    await asAdmin('POST', `/admin/users/${user.userId}/disable`);

    const password = await login(user.email);
    expect(password.status).toBe(403);
    expect(password.json.error.code).toBe('AUTH_USER_DISABLED');
    // Only once the password is right: a wrong one tells nothing about the account.
    const wrong = await login(user.email, 'Wrong-Password-000');
    expect(wrong.json.error.code).toBe('AUTH_INVALID_CREDENTIALS');

    const refresh = await t.call('POST', '/auth/refresh', { body: { refreshToken: user.refreshToken } });
    expect(refresh.status).toBe(403);
    expect(refresh.json.error.code).toBe('AUTH_USER_DISABLED');

    await t.call('POST', '/auth/sign-in-link', { body: { email: user.email } });
    const text = t.mail.to(user.email).at(-1)?.text ?? '';
    const code = /#code=([A-Za-z0-9_-]{43})/.exec(text)?.[1];
    expect(code).toBeDefined();
    const link = await t.call('POST', '/auth/token', { body: { code } });
    expect(link.status).toBe(403);
    expect(link.json.error.code).toBe('AUTH_USER_DISABLED');
  });

  it('asks a disabled account with TOTP on for no second factor, and refuses its pending one', async () => {
    const user = await signedInUser(t);
    const setup = await t.call('POST', '/auth/mfa/totp/setup', { token: user.accessToken, body: {} });
    const secret = setup.json.data.secret as string;
    const totp = () => generate({ secret, epoch: Math.floor(t.clock.now() / 1000) });
    await t.call('POST', '/auth/mfa/totp/enable', { token: user.accessToken, body: { code: await totp() } });
    const pending = await login(user.email);
    expect(pending.json.data.challenge).toBe('MFA_REQUIRED');

    await asAdmin('POST', `/admin/users/${user.userId}/disable`);
    const refused = await login(user.email);
    expect(refused.status).toBe(403);
    expect(refused.json.error.code).toBe('AUTH_USER_DISABLED');
    t.clock.advance(30_000);
    const second = await t.call('POST', '/auth/mfa/verify', {
      body: { session: pending.json.data.session, code: await totp() },
    });
    expect(second.status).toBe(403);
    expect(second.json.error.code).toBe('AUTH_USER_DISABLED');
  });

  it('refuses passkey sign-in to a disabled account, once the passkey is proved', async () => {
    const user = await signedInUser(t);
    // The test app's relying party: FRONTEND_URL's origin.
    const authenticator = createSoftwareAuthenticator({ origin: FRONTEND });
    const creation = await t.call('POST', '/user/passkeys/registration-options', { token: user.accessToken });
    const created = await t.call('POST', '/user/passkeys', {
      token: user.accessToken,
      body: { credential: authenticator.create(creation.json.data) },
    });
    expect(created.status).toBe(201);
    await asAdmin('POST', `/admin/users/${user.userId}/disable`);

    const options = await t.call('POST', '/auth/passkey/options');
    const refused = await t.call('POST', '/auth/passkey/verify', {
      body: { credential: authenticator.get(options.json.data) },
    });
    expect(refused.status).toBe(403);
    expect(refused.json.error.code).toBe('AUTH_USER_DISABLED');
  });

  it('refuses SSO sign-in to a disabled account', async () => {
    const person = { email: uniqueEmail('sso'), emailVerified: true };
    const tokens = await ssoTokens(t, 'github', person);
    const { userId } = (await t.call('GET', '/user/profile', { token: tokens.accessToken })).json.data;
    await asAdmin('POST', `/admin/users/${userId}/disable`);
    const { fragment } = await ssoSignIn(t, 'github', person);
    const exchanged = await t.call('POST', '/auth/token', { body: { code: fragment.get('code') } });
    expect(exchanged.status).toBe(403);
    expect(exchanged.json.error.code).toBe('AUTH_USER_DISABLED');
  });

  it('enables the account again: new sign-ins work, sessions from before stay ended', async () => {
    const user = await signedInUser(t);
    await asAdmin('POST', `/admin/users/${user.userId}/disable`);
    const enabled = await asAdmin('POST', `/admin/users/${user.userId}/enable`);
    expect(enabled.status).toBe(200);
    expect(enabled.json.data.disabledAt).toBeNull();

    const again = await login(user.email);
    expect(again.status).toBe(200);
    const old = await t.call('POST', '/auth/refresh', { body: { refreshToken: user.refreshToken } });
    expect(old.status).toBe(401);
    const sessions = await t.call('GET', '/user/sessions', { token: again.json.data.accessToken });
    expect(sessions.json.data.items).toHaveLength(1);
    expect(sessions.json.data.items[0].current).toBe(true);
  });

  it('records each change on the account naming the administrator, and tells other systems', async () => {
    const user = await signedInUser(t);
    await asAdmin('POST', `/admin/users/${user.userId}/disable`);
    // A second disable changes nothing and records nothing.
    expect((await asAdmin('POST', `/admin/users/${user.userId}/disable`)).status).toBe(200);
    await asAdmin('POST', `/admin/users/${user.userId}/enable`);

    const trail = await asAdmin('GET', `/admin/users/${user.userId}/security-events?limit=3`);
    expect(
      trail.json.data.items.map((event: { type: string; adminId: string | null }) => [
        event.type,
        event.adminId,
      ]),
    ).toEqual([
      ['account.enabled', admin.userId],
      ['account.disabled', admin.userId],
      ['login.succeeded', null],
    ]);

    await t.deps.eventDispatcher.dispatch();
    const delivered = receiver.requests
      .map((request) => JSON.parse(request.body))
      .filter((event: { subject: string }) => event.subject === user.userId)
      .map((event: { type: string; data: unknown }) => [event.type, event.data]);
    expect(delivered.slice(-2)).toEqual([
      ['user.disabled', { userId: user.userId }],
      ['user.enabled', { userId: user.userId }],
    ]);
  });

  it('answers 404 for an unknown account, 409 for the administrator’s own, 403 to a non-administrator', async () => {
    const unknown = await asAdmin('POST', `/admin/users/usr_${'0'.repeat(26)}/disable`);
    expect(unknown.status).toBe(404);
    expect(unknown.json.error.code).toBe('USER_NOT_FOUND');
    const self = await asAdmin('POST', `/admin/users/${admin.userId}/disable`);
    expect(self.status).toBe(409);
    expect(self.json.error.code).toBe('ADMIN_CANNOT_DISABLE_SELF');

    const user = await signedInUser(t);
    const victim = await signedInUser(t, 'victim');
    for (const action of ['disable', 'enable', 'resend-confirmation']) {
      const response = await t.call('POST', `/admin/users/${victim.userId}/${action}`, {
        token: user.accessToken,
      });
      expect(response.status, action).toBe(403);
    }
    expect((await t.call('GET', '/user/profile', { token: victim.accessToken })).status).toBe(200);
  });
});

describe('POST /admin/users/{userId}/resend-confirmation', () => {
  it('mails an unconfirmed account a new code that replaces the old one, and records it', async () => {
    const pending = await registerUnconfirmed();
    const oldCode = t.mail.lastCode(pending.email);
    const response = await asAdmin('POST', `/admin/users/${pending.userId}/resend-confirmation`);
    expect(response.status).toBe(202);
    expect(response.json.data.delivery.medium).toBe('EMAIL');
    const newCode = t.mail.lastCode(pending.email);
    expect(newCode).not.toBe(oldCode);
    const stale = await t.call('POST', '/auth/confirm', { body: { email: pending.email, code: oldCode } });
    expect(stale.status).toBe(400);
    const confirmed = await t.call('POST', '/auth/confirm', {
      body: { email: pending.email, code: newCode },
    });
    expect(confirmed.status).toBe(200);

    const trail = await asAdmin('GET', `/admin/users/${pending.userId}/security-events`);
    expect(trail.json.data.items).toContainEqual(
      expect.objectContaining({ type: 'account.confirmation_resent', adminId: admin.userId }),
    );
  });

  it('answers 409 for a confirmed account and 404 for an unknown one', async () => {
    const user = await signedInUser(t);
    const confirmed = await asAdmin('POST', `/admin/users/${user.userId}/resend-confirmation`);
    expect(confirmed.status).toBe(409);
    expect(confirmed.json.error.code).toBe('AUTH_USER_ALREADY_CONFIRMED');
    const unknown = await asAdmin('POST', `/admin/users/usr_${'0'.repeat(26)}/resend-confirmation`);
    expect(unknown.status).toBe(404);
  });
});
