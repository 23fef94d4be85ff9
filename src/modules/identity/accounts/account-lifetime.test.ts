import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import { importJWK, type JWK, SignJWT } from 'jose';
import { beforeAll, describe, expect, it } from 'vitest';
import { concretePath, type Operation, readOperations } from '../../../../test/helpers/openapi.js';
import {
  createTestApp,
  STRONG_PASSWORD,
  signedInUser,
  type TestApp,
  testSigningKeys,
} from '../../../../test/helpers/test-app.js';
import { isoTime } from '../../../clock.js';
import { createIdentityStore } from '../store.js';

/*
 * A deleted (or disabled) account is gone for its still-valid access tokens too: every route refuses
 * them with 401 at once, whatever AMPLY_STRICT_REVOCATION says, and nothing is written under the
 * account — also by a write that was already under way when the deletion began.
 */

let t: TestApp;
let secured: Operation[];

const IDS: Record<string, string> = {
  id: 'gtr_01jd8x4m9q2v7k3n5p6r8s0t1w',
  noteId: 'note_01jd8x4m9q2v7k3n5p6r8s0t1w',
  imageId: 'img_01jd8x4m9q2v7k3n5p6r8s0t1w',
  platform: 'spotify',
  provider: 'github',
};

const GUITAR = { brand: 'Fender', model: 'Jazzmaster', year: 1962, type: 'electric' };

beforeAll(async () => {
  t = await createTestApp();
  secured = readOperations((await t.call('GET', '/openapi.json')).json).operations.filter(
    (operation) => operation.secured,
  );
});

/**
 * Every item in the table that belongs to `userId`: keyed by it, or naming it as its user. The events
 * announcing the account (`user.deleted` among them) stay in the outbox until they are delivered, and
 * expire within two days (decision 37): they are not the account's data.
 */
async function itemsOf(app: TestApp, userId: string) {
  const client = await app.deps.db.documentClient();
  const found = await client.send(
    new ScanCommand({
      TableName: app.deps.db.tableName,
      ConsistentRead: true,
      FilterExpression: '(contains(pk, :user) OR userId = :user) AND NOT begins_with(pk, :outbox)',
      ExpressionAttributeValues: { ':user': userId, ':outbox': 'EVENTS#' },
    }),
  );
  return found.Items ?? [];
}

async function deleteAccount(app: TestApp, token: string) {
  const deleted = await app.call('DELETE', '/user', { token, body: { currentPassword: STRONG_PASSWORD } });
  expect(deleted.status).toBe(200);
}

describe.each([
  ['off', {}],
  ['on', { AMPLY_STRICT_REVOCATION: 'on' }],
])('a deleted account’s access token, strict revocation %s', (_label, env) => {
  it('is refused with 401 by every secured route, and writes nothing', async () => {
    const app = await createTestApp({ env });
    const user = await signedInUser(app, 'deleted');
    const guitar = await app.call('POST', '/guitars', { token: user.accessToken, body: GUITAR });
    expect(guitar.status).toBe(201);
    await deleteAccount(app, user.accessToken);

    for (const operation of secured) {
      const response = await app.call(
        operation.method,
        concretePath(operation.path, { ...IDS, userId: user.userId }),
        {
          token: user.accessToken,
          ...(operation.body ? { body: operation.path === '/guitars' ? GUITAR : {} } : {}),
        },
      );
      expect({ route: `${operation.method} ${operation.path}`, status: response.status }).toEqual({
        route: `${operation.method} ${operation.path}`,
        status: 401,
      });
      expect(response.json.error.code).toBe('AUTH_UNAUTHORIZED');
    }
    expect(await itemsOf(app, user.userId)).toEqual([]);
  });
});

describe('an account deleted by another instance', () => {
  it('is refused there once its cache lapses, and a write it lets through meanwhile is swept', async () => {
    const first = await createTestApp({ env: { AMPLY_REVOCATION_CACHE_SECONDS: '5' } });
    const second = await createTestApp({ db: first.deps.db, clock: first.clock });
    const user = await signedInUser(first, 'two-instances');
    expect((await second.call('GET', '/guitars', { token: user.accessToken })).status).toBe(200);
    await deleteAccount(first, user.accessToken);

    // Within its cache window the other instance still lets the token in, but what it writes does not stay.
    const late = await second.call('POST', '/guitars', { token: user.accessToken, body: GUITAR });
    expect(late.status).toBe(201);
    expect(await itemsOf(first, user.userId)).toEqual([]);

    first.clock.advance(5001);
    expect((await second.call('GET', '/guitars', { token: user.accessToken })).status).toBe(401);
  });
});

describe('writes racing the deletion', () => {
  it('leave nothing behind: ten clients creating guitars before, during and after DELETE /user', async () => {
    const user = await signedInUser(t, 'racing');
    let deleting = true;
    const statuses: number[] = [];
    const client = async (index: number) => {
      for (let round = 0; deleting || round < 2; round += 1) {
        const created = await t.call('POST', '/guitars', {
          token: user.accessToken,
          body: { ...GUITAR, model: `Racer ${index}.${round}` },
        });
        statuses.push(created.status);
      }
    };
    const clients = Array.from({ length: 10 }, (_, index) => client(index));
    const deleted = await t.call('DELETE', '/user', {
      token: user.accessToken,
      body: { currentPassword: STRONG_PASSWORD },
    });
    deleting = false;
    await Promise.all(clients);
    expect(deleted.status).toBe(200);
    expect(statuses).toContain(201);
    expect(statuses).toContain(401);
    expect(statuses.filter((status) => status !== 201 && status !== 401)).toEqual([]);
    expect(await itemsOf(t, user.userId)).toEqual([]);
  });
});

