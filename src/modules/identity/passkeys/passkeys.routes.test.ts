import { generate } from 'otplib';
import { beforeAll, describe, expect, it } from 'vitest';
import { createSoftwareAuthenticator } from '../../../../test/helpers/software-authenticator.js';
import {
  createTestApp,
  STRONG_PASSWORD,
  signedInUser,
  type TestApp,
} from '../../../../test/helpers/test-app.js';
import { createSsoStore } from '../sso/sso-store.js';
import { createIdentityStore } from '../store.js';
import { createPasskeyStore } from './store.js';

/*
 * Passkeys through the HTTP API, in-process, with a software authenticator (a named fake speaking the
 * real WebAuthn formats, test/helpers/software-authenticator.ts) for the test app's default relying
 * party: FRONTEND_URL http://localhost:5173, so RP ID `localhost`.
 */

const ORIGIN = 'http://localhost:5173';
let t: TestApp;

beforeAll(async () => {
  t = await createTestApp();
});

type User = Awaited<ReturnType<typeof signedInUser>>;

async function stores() {
  const client = await t.deps.db.documentClient();
  return {
    identity: createIdentityStore(client, t.deps.db.tableName),
    sso: createSsoStore(client, t.deps.db.tableName),
    passkeys: createPasskeyStore(client, t.deps.db.tableName),
  };
}

async function registrationOptions(user: { accessToken: string }) {
  const options = await t.call('POST', '/user/passkeys/registration-options', { token: user.accessToken });
  expect(options.status).toBe(200);
  return options.json.data;
}

/** Registers a passkey for `user` with `authenticator`; returns the API's view of it. */
async function addPasskey(
  user: { accessToken: string },
  authenticator = createSoftwareAuthenticator({ origin: ORIGIN }),
  name?: string,
) {
  const credential = authenticator.create(await registrationOptions(user));
  const created = await t.call('POST', '/user/passkeys', {
    token: user.accessToken,
    body: { credential, ...(name ? { name } : {}) },
  });
  expect(created.status).toBe(201);
  return { passkey: created.json.data, authenticator };
}

async function signInOptions() {
  const options = await t.call('POST', '/auth/passkey/options');
  expect(options.status).toBe(200);
  return options.json.data;
}

async function eventTypes(user: { accessToken: string }) {
  const page = await t.call('GET', '/user/security-events?limit=100', { token: user.accessToken });
  return (page.json.data.items as { type: string; reason: string | null }[]).map((item) => item.type);
}

