import { randomBytes } from 'node:crypto';
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { createTestTable } from '../../../test/helpers/test-app.js';
import { createDatabase } from '../../data/database.js';
import { type StoredImage, type StoredNote, toItem } from './guitar-record.js';
import { LIMITS } from './limits.js';
import { GuitarInput } from './schemas.js';
import { type CollectionStore, createCollectionStore, type GuitarItem } from './store.js';

let store: CollectionStore;
let raw: (pk: string, sk: string) => Promise<Record<string, unknown> | undefined>;
/** Every command the store sent, in order. */
const sent: Array<{ command: string; input: Record<string, unknown> }> = [];

beforeAll(async () => {
  const { tableName } = await createTestTable();
  // A client of its own, so this file can count exactly the requests the store makes.
  const db = createDatabase({ tableName, region: 'us-east-1', endpoint: inject('dynamoEndpoint') });
  const client = await db.documentClient();
  client.middlewareStack.add(
    (next, context) => async (args) => {
      sent.push({ command: context.commandName as string, input: args.input as Record<string, unknown> });
      return next(args);
    },
    { step: 'initialize' },
  );
  store = createCollectionStore(client, tableName);
  raw = async (pk, sk) =>
    (await client.send(new GetCommand({ TableName: tableName, Key: { pk, sk }, ConsistentRead: true }))).Item;
});

const userId = () => `usr_${randomBytes(13).toString('hex')}`;
let sequence = 0;

function guitar(owner: string, fields: Partial<GuitarInput> = {}): GuitarItem {
  sequence += 1;
  const input = GuitarInput.parse({
    brand: 'Fender',
    model: 'Strat',
    year: 1970,
    type: 'electric',
    ...fields,
  });
  const at = '2026-11-21T12:00:00.000Z';
  const guitarId = `gtr_${String(sequence).padStart(26, '0')}`;
  return toItem(input, { userId: owner, guitarId, createdAt: at, updatedAt: at, version: 1 });
}