describe('an interrupted deletion', () => {
  it('refuses the account’s tokens at once and is finished by the next request that meets it', async () => {
    const user = await signedInUser(t, 'interrupted');
    await t.call('POST', '/guitars', { token: user.accessToken, body: GUITAR });
    // The deletion's first write happened, then the process died.
    const store = createIdentityStore(await t.deps.db.documentClient(), t.deps.db.tableName);
    await store.updateUser(user.userId, { deletedAt: isoTime(t.clock.now()) });

    const other = await createTestApp({ db: t.deps.db, clock: t.clock });
    expect((await other.call('GET', '/guitars', { token: user.accessToken })).status).toBe(401);
    expect(await itemsOf(t, user.userId)).not.toEqual([]);

    t.clock.advance(5 * 60 * 1000 + 1);
    const third = await createTestApp({ db: t.deps.db, clock: t.clock });
    expect((await third.call('GET', '/guitars', { token: user.accessToken })).status).toBe(401);
    expect(await itemsOf(t, user.userId)).toEqual([]);
    const again = await t.call('POST', '/auth/register', {
      body: { email: user.email, password: STRONG_PASSWORD, name: 'Back Again' },
    });
    expect(again.status).toBe(202);
    expect(t.mail.to(user.email).at(-1)?.subject).toMatch(/confirm/i);
  });
});

describe('a disabled account', () => {
  it('has its tokens refused within the cache window and accepted again once enabled', async () => {
    const app = await createTestApp({ env: { AMPLY_REVOCATION_CACHE_SECONDS: '5' } });
    const user = await signedInUser(app, 'disabled');
    expect((await app.call('GET', '/user/profile', { token: user.accessToken })).status).toBe(200);
    const store = createIdentityStore(await app.deps.db.documentClient(), app.deps.db.tableName);
    await store.updateUser(user.userId, { disabledAt: isoTime(app.clock.now()) });
    app.clock.advance(5001);
    const refused = await app.call('POST', '/guitars', { token: user.accessToken, body: GUITAR });
    expect(refused.status).toBe(401);
    expect(await itemsOf(app, user.userId)).not.toContainEqual(expect.objectContaining({ brand: 'Fender' }));

    await store.updateUser(user.userId, {}, ['disabledAt']);
    app.clock.advance(5001);
    expect((await app.call('GET', '/user/profile', { token: user.accessToken })).status).toBe(200);
  });
});

describe('the cost of the account check', () => {
  it('is one read of the user item per user and cache window, plus one after each write', async () => {
    const app = await createTestApp({ env: { AMPLY_REVOCATION_CACHE_SECONDS: '5' } });
    const user = await signedInUser(app, 'cost');
    const reads: string[] = [];
    (await app.deps.db.documentClient()).middlewareStack.add(
      (next, context) => async (args) => {
        const key = (args.input as { Key?: { pk?: string; sk?: string } }).Key;
        if (
          context.commandName === 'GetItemCommand' &&
          key?.pk === `USER#${user.userId}` &&
          key.sk === 'PROFILE'
        ) {
          reads.push(context.commandName);
        }
        return next(args);
      },
      { step: 'initialize' },
    );
    app.clock.advance(5001);
    for (let i = 0; i < 20; i += 1) {
      expect((await app.call('GET', '/guitars', { token: user.accessToken })).status).toBe(200);
    }
    expect(reads).toHaveLength(1);
    for (let i = 0; i < 3; i += 1) {
      expect((await app.call('POST', '/guitars', { token: user.accessToken, body: GUITAR })).status).toBe(
        201,
      );
    }
    expect(reads).toHaveLength(4);
    app.clock.advance(5001);
    await app.call('GET', '/guitars', { token: user.accessToken });
    expect(reads).toHaveLength(5);
  });
});

describe('a token whose subject is not an Amply user id', () => {
  it('is refused with 401, not a 500 from the store', async () => {
    const jwk = (JSON.parse(await testSigningKeys()) as { keys: (JWK & { kid: string })[] })
      .keys[0] as JWK & {
      kid: string;
    };
    const key = await importJWK(jwk, 'RS256');
    const now = Math.floor(t.clock.now() / 1000);
    for (const subject of ['admin', 'usr_../../etc', 'USER#usr_x', 'usr_01JD8X4M9Q2V7K3N5P6R8S0T1W', '']) {
      const token = await new SignJWT({ token_use: 'access', sid: 'ses_x', scope: 'openid' })
        .setProtectedHeader({ alg: 'RS256', kid: jwk.kid, typ: 'at+jwt' })
        .setIssuer('http://amply.test')
        .setAudience('amply-api')
        .setSubject(subject)
        .setIssuedAt(now)
        .setNotBefore(now)
        .setExpirationTime(now + 3600)
        .sign(key);
      for (const [method, path] of [
        ['GET', '/user/profile'],
        ['GET', '/guitars'],
        ['POST', '/platforms/spotify/connect'],
      ] as const) {
        const response = await t.call(method, path, { token });
        expect({ subject, path, status: response.status }).toEqual({ subject, path, status: 401 });
      }
    }
  });
});