describe('registering a passkey', () => {
  it('asks for a discoverable, user-verified passkey and keeps the one the authenticator made', async () => {
    const user = await signedInUser(t, 'pk-register');
    const options = await registrationOptions(user);
    expect(options).toMatchObject({
      rp: { id: 'localhost', name: 'Amply' },
      user: { name: user.email, displayName: 'Test User' },
      attestation: 'none',
      authenticatorSelection: { residentKey: 'required', userVerification: 'required' },
    });
    const authenticator = createSoftwareAuthenticator({ origin: ORIGIN });
    const created = await t.call('POST', '/user/passkeys', {
      token: user.accessToken,
      body: { credential: authenticator.create(options), name: '  Work laptop ' },
    });
    expect(created.status).toBe(201);
    expect(created.json.data).toEqual({
      passkeyId: expect.stringMatching(/^pky_[0-9a-z]{26}$/),
      name: 'Work laptop',
      deviceType: 'singleDevice',
      backedUp: false,
      transports: ['internal'],
      createdAt: new Date(t.clock.now()).toISOString(),
      lastUsedAt: null,
    });
    const list = await t.call('GET', '/user/passkeys', { token: user.accessToken });
    expect(list.json.data).toEqual({ items: [created.json.data], nextCursor: null });
    expect(JSON.stringify(list.json)).not.toContain('publicKey');
    expect(await eventTypes(user)).toContain('passkey.registered');
  });

  it('offers the passkeys already registered as ones not to make again', async () => {
    const user = await signedInUser(t, 'pk-exclude');
    const { authenticator } = await addPasskey(user);
    const options = await registrationOptions(user);
    const credentialId = authenticator.credentials[0]?.id.toString('base64url');
    expect(options.excludeCredentials).toEqual([
      { id: credentialId, type: 'public-key', transports: ['internal'] },
    ]);
  });

  it('needs a recent sign-in or the current password', async () => {
    const user = await signedInUser(t, 'pk-recent');
    t.clock.advance(10 * 60 * 1000);
    const stale = await t.call('POST', '/user/passkeys/registration-options', { token: user.accessToken });
    expect(stale.status).toBe(401);
    expect(stale.json.error.code).toBe('AUTH_RECENT_LOGIN_REQUIRED');
    const withPassword = await t.call('POST', '/user/passkeys/registration-options', {
      token: user.accessToken,
      body: { currentPassword: STRONG_PASSWORD },
    });
    expect(withPassword.status).toBe(200);
  });

  it('refuses an answer from another origin, or without user verification', async () => {
    const user = await signedInUser(t, 'pk-origin');
    const authenticator = createSoftwareAuthenticator({ origin: ORIGIN });
    for (const overrides of [
      { origin: 'http://localhost:6666' },
      { userVerified: false },
      { rpId: 'evil.example' },
    ]) {
      const credential = authenticator.create(await registrationOptions(user), overrides);
      const refused = await t.call('POST', '/user/passkeys', {
        token: user.accessToken,
        body: { credential },
      });
      expect(refused.status).toBe(400);
      expect(refused.json.error.code).toBe('PASSKEY_REGISTRATION_REFUSED');
    }
    const list = await t.call('GET', '/user/passkeys', { token: user.accessToken });
    expect(list.json.data.items).toEqual([]);
  });

  it("refuses another user's challenge, a used one, an expired one and a sign-in one", async () => {
    const [owner, other] = await Promise.all([signedInUser(t, 'pk-own'), signedInUser(t, 'pk-other')]);
    const authenticator = createSoftwareAuthenticator({ origin: ORIGIN });
    const attempt = async (user: User, credential: unknown) =>
      t.call('POST', '/user/passkeys', { token: user.accessToken, body: { credential } });

    const ownersChallenge = authenticator.create(await registrationOptions(owner));
    const stolen = await attempt(other, ownersChallenge);
    expect(stolen.status).toBe(400);
    expect(stolen.json.error.code).toBe('PASSKEY_CEREMONY_INVALID');
    // The other user's attempt spent it: a challenge serves one attempt.
    expect((await attempt(owner, ownersChallenge)).json.error.code).toBe('PASSKEY_CEREMONY_INVALID');

    const used = authenticator.create(await registrationOptions(owner));
    expect((await attempt(owner, used)).status).toBe(201);
    expect((await attempt(owner, used)).json.error.code).toBe('PASSKEY_CEREMONY_INVALID');

    const late = authenticator.create(await registrationOptions(owner));
    t.clock.advance(5 * 60 * 1000 + 1);
    expect((await attempt(owner, late)).json.error.code).toBe('PASSKEY_CEREMONY_INVALID');

    const signIn = authenticator.create({
      ...(await registrationOptions(owner)),
      challenge: (await signInOptions()).challenge,
    });
    expect((await attempt(owner, signIn)).json.error.code).toBe('PASSKEY_CEREMONY_INVALID');
  });

  it('refuses a credential another account holds', async () => {
    const [owner, other] = await Promise.all([signedInUser(t, 'pk-cred'), signedInUser(t, 'pk-copy')]);
    const authenticator = createSoftwareAuthenticator({ origin: ORIGIN });
    const credential = authenticator.create(await registrationOptions(owner));
    expect(
      (await t.call('POST', '/user/passkeys', { token: owner.accessToken, body: { credential } })).status,
    ).toBe(201);
    // The same credential id, with a key of the copier's, answered to the other user's challenge.
    const copy = authenticator.create(await registrationOptions(other), {
      credentialId: Buffer.from(credential.id, 'base64url'),
    });
    const refused = await t.call('POST', '/user/passkeys', {
      token: other.accessToken,
      body: { credential: copy },
    });
    expect(refused.status).toBe(409);
    expect(refused.json.error.code).toBe('PASSKEY_ALREADY_REGISTERED');
  });

  it('answers 400 naming the field for a malformed credential, and 401 without a token', async () => {
    const user = await signedInUser(t, 'pk-malformed');
    const malformed = await t.call('POST', '/user/passkeys', {
      token: user.accessToken,
      body: { credential: { id: 'not base64!', rawId: 'x', type: 'public-key', response: {} } },
    });
    expect(malformed.status).toBe(400);
    expect(malformed.json.error.code).toBe('VALIDATION_ERROR');
    expect(malformed.json.error.details.map((detail: { field: string }) => detail.field)).toContain(
      'credential.id',
    );
    const garbage = await t.call('POST', '/user/passkeys', {
      token: user.accessToken,
      body: {
        credential: {
          id: 'abc',
          rawId: 'abc',
          type: 'public-key',
          response: { clientDataJSON: 'bm90LWpzb24', attestationObject: 'AAAA' },
        },
      },
    });
    expect(garbage.status).toBe(400);
    expect(garbage.json.error.code).toBe('PASSKEY_CEREMONY_INVALID');
    const anonymous = await t.call('POST', '/user/passkeys/registration-options');
    expect(anonymous.status).toBe(401);
  });
});

