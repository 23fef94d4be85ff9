import { randomBytes } from 'node:crypto';
import { GetCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { createTestClock, createTestTable } from '../../test/helpers/test-app.js';
import { sha256 } from '../security/keyed-hash.js';
import { createDatabase } from './database.js';
import {
  createIdempotencyClaimEntity,
  createIdempotencyClaims,
  IDEMPOTENCY_KEY_LIFETIME_MS,
  type IdempotencyClaimModel,
  type IdempotencyClaims,
} from './idempotency-claims.js';

class KeyReused extends Error {}
class KeyBusy extends Error {}
const errors = { reused: () => new KeyReused(), busy: () => new KeyBusy() };

const model: IdempotencyClaimModel = {
  entity: 'testIdempotency',
  version: '1',
  service: 'amply',
  // biome-ignore lint/suspicious/noTemplateCurlyInString: an ElectroDB key template, filled by ElectroDB
  partition: 'IDEMTEST#${userId}',
  referenceField: 'thingId',
};

type DocumentClient = Awaited<ReturnType<ReturnType<typeof createDatabase>['documentClient']>>;

let tableName: string;
let client: DocumentClient;
let claims: IdempotencyClaims;

beforeAll(async () => {
  ({ tableName } = await createTestTable());
  client = await createDatabase({
    tableName,
    region: 'us-east-1',
    endpoint: inject('dynamoEndpoint'),
  }).documentClient();
  claims = createIdempotencyClaims(createIdempotencyClaimEntity(model, client, tableName), errors);
});

type Middleware = (command: string, send: () => Promise<unknown>) => Promise<unknown>;

/** Claims through a client of their own whose every command passes through `middleware`. */
async function claimsThrough(middleware: Middleware): Promise<IdempotencyClaims> {
  const own = await createDatabase({
    tableName,
    region: 'us-east-1',
    endpoint: inject('dynamoEndpoint'),
  }).documentClient();
  own.middlewareStack.add(
    (next, context) => (args) =>
      middleware(context.commandName as string, () => next(args)) as ReturnType<typeof next>,
    { step: 'initialize' },
  );
  return createIdempotencyClaims(createIdempotencyClaimEntity(model, own, tableName), errors);
}

/**
 * Claims in which no claim is written before `readers` reads of it were answered, so every one of them
 * decides on the same state, as truly concurrent requests may (on one connection they rarely do).
 */
function claimsReadingTogether(readers: number): Promise<IdempotencyClaims> {
  let answered = 0;
  let release = () => {};
  const allRead = new Promise<void>((resolve) => {
    release = resolve;
  });
  return claimsThrough(async (command, send) => {
    if (command === 'PutItemCommand') await allRead;
    const result = await send();
    if (command === 'GetItemCommand') {
      answered += 1;
      if (answered === readers) release();
    }
    return result;
  });
}

const userId = () => `usr_${randomBytes(13).toString('hex')}`;
const key = () => `key-${randomBytes(6).toString('hex')}`;
let made = 0;
/** A new reference each time it is asked, as a module's id generator would give. */
const newReference = () => {
  made += 1;
  return `thing_${made}`;
};

const rawClaim = async (owner: string, idempotencyKey: string) =>
  (
    await client.send(
      new GetCommand({
        TableName: tableName,
        Key: { pk: `IDEMTEST#${owner}`, sk: `IDEM#${sha256(idempotencyKey)}` },
        ConsistentRead: true,
      }),
    )
  ).Item;

describe('idempotency claims', () => {
  it('stores the first claim under the names its model gives, as the first', async () => {
    const clock = createTestClock();
    const owner = userId();
    const sent = key();
    const { claim, first } = await claims.claim({
      userId: owner,
      key: sent,
      requestHash: 'request-a',
      clock,
      newReference,
    });
    expect(first).toBe(true);
    const at = clock.now();
    const expiresAt = at + IDEMPOTENCY_KEY_LIFETIME_MS;
    expect(await rawClaim(owner, sent)).toEqual({
      pk: `IDEMTEST#${owner}`,
      sk: `IDEM#${sha256(sent)}`,
      __edb_e__: 'testIdempotency',
      __edb_v__: '1',
      userId: owner,
      keyHash: sha256(sent),
      requestHash: 'request-a',
      thingId: claim.reference,
      claimedAt: at,
      expiresAt,
      ttl: Math.floor(expiresAt / 1000),
    });
    // The key itself is never stored.
    expect(JSON.stringify(await rawClaim(owner, sent))).not.toContain(sent);
  });

  it('answers a retry with the same request from the first claim, and the result recorded on it', async () => {
    const clock = createTestClock();
    const request = { userId: userId(), key: key(), requestHash: 'request-a', clock, newReference };
    const original = await claims.claim(request);
    clock.advance(1_000);
    const retry = await claims.claim(request);
    expect(retry.first).toBe(false);
    expect(retry.claim.reference).toBe(original.claim.reference);
    expect(retry.claim.result).toBeUndefined();

    await claims.complete(original.claim, '{"id":"thing"}');
    const later = await claims.claim(request);
    expect(later).toMatchObject({ first: false, claim: { result: '{"id":"thing"}' } });
  });

  it('refuses the same key with another request while the claim lives, and leaves the claim as it was', async () => {
    const clock = createTestClock();
    const request = { userId: userId(), key: key(), requestHash: 'request-a', clock, newReference };
    await claims.claim(request);
    const before = await rawClaim(request.userId, request.key);
    clock.advance(IDEMPOTENCY_KEY_LIFETIME_MS - 1);
    await expect(claims.claim({ ...request, requestHash: 'request-b' })).rejects.toBeInstanceOf(KeyReused);
    expect(await rawClaim(request.userId, request.key)).toEqual(before);
  });

  it('lets exactly one of concurrent first requests claim a key; the others get its claim', async () => {
    const clock = createTestClock();
    const request = { userId: userId(), key: key(), requestHash: 'request-a', clock, newReference };
    const racing = await claimsReadingTogether(10);
    const outcomes = await Promise.all(Array.from({ length: 10 }, () => racing.claim(request)));
    expect(outcomes.filter((outcome) => outcome.first)).toHaveLength(1);
    expect(new Set(outcomes.map((outcome) => outcome.claim.reference)).size).toBe(1);
  });

  it('takes over a claim once its lifetime has passed, even for another request', async () => {
    const clock = createTestClock();
    const request = { userId: userId(), key: key(), requestHash: 'request-a', clock, newReference };
    const original = await claims.claim(request);
    await claims.complete(original.claim, '{"id":"old"}');
    clock.advance(IDEMPOTENCY_KEY_LIFETIME_MS);
    const taken = await claims.claim({ ...request, requestHash: 'request-b' });
    expect(taken.first).toBe(true);
    expect(taken.claim.reference).not.toBe(original.claim.reference);
    expect(await rawClaim(request.userId, request.key)).toMatchObject({
      requestHash: 'request-b',
      thingId: taken.claim.reference,
      claimedAt: clock.now(),
    });
    expect(await rawClaim(request.userId, request.key)).not.toHaveProperty('result');
  });

  it('lets exactly one of concurrent requests take over an expired claim', async () => {
    const clock = createTestClock();
    const request = { userId: userId(), key: key(), requestHash: 'request-a', clock, newReference };
    const original = await claims.claim(request);
    clock.advance(IDEMPOTENCY_KEY_LIFETIME_MS + 1);
    const racing = await claimsReadingTogether(10);
    const outcomes = await Promise.all(Array.from({ length: 10 }, () => racing.claim(request)));
    expect(outcomes.filter((outcome) => outcome.first)).toHaveLength(1);
    const references = new Set(outcomes.map((outcome) => outcome.claim.reference));
    expect(references.size).toBe(1);
    expect(references.has(original.claim.reference)).toBe(false);
  });

  it('keeps keys per user', async () => {
    const clock = createTestClock();
    const shared = key();
    const a = await claims.claim({ userId: userId(), key: shared, requestHash: 'a', clock, newReference });
    const b = await claims.claim({ userId: userId(), key: shared, requestHash: 'b', clock, newReference });
    expect([a.first, b.first]).toEqual([true, true]);
    expect(a.claim.reference).not.toBe(b.claim.reference);
  });

  it('answers busy when another request changes the claim before each of its writes', async () => {
    const clock = createTestClock();
    const owner = userId();
    const sent = key();
    await claims.claim({ userId: owner, key: sent, requestHash: 'request-a', clock, newReference });
    clock.advance(IDEMPOTENCY_KEY_LIFETIME_MS + 1);
    // Another request takes the claim over just before each of this one's writes.
    let takeovers = 0;
    const racing = await claimsThrough(async (command, send) => {
      if (command === 'PutItemCommand') {
        takeovers += 1;
        await client.send(
          new UpdateCommand({
            TableName: tableName,
            Key: { pk: `IDEMTEST#${owner}`, sk: `IDEM#${sha256(sent)}` },
            UpdateExpression: 'SET claimedAt = claimedAt + :one',
            ExpressionAttributeValues: { ':one': 1 },
          }),
        );
      }
      return send();
    });
    await expect(
      racing.claim({ userId: owner, key: sent, requestHash: 'request-b', clock, newReference }),
    ).rejects.toBeInstanceOf(KeyBusy);
    expect(takeovers).toBe(3);
    expect(await rawClaim(owner, sent)).toMatchObject({ requestHash: 'request-a' });
  });

  it("deletes every claim of a user and none of another user's", async () => {
    const clock = createTestClock();
    const owner = userId();
    const other = userId();
    const keys = [key(), key(), key()];
    for (const sent of keys)
      await claims.claim({ userId: owner, key: sent, requestHash: 'a', clock, newReference });
    const request = { key: keys[0] as string, requestHash: 'a', clock, newReference };
    await claims.claim({ ...request, userId: other });

    await claims.deleteAllOf(owner);

    const left = await client.send(
      new QueryCommand({
        TableName: tableName,
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: { ':pk': `IDEMTEST#${owner}` },
        ConsistentRead: true,
      }),
    );
    expect(left.Items).toEqual([]);
    const again = await claims.claim({ ...request, userId: owner, requestHash: 'b' });
    expect(again.first).toBe(true);
    const kept = await claims.claim({ ...request, userId: other });
    expect(kept.first).toBe(false);
  });
});
