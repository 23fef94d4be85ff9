import { beforeAll, describe, expect, it } from 'vitest';
import { createTestTable } from '../../../../test/helpers/test-app.js';
import { newId } from '../../../ids.js';
import { createPasskeyStore, type PasskeyItem, type PasskeyStore } from './store.js';

let store: PasskeyStore;

beforeAll(async () => {
  const db = await createTestTable();
  store = createPasskeyStore(await db.documentClient(), db.tableName);
});

function aPasskey(overrides: Partial<PasskeyItem> = {}): PasskeyItem {
  return {
    userId: newId('usr'),
    passkeyId: newId('pky'),
    credentialId: newId('pky').slice(4),
    publicKey: 'pQECAyYgASFYIA',
    counter: 0,
    name: 'Passkey',
    deviceType: 'singleDevice',
    backedUp: false,
    createdAt: '2026-11-30T09:00:00.000Z',
    ...overrides,
  };
}

describe('passkey store', () => {
  it('lets exactly one of many concurrent claims on a credential win', async () => {
    const credentialId = newId('pky');
    const results = await Promise.all(
      Array.from({ length: 20 }, () =>
        store.claimCredential({
          credentialId,
          userId: newId('usr'),
          passkeyId: newId('pky'),
          claimedAt: '2026-11-30T09:00:00.000Z',
        }),
      ),
    );
    expect(results.filter(Boolean)).toHaveLength(1);
  });

  it('releases a credential only for the user holding it', async () => {
    const credentialId = newId('pky');
    const userId = newId('usr');
    const passkeyId = newId('pky');
    await store.claimCredential({ credentialId, userId, passkeyId, claimedAt: '2026-11-30T09:00:00.000Z' });
    expect(await store.releaseCredential(credentialId, newId('usr'))).toBe(false);
    expect(await store.credentialClaim(credentialId)).toEqual({ userId, passkeyId });
    expect(await store.releaseCredential(credentialId, userId)).toBe(true);
    expect(await store.credentialClaim(credentialId)).toBeNull();
  });

  it("lists a user's passkeys oldest first, and no one else's", async () => {
    const userId = newId('usr');
    const first = aPasskey({ userId, passkeyId: newId('pky', Date.UTC(2026, 10, 1)) });
    const second = aPasskey({ userId, passkeyId: newId('pky', Date.UTC(2026, 10, 2)), transports: ['usb'] });
    await store.createPasskey(second);
    await store.createPasskey(first);
    await store.createPasskey(aPasskey());
    expect(await store.listPasskeys(userId)).toEqual([first, second]);
    expect(await store.createPasskey(first)).toBe(false);
  });

  it('renames only a passkey that exists', async () => {
    const item = aPasskey();
    await store.createPasskey(item);
    expect(await store.renamePasskey(item.userId, item.passkeyId, 'Phone')).toBe(true);
    expect((await store.getPasskey(item.userId, item.passkeyId))?.name).toBe('Phone');
    expect(await store.renamePasskey(item.userId, newId('pky'), 'Ghost')).toBe(false);
    expect(await store.getPasskey(item.userId, newId('pky'))).toBeNull();
  });

  it('moves the counter only forward, and keeps a counter of 0 at 0', async () => {
    const item = aPasskey({ counter: 3 });
    await store.createPasskey(item);
    expect(await store.recordUse(item.userId, item.passkeyId, 3, '2026-11-30T10:00:00.000Z')).toBe(false);
    expect(await store.recordUse(item.userId, item.passkeyId, 2, '2026-11-30T10:00:00.000Z')).toBe(false);
    expect(await store.recordUse(item.userId, item.passkeyId, 0, '2026-11-30T10:00:00.000Z')).toBe(false);
    expect(await store.recordUse(item.userId, item.passkeyId, 4, '2026-11-30T10:00:00.000Z')).toBe(true);
    expect(await store.getPasskey(item.userId, item.passkeyId)).toMatchObject({
      counter: 4,
      lastUsedAt: '2026-11-30T10:00:00.000Z',
    });
    const zero = aPasskey();
    await store.createPasskey(zero);
    expect(await store.recordUse(zero.userId, zero.passkeyId, 0, '2026-11-30T10:00:00.000Z')).toBe(true);
    expect(await store.recordUse(zero.userId, zero.passkeyId, 0, '2026-11-30T10:01:00.000Z')).toBe(true);
  });

  it('lets one of two concurrent sign-ins with the same counter through', async () => {
    const item = aPasskey({ counter: 7 });
    await store.createPasskey(item);
    const results = await Promise.all(
      Array.from({ length: 10 }, () =>
        store.recordUse(item.userId, item.passkeyId, 8, '2026-11-30T10:00:00.000Z'),
      ),
    );
    expect(results.filter(Boolean)).toHaveLength(1);
  });

  it('records no use of a removed passkey, and removes it once', async () => {
    const item = aPasskey();
    await store.createPasskey(item);
    expect(await store.removePasskey(item.userId, item.passkeyId)).toEqual(item);
    expect(await store.removePasskey(item.userId, item.passkeyId)).toBeNull();
    expect(await store.recordUse(item.userId, item.passkeyId, 1, '2026-11-30T10:00:00.000Z')).toBe(false);
    expect(await store.getPasskey(item.userId, item.passkeyId)).toBeNull();
  });

  it('hands a challenge out once to many concurrent takers, with its purpose and user', async () => {
    const challengeHash = newId('pky');
    const userId = newId('usr');
    await store.putChallenge({ challengeHash, purpose: 'register', userId, expiresAt: 1, ttl: 1 });
    const taken = await Promise.all(Array.from({ length: 10 }, () => store.takeChallenge(challengeHash)));
    expect(taken.filter(Boolean)).toEqual([
      { challengeHash, purpose: 'register', userId, expiresAt: 1, ttl: 1 },
    ]);
    expect(await store.takeChallenge(challengeHash)).toBeNull();
  });
});