describe('signing in with a passkey', () => {
  it('signs in without an address, and the tokens work', async () => {
    const user = await signedInUser(t, 'pk-signin');
    const { authenticator, passkey } = await addPasskey(user);
    const options = await signInOptions();
    expect(options).toMatchObject({ rpId: 'localhost', userVerification: 'required' });
    expect(options.allowCredentials ?? []).toEqual([]);
    const signedIn = await t.call('POST', '/auth/passkey/verify', {
      body: { credential: authenticator.get(options) },
    });
    expect(signedIn.status).toBe(200);
    expect(signedIn.json.data).toMatchObject({ tokenType: 'Bearer', expiresIn: 3600 });
    const profile = await t.call('GET', '/user/profile', { token: signedIn.json.data.accessToken });
    expect(profile.json.data.userId).toBe(user.userId);
    const list = await t.call('GET', '/user/passkeys', { token: signedIn.json.data.accessToken });
    expect(list.json.data.items[0]).toMatchObject({
      passkeyId: passkey.passkeyId,
      lastUsedAt: new Date(t.clock.now()).toISOString(),
    });
    expect(await eventTypes(user)).toContain('login.succeeded');
    // A passkey sign-in is a recent sign-in: sensitive changes need no password right after.
    const fresh = await t.call('POST', '/user/passkeys/registration-options', {
      token: signedIn.json.data.accessToken,
    });
    expect(fresh.status).toBe(200);
  });

  it('satisfies MFA: no TOTP step after a passkey, though the password sign-in asks for one', async () => {
    const user = await signedInUser(t, 'pk-mfa');
    const { authenticator } = await addPasskey(user);
    const setup = await t.call('POST', '/auth/mfa/totp/setup', { token: user.accessToken, body: {} });
    const code = await generate({ secret: setup.json.data.secret, epoch: Math.floor(t.clock.now() / 1000) });
    expect(
      (await t.call('POST', '/auth/mfa/totp/enable', { token: user.accessToken, body: { code } })).status,
    ).toBe(200);
    const password = await t.call('POST', '/auth/login', {
      body: { email: user.email, password: STRONG_PASSWORD },
    });
    expect(password.json.data.challenge).toBe('MFA_REQUIRED');
    const passkey = await t.call('POST', '/auth/passkey/verify', {
      body: { credential: authenticator.get(await signInOptions()) },
    });
    expect(passkey.status).toBe(200);
    expect(passkey.json.data.accessToken).toEqual(expect.any(String));
  });

  it('refuses a signature counter that went backwards and records it', async () => {
    const user = await signedInUser(t, 'pk-counter');
    const { authenticator } = await addPasskey(user);
    const first = await t.call('POST', '/auth/passkey/verify', {
      body: { credential: authenticator.get(await signInOptions(), { counter: 5 }) },
    });
    expect(first.status).toBe(200);
    for (const counter of [5, 3]) {
      const cloned = await t.call('POST', '/auth/passkey/verify', {
        body: { credential: authenticator.get(await signInOptions(), { counter }) },
      });
      expect(cloned.status).toBe(401);
      expect(cloned.json.error.code).toBe('AUTH_INVALID_CREDENTIALS');
    }
    expect((await eventTypes(user)).filter((type) => type === 'passkey.counter_regressed')).toHaveLength(2);
    const onward = await t.call('POST', '/auth/passkey/verify', {
      body: { credential: authenticator.get(await signInOptions(), { counter: 6 }) },
    });
    expect(onward.status).toBe(200);
  });

  it('uses each challenge once, for five minutes, for sign-in only', async () => {
    const user = await signedInUser(t, 'pk-once');
    const { authenticator } = await addPasskey(user);
    const credential = authenticator.get(await signInOptions());
    expect((await t.call('POST', '/auth/passkey/verify', { body: { credential } })).status).toBe(200);
    const replay = await t.call('POST', '/auth/passkey/verify', { body: { credential } });
    expect(replay.status).toBe(400);
    expect(replay.json.error.code).toBe('PASSKEY_CEREMONY_INVALID');

    const late = authenticator.get(await signInOptions());
    t.clock.advance(5 * 60 * 1000 + 1);
    expect(
      (await t.call('POST', '/auth/passkey/verify', { body: { credential: late } })).json.error.code,
    ).toBe('PASSKEY_CEREMONY_INVALID');

    const registration = authenticator.get(await registrationOptions(await signedInUser(t, 'pk-purpose')));
    expect(
      (await t.call('POST', '/auth/passkey/verify', { body: { credential: registration } })).json.error.code,
    ).toBe('PASSKEY_CEREMONY_INVALID');
  });

  it('refuses an unknown credential, a forged signature, another origin and a missing user verification alike', async () => {
    const user = await signedInUser(t, 'pk-forged');
    const { authenticator } = await addPasskey(user);
    const stranger = createSoftwareAuthenticator({ origin: ORIGIN });
    stranger.create(await registrationOptions(user));
    const unknown = stranger.get(await signInOptions());
    const good = authenticator.get(await signInOptions());
    const forged = { ...good, response: { ...good.response, signature: unknown.response.signature } };
    const elsewhere = authenticator.get(await signInOptions(), { origin: 'http://localhost:6666' });
    const unverified = authenticator.get(await signInOptions(), { userVerified: false });
    for (const credential of [unknown, forged, elsewhere, unverified]) {
      const refused = await t.call('POST', '/auth/passkey/verify', { body: { credential } });
      expect(refused.status).toBe(401);
      expect(refused.json.error).toMatchObject({
        code: 'AUTH_INVALID_CREDENTIALS',
        message: 'This passkey was not accepted; sign in another way',
      });
    }
  });

  it("refuses a user handle that is not the credential's account", async () => {
    const [owner, other] = await Promise.all([signedInUser(t, 'pk-handle'), signedInUser(t, 'pk-handle2')]);
    const { authenticator } = await addPasskey(owner);
    const credential = authenticator.get(await signInOptions());
    const swapped = {
      ...credential,
      response: { ...credential.response, userHandle: Buffer.from(other.userId).toString('base64url') },
    };
    expect((await t.call('POST', '/auth/passkey/verify', { body: { credential: swapped } })).status).toBe(
      401,
    );
  });

  it('answers 400 for a malformed body and never a 500', async () => {
    for (const body of [{}, { credential: null }, { credential: { id: 'a' } }, 'not json at all']) {
      const response = await t.call('POST', '/auth/passkey/verify', { body });
      expect(response.status).toBe(400);
    }
  });
});

