// `npm run bench:console`: the console's numbers. (a) Its built files, raw and gzipped (what a CDN sends);
// (b) first paint in Chromium on loopback: `first-contentful-paint` and `largest-contentful-paint` from the
// Performance API, median of BENCH_CONSOLE_LOADS loads (default 9) with the cache off (a first visit) and
// on (a return visit), of the console as `npm start` serves it; (c) the @amply/client package as
// `npm pack --dry-run` would publish it. Prints a table and writes bench/results/console.json.
import { execFile } from 'node:child_process';
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { gzipSync } from 'node:zlib';
import type { BrowserContext } from 'playwright-core';
import { startBrowserRig } from '../test/e2e/browser-rig.js';
import { ROOT } from './children.js';
import { heading, kib, ms, table } from './report.js';
import { percentile, round } from './stats.js';

const loads = Number(process.env.BENCH_CONSOLE_LOADS ?? 9);
if (!Number.isInteger(loads) || loads <= 0) throw new Error('BENCH_CONSOLE_LOADS must be a positive integer');
const run = promisify(execFile);
const progress = (message: string) => process.stderr.write(`… ${message}\n`);

interface FileSize {
  file: string;
  raw: number;
  gzip: number;
}

/** The built console's files (source maps left out: browsers fetch them only with DevTools open). */
async function bundleSizes(dir: string): Promise<FileSize[]> {
  const files = ['index.html', ...(await readdir(join(dir, 'assets'))).map((name) => `assets/${name}`)];
  const sizes: FileSize[] = [];
  for (const file of files.filter((name) => !name.endsWith('.map'))) {
    const bytes = await readFile(join(dir, file));
    sizes.push({ file, raw: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length });
  }
  return sizes;
}

interface Paint {
  fcp: number;
  lcp: number;
}

/** Loads the console's start page once in a fresh tab and reads its paint timings. */
async function loadOnce(context: BrowserContext, url: string, cache: boolean): Promise<Paint> {
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.setCacheDisabled', { cacheDisabled: !cache });
  await page.goto(url);
  await page.getByRole('heading', { name: 'Welcome to Amply' }).waitFor();
  const paint = (await page.evaluate(`new Promise((resolve) => {
    const fcp = performance.getEntriesByName('first-contentful-paint')[0];
    new PerformanceObserver((list) => {
      const entries = list.getEntries();
      resolve({ fcp: fcp ? fcp.startTime : NaN, lcp: entries[entries.length - 1].startTime });
    }).observe({ type: 'largest-contentful-paint', buffered: true });
  })`)) as Paint;
  await page.close();
  return paint;
}

function median(samples: number[]): number {
  return round(percentile(samples, 50), 1);
}

async function main() {
  progress('building dist/ (server and console)');
  await run(process.execPath, ['scripts/build.mjs'], { cwd: ROOT });
  const sizes = await bundleSizes(join(ROOT, 'dist/console'));

  progress('packing @amply/client (dry run)');
  const packed = JSON.parse(
    (await run('npm', ['pack', '--dry-run', '--json'], { cwd: join(ROOT, 'clients/typescript') })).stdout,
  )[0] as { size: number; unpackedSize: number; entryCount: number };

  const rig = await startBrowserRig('bench-console', { AMPLY_STAGE: 'dev', AMPLY_LOG_LEVEL: 'warn' });
  const { context, blocked } = rig;
  const url = `${rig.server.baseUrl}/console/`;
  const series: Record<'cold' | 'warm', Paint[]> = { cold: [], warm: [] };
  try {
    await loadOnce(context, url, true); // Chromium's own first-start work, not the console's
    for (let index = 0; index < loads; index += 1) {
      progress(`load ${index + 1}/${loads}`);
      series.cold.push(await loadOnce(context, url, false));
      series.warm.push(await loadOnce(context, url, true));
    }
  } finally {
    await rig.close();
  }
  if (blocked.length > 0)
    throw new Error(`the console asked for something off the machine: ${blocked.join(', ')}`);

  const paint = Object.fromEntries(
    Object.entries(series).map(([name, samples]) => [
      name,
      {
        fcpMedian: median(samples.map((sample) => sample.fcp)),
        lcpMedian: median(samples.map((sample) => sample.lcp)),
        fcpMax: round(Math.max(...samples.map((sample) => sample.fcp)), 1),
      },
    ]),
  ) as Record<'cold' | 'warm', { fcpMedian: number; lcpMedian: number; fcpMax: number }>;
  const total = sizes.reduce((sum, size) => ({ raw: sum.raw + size.raw, gzip: sum.gzip + size.gzip }), {
    raw: 0,
    gzip: 0,
  });

  console.log(heading(`Console (${cpus().length} cores, load average ${loadavg()[0]?.toFixed(2)})`));
  console.log(
    table(
      ['file', 'raw', 'gzip'],
      [...sizes, { file: 'total', ...total }].map((size) => [size.file, kib(size.raw), kib(size.gzip)]),
    ),
  );
  console.log(
    table(
      [
        `paint on loopback (median of ${loads})`,
        'first-contentful-paint',
        'largest-contentful-paint',
        'FCP max',
      ],
      [
        [
          'cache off (first visit)',
          ms(paint.cold.fcpMedian),
          ms(paint.cold.lcpMedian),
          ms(paint.cold.fcpMax),
        ],
        [
          'cache on (return visit)',
          ms(paint.warm.fcpMedian),
          ms(paint.warm.lcpMedian),
          ms(paint.warm.fcpMax),
        ],
      ],
    ),
  );
  console.log(
    table(
      ['@amply/client (npm pack --dry-run)', 'value'],
      [
        ['package (tarball)', kib(packed.size)],
        ['unpacked', kib(packed.unpackedSize)],
        ['files', packed.entryCount],
      ],
    ),
  );
  const summary = {
    measuredAt: new Date().toISOString(),
    loadAverage: loadavg()[0],
    bundle: { files: sizes, total },
    paint,
    loads,
    client: packed,
  };
  await mkdir(join(ROOT, 'bench/results'), { recursive: true });
  await writeFile(join(ROOT, 'bench/results/console.json'), `${JSON.stringify(summary, null, 2)}\n`);
}

await main();
