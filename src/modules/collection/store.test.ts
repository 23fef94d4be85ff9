import { randomBytes } from 'node:crypto';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { createTestTable } from '../../../test/helpers/test-app.js';
import { createDatabase } from '../../data/database.js';
import { type StoredImage, type StoredNote, toItem } from './guitar-record.js';
import { GuitarInput, LIMITS } from './schemas.js';
import { type CollectionStore, createCollectionStore, type GuitarItem } from './store.js';

let store: CollectionStore;
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
      keyHash: 'k'.repeat(43),
      requestHash: 'r'.repeat(43),
    }));
    const images: StoredImage[] = Array.from({ length: LIMITS.images }, (_, i) => ({
      id: `img_${String(i).padStart(26, '0')}`,
      key: `images/${base.userId}/${base.guitarId}/img_${String(i).padStart(26, '0')}.jpg`,
      thumbnailKey: `images/${base.userId}/${base.guitarId}/img_${String(i).padStart(26, '0')}-thumb.webp`,
      caption: wide(LIMITS.captionLength),
      isPrimary: i === 0,
      order: i,
      width: 4000,
      height: 3000,
      createdAt: base.createdAt,
    }));
    const item = toItem(input, { ...base, notes, images });
    expect(Buffer.byteLength(JSON.stringify(item))).toBeLessThan(300 * 1024);
    expect(await store.createGuitar(item)).toBe(true);
    expect((await store.getGuitar(item.userId, item.guitarId))?.notes).toHaveLength(LIMITS.notes);
  });
});