describe('collection store', () => {
  it('answers every filter combination with one Query on its own index partition, years as key condition', async () => {
    const owner = userId();
    const items = [
      guitar(owner, { brand: 'Fender', type: 'electric', year: 1965 }),
      guitar(owner, { brand: 'Fender', type: 'bass', year: 1975 }),
      guitar(owner, { brand: 'Gibson', type: 'electric', year: 1959 }),
      guitar(owner, { brand: 'Gibson', type: 'acoustic', year: 2001 }),
    ];
    await store.putGuitars(items);
    const cases: Array<[Parameters<CollectionStore['listGuitars']>[1], string, number[]]> = [
      [{}, 'gsi1', [2001, 1975, 1965, 1959]],
      [{ yearFrom: 1965, yearTo: 1975 }, 'gsi1', [1975, 1965]],
      [{ brandKey: 'fender' }, 'gsi2', [1975, 1965]],
      [{ brandKey: 'gibson', yearTo: 1999 }, 'gsi2', [1959]],
      [{ type: 'electric', yearFrom: 1960 }, 'gsi3', [1965]],
      [{ brandKey: 'gibson', type: 'acoustic' }, 'gsi4', [2001]],
      [{ brandKey: 'fender', type: 'bass', yearFrom: 1975, yearTo: 1975 }, 'gsi4', [1975]],
    ];
    for (const [filter, index, years] of cases) {
      sent.length = 0;
      const page = await store.listGuitars(owner, filter, 10, null);
      expect(
        page.items.map((item) => item.year),
        JSON.stringify(filter),
      ).toEqual(years);
      expect(page.cursor).toBeNull();
      expect(sent.map((request) => request.command)).toEqual(['QueryCommand']);
      const query = sent[0]?.input as { IndexName: string; KeyConditionExpression: string };
      expect(query.IndexName).toBe(index);
      if (filter.yearFrom !== undefined || filter.yearTo !== undefined) {
        expect(query.KeyConditionExpression).toContain('BETWEEN');
      }
    }
  });

  it('replaces a guitar only at the version read and with no unfinished change', async () => {
    const item = guitar(userId());
    expect(await store.createGuitar(item)).toBe(true);
    expect(await store.createGuitar(item)).toBe(false);
    expect(await store.replaceGuitar({ ...item, model: 'Stale', version: 2 }, 7)).toBe(false);
    const pending = { id: 'change-1', deltas: [] };
    expect(await store.replaceGuitar({ ...item, version: 2, pending }, 1)).toBe(true);
    expect(await store.replaceGuitar({ ...item, version: 3 }, 2)).toBe(false);
    expect(await store.clearPending(item.userId, item.guitarId, 'another-change')).toBe(false);
    expect(await store.clearPending(item.userId, item.guitarId, 'change-1')).toBe(true);
    expect(await store.replaceGuitar({ ...item, version: 3 }, 2)).toBe(true);
    expect((await store.getGuitar(item.userId, item.guitarId))?.version).toBe(3);
  });

  it('adds one change to a counter once, however often it is applied', async () => {
    const owner = userId();
    const delta = { counterKey: 'brand#fender', label: 'Fender', count: 1, purchaseMinor: 5, valueMinor: 7 };
    const results = await Promise.all([1, 2, 3].map(() => store.applyToCounter(owner, 'change-a', delta)));
    expect(results.filter(Boolean)).toHaveLength(1);
    await store.applyToCounter(owner, 'change-b', { ...delta, count: 2 });
    await store.forgetChanges(owner, 'brand#fender', (changeId) => changeId === 'change-a');
    const [counter] = await store.listCounters(owner, 'brand#');
    expect(counter).toMatchObject({ label: 'Fender', count: 3, purchaseMinor: 10, valueMinor: 14 });
    expect(counter?.applied).toEqual(['change-b']);
  });

  it('deletes a whole collection in batches of 25, not one request per guitar', async () => {
    const owner = userId();
    await store.putGuitars(Array.from({ length: 60 }, () => guitar(owner)));
    const mine = await store.allGuitars(owner);
    expect(mine).toHaveLength(60);
    sent.length = 0;
    await store.deleteGuitars(mine);
    expect(sent.map((request) => request.command)).toEqual(Array(3).fill('BatchWriteItemCommand'));
    expect(await store.allGuitars(owner)).toEqual([]);
  });

  it('stores the largest guitar validation allows (well under DynamoDB’s 400 KB)', async () => {
    const wide = (length: number) => '€'.repeat(length);
    const input = GuitarInput.parse({
      brand: wide(100),
      model: wide(100),
      year: 2000,
      type: 'electric',
      electronics: wide(500),
      detailedSpecs: Object.fromEntries(
        Array.from({ length: LIMITS.detailedSpecs }, (_, i) => [`${i}${wide(48)}`, wide(500)]),
      ),
      privateInfo: {
        serialNumber: wide(100),
        purchaseLocation: wide(200),
        insuranceInfo: wide(1000),
        purchasePrice: '999999999.99',
        currency: 'EUR',
      },
    });
    const base = guitar(userId());
    const notes: StoredNote[] = Array.from({ length: LIMITS.notes }, (_, i) => ({
      id: `note_${String(i).padStart(26, '0')}`,
      content: wide(LIMITS.noteLength),
      createdAt: base.createdAt,
      keyHash: `${i}`.padEnd(43, 'k'),
      requestHash: 'r'.repeat(43),
    }));
    const images: StoredImage[] = Array.from({ length: LIMITS.images }, (_, i) => ({
      id: `img_${String(i).padStart(26, '0')}`,
      key: `images/${base.userId}/${base.guitarId}/img_${String(i).padStart(26, '0')}.jpg`,
      thumbnailKey: `images/${base.userId}/${base.guitarId}/img_${String(i).padStart(26, '0')}-thumb.webp`,
      uploadKey: `uploads/${base.userId}/${'u'.repeat(36)}-${'f'.repeat(80)}`,
      caption: wide(LIMITS.captionLength),
      width: 4000,
      height: 3000,
      createdAt: base.createdAt,
    }));
    const item = toItem(input, {
      ...base,
      notes: Object.fromEntries(notes.map((note) => [note.id, note])),
      noteKeys: notes.map((note) => note.keyHash as string),
      images: Object.fromEntries(images.map((image) => [image.id, image])),
      imageOrder: Object.fromEntries(images.map((image, i) => [image.id, i + 1])),
      imageSeq: LIMITS.images,
      imageUploads: images.map((image, i) => `${image.uploadKey}${i}`),
      primaryImageId: images[0]?.id,
    });
    expect(Buffer.byteLength(JSON.stringify(item))).toBeLessThan(300 * 1024);
    expect(await store.createGuitar(item)).toBe(true);
    expect(Object.keys((await store.getGuitar(item.userId, item.guitarId))?.notes ?? {})).toHaveLength(
      LIMITS.notes,
    );
  });
});

