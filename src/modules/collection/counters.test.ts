import { beforeAll, describe, expect, it } from 'vitest';
import {
  createTestApp,
  STRONG_PASSWORD,
  signedInUser,
  type TestApp,
} from '../../../test/helpers/test-app.js';
import { createChanges, newChangeId } from './changes.js';
import { createCollectionStore } from './store.js';
import { createGuitar, guitarBody } from './test-guitars.js';

let t: TestApp;

beforeAll(async () => {
  t = await createTestApp();
});

async function freshUser(label: string) {
  return (await signedInUser(t, label)).accessToken;
}

const brands = async (token: string) => (await t.call('GET', '/guitars/brands', { token })).json.data.items;
const stats = async (token: string) => (await t.call('GET', '/guitars/stats', { token })).json.data;

/**
 * A Fender turned into a Gibson whose counter change was written with it but not finished (steps 1–2
 * of changes.ts), as a process that died right after would leave it.
 */
async function openBrandChange(label: string, changeId: string) {
  const token = await freshUser(label);
  const { userId } = (await t.call('GET', '/user/profile', { token })).json.data;
  const guitar = await createGuitar(t, token, { brand: 'Fender' });
  const store = createCollectionStore(await t.deps.db.documentClient(), t.deps.db.tableName);
  const item = await store.getGuitar(userId, guitar.id);
  if (!item) throw new Error('guitar missing');
  const deltas = [
    { counterKey: 'brand#fender', count: -1, purchaseMinor: 0, valueMinor: 0 },
    { counterKey: 'brand#gibson', label: 'Gibson', count: 1, purchaseMinor: 0, valueMinor: 0 },
  ];
  await store.putChangeMarker({ userId, guitarId: guitar.id, changeId, createdAt: t.clock.now() });
  const open = {
    ...item,
    brand: 'Gibson',
    brandKey: 'gibson',
    version: 2,
    pending: { id: changeId, deltas },
  };
  expect(await store.replaceGuitar(open, 1)).toBe(true);
  return { token, userId, guitar, store, open, deltas };
}

describe('GET /guitars/brands and /guitars/stats', () => {
  it('are empty for a new collection', async () => {
    const token = await freshUser('empty');
    expect(await brands(token)).toEqual([]);
    expect(await stats(token)).toEqual({ count: 0, byCurrency: [] });
  });

  it('follow creation, a brand change, a price change and deletion', async () => {
    const token = await freshUser('counted');
    const strat = await createGuitar(t, token, { brand: 'Fender' });
    await createGuitar(t, token, {
      brand: ' fender ',
      privateInfo: { purchasePrice: '0.01', currency: 'EUR' },
    });
    const lesPaul = await createGuitar(t, token, {
      brand: 'Gibson',
      privateInfo: { purchasePrice: '2500', currentValue: '3000', currency: 'USD' },
    });
    await createGuitar(t, token, { brand: 'Yamaha', privateInfo: {} });
    expect(await brands(token)).toEqual([
      { brand: 'fender', count: 2 },
      { brand: 'Gibson', count: 1 },
      { brand: 'Yamaha', count: 1 },
    ]);
    expect(await stats(token)).toEqual({
      count: 4,
      byCurrency: [
        { currency: 'EUR', guitars: 2, totalPurchasePrice: '1500.00', totalCurrentValue: '2100.50' },
        { currency: 'USD', guitars: 1, totalPurchasePrice: '2500.00', totalCurrentValue: '3000.00' },
      ],
    });

    // The Stratocaster becomes a Gibson bought in USD.
    const patched = await t.call('PATCH', `/guitars/${strat.id}`, {
      token,
      body: { version: 1, brand: 'Gibson', privateInfo: { currency: 'USD', purchasePrice: '100.10' } },
    });
    expect(patched.status).toBe(200);
    expect(await brands(token)).toEqual([
      { brand: 'fender', count: 1 },
      { brand: 'Gibson', count: 2 },
      { brand: 'Yamaha', count: 1 },
    ]);
    expect((await stats(token)).byCurrency).toEqual([
      { currency: 'EUR', guitars: 1, totalPurchasePrice: '0.01', totalCurrentValue: '0.00' },
      { currency: 'USD', guitars: 2, totalPurchasePrice: '2600.10', totalCurrentValue: '5100.50' },
    ]);

    await t.call('DELETE', `/guitars/${lesPaul.id}`, { token });
    expect(await brands(token)).toEqual([
      { brand: 'fender', count: 1 },
      { brand: 'Gibson', count: 1 },
      { brand: 'Yamaha', count: 1 },
    ]);
    expect(await stats(token)).toEqual({
      count: 3,
      byCurrency: [
        { currency: 'EUR', guitars: 1, totalPurchasePrice: '0.01', totalCurrentValue: '0.00' },
        { currency: 'USD', guitars: 1, totalPurchasePrice: '100.10', totalCurrentValue: '2100.50' },
      ],
    });
  });

  it('show a brand with its latest spelling, also when only the spelling changed', async () => {
    const token = await freshUser('respelled');
    const guitar = await createGuitar(t, token, { brand: 'fender' });
    const patched = await t.call('PATCH', `/guitars/${guitar.id}`, {
      token,
      body: { version: guitar.version, brand: 'Fender' },
    });
    expect(patched.status).toBe(200);
    expect(await brands(token)).toEqual([{ brand: 'Fender', count: 1 }]);
    expect((await stats(token)).count).toBe(1);
  });

  it('adds up prices exactly (no float drift: 0.10 + 0.20 is 0.30)', async () => {
    const token = await freshUser('exact');
    for (const price of ['0.10', '0.20']) {
      await createGuitar(t, token, {
        privateInfo: { purchasePrice: price, currentValue: price, currency: 'EUR' },
      });
    }
    expect((await stats(token)).byCurrency[0]).toMatchObject({
      totalPurchasePrice: '0.30',
      totalCurrentValue: '0.30',
    });
  });

  it('finish a change interrupted after the guitar was written, exactly once', async () => {
    const changeId = 'interrupted-change';
    const { token, userId, guitar, store, deltas } = await openBrandChange('interrupted', changeId);
    // One counter was already moved when it died.
    expect(await store.applyToCounter(userId, changeId, deltas[1] as (typeof deltas)[number])).toBe(true);

    expect(await brands(token)).toEqual([{ brand: 'Gibson', count: 1 }]);
    expect(await brands(token)).toEqual([{ brand: 'Gibson', count: 1 }]);
    expect(await store.listChangeMarkers(userId)).toEqual([]);
    const read = await t.call('GET', `/guitars/${guitar.id}`, { token });
    expect(read.json.data).toMatchObject({ brand: 'Gibson', version: 2 });
  });
});

