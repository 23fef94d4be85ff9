import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createTestTable } from '../../../../test/helpers/test-app.js';
import { newId } from '../../../ids.js';
import { sha256 } from '../../../security/keyed-hash.js';
import { createSsoStore } from './sso-store.js';

/* A sign-in code is good once: its take is a conditional delete (on dynalite and on DynamoDB Local). */

describe('SSO sign-in codes', () => {
  it('hands a sign-in code to exactly one of ten exchanges at once', async () => {
    const db = await createTestTable();
    const sso = createSsoStore(await db.documentClient(), db.tableName);
    const codeHash = sha256(randomBytes(32).toString('base64url'));
    const userId = newId('usr');
    await sso.putSignInCode({ codeHash, userId, provider: 'google', expiresAt: Date.now() + 60_000 });
    const taken = await Promise.all(Array.from({ length: 10 }, () => sso.takeSignInCode(codeHash)));
    expect(taken.filter((item) => item?.userId === userId)).toHaveLength(1);
    expect(taken.filter((item) => item === null)).toHaveLength(9);
  });
});
