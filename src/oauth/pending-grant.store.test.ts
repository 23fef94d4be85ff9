import { randomBytes } from 'node:crypto';
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { beforeAll, describe, expect, it } from 'vitest';
import { createTestTable } from '../../test/helpers/test-app.js';
import type { Database } from '../data/database.js';
import { newId } from '../ids.js';
import { sha256 } from '../security/keyed-hash.js';
import { createPendingGrants, type PendingGrantRecord, type PendingGrants } from './pending-grant-store.js';

/* Runs on dynalite and on DynamoDB Local: the single-winner take must hold on the real thing. */

let db: Database;
let grants: PendingGrants;
const NOW = Date.UTC(2026, 10, 21, 12);

beforeAll(async () => {
  db = await createTestTable();
  grants = createPendingGrants(await db.documentClient(), db.tableName);
});

const aCode = () => randomBytes(32).toString('base64url');

function aGrant(overrides: Partial<PendingGrantRecord> = {}): PendingGrantRecord {
  return {
    provider: 'soundcloud',
    purpose: 'platform',
    userId: newId('usr'),
    subject: 'sc-1',
    emailVerified: false,
    accessToken: 'sealed-access',
    refreshToken: 'sealed-refresh',
    tokenExpiresIn: 3600,
    tokenExpiresAt: NOW + 3600_000,
    scope: 'non-expiring',
    createdAt: NOW,
    expiresAt: NOW + 60_000,
    ...overrides,
  };
}

async function rawItem(code: string) {
  const { Item } = await (await db.documentClient()).send(
    new GetCommand({
      TableName: db.tableName,
      Key: { pk: `GRANT#${sha256(code)}`, sk: 'GRANT' },
      ConsistentRead: true,
    }),
  );
  return Item;
}

describe('pending grant store', () => {
  it('keeps a grant under the hash of its code (never the code), with a TTL, and gives it back once', async () => {
    const code = aCode();
    const grant = aGrant();
    await grants.hold(code, grant);
    const raw = await rawItem(code);
    expect(raw).toMatchObject({ ttl: Math.floor(grant.expiresAt / 1000), userId: grant.userId });
    expect(JSON.stringify(raw)).not.toContain(code);

    expect(await grants.take(code, NOW + 59_000)).toEqual({ status: 'ok', grant });
    expect(await grants.take(code, NOW + 59_000)).toEqual({ status: 'unknown' });
    expect(await rawItem(code)).toBeUndefined();
  });

  it('answers unknown for a code never held', async () => {
    expect(await grants.take(aCode(), NOW)).toEqual({ status: 'unknown' });
  });

  it('reports a grant past its expiry as expired (not usable) and deletes it', async () => {
    const code = aCode();
    const grant = aGrant({ refreshToken: undefined });
    await grants.hold(code, { ...grant });
    expect(await grants.take(code, grant.expiresAt)).toEqual({ status: 'expired', grant });
    expect(await rawItem(code)).toBeUndefined();
  });

  it('gives the grant to exactly one of ten takes of one code at once', async () => {
    const code = aCode();
    await grants.hold(code, aGrant({ purpose: 'link', provider: 'github' }));
    const results = await Promise.all(Array.from({ length: 10 }, () => grants.take(code, NOW)));
    expect(results.filter((result) => result.status === 'ok')).toHaveLength(1);
    expect(results.filter((result) => result.status === 'unknown')).toHaveLength(9);
  });
});