describe('renaming and removing passkeys', () => {
  it('renames a passkey and records it', async () => {
    const user = await signedInUser(t, 'pk-rename');
    const { passkey } = await addPasskey(user);
    const renamed = await t.call('PATCH', `/user/passkeys/${passkey.passkeyId}`, {
      token: user.accessToken,
      body: { name: 'Phone' },
    });
    expect(renamed.status).toBe(200);
    expect(renamed.json.data).toMatchObject({ passkeyId: passkey.passkeyId, name: 'Phone' });
    const list = await t.call('GET', '/user/passkeys', { token: user.accessToken });
    expect(list.json.data.items[0].name).toBe('Phone');
    expect(await eventTypes(user)).toContain('passkey.renamed');
    const bad = await t.call('PATCH', `/user/passkeys/${passkey.passkeyId}`, {
      token: user.accessToken,
      body: { name: 'a\u0007b' },
    });
    expect(bad.status).toBe(400);
    expect(bad.json.error.details[0].field).toBe('name');
  });

  it("answers 404 for another user's passkey, and leaves it alone", async () => {
    const [owner, intruder] = await Promise.all([signedInUser(t, 'pk-idor'), signedInUser(t, 'pk-intruder')]);
    const { passkey } = await addPasskey(owner);
    const path = `/user/passkeys/${passkey.passkeyId}`;
    const rename = await t.call('PATCH', path, { token: intruder.accessToken, body: { name: 'Mine now' } });
    expect(rename.status).toBe(404);
    expect(rename.json.error.code).toBe('PASSKEY_NOT_FOUND');
    const remove = await t.call('DELETE', path, { token: intruder.accessToken });
    expect(remove.status).toBe(404);
    const list = await t.call('GET', '/user/passkeys', { token: owner.accessToken });
    expect(list.json.data.items).toEqual([passkey]);
    const malformed = await t.call('DELETE', '/user/passkeys/not-an-id', { token: owner.accessToken });
    expect(malformed.status).toBe(400);
  });

  it('removes a passkey (a bodyless DELETE), which then signs nobody in', async () => {
    const user = await signedInUser(t, 'pk-remove');
    const { passkey, authenticator } = await addPasskey(user);
    const removed = await t.call('DELETE', `/user/passkeys/${passkey.passkeyId}`, {
      token: user.accessToken,
    });
    expect(removed.status).toBe(200);
    expect(removed.json.data).toEqual({ passkeyId: passkey.passkeyId, removed: true });
    expect((await t.call('GET', '/user/passkeys', { token: user.accessToken })).json.data.items).toEqual([]);
    expect(await eventTypes(user)).toContain('passkey.removed');
    const signIn = await t.call('POST', '/auth/passkey/verify', {
      body: { credential: authenticator.get(await signInOptions()) },
    });
    expect(signIn.status).toBe(401);
    const { passkeys } = await stores();
    expect(
      await passkeys.credentialClaim(authenticator.credentials[0]?.id.toString('base64url') ?? ''),
    ).toBeNull();
  });

  it('needs a recent sign-in or the password to remove one', async () => {
    const user = await signedInUser(t, 'pk-remove-recent');
    const { passkey } = await addPasskey(user);
    t.clock.advance(10 * 60 * 1000);
    const path = `/user/passkeys/${passkey.passkeyId}`;
    const stale = await t.call('DELETE', path, { token: user.accessToken });
    expect(stale.json.error.code).toBe('AUTH_RECENT_LOGIN_REQUIRED');
    const confirmed = await t.call('DELETE', path, {
      token: user.accessToken,
      body: { currentPassword: STRONG_PASSWORD },
    });
    expect(confirmed.status).toBe(200);
  });
});

