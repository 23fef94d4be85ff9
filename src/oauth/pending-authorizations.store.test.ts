import { randomBytes } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { createTestTable } from '../../test/helpers/test-app.js';
import type { Database } from '../data/database.js';
import { createPendingAuthorizations } from './pending-authorizations.js';

/*
 * A started authorization's state is good once: the delete that takes it is conditional, so of concurrent
 * callbacks exactly one gets it (on dynalite and on DynamoDB Local).
 */

let db: Database;
const NOW = Date.UTC(2026, 10, 30, 12);
const aSecret = () => randomBytes(32).toString('base64url');

beforeAll(async () => {
  db = await createTestTable();
});

describe('pending authorizations', () => {
  it('hands a started authorization to exactly one of ten callbacks carrying its state at once', async () => {
    const pending = createPendingAuthorizations(await db.documentClient(), db.tableName);
    const state = aSecret();
    await pending.save(state, {
      provider: 'google',
      purpose: 'sso-login',
      userId: undefined,
      codeVerifier: aSecret(),
      nonce: aSecret(),
      returnTo: undefined,
      createdAt: NOW,
      expiresAt: NOW + 600_000,
    });
    const results = await Promise.all(Array.from({ length: 10 }, () => pending.consume(state, NOW)));
    expect(results.filter((result) => result.status === 'ok')).toHaveLength(1);
    expect(results.filter((result) => result.status === 'unknown')).toHaveLength(9);
  });
});