describe('notes, images and the receipt on a guitar', () => {
  const at = '2026-11-21T12:00:01.000Z';
  const note = (id: string, keyHash?: string): StoredNote => ({
    id,
    content: `note ${id}`,
    createdAt: at,
    ...(keyHash ? { keyHash, requestHash: 'r' } : {}),
  });
  const image = (id: string): StoredImage => ({
    id,
    key: `images/x/${id}.jpg`,
    thumbnailKey: `images/x/${id}-thumb.webp`,
    uploadKey: `uploads/x/${id}`,
    caption: null,
    width: 1,
    height: 1,
    createdAt: at,
  });

  it('adds each note with its own update, up to the limit, once per key, moving the version on', async () => {
    const item = guitar(userId());
    await store.createGuitar(item);
    const ids = Array.from({ length: 12 }, (_, i) => `note_${String(i).padStart(26, '0')}`);
    const added = await Promise.all(
      ids.map((id) => store.addNote(item.userId, item.guitarId, note(id), 10, at)),
    );
    expect(added.filter(Boolean)).toHaveLength(10);
    const stored = await store.getGuitar(item.userId, item.guitarId);
    expect(Object.keys(stored?.notes ?? {})).toHaveLength(10);
    expect(stored?.version).toBe(11);

    const other = guitar(userId());
    await store.createGuitar(other);
    expect(await store.addNote(other.userId, other.guitarId, note('note_a', 'key-1'), 10, at)).toBe(true);
    expect(await store.addNote(other.userId, other.guitarId, note('note_b', 'key-1'), 10, at)).toBe(false);
    expect(await store.removeNote(other.userId, other.guitarId, note('note_a', 'key-1'), at)).toBe(true);
    expect(await store.removeNote(other.userId, other.guitarId, note('note_a', 'key-1'), at)).toBe(false);
    expect(await store.addNote(other.userId, other.guitarId, note('note_b', 'key-1'), 10, at)).toBe(true);
  });

  it('refuses notes and images on a guitar that is missing, being deleted, or keeps them as lists', async () => {
    const owner = userId();
    const missing = guitar(owner);
    expect(await store.addNote(owner, missing.guitarId, note('note_x'), 10, at)).toBe(false);
    const deleting = { ...guitar(owner), deleting: true };
    await store.createGuitar(deleting);
    expect(await store.addNote(owner, deleting.guitarId, note('note_x'), 10, at)).toBe(false);
    expect(await store.addImage(owner, deleting.guitarId, image('img_x'), false, 10, at)).toBe(false);
    const lists = { ...guitar(owner), notes: [note('note_old')], images: [image('img_old')] };
    await store.createGuitar(lists);
    expect(await store.addNote(owner, lists.guitarId, note('note_x'), 10, at)).toBe(false);
    expect(await store.addImage(owner, lists.guitarId, image('img_x'), false, 10, at)).toBe(false);
  });

  it('numbers images in the order they are recorded, keeps the first as primary unless asked, and once per upload', async () => {
    const item = guitar(userId());
    await store.createGuitar(item);
    const { userId: owner, guitarId } = item;
    expect(await store.addImage(owner, guitarId, image('img_b'), false, 10, at)).toBe(true);
    expect(await store.addImage(owner, guitarId, image('img_a'), false, 10, at)).toBe(true);
    expect(await store.addImage(owner, guitarId, image('img_a'), false, 10, at)).toBe(false);
    let stored = await store.getGuitar(owner, guitarId);
    expect(stored).toMatchObject({
      imageOrder: { img_b: 1, img_a: 2 },
      imageSeq: 2,
      primaryImageId: 'img_b',
    });
    expect(await store.addImage(owner, guitarId, image('img_c'), true, 10, at)).toBe(true);
    expect(await store.removeImage(owner, guitarId, image('img_b'), at)).toBe(true);
    expect(await store.removeImage(owner, guitarId, image('img_b'), at)).toBe(false);
    stored = await store.getGuitar(owner, guitarId);
    expect(Object.keys(stored?.images ?? {}).sort()).toEqual(['img_a', 'img_c']);
    expect(stored).toMatchObject({ imageOrder: { img_a: 2, img_c: 3 }, primaryImageId: 'img_c' });
    expect(stored?.imageUploads?.sort()).toEqual(['uploads/x/img_a', 'uploads/x/img_c']);
  });

  it('sets the receipt and answers the one it replaced', async () => {
    const item = guitar(userId());
    await store.createGuitar(item);
    expect(await store.setReceipt(item.userId, item.guitarId, 'receipts/x/1.jpg', at)).toEqual({
      replaced: undefined,
    });
    expect(await store.setReceipt(item.userId, item.guitarId, 'receipts/x/2.jpg', at)).toEqual({
      replaced: 'receipts/x/1.jpg',
    });
    expect((await store.getGuitar(item.userId, item.guitarId))?.privateInfo).toEqual({
      receiptKey: 'receipts/x/2.jpg',
    });
    expect(await store.setReceipt(item.userId, guitar(userId()).guitarId, 'receipts/x/3.jpg', at)).toBeNull();
  });

  it('keeps an Idempotency-Key claim as items already written have it, and deletes it with the bookkeeping', async () => {
    const owner = userId();
    const at = Date.UTC(2026, 10, 30, 12, 0, 0);
    const clock = { now: () => at };
    const request = { userId: owner, key: 'retry-1', requestHash: 'request-hash', clock };
    const { claim } = await store.idempotencyClaims.claim({ ...request, newReference: () => 'gtr_claimed' });
    await store.idempotencyClaims.complete(claim, '{"id":"gtr_claimed"}');
    // The names below are in items written since the collection began: a change here strands them.
    const sk = 'IDEM#OZj7242ESqAdA94Js5t7CC4DvuRpxAOHvy_tuBsYg_g';
    expect(await raw(`GTR#${owner}`, sk)).toEqual({
      pk: `GTR#${owner}`,
      sk,
      __edb_e__: 'guitarIdempotency',
      __edb_v__: '1',
      userId: owner,
      keyHash: 'OZj7242ESqAdA94Js5t7CC4DvuRpxAOHvy_tuBsYg_g',
      requestHash: 'request-hash',
      guitarId: 'gtr_claimed',
      result: '{"id":"gtr_claimed"}',
      claimedAt: at,
      expiresAt: at + 24 * 60 * 60 * 1000,
      ttl: at / 1000 + 24 * 60 * 60,
    });
    await store.deleteBookkeeping(owner);
    expect(await raw(`GTR#${owner}`, sk)).toBeUndefined();
  });
});
