// The collection part of `npm run bench`: GET /guitars for a user with 10 and one with 10,000 guitars
// (one Query per page whatever the collection's size, so p50 should not grow), and the time of
// POST /images/upload-complete for a ~5 MB JPEG, through the real Node server.
import sharp from 'sharp';
import { createDatabase } from '../src/data/database.js';
import { toItem } from '../src/modules/collection/guitar-record.js';
import { GuitarInput } from '../src/modules/collection/schemas.js';
import { createCollectionStore, type GuitarItem } from '../src/modules/collection/store.js';
import type { BenchUser } from './amply.js';
import { percentile, round } from './stats.js';

export interface SequentialLatency {
  count: number;
  p50: number;
  p99: number;
}

export interface CollectionPart {
  list: {
    guitars10: SequentialLatency;
    guitars10k: SequentialLatency;
    guitars10kFiltered: SequentialLatency;
  };
  seedSeconds: number;
  upload: { bytes: number; runs: number; p50: number; min: number; max: number };
}

const BRANDS = ['Fender', 'Gibson', 'Martin', 'Gretsch', 'Ibanez', 'Rickenbacker', 'Taylor', 'PRS'];
const TYPES = ['electric', 'acoustic', 'bass', 'semi-hollow'] as const;

function guitarsFor(userId: string, count: number): GuitarItem[] {
  const createdAt = new Date().toISOString();
  return Array.from({ length: count }, (_, i) => {
    const input = GuitarInput.parse({
      brand: BRANDS[i % BRANDS.length],
      model: `Model ${i}`,
      year: 1950 + (i % 75),
      type: TYPES[i % TYPES.length],
      color: 'Sunburst',
      privateInfo: { purchasePrice: '1200.00', currency: 'EUR' },
    });
    const guitarId = `gtr_${String(i).padStart(26, '0')}`;
    return toItem(input, { userId, guitarId, createdAt, updatedAt: createdAt, version: 1 });
  });
}

/** Writes the guitars straight into the table in batches (counters are not the point here). */
async function seed(endpoint: string, tableName: string, userId: string, count: number) {
  const db = createDatabase({ tableName, region: 'us-east-1', endpoint });
  const store = createCollectionStore(await db.documentClient(), tableName);
  const items = guitarsFor(userId, count);
  for (let i = 0; i < items.length; i += 2000) {
    const slice = items.slice(i, i + 2000);
    await Promise.all([0, 500, 1000, 1500].map((at) => store.putGuitars(slice.slice(at, at + 500))));
  }
}

async function get(url: string, token: string): Promise<void> {
  const response = await fetch(url, { headers: { authorization: `Bearer ${token}` } });
  if (response.status !== 200)
    throw new Error(`GET ${url} answered ${response.status}: ${await response.text()}`);
  await response.arrayBuffer();
}

/**
 * One request at a time after a warm-up, the targets taking turns (A, B, C, A, B, C, …) so a slow
 * moment of the shared machine or the engine falls on all of them alike.
 */
export async function interleaved(
  targets: Array<{ url: string; token: string }>,
  count: number,
  warmup: number,
): Promise<SequentialLatency[]> {
  const samples = targets.map(() => [] as number[]);
  for (let i = 0; i < warmup + count; i += 1) {
    for (const [index, { url, token }] of targets.entries()) {
      const started = performance.now();
      await get(url, token);
      if (i >= warmup) samples[index]?.push(performance.now() - started);
    }
  }
  return samples.map((taken) => ({
    count,
    p50: round(percentile(taken, 50), 2),
    p99: round(percentile(taken, 99), 2),
  }));
}

async function call(baseUrl: string, token: string, method: string, path: string, body: unknown) {
  const response = await fetch(`${baseUrl}${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  const json = (await response.json()) as { data?: any };
  if (!response.ok) throw new Error(`${method} ${path} answered ${response.status}: ${JSON.stringify(json)}`);
  return json.data;
}

/** A 12 MP phone-sized JPEG of about 5 MB (grain makes it compress like a photo), with GPS EXIF. */
function fiveMegabytePhoto(): Promise<Buffer> {
  return sharp({
    create: {
      width: 4032,
      height: 3024,
      channels: 3,
      background: '#808080',
      noise: { type: 'gaussian', mean: 128, sigma: 26 },
    },
  })
    .withExif({ IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '51/1 30/1 0/1' } })
    .jpeg({ quality: 85 })
    .toBuffer();
}

/** Upload URL and PUT untimed; only the completion (check, sniff, strip, thumbnail, move, record) is timed. */
async function measureUploadComplete(baseUrl: string, token: string, runs: number) {
  const photo = await fiveMegabytePhoto();
  const guitar = await call(baseUrl, token, 'POST', '/guitars', {
    brand: 'Fender',
    model: 'Bench',
    year: 1990,
    type: 'electric',
  });
  const samples: number[] = [];
  for (let run = 0; run <= runs; run += 1) {
    const ticket = await call(baseUrl, token, 'POST', '/images/upload-url', {
      fileName: 'bench.jpg',
      fileType: 'image/jpeg',
      fileSize: photo.length,
      kind: 'image',
    });
    const put = await fetch(ticket.uploadUrl, {
      method: 'PUT',
      headers: ticket.headers,
      body: new Uint8Array(photo),
    });
    if (put.status !== 200) throw new Error(`upload PUT answered ${put.status}`);
    const started = performance.now();
    await call(baseUrl, token, 'POST', '/images/upload-complete', {
      imageKey: ticket.imageKey,
      guitarId: guitar.id,
    });
    // The first run warms sharp and the code paths up and is not counted.
    if (run > 0) samples.push(performance.now() - started);
  }
  return {
    bytes: photo.length,
    runs,
    p50: round(percentile(samples, 50), 1),
    min: round(Math.min(...samples), 1),
    max: round(Math.max(...samples), 1),
  };
}

export async function benchCollection(
  baseUrl: string,
  engine: { endpoint: string; tableName: string },
  users: { small: BenchUser; large: BenchUser },
  settings: { requests: number; warmup: number; uploads: number },
  progress: (message: string) => void,
): Promise<CollectionPart> {
  progress('seeding 10 and 10,000 guitars');
  const seedStarted = performance.now();
  await seed(engine.endpoint, engine.tableName, users.small.userId, 10);
  await seed(engine.endpoint, engine.tableName, users.large.userId, 10_000);
  const seedSeconds = round((performance.now() - seedStarted) / 1000, 1);
  const page = `${baseUrl}/guitars?limit=10`;
  progress(`GET /guitars?limit=10 (${settings.requests} sequential requests per target, taking turns)`);
  const [guitars10, guitars10k, guitars10kFiltered] = (await interleaved(
    [
      { url: page, token: users.small.accessToken },
      { url: page, token: users.large.accessToken },
      { url: `${page}&brand=gibson&yearFrom=1960&yearTo=1990`, token: users.large.accessToken },
    ],
    settings.requests,
    settings.warmup,
  )) as [SequentialLatency, SequentialLatency, SequentialLatency];
  progress(`POST /images/upload-complete, ~5 MB JPEG (${settings.uploads} runs)`);
  const upload = await measureUploadComplete(baseUrl, users.small.accessToken, settings.uploads);
  return { list: { guitars10, guitars10k, guitars10kFiltered }, seedSeconds, upload };
}
