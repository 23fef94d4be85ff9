// `npm run bench:artists`: the artist setup's three numbers, on the embedded engine.
// (a) POST /complete-artist-setup latency on the started server (`dist/node.mjs`, its embedded dynalite
//     persisted on disk, as `npm start` runs), each callback also rebuilding the index;
// (b) how long after a callback its server-sent event reaches a listener on setup-events;
// (c) rebuilding amply-index.json with 1,000 ready artists (in-process, embedded engine on disk).
// Prints a table and writes bench/results/artists.json.
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../src/config.js';
import { ensureTable } from '../src/data/bootstrap.js';
import { createDatabase } from '../src/data/database.js';
import { startEmbeddedEngine } from '../src/data/embedded-engine.js';
import { createDeps } from '../src/deps.js';
import { createLogger } from '../src/logger.js';
import { signCallback } from '../src/modules/artists/callback-token.js';
import { createArtistStore } from '../src/modules/artists/store.js';
import { createModules } from '../src/modules/index.js';
import { readSse } from '../test/helpers/sse-reader.js';
import { createUser } from './amply.js';
import { ROOT, runNode, startNode, stopAll } from './children.js';
import { heading, ms, table } from './report.js';
import { percentile, round } from './stats.js';

function numberFromEnv(name: string, fallback: number): number {
  const raw = process.env[name];
  const value = raw === undefined || raw === '' ? fallback : Number(raw);
  if (!Number.isInteger(value) || value <= 0)
    throw new Error(`${name} must be a positive integer, not "${raw}"`);
  return value;
}

const settings = {
  callbacks: numberFromEnv('BENCH_ARTIST_CALLBACKS', 200),
  callbackWarmup: 10,
  sseRuns: numberFromEnv('BENCH_SSE_RUNS', 50),
  indexArtists: numberFromEnv('BENCH_INDEX_ARTISTS', 1000),
  indexRuns: numberFromEnv('BENCH_INDEX_RUNS', 10),
  /** BENCH_ARTIST_PARTS=server or =index runs one part only. */
  parts: (process.env.BENCH_ARTIST_PARTS ?? 'server,index').split(','),
};

const ACCOUNT = '111122223333';
const progress = (message: string) => process.stderr.write(`… ${message}\n`);

interface Summary {
  count: number;
  p50: number;
  p99: number;
  min: number;
  max: number;
}

function summarise(samples: number[]): Summary {
  return {
    count: samples.length,
    p50: round(percentile(samples, 50), 2),
    p99: round(percentile(samples, 99), 2),
    min: round(Math.min(...samples), 2),
    max: round(Math.max(...samples), 2),
  };
}

async function call(
  baseUrl: string,
  method: string,
  path: string,
  init: { body?: string; token?: string; headers?: Record<string, string> } = {},
) {
  const headers: Record<string, string> = { ...init.headers };
  if (init.body !== undefined) headers['content-type'] = 'application/json';
  if (init.token) headers.authorization = `Bearer ${init.token}`;
  const response = await fetch(`${baseUrl}${path}`, {
    method,
    headers,
    ...(init.body === undefined ? {} : { body: init.body }),
  });
  const text = await response.text();
  return { status: response.status, json: text ? JSON.parse(text) : undefined };
}

/** A new artist with a live callback token, and the signed callback its stack would send. */
async function prepareCallback(baseUrl: string, accessToken: string, label: string) {
  const artistId = `${label}-${Math.random().toString(36).slice(2, 10)}`;
  const created = await call(baseUrl, 'POST', '/artists', {
    token: accessToken,
    body: JSON.stringify({ artistId, displayName: `Bench ${artistId}`, provider: 'aws' }),
  });
  if (created.status !== 201)
    throw new Error(`create artist: ${created.status} ${JSON.stringify(created.json)}`);
  const issued = await call(baseUrl, 'POST', `/artists/${artistId}/callback-tokens`, { token: accessToken });
  const token = issued.json.data.token as string;
  const body = JSON.stringify({
    artistId,
    provider: 'aws',
    stack_id: `arn:aws:cloudformation:eu-north-1:${ACCOUNT}:stack/amply-${artistId}/1`,
    outputs: {
      BucketName: `amply-${artistId}-${ACCOUNT}`,
      CloudFrontDomain: 'd1234567abcdef.cloudfront.net',
      RoleArn: `arn:aws:iam::${ACCOUNT}:role/AmplyAccessRole-${artistId}`,
    },
    callback_token: token,
    callback_timestamp: new Date().toISOString(),
  });
  const send = () =>
    call(baseUrl, 'POST', '/complete-artist-setup', {
      body,
      headers: { 'x-amply-signature': signCallback(token, body, Date.now()) },
    });
  return { artistId, send };
}