describe('a change finished twice at once', () => {
  it('is counted once when a slow finisher met it open and another finished it first', async () => {
    const changeId = newChangeId(t.clock.now());
    const { token, userId, store, open } = await openBrandChange('slow-finisher', changeId);

    // One reader met the change open; another request finishes it before that reader goes on.
    expect(await brands(token)).toEqual([{ brand: 'Gibson', count: 1 }]);
    const changes = createChanges({
      clock: t.clock,
      newId: t.deps.newId,
      store: async () => store,
      blobs: t.deps.blobs,
      cursors: t.deps.cursors,
      logger: t.deps.logger,
      maxUploadBytes: t.deps.config.blobs.maxUploadBytes,
    });
    await changes.finish(open);

    expect(await brands(token)).toEqual([{ brand: 'Gibson', count: 1 }]);
    expect((await stats(token)).count).toBe(1);
    // Past the grace period the next change lets the counters forget the id.
    t.clock.advance(5 * 60 * 1000 + 1);
    await createGuitar(t, token, { brand: 'Gibson' });
    const [gibson] = await store.listCounters(userId, 'brand#gibson');
    expect(gibson?.applied ?? []).not.toContain(changeId);
    expect(gibson?.count).toBe(2);
  });
});

describe('a deletion interrupted after the guitar became a tombstone', () => {
  it('hides the guitar at once, and the next brands read finishes it: counters, blobs and item', async () => {
    const user = await signedInUser(t, 'half-deleted');
    const token = user.accessToken;
    const guitar = await createGuitar(t, token, { brand: 'Fender' });
    await createGuitar(t, token, { brand: 'Gibson' });
    const imageKey = `images/${user.userId}/${guitar.id}/img_leftover.jpg`;
    await t.deps.blobs.put(imageKey, Buffer.from('jpeg bytes'), { contentType: 'image/jpeg' });
    const store = createCollectionStore(await t.deps.db.documentClient(), t.deps.db.tableName);
    const item = await store.getGuitar(user.userId, guitar.id);
    if (!item) throw new Error('guitar missing');
    // Steps 1–2 of a deletion, then the process died.
    const changeId = 'interrupted-delete';
    const deltas = [
      { counterKey: 'total', count: -1, purchaseMinor: 0, valueMinor: 0 },
      { counterKey: 'brand#fender', count: -1, purchaseMinor: 0, valueMinor: 0 },
      { counterKey: 'currency#EUR', count: -1, purchaseMinor: -149999, valueMinor: -210050 },
    ];
    await store.putChangeMarker({
      userId: user.userId,
      guitarId: guitar.id,
      changeId,
      createdAt: t.clock.now(),
    });
    const images = [
      {
        id: 'img_leftover',
        key: imageKey,
        thumbnailKey: imageKey,
        caption: null,
        isPrimary: true,
        order: 0,
        width: 1,
        height: 1,
        createdAt: item.createdAt,
      },
    ];
    const tombstone = { ...item, images, deleting: true, pending: { id: changeId, deltas } };
    expect(await store.replaceGuitar(tombstone, 1)).toBe(true);

    expect((await t.call('GET', `/guitars/${guitar.id}`, { token })).status).toBe(404);
    const listed = (await t.call('GET', '/guitars', { token })).json.data.items;
    expect(listed.map((entry: { id: string }) => entry.id)).not.toContain(guitar.id);

    expect(await brands(token)).toEqual([{ brand: 'Gibson', count: 1 }]);
    expect((await stats(token)).count).toBe(1);
    expect(await store.getGuitar(user.userId, guitar.id)).toBeNull();
    expect(await t.deps.blobs.head(imageKey)).toBeUndefined();
    expect(await store.listChangeMarkers(user.userId)).toEqual([]);
  });
});