describe('a passkey is a login method', () => {
  /** An account whose only ways in are its passkeys (and what the test links): no password. */
  async function passwordlessUser(label: string, passkeyCount: number) {
    const user = await signedInUser(t, label);
    const added = [];
    for (let index = 0; index < passkeyCount; index += 1) added.push(await addPasskey(user));
    const { identity } = await stores();
    expect(await identity.updateUser(user.userId, {}, ['passwordHash'])).toBe(true);
    return { user, passkeys: added.map((item) => item.passkey) };
  }

  it('refuses removing the last passkey of an account without a password or provider', async () => {
    const { user, passkeys } = await passwordlessUser('pk-last', 2);
    const first = await t.call('DELETE', `/user/passkeys/${passkeys[0].passkeyId}`, {
      token: user.accessToken,
    });
    expect(first.status).toBe(200);
    const last = await t.call('DELETE', `/user/passkeys/${passkeys[1].passkeyId}`, {
      token: user.accessToken,
    });
    expect(last.status).toBe(409);
    expect(last.json.error.code).toBe('AUTH_LAST_LOGIN_METHOD');
    expect((await t.call('GET', '/user/passkeys', { token: user.accessToken })).json.data.items).toHaveLength(
      1,
    );
  });

  it('lets only one of two racing removals take the last two passkeys', async () => {
    const { user, passkeys } = await passwordlessUser('pk-race', 2);
    const results = await Promise.all(
      passkeys.map((passkey) =>
        t.call('DELETE', `/user/passkeys/${passkey.passkeyId}`, { token: user.accessToken }),
      ),
    );
    expect(results.map((result) => result.status).sort()).toEqual([200, 409]);
    expect((await t.call('GET', '/user/passkeys', { token: user.accessToken })).json.data.items).toHaveLength(
      1,
    );
  });

  it('allows unlinking the last provider while a passkey exists, and not without one', async () => {
    const { user, passkeys } = await passwordlessUser('pk-unlink', 1);
    const { sso } = await stores();
    const link = async (subject: string) => {
      await sso.claimIdentity('google', subject, user.userId, new Date().toISOString());
      await sso.putLink({
        userId: user.userId,
        provider: 'google',
        subject,
        linkedAt: new Date().toISOString(),
      });
    };
    await link(`google-${user.userId}`);
    // The passkey is the way left: removing the passkey is allowed (the provider stays), and so is unlinking.
    const unlinked = await t.call('DELETE', '/user/auth-providers/google', { token: user.accessToken });
    expect(unlinked.status).toBe(200);
    await link(`google-2-${user.userId}`);
    const removed = await t.call('DELETE', `/user/passkeys/${passkeys[0].passkeyId}`, {
      token: user.accessToken,
    });
    expect(removed.status).toBe(200);
    const lastProvider = await t.call('DELETE', '/user/auth-providers/google', { token: user.accessToken });
    expect(lastProvider.status).toBe(409);
    expect(lastProvider.json.error.code).toBe('AUTH_LAST_LOGIN_METHOD');
  });
});

describe('passkeys and the account', () => {
  it('exports the passkeys and deletes them (and their credentials) with the account', async () => {
    const user = await signedInUser(t, 'pk-delete');
    const { passkey, authenticator } = await addPasskey(user, undefined, 'Laptop');
    const exported = await t.call('GET', '/user/export', { token: user.accessToken });
    expect(exported.json.data.passkeys).toEqual([passkey]);
    expect((await t.call('DELETE', '/user', { token: user.accessToken, body: {} })).status).toBe(200);
    const signIn = await t.call('POST', '/auth/passkey/verify', {
      body: { credential: authenticator.get(await signInOptions()) },
    });
    expect(signIn.status).toBe(401);
    const { passkeys } = await stores();
    expect(await passkeys.listPasskeys(user.userId)).toEqual([]);
    expect(
      await passkeys.credentialClaim(authenticator.credentials[0]?.id.toString('base64url') ?? ''),
    ).toBeNull();
  });
});
