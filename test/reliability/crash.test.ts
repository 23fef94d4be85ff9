import { afterAll, describe, expect, it } from 'vitest';
import {
  login,
  makeTempDir,
  removeDir,
  request,
  type ServerProcess,
  uniqueAddress,
} from '../e2e/server-process.js';
import { randomSource, runSeed, serverErrors, signUp, startReliabilityServer } from './harness.js';

/*
 * kill -9 of the started server while 20 clients write: every write it acknowledged is there after a
 * restart on the same data folder, and each user's counters (brands, stats) equal what their list holds,
 * however many changes the kill cut in half.
 */

const SEED = runSeed();
const WRITERS = 20;
const USERS = 4;
const BRANDS = ['Fender', 'Gibson', 'Gretsch', 'Rickenbacker', 'Ibanez'] as const;

let dataDir: string | undefined;
const servers: ServerProcess[] = [];

afterAll(async () => {
  await Promise.all(servers.map((server) => server.stop()));
  if (dataDir) await removeDir(dataDir);
});

interface Acknowledged {
  guitars: Map<string, string>;
  notes: Map<string, string[]>;
}

/** Every guitar of a user, page by page. */
async function listAll(baseUrl: string, token: string) {
  const items: Array<{ id: string; brand: string; privateInfo?: unknown }> = [];
  let cursor: string | null = null;
  do {
    const page = await request(
      baseUrl,
      'GET',
      `/guitars?limit=100${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
      {
        token,
      },
    );
    expect(page.status).toBe(200);
    items.push(...page.json.data.items);
    cursor = page.json.data.nextCursor;
  } while (cursor);
  return items;
}

describe(`kill -9 under ${WRITERS} concurrent writers (seed ${SEED})`, () => {
  it('keeps every acknowledged guitar and note, and counters equal to the lists', async () => {
    const random = randomSource(SEED);
    dataDir = await makeTempDir('reliability-crash');
    const first = await startReliabilityServer({ dataDir, env: { AMPLY_DEV_OIDC: 'off' } });
    servers.push(first);
    const users = await Promise.all(
      Array.from({ length: USERS }, () => signUp(first.baseUrl, uniqueAddress('crash'))),
    );
    const acknowledged = new Map<string, Acknowledged>(
      users.map((user) => [user.userId, { guitars: new Map(), notes: new Map() }]),
    );

    let killed = false;
    let writes = 0;
    let failures = 0;
    const writer = async (index: number) => {
      const user = users[index % USERS] as (typeof users)[number];
      const mine = acknowledged.get(user.userId) as Acknowledged;
      while (!killed) {
        try {
          const ids = [...mine.guitars.keys()];
          if (ids.length > 0 && random.next() < 0.3) {
            const guitarId = random.pick(ids);
            const note = await request(first.baseUrl, 'POST', `/guitars/${guitarId}/notes`, {
              token: user.accessToken,
              body: { content: `note ${index}` },
            });
            if (note.status === 201) {
              mine.notes.set(guitarId, [...(mine.notes.get(guitarId) ?? []), note.json.data.id]);
              writes += 1;
            }
          } else {
            const brand = random.pick(BRANDS);
            const created = await request(first.baseUrl, 'POST', '/guitars', {
              token: user.accessToken,
              body: {
                brand,
                model: `Crash ${index}`,
                year: 1950 + random.int(70),
                type: 'electric',
                privateInfo: {
                  purchasePrice: (1 + random.int(500000)) / 100,
                  currency: random.pick(['EUR', 'USD']),
                },
              },
            });
            if (created.status === 201) {
              mine.guitars.set(created.json.data.id, brand);
              writes += 1;
            }
          }
        } catch {
          failures += 1; // the kill: the connection went away
          return;
        }
      }
    };
    const started = performance.now();
    const running = Array.from({ length: WRITERS }, (_, index) => writer(index));
    // Kill once enough is acknowledged (or after 20 s), in the middle of the writers' traffic.
    const acknowledgedCount = () =>
      [...acknowledged.values()].reduce((sum, mine) => sum + mine.guitars.size, 0);
    while (acknowledgedCount() < 300 && performance.now() - started < 20_000) {
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    first.child.kill('SIGKILL');
    killed = true;
    expect((await first.stop()).signal).toBe('SIGKILL');
    await Promise.all(running);
    const writeSeconds = (performance.now() - started) / 1000;

    const second = await startReliabilityServer({ dataDir, env: { AMPLY_DEV_OIDC: 'off' } });
    servers.push(second);
    let listed = 0;
    let notesChecked = 0;
    for (const user of users) {
      const mine = acknowledged.get(user.userId) as Acknowledged;
      const { accessToken } = await login(second.baseUrl, user.email);
      const items = await listAll(second.baseUrl, accessToken);
      listed += items.length;
      const present = new Set(items.map((item) => item.id));
      expect([...mine.guitars.keys()].filter((id) => !present.has(id))).toEqual([]);
      // What the kill cut off before its answer may be there too, but then whole: listed means readable.
      for (const id of [...present].filter((listedId) => !mine.guitars.has(listedId))) {
        expect((await request(second.baseUrl, 'GET', `/guitars/${id}`, { token: accessToken })).status).toBe(
          200,
        );
      }
      for (const [guitarId, noteIds] of mine.notes) {
        const guitar = await request(second.baseUrl, 'GET', `/guitars/${guitarId}`, { token: accessToken });
        const stored = new Set(guitar.json.data.notes.map((note: { id: string }) => note.id));
        expect(noteIds.filter((id) => !stored.has(id))).toEqual([]);
        notesChecked += noteIds.length;
      }
      // Counters equal the list (reading them first finishes any change the kill cut in half).
      const stats = (await request(second.baseUrl, 'GET', '/guitars/stats', { token: accessToken })).json
        .data;
      expect(stats.count).toBe(items.length);
      const brands = (await request(second.baseUrl, 'GET', '/guitars/brands', { token: accessToken })).json
        .data;
      const counted: Record<string, number> = {};
      for (const item of items) counted[item.brand] = (counted[item.brand] ?? 0) + 1;
      expect(
        Object.fromEntries(
          brands.items.map((entry: { brand: string; count: number }) => [entry.brand, entry.count]),
        ),
      ).toEqual(counted);
      const byCurrency = stats.byCurrency.reduce(
        (sum: number, entry: { guitars: number }) => sum + entry.guitars,
        0,
      );
      expect(byCurrency).toBe(items.length);
    }
    const total = acknowledgedCount();
    console.info(
      `kill -9 (seed ${SEED}): ${WRITERS} writers, ${writes} writes acknowledged in ${writeSeconds.toFixed(1)} s ` +
        `(${total} guitars, ${notesChecked} notes), ${failures} writers cut off; after restart ${listed} guitars listed, ` +
        `every acknowledged one among them; counters equal to the lists`,
    );
    expect(total).toBeGreaterThan(0);
    expect(serverErrors(second.stdout())).toEqual([]);
  });
});