async function benchServer(tmp: string) {
  progress('building dist/ (node scripts/build.mjs)');
  await runNode(['scripts/build.mjs']);
  const child = startNode(['dist/node.mjs'], {
    AMPLY_STAGE: 'dev',
    AMPLY_DATA_DIR: join(tmp, 'server-data'),
    PORT: '0',
    AMPLY_DEV_OIDC: 'off',
    AMPLY_AWS_ACCOUNT_ID: '999999999999',
    AMPLY_LOG_LEVEL: 'info',
    AMPLY_RATE_LIMIT_DEFAULT: 'off',
    AMPLY_RATE_LIMIT_LOGIN: 'off',
    AMPLY_RATE_LIMIT_SIGNUP_IP: 'off',
    AMPLY_RATE_LIMIT_SIGNUP_ADDRESS: 'off',
    AMPLY_RATE_LIMIT_ARTIST_CALLBACK: 'off',
  });
  try {
    const [, baseUrl] = await child.waitFor(/is listening on (http:\/\/\S+)/);
    const base = baseUrl as string;
    const user = await createUser(base);

    progress(`(a) ${settings.callbacks} sequential callbacks (after ${settings.callbackWarmup} unmeasured)`);
    const prepared = [];
    for (let n = 0; n < settings.callbacks + settings.callbackWarmup; n += 1) {
      prepared.push(await prepareCallback(base, user.accessToken, 'cb'));
    }
    const callbackSamples: number[] = [];
    for (const [n, { send }] of prepared.entries()) {
      const started = performance.now();
      const answer = await send();
      const elapsed = performance.now() - started;
      if (answer.status !== 200)
        throw new Error(`callback answered ${answer.status}: ${JSON.stringify(answer.json)}`);
      if (n >= settings.callbackWarmup) callbackSamples.push(elapsed);
    }

    progress(`(b) ${settings.sseRuns} callbacks, each with a listener on setup-events`);
    const fromSend: number[] = [];
    const afterAnswer: number[] = [];
    for (let n = 0; n < settings.sseRuns; n += 1) {
      const { artistId, send } = await prepareCallback(base, user.accessToken, 'sse');
      const response = await fetch(`${base}/artists/${artistId}/setup-events`, {
        headers: { authorization: `Bearer ${user.accessToken}` },
      });
      if (!response.body) throw new Error('setup-events answered without a body');
      const stream = readSse(response.body);
      const first = await stream.nextEvent();
      if (!first || JSON.parse(first.data).status !== 'pending') throw new Error('no pending event first');
      const sent = performance.now();
      let answered = 0;
      const callback = send().then((answer) => {
        answered = performance.now();
        return answer;
      });
      const landed = await stream.nextEvent();
      const heard = performance.now();
      if (!landed || JSON.parse(landed.data).status !== 'complete') throw new Error('no complete event');
      if ((await callback).status !== 200) throw new Error('callback failed');
      fromSend.push(heard - sent);
      afterAnswer.push(heard - answered);
      await stream.close();
    }
    const readyArtists = prepared.length + settings.sseRuns;
    return {
      callback: { ...summarise(callbackSamples), readyArtistsAtEnd: readyArtists },
      sse: { fromCallbackSent: summarise(fromSend), relativeToCallbackAnswer: summarise(afterAnswer) },
    };
  } catch (error) {
    throw new Error(`${error instanceof Error ? error.message : String(error)}\n${child.status()}`);
  } finally {
    await child.stop();
  }
}

