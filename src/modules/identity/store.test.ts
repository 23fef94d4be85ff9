import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { beforeAll, describe, expect, it } from 'vitest';
import { createTestTable } from '../../../test/helpers/test-app.js';
import { newId } from '../../ids.js';
import { createIdentityStore, type IdentityStore, type UserItem } from './store.js';

let store: IdentityStore;
let db: Awaited<ReturnType<typeof createTestTable>>;

beforeAll(async () => {
  db = await createTestTable();
  store = createIdentityStore(await db.documentClient(), db.tableName);
});

function aUser(overrides: Partial<UserItem> = {}): UserItem {
  const userId = newId('usr');
  return {
    userId,
    email: `${userId}@example.com`,
    displayName: 'Store Test',
    status: 'unconfirmed',
    emailVerified: false,
    primaryAuthProvider: 'password',
    mfaEnabled: false,
    createdAt: '2026-11-21T12:00:00.000Z',
    updatedAt: '2026-11-21T12:00:00.000Z',
    ...overrides,
  };
}

describe('identity store', () => {
  it('lets exactly one of many concurrent claims on an address win', async () => {
    const email = `${newId('usr')}@example.com`;
    const results = await Promise.all(
      Array.from({ length: 20 }, () => store.claimEmail(email, newId('usr'), '2026-11-21T12:00:00.000Z')),
    );
    expect(results.filter(Boolean)).toHaveLength(1);
  });

  it('releases a claim only for the user holding it', async () => {
    const email = `${newId('usr')}@example.com`;
    const owner = newId('usr');
    await store.claimEmail(email, owner, '2026-11-21T12:00:00.000Z');
    expect(await store.releaseEmail(email, newId('usr'))).toBe(false);
    expect(await store.releaseEmail(email, owner)).toBe(true);
    expect(await store.getEmailClaim(email)).toBeNull();
  });

  it('finds a user by address only while the user still has that address', async () => {
    const user = aUser();
    await store.claimEmail(user.email, user.userId, user.createdAt);
    expect(await store.findUserByEmail(user.email)).toBeNull();
    await store.createUser(user);
    expect((await store.findUserByEmail(user.email))?.userId).toBe(user.userId);
    await store.updateUser(user.userId, { email: 'someone-else@example.com' });
    expect(await store.findUserByEmail(user.email)).toBeNull();
  });

  it('updates a user only when the expected address still matches, and never creates one', async () => {
    const user = aUser();
    await store.createUser(user);
    expect(
      await store.updateUser(user.userId, { displayName: 'New' }, [], { email: 'wrong@example.com' }),
    ).toBe(false);
    expect(await store.updateUser(user.userId, { displayName: 'New' }, [], { email: user.email })).toBe(true);
    expect((await store.getUser(user.userId))?.displayName).toBe('New');
    expect(await store.updateUser(newId('usr'), { displayName: 'Ghost' })).toBe(false);
  });

  it('removes fields named for removal', async () => {
    const user = aUser({ avatarUrl: 'https://example.com/a.png', pendingEmail: 'next@example.com' });
    await store.createUser(user);
    await store.updateUser(user.userId, { updatedAt: '2026-11-21T13:00:00.000Z' }, [
      'avatarUrl',
      'pendingEmail',
    ]);
    const stored = await store.getUser(user.userId);
    expect(stored?.avatarUrl).toBeUndefined();
    expect(stored?.pendingEmail).toBeUndefined();
  });

  it('allows at most the maximum number of code attempts however many race', async () => {
    const userId = newId('usr');
    await store.putCode({
      userId,
      purpose: 'confirm-account',
      codeHash: 'h1',
      attempts: 0,
      expiresAt: Date.now() + 60_000,
    });
    const taken = await Promise.all(
      Array.from({ length: 12 }, () => store.takeCodeAttempt(userId, 'confirm-account', 'h1', 5)),
    );
    expect(taken.filter(Boolean)).toHaveLength(5);
    expect((await store.getCode(userId, 'confirm-account'))?.attempts).toBe(5);
  });

  it('spends a code once, and not after it was replaced', async () => {
    const userId = newId('usr');
    await store.putCode({
      userId,
      purpose: 'reset-password',
      codeHash: 'old',
      attempts: 0,
      expiresAt: Date.now() + 60_000,
    });
    await store.putCode({
      userId,
      purpose: 'reset-password',
      codeHash: 'new',
      attempts: 0,
      expiresAt: Date.now() + 60_000,
    });
    expect(await store.spendCode(userId, 'reset-password', 'old')).toBe(false);
    const spent = await Promise.all([
      store.spendCode(userId, 'reset-password', 'new'),
      store.spendCode(userId, 'reset-password', 'new'),
    ]);
    expect(spent.filter(Boolean)).toHaveLength(1);
  });

  it('records when a refresh token was first spent, whoever spends it later', async () => {
    const userId = newId('usr');
    await store.putRefreshTokenOnce({
      userId,
      tokenHash: 'rt1',
      sessionId: 'ses_x',
      expiresAt: Date.now() + 60_000,
    });
    expect(await store.spendRefreshToken(userId, 'rt1', 1000)).toBe(1000);
    expect(await store.spendRefreshToken(userId, 'rt1', 5000)).toBe(1000);
  });

  it('keeps the first copy when the same refresh token is stored twice', async () => {
    const userId = newId('usr');
    await store.putRefreshTokenOnce({ userId, tokenHash: 'rt2', sessionId: 'ses_x', expiresAt: 10 });
    await store.spendRefreshToken(userId, 'rt2', 7);
    await store.putRefreshTokenOnce({ userId, tokenHash: 'rt2', sessionId: 'ses_x', expiresAt: 20 });
    const stored = await store.getRefreshToken(userId, 'rt2');
    expect(stored?.spentAt).toBe(7);
    expect(stored?.expiresAt).toBe(10);
  });

  it('accepts each TOTP time step once and never an earlier one', async () => {
    const user = aUser({ mfaEnabled: true });
    await store.createUser(user);
    const first = await Promise.all([
      store.acceptTimeStep(user.userId, 100, 'x'),
      store.acceptTimeStep(user.userId, 100, 'x'),
    ]);
    expect(first.filter(Boolean)).toHaveLength(1);
    expect(await store.acceptTimeStep(user.userId, 99, 'x')).toBe(false);
    expect(await store.acceptTimeStep(user.userId, 101, 'x')).toBe(true);
  });

  it('spends a recovery code once', async () => {
    const user = aUser({ recoveryCodeHashes: ['a', 'b'] });
    await store.createUser(user);
    const spent = await Promise.all([
      store.spendRecoveryCode(user.userId, 'a', 'x'),
      store.spendRecoveryCode(user.userId, 'a', 'x'),
    ]);
    expect(spent.filter(Boolean)).toHaveLength(1);
    expect((await store.getUser(user.userId))?.recoveryCodeHashes).toEqual(['b']);
  });

  it('revokes a session once, keeping the first reason', async () => {
    const userId = newId('usr');
    const sessionId = newId('ses');
    await store.createSession({
      userId,
      sessionId,
      createdAt: 1,
      expiresAt: Date.now() + 60_000,
      authTime: 1,
      methods: ['password'],
    });
    expect(await store.revokeSession(userId, sessionId, 10, 'logout')).toBe(true);
    expect(await store.revokeSession(userId, sessionId, 20, 'reuse')).toBe(false);
    expect((await store.getSession(userId, sessionId))?.revokedReason).toBe('logout');
    expect(await store.revokeSession(userId, newId('ses'), 10, 'logout')).toBe(false);
  });

  it('pages live sessions newest first, leaving out revoked and ended ones', async () => {
    const userId = newId('usr');
    const now = Date.UTC(2026, 10, 21, 12);
    const ids = [1, 2, 3, 4, 5].map((minute) => newId('ses', now + minute * 60_000));
    for (const [index, sessionId] of ids.entries()) {
      await store.createSession({
        userId,
        sessionId,
        createdAt: now,
        // The second one has ended by `now`.
        expiresAt: index === 1 ? now - 1 : now + 60_000,
        authTime: 1,
        methods: ['password'],
      });
    }
    await store.revokeSession(userId, ids[3] as string, now, 'logout');
    await store.createSession({
      userId: newId('usr'),
      sessionId: newId('ses', now + 6 * 60_000),
      createdAt: now,
      expiresAt: now + 60_000,
      authTime: 1,
    });
    const first = await store.listLiveSessions(userId, now, 2, null);
    expect(first.items.map((item) => item.sessionId)).toEqual([ids[4], ids[2]]);
    expect(first.cursor).not.toBeNull();
    const second = await store.listLiveSessions(userId, now, 2, first.cursor);
    expect(second.items.map((item) => item.sessionId)).toEqual([ids[0]]);
    expect(second.cursor).toBeNull();
  });

  it('records a session use once per window, and never on a revoked or missing session', async () => {
    const userId = newId('usr');
    const sessionId = newId('ses');
    await store.createSession({
      userId,
      sessionId,
      createdAt: 0,
      lastUsedAt: 0,
      expiresAt: 1e13,
      authTime: 0,
    });
    const window = 300_000;
    const uses = await Promise.all(
      Array.from({ length: 10 }, () => store.touchSession(userId, sessionId, 1_000_000, 1_000_000 - window)),
    );
    expect(uses.filter(Boolean)).toHaveLength(1);
    expect(await store.touchSession(userId, sessionId, 1_200_000, 1_200_000 - window)).toBe(false);
    expect(await store.touchSession(userId, sessionId, 1_400_000, 1_400_000 - window)).toBe(true);
    expect((await store.getSession(userId, sessionId))?.lastUsedAt).toBe(1_400_000);
    await store.revokeSession(userId, sessionId, 1_500_000, 'logout');
    expect(await store.touchSession(userId, sessionId, 9_000_000, 9_000_000 - window)).toBe(false);
    expect(await store.touchSession(userId, newId('ses'), 9_000_000, 9_000_000 - window)).toBe(false);
    expect(await store.getSession(userId, newId('ses'))).toBeNull();
  });

  it('finds users by address prefix in address order, page by page, following an address change', async () => {
    const tag = newId('usr').slice(-8);
    const emails = ['b', 'a', 'c'].map((letter) => `q${tag}-${letter}@example.com`);
    const users = emails.map((email) => aUser({ email }));
    for (const user of users) await store.createUser(user);
    await store.createUser(aUser({ email: `r${tag}-a@example.com` }));

    const first = await store.findUsersByEmailPrefix(`q${tag}-`, 2, null);
    expect(first.items.map((item) => item.email)).toEqual([emails[1], emails[0]]);
    const second = await store.findUsersByEmailPrefix(`q${tag}-`, 2, first.cursor);
    expect(second.items.map((item) => item.email)).toEqual([emails[2]]);
    expect(second.cursor).toBeNull();

    const moved = users[0] as UserItem;
    await store.updateUser(moved.userId, { email: `z${tag}@example.com`, updatedAt: moved.createdAt });
    expect((await store.findUsersByEmailPrefix(`q${tag}-b`, 10, null)).items).toEqual([]);
    expect(
      (await store.findUsersByEmailPrefix(`z${tag}`, 10, null)).items.map((item) => item.userId),
    ).toEqual([moved.userId]);
    await store.deleteUser(moved.userId);
    expect((await store.findUsersByEmailPrefix(`z${tag}`, 10, null)).items).toEqual([]);
  });

  it('puts user items written before the search index into it, once', async () => {
    const tag = newId('usr').slice(-8);
    const user = aUser({ email: `old${tag}@example.com` });
    await store.createUser(user);
    // As a user item written before the index existed: without the index attributes.
    await (await db.documentClient()).send(
      new UpdateCommand({
        TableName: db.tableName,
        Key: { pk: `USER#${user.userId}`, sk: 'PROFILE' },
        UpdateExpression: 'REMOVE emailInitial, gsi1pk, gsi1sk',
      }),
    );
    expect((await store.findUsersByEmailPrefix(`old${tag}`, 10, null)).items).toEqual([]);
    expect(await store.indexUsersForSearch()).toBeGreaterThanOrEqual(1);
    expect(
      (await store.findUsersByEmailPrefix(`old${tag}`, 10, null)).items.map((item) => item.userId),
    ).toEqual([user.userId]);
    expect(await store.indexUsersForSearch()).toBe(0);
  });

  it('disables and enables an account once each, and never one that does not exist', async () => {
    const user = aUser();
    await store.createUser(user);
    expect(await store.disableUser(user.userId, '2026-11-21T13:00:00.000Z')).toBe(true);
    expect(await store.disableUser(user.userId, '2026-11-21T14:00:00.000Z')).toBe(false);
    expect((await store.getUser(user.userId))?.disabledAt).toBe('2026-11-21T13:00:00.000Z');
    expect(await store.enableUser(user.userId, '2026-11-21T15:00:00.000Z')).toBe(true);
    expect(await store.enableUser(user.userId, '2026-11-21T15:00:00.000Z')).toBe(false);
    expect((await store.getUser(user.userId))?.disabledAt).toBeUndefined();
    expect(await store.disableUser(newId('usr'), '2026-11-21T13:00:00.000Z')).toBe(false);
    expect(await store.getUser(newId('usr'))).toBeNull();
  });

  it('limits MFA attempts and lets a challenge be spent once', async () => {
    const challengeHash = newId('ses');
    await store.createMfaChallenge({
      challengeHash,
      userId: newId('usr'),
      attempts: 0,
      expiresAt: Date.now() + 60_000,
    });
    const taken = await Promise.all(Array.from({ length: 8 }, () => store.takeMfaAttempt(challengeHash, 5)));
    expect(taken.filter(Boolean)).toHaveLength(5);
    const spent = await Promise.all([
      store.spendMfaChallenge(challengeHash),
      store.spendMfaChallenge(challengeHash),
    ]);
    expect(spent.filter(Boolean)).toHaveLength(1);
  });

  it('lets no more attempts than the threshold through, however many race', async () => {
    const key = newId('usr');
    const now = Date.now();
    const reserved = await Promise.all(
      Array.from({ length: 20 }, () => store.reserveAttempt(key, 5, now, 2_000_000_000)),
    );
    expect(
      reserved
        .map((result) => result?.attempts)
        .filter((count) => count !== undefined)
        .sort(),
    ).toEqual([1, 2, 3, 4, 5]);
  });

  it('refuses attempts while locked, locks once, and reopens one attempt after the lock', async () => {
    const key = newId('usr');
    const now = Date.now();
    await store.reserveAttempt(key, 1, now, 2_000_000_000);
    expect(await store.recordFailure(key)).toEqual({ failures: 1, locks: 0 });
    const locks = await Promise.all([store.lock(key, now + 1000, now), store.lock(key, now + 1000, now)]);
    expect(locks.filter(Boolean)).toHaveLength(1);
    expect(await store.reserveAttempt(key, 5, now, 2_000_000_000)).toBeNull();
    expect((await store.getLockout(key))?.locks).toBe(1);
    const read = { lockedUntil: now + 1000, attempts: 1, failures: 1 };
    const reopened = await Promise.all([store.reopen(key, read, 4), store.reopen(key, read, 4)]);
    expect(reopened.filter(Boolean)).toHaveLength(1);
    expect(await store.getLockout(key)).toMatchObject({ attempts: 4, failures: 4, locks: 1 });
    expect((await store.getLockout(key))?.lockedUntil).toBeUndefined();
    expect(await store.reserveAttempt(key, 5, now + 2000, 2_000_000_000)).toEqual({
      attempts: 5,
      failures: 4,
    });
    expect(await store.reserveAttempt(key, 5, now + 2000, 2_000_000_000)).toBeNull();
    await store.clearLockout(key);
    expect(await store.getLockout(key)).toBeNull();
  });

  it('gives a right attempt its reservation back and forgets the failures, unless they changed meanwhile', async () => {
    const key = newId('usr');
    const now = Date.now();
    await Promise.all([1, 2, 3].map(() => store.reserveAttempt(key, 5, now, 2_000_000_000)));
    await store.recordFailure(key);
    expect(await store.releaseAttempt(key, 0)).toBe(false);
    expect(await store.releaseAttempt(key, 1)).toBe(true);
    expect(await store.getLockout(key)).toMatchObject({ attempts: 1, failures: 0 });
    expect(await store.releaseAttempt(key, 0)).toBe(true);
    expect(await store.releaseAttempt(key, 0)).toBe(false);
    expect(await store.recordFailure(key)).toBeNull();
    expect(await store.getLockout(key)).toMatchObject({ attempts: 0, failures: 0 });
  });

  it('counts reservations left by a stopped process as failures only if nothing changed since they were read', async () => {
    const key = newId('usr');
    await store.reserveAttempt(key, 5, 1000, 2_000_000_000);
    await store.reserveAttempt(key, 5, 2000, 2_000_000_000);
    expect(await store.failAbandoned(key, 2, 1000)).toBe(false);
    expect(await store.failAbandoned(key, 1, 2000)).toBe(false);
    expect(await store.failAbandoned(key, 2, 2000)).toBe(true);
    expect(await store.getLockout(key)).toMatchObject({ attempts: 2, failures: 2 });
  });

  it('clears an expired lockout record only if it is still the expired one', async () => {
    const key = newId('usr');
    await store.reserveAttempt(key, 5, Date.now(), 100);
    await store.clearLockout(key, 99);
    expect(await store.getLockout(key)).not.toBeNull();
    await store.clearLockout(key, 100);
    expect(await store.getLockout(key)).toBeNull();
  });

  it('enables a pending secret only if it is still the one that was checked', async () => {
    const user = aUser({ mfaPendingSecret: 'sealed-1' });
    await store.createUser(user);
    const results = await Promise.all([
      store.updateUser(user.userId, { mfaEnabled: true, mfaSecret: 'sealed-1' }, ['mfaPendingSecret'], {
        mfaPendingSecret: 'sealed-1',
      }),
      store.updateUser(user.userId, { mfaEnabled: true, mfaSecret: 'sealed-1' }, ['mfaPendingSecret'], {
        mfaPendingSecret: 'sealed-1',
      }),
    ]);
    expect(results.filter(Boolean)).toHaveLength(1);
  });

  it('pages security events newest first', async () => {
    const userId = newId('usr');
    for (let i = 0; i < 5; i += 1) {
      await store.putSecurityEvent({
        userId,
        eventId: newId('evt', 1_000_000 + i * 1000),
        type: `t${i}`,
        at: 'x',
      });
    }
    const first = await store.listSecurityEvents(userId, 3, null);
    expect(first.items.map((item) => item.type)).toEqual(['t4', 't3', 't2']);
    const second = await store.listSecurityEvents(userId, 3, first.cursor);
    expect(second.items.map((item) => item.type)).toEqual(['t1', 't0']);
  });

  it('deletes everything in a user partition except the user, which goes separately', async () => {
    const user = aUser();
    await store.createUser(user);
    await store.createSession({
      userId: user.userId,
      sessionId: newId('ses'),
      createdAt: 1,
      expiresAt: 2,
      authTime: 1,
    });
    await store.putRefreshTokenOnce({
      userId: user.userId,
      tokenHash: 'x',
      sessionId: 'ses_x',
      expiresAt: 2,
    });
    await store.putCode({
      userId: user.userId,
      purpose: 'confirm-account',
      codeHash: 'c',
      attempts: 0,
      expiresAt: 2,
    });
    await store.putSecurityEvent({ userId: user.userId, eventId: newId('evt'), type: 't', at: 'x' });
    await store.deleteUserItems(user.userId);
    const left = await store.exportUserItems(user.userId);
    expect(left.sessions).toEqual([]);
    expect(left.securityEvents).toEqual([]);
    expect(await store.getRefreshToken(user.userId, 'x')).toBeNull();
    expect(await store.getCode(user.userId, 'confirm-account')).toBeNull();
    expect(await store.getUser(user.userId)).not.toBeNull();
    expect(await store.deleteUser(user.userId)).toBe(true);
    expect(await store.getUser(user.userId)).toBeNull();
  });
});
