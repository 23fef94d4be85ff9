import { beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, signedInUser, type TestApp } from '../../../test/helpers/test-app.js';
import { createGuitar } from './test-guitars.js';

let t: TestApp;
let token: string;
let otherToken: string;
/** Guitar ids by what they were made with. */
const made: Array<{ id: string; brand: string; type: string; year: number }> = [];

const BRANDS = ['Fender', 'Gibson', 'Martin'];
const TYPES = ['electric', 'acoustic', 'bass'];

/** Follows nextCursor to the end; returns every id in order and how many pages it took. */
async function readAll(query: string, limit: number) {
  const ids: string[] = [];
  let cursor: string | null = null;
  let pages = 0;
  do {
    const suffix: string = cursor ? `&cursor=${encodeURIComponent(cursor)}` : '';
    const page = await t.call('GET', `/guitars?limit=${limit}${query}${suffix}`, { token });
    expect(page.status).toBe(200);
    ids.push(...page.json.data.items.map((item: { id: string }) => item.id));
    expect(page.json.data.items.length).toBeLessThanOrEqual(limit);
    cursor = page.json.data.nextCursor;
    pages += 1;
  } while (cursor !== null && pages < 50);
  return { ids, pages };
}

beforeAll(async () => {
  t = await createTestApp();
  token = (await signedInUser(t, 'lister')).accessToken;
  otherToken = (await signedInUser(t, 'other-lister')).accessToken;
  // 45 guitars: brand, type and year vary independently.
  const specs = Array.from({ length: 45 }, (_, i) => ({
    brand: BRANDS[i % 3] as string,
    type: TYPES[Math.floor(i / 3) % 3] as string,
    year: 1950 + ((i * 7) % 60),
  }));
  for (let i = 0; i < specs.length; i += 9) {
    const batch = specs.slice(i, i + 9);
    const guitars = await Promise.all(batch.map((spec) => createGuitar(t, token, spec)));
    for (const [j, guitar] of guitars.entries()) {
      made.push({ id: guitar.id, ...(batch[j] as (typeof specs)[number]) });
    }
  }
  await createGuitar(t, otherToken, { brand: 'Fender' });
}, 120_000);

const expected = (keep: (guitar: (typeof made)[number]) => boolean) =>
  made.filter(keep).map((guitar) => guitar.id);

describe('GET /guitars', () => {
  it('pages through all 45 guitars, each exactly once, newest year first, and ends with a null cursor', async () => {
    const { ids, pages } = await readAll('', 10);
    expect(pages).toBe(5);
    expect(new Set(ids).size).toBe(45);
    expect(ids.sort()).toEqual(expected(() => true).sort());
    const first = await t.call('GET', '/guitars?limit=45', { token });
    const years = first.json.data.items.map((item: { year: number }) => item.year);
    expect(years).toEqual([...years].sort((a, b) => b - a));
    expect(first.json.data.items[0]).not.toHaveProperty('privateInfo');
    expect(first.json.data.items[0]).not.toHaveProperty('notes');
  });

  it('filters by brand and year range together across pages, every match exactly once', async () => {
    const { ids } = await readAll('&brand=fender&yearFrom=1960&yearTo=1990', 3);
    const want = expected((g) => g.brand === 'Fender' && g.year >= 1960 && g.year <= 1990);
    expect(want.length).toBeGreaterThan(3);
    expect(ids.sort()).toEqual(want.sort());
  });

  it('filters by type and years, by brand and type, and by years alone', async () => {
    const cases: Array<[string, (g: (typeof made)[number]) => boolean]> = [
      ['&type=bass&yearFrom=1970', (g) => g.type === 'bass' && g.year >= 1970],
      ['&brand=Gibson&type=acoustic', (g) => g.brand === 'Gibson' && g.type === 'acoustic'],
      [
        '&brand=Martin&type=electric&yearTo=1980',
        (g) => g.brand === 'Martin' && g.type === 'electric' && g.year <= 1980,
      ],
      ['&yearFrom=1955&yearTo=1955', (g) => g.year === 1955],
      ['&type=electric', (g) => g.type === 'electric'],
    ];
    for (const [query, keep] of cases) {
      const { ids } = await readAll(query, 4);
      expect(ids.sort(), query).toEqual(expected(keep).sort());
    }
  });

  it('shows another user none of these guitars', async () => {
    const page = await t.call('GET', '/guitars?brand=Fender&limit=100', { token: otherToken });
    expect(page.json.data.items).toHaveLength(1);
    expect(made.map((guitar) => guitar.id)).not.toContain(page.json.data.items[0].id);
  });

  it('refuses a cursor that was edited, belongs to another user or to another filter (400)', async () => {
    const page = await t.call('GET', '/guitars?limit=5&brand=Fender', { token });
    const cursor: string = page.json.data.nextCursor;
    expect(cursor).toEqual(expect.any(String));
    const [body, tag] = cursor.split('.') as [string, string];
    const edited = `${Buffer.from(`${Buffer.from(body, 'base64url').toString()} `).toString('base64url')}.${tag}`;
    const attempts = [
      t.call('GET', `/guitars?limit=5&brand=Fender&cursor=${encodeURIComponent(edited)}`, { token }),
      t.call('GET', `/guitars?limit=5&brand=Fender&cursor=${encodeURIComponent(cursor)}`, {
        token: otherToken,
      }),
      t.call('GET', `/guitars?limit=5&brand=Gibson&cursor=${encodeURIComponent(cursor)}`, { token }),
      t.call('GET', `/guitars?limit=5&cursor=${encodeURIComponent(cursor)}`, { token }),
    ];
    for (const response of await Promise.all(attempts)) {
      expect(response.status).toBe(400);
      expect(response.json.error.details).toEqual([{ field: 'cursor', message: expect.any(String) }]);
    }
  });

  it('validates limit, years and type', async () => {
    for (const query of [
      'limit=0',
      'limit=101',
      'yearFrom=1899',
      'yearFrom=2000&yearTo=1990',
      'type=kazoo',
    ]) {
      const response = await t.call('GET', `/guitars?${query}`, { token });
      expect(response.status, query).toBe(400);
      expect(response.json.error.code).toBe('GUITAR_VALIDATION_ERROR');
    }
  });

  it('uses 20 as the default page size', async () => {
    const page = await t.call('GET', '/guitars', { token });
    expect(page.json.data.items).toHaveLength(20);
  });
});