describe('POST /guitars with an Idempotency-Key', () => {
  it('answers a retry with the first result and creates nothing more', async () => {
    const token = await freshUser('idempotent');
    const headers = { 'idempotency-key': 'create-strat-1' };
    const first = await t.call('POST', '/guitars', { token, headers, body: guitarBody() });
    expect(first.status).toBe(201);
    expect(first.headers.get('idempotent-replayed')).toBeNull();
    // Same body, keys in another order.
    const { brand, ...rest } = guitarBody();
    const retry = await t.call('POST', '/guitars', { token, headers, body: { ...rest, brand } });
    expect(retry.status).toBe(201);
    expect(retry.headers.get('idempotent-replayed')).toBe('true');
    expect(retry.json.data).toEqual(first.json.data);
    expect((await stats(token)).count).toBe(1);
    expect((await t.call('GET', '/guitars', { token })).json.data.items).toHaveLength(1);
  });

  it('makes one guitar of concurrent requests with one key', async () => {
    const token = await freshUser('racing');
    const headers = { 'idempotency-key': 'race-key' };
    const results = await Promise.all(
      Array.from({ length: 5 }, () => t.call('POST', '/guitars', { token, headers, body: guitarBody() })),
    );
    expect(results.map((result) => result.status)).toEqual([201, 201, 201, 201, 201]);
    expect(new Set(results.map((result) => result.json.data.id)).size).toBe(1);
    expect((await t.call('GET', '/guitars', { token })).json.data.items).toHaveLength(1);
    expect(await stats(token)).toMatchObject({ count: 1 });
  });

  it('answers 422 IDEMPOTENCY_KEY_REUSED to the same key with another body', async () => {
    const token = await freshUser('reused');
    const headers = { 'idempotency-key': 'same-key' };
    await t.call('POST', '/guitars', { token, headers, body: guitarBody() });
    const other = await t.call('POST', '/guitars', {
      token,
      headers,
      body: guitarBody({ model: 'Telecaster' }),
    });
    expect(other.status).toBe(422);
    expect(other.json.error.code).toBe('IDEMPOTENCY_KEY_REUSED');
    expect((await stats(token)).count).toBe(1);
  });

  it('keeps keys per user, and forgets them after 24 hours', async () => {
    const user = await signedInUser(t, 'key-a');
    const a = user.accessToken;
    const b = await freshUser('key-b');
    const headers = { 'idempotency-key': 'shared-key' };
    const first = await t.call('POST', '/guitars', { token: a, headers, body: guitarBody() });
    const other = await t.call('POST', '/guitars', { token: b, headers, body: guitarBody() });
    expect(other.status).toBe(201);
    expect(other.json.data.id).not.toBe(first.json.data.id);
    t.clock.advance(24 * 60 * 60 * 1000 + 1);
    const login = await t.call('POST', '/auth/login', {
      body: { email: user.email, password: STRONG_PASSWORD },
    });
    const token = login.json.data.accessToken;
    const later = await t.call('POST', '/guitars', { token, headers, body: guitarBody() });
    expect(later.status).toBe(201);
    expect(later.json.data.id).not.toBe(first.json.data.id);
  });

  it('refuses a malformed key', async () => {
    const token = await freshUser('bad-key');
    const response = await t.call('POST', '/guitars', {
      token,
      headers: { 'idempotency-key': 'x'.repeat(256) },
      body: guitarBody(),
    });
    expect(response.status).toBe(400);
  });
});
