// `npm run bench:media`: the image pipeline on a ~5 MB JPEG (p50 and peak RSS growth, measured in a
// fresh child process so other work does not blur the memory figure) and the local blob store's
// direct-upload PUT throughput for a 10 MB body through the real Node server.
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { createAdaptorServer } from '@hono/node-server';
import sharp from 'sharp';
import { createApp } from '../src/app.js';
import { loadConfig } from '../src/config.js';
import { createDeps } from '../src/deps.js';
import { createLogger } from '../src/logger.js';
import { processImage } from '../src/media/image-pipeline.js';
import { ROOT } from './children.js';
import { median, round } from './stats.js';

const RUNS = 10;
const MB = 1024 * 1024;

/** A 12 MP photo-like JPEG of about 5 MB: smooth colour fields with grain, as a phone camera makes. */
async function fiveMegabyteJpeg(): Promise<Buffer> {
  const width = 4032;
  const height = 3024;
  const small = await sharp(randomBytes(63 * 47 * 3), { raw: { width: 63, height: 47, channels: 3 } })
    .resize(width, height, { kernel: 'cubic' })
    .raw()
    .toBuffer();
  const grain = randomBytes(small.length);
  for (let i = 0; i < small.length; i += 1) {
    small[i] = Math.min(255, (small[i] as number) + ((grain[i] as number) % 56));
  }
  return sharp(small, { raw: { width, height, channels: 3 } })
    .jpeg({ quality: 90 })
    .withExif({ IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '51/1 30/1 0/1' } })
    .toBuffer();
}

/** Child side: process the file RUNS times, sampling RSS every 5 ms; print one JSON line. */
async function measurePipeline(file: string) {
  const input = await readFile(file);
  await processImage(
    await sharp({ create: { width: 8, height: 8, channels: 3, background: 'red' } })
      .jpeg()
      .toBuffer(),
  );
  const baseline = process.memoryUsage().rss;
  let peak = baseline;
  const sampler = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, 5);
  const times: number[] = [];
  let output = { original: 0, thumbnail: 0, width: 0, height: 0 };
  for (let run = 0; run < RUNS; run += 1) {
    const started = performance.now();
    const result = await processImage(input);
    times.push(performance.now() - started);
    peak = Math.max(peak, process.memoryUsage().rss);
    output = {
      original: result.original.length,
      thumbnail: result.thumbnail.length,
      width: result.width,
      height: result.height,
    };
  }
  clearInterval(sampler);
  process.stdout.write(
    `${JSON.stringify({ times, baselineMb: baseline / MB, peakGrowthMb: (peak - baseline) / MB, output })}\n`,
  );
}

async function measureUploads() {
  const dataDir = await mkdtemp(join(tmpdir(), 'amply-bench-media-'));
  try {
    // As src/entry/node.ts: listen first, so the upload URLs name the real port.
    let handle: ((request: Request) => Response | Promise<Response>) | undefined;
    const server = createAdaptorServer({
      fetch: (request) => (handle ? handle(request) : new Response('Starting', { status: 503 })),
    });
    await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const config = loadConfig({
      AMPLY_DATA_DIR: dataDir,
      AMPLY_PUBLIC_URL: base,
      AMPLY_RATE_LIMIT_DEFAULT: 'off',
      AMPLY_LOG_LEVEL: 'warn',
    });
    const deps = await createDeps(config, { logger: createLogger({ level: 'warn' }) });
    handle = createApp(deps, { remoteAddress: () => '127.0.0.1' }).app.fetch;

    const body = randomBytes(10 * 1000 * 1000);
    const seconds: number[] = [];
    for (let run = 0; run < RUNS; run += 1) {
      const ticket = await deps.blobs.createUploadUrl({
        key: `uploads/usr_bench/${run}-photo.jpg`,
        contentType: 'image/jpeg',
        contentLength: body.length,
        expiresInSeconds: 300,
      });
      const started = performance.now();
      const response = await fetch(ticket.url, { method: 'PUT', headers: ticket.headers, body });
      await response.arrayBuffer();
      if (response.status !== 200) throw new Error(`upload answered ${response.status}`);
      seconds.push((performance.now() - started) / 1000);
    }
    server.close();
    return { p50Ms: round(median(seconds) * 1000), mbPerSecond: round(body.length / MB / median(seconds)) };
  } finally {
    await rm(dataDir, { recursive: true, force: true });
  }
}

if (process.argv[2] === '--pipeline-child') {
  await measurePipeline(process.argv[3] as string);
} else {
  const dir = await mkdtemp(join(tmpdir(), 'amply-bench-jpeg-'));
  const file = join(dir, 'photo.jpg');
  const jpeg = await fiveMegabyteJpeg();
  await writeFile(file, jpeg);
  // glibc's allocator gives each libvips thread an arena and fragments them; one arena keeps RSS flat.
  const pipeline: Record<string, unknown> = { inputMb: round(jpeg.length / MB, 2), runs: RUNS };
  for (const [name, env] of [
    ['defaultAllocator', {}],
    ['mallocArenaMax1', { MALLOC_ARENA_MAX: '1' }],
  ] as const) {
    const child = await promisify(execFile)(
      process.execPath,
      ['--import', 'tsx', 'bench/media.ts', '--pipeline-child', file],
      { cwd: ROOT, env: { ...process.env, ...env } },
    );
    const result = JSON.parse(child.stdout.trim().split('\n').pop() as string) as {
      times: number[];
      baselineMb: number;
      peakGrowthMb: number;
      output: { original: number; thumbnail: number; width: number; height: number };
    };
    pipeline[name] = {
      p50Ms: round(median(result.times)),
      minMs: round(Math.min(...result.times)),
      maxMs: round(Math.max(...result.times)),
      rssBaselineMb: round(result.baselineMb),
      peakRssGrowthMb: round(result.peakGrowthMb),
      originalMb: round(result.output.original / MB, 2),
      thumbnailKb: round(result.output.thumbnail / 1024),
    };
  }
  await rm(dir, { recursive: true, force: true });
  const summary = { pipeline, localUpload10MB: { runs: RUNS, ...(await measureUploads()) } };
  process.stdout.write(`${JSON.stringify(summary, null, 2)}\n`);
}