async function benchIndex(tmp: string) {
  progress(`(c) seeding ${settings.indexArtists} ready artists into the embedded engine`);
  const engine = await startEmbeddedEngine({ path: join(tmp, 'index-engine') });
  try {
    const tableName = 'amply-bench-artists';
    const db = createDatabase({ tableName, region: 'us-east-1', endpoint: engine.endpoint });
    await ensureTable(await db.client(), tableName);
    const store = createArtistStore(await db.documentClient(), tableName);
    const at = new Date().toISOString();
    for (let start = 0; start < settings.indexArtists; start += 50) {
      await Promise.all(
        Array.from({ length: Math.min(50, settings.indexArtists - start) }, async (_, offset) => {
          const artistId = `ready-${String(start + offset).padStart(5, '0')}`;
          await store.createArtist({
            artistId,
            ownerId: 'usr_bench',
            displayName: `Ready ${artistId}`,
            provider: 'aws',
            externalId: `amply-${artistId}`,
            listShard: String((start + offset) % 4),
            createdAt: at,
            updatedAt: at,
            status: 'pending',
            setupVersion: 1,
          });
          await store.completeSetup(
            artistId,
            {
              stackId: `arn:aws:cloudformation:eu-north-1:${ACCOUNT}:stack/amply-${artistId}/1`,
              bucketName: `amply-${artistId}-${ACCOUNT}`,
              cloudfrontDomain: 'd1234567abcdef.cloudfront.net',
              cdnDomain: 'd1234567abcdef.cloudfront.net',
              roleArn: `arn:aws:iam::${ACCOUNT}:role/AmplyAccessRole-${artistId}`,
              outputs: { BucketName: `amply-${artistId}-${ACCOUNT}` },
              completedAt: at,
              completedVia: 'callback',
            },
            { observedTokenHash: undefined },
          );
        }),
      );
    }
    const config = loadConfig({
      AMPLY_STAGE: 'dev',
      AMPLY_DATA_DIR: join(tmp, 'index-data'),
      AMPLY_STORAGE: 'aws',
      AMPLY_DYNAMODB_ENDPOINT: engine.endpoint,
      AMPLY_TABLE_NAME: tableName,
    });
    const deps = await createDeps(config, { db, logger: createLogger({ level: 'warn' }) });
    const { artists } = createModules(deps);
    progress(`(c) ${settings.indexRuns} rebuilds of the index (after 1 unmeasured)`);
    await artists.rebuildIndex();
    const samples: number[] = [];
    for (let n = 0; n < settings.indexRuns; n += 1) {
      const started = performance.now();
      if ((await artists.rebuildIndex()) !== 'built') throw new Error('the index lease was busy');
      samples.push(performance.now() - started);
    }
    const index = await artists.readIndex();
    if (index.count !== settings.indexArtists) throw new Error(`the index holds ${index.count} artists`);
    const bytes = Buffer.byteLength(JSON.stringify(index));
    return { ...summarise(samples), readyArtists: index.count, indexBytes: bytes };
  } finally {
    await engine.close();
  }
}

async function main() {
  const tmp = await mkdtemp(join(tmpdir(), 'amply-bench-artists-'));
  try {
    const server = settings.parts.includes('server') ? await benchServer(tmp) : undefined;
    const index = settings.parts.includes('index') ? await benchIndex(tmp) : undefined;
    const machine = {
      cpus: cpus().length,
      load: loadavg().map((value) => round(value, 2)),
      node: process.version,
    };

    console.log(heading('Artist setup on the embedded engine'));
    const row = (name: string, s: Summary) => [name, s.count, ms(s.p50), ms(s.p99), ms(s.min), ms(s.max)];
    const rows = [
      ...(server
        ? [
            row('(a) POST /complete-artist-setup (incl. index rebuild)', server.callback),
            row('(b) setup-events delivery, from callback sent', server.sse.fromCallbackSent),
            row('(b) setup-events delivery, minus callback answer time', server.sse.relativeToCallbackAnswer),
          ]
        : []),
      ...(index ? [row(`(c) index rebuild, ${index.readyArtists} ready artists`, index)] : []),
    ];
    console.log(table(['measure', 'runs', 'p50', 'p99', 'min', 'max'], rows));
    if (server)
      console.log(`\n(a) ran while the index grew to ${server.callback.readyArtistsAtEnd} ready artists.`);
    if (server)
      console.log(
        '(b) negative "minus answer": the event reached the listener before the callback’s own answer.',
      );
    if (index) console.log(`(c) the index is ${round(index.indexBytes / 1024)} KiB.`);
    console.log(`machine: ${machine.cpus} CPUs, load ${machine.load.join(' ')}, Node ${machine.node}`);
    const results = { settings, machine, ...server, index };
    await mkdir(join(ROOT, 'bench/results'), { recursive: true });
    await writeFile(join(ROOT, 'bench/results/artists.json'), `${JSON.stringify(results, null, 2)}\n`);
  } finally {
    await stopAll();
    await rm(tmp, { recursive: true, force: true });
  }
}

await main();
