// `npm run bench`: HTTP throughput against the bare ceilings, login latency, and the Lambda bundle's size
// and cold start, in one run. Prints tables and a JSON summary (also written to bench/results/latest.json).
// Misses are reported, never fatal; the exit code is non-zero only when a part could not be measured.
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { type OAuth2Server, startOAuth2Server } from '../test/helpers/oauth2-server.js';
import { PLATFORM_CLIENTS, platformEnv } from '../test/helpers/platforms.js';
import { startSecretsManagerFake } from '../test/helpers/secrets-manager-fake.js';
import {
  type BenchUser,
  connectPlatform,
  createUser,
  type LatencySummary,
  measureLogins,
  measurePlatformRefresh,
  startAmply,
} from './amply.js';
import { ROOT, runNode, startNode, stopAll } from './children.js';
import { benchCollection, type CollectionPart } from './collection.js';
import {
  type BundleInfo,
  buildBundle,
  type ColdStart,
  type ColdStartProbe,
  compileDriver,
  lambdaEnvironment,
  lambdaNode,
  measureColdStart,
  measureColdStarts,
} from './lambda.js';
import { type LoadResult, type LoadSettings, measureLoad } from './load.js';
import { type LoginThroughput, measureLoginThroughput } from './login.js';
import { heading, kib, ms, type Target, table, target, verdict } from './report.js';
import { round } from './stats.js';

function numberFromEnv(name: string, fallback: number): number {
  const raw = process.env[name];
  const value = raw === undefined || raw === '' ? fallback : Number(raw);
  if (!Number.isFinite(value) || value <= 0)
    throw new Error(`${name} must be a positive number, not "${raw}"`);
  return value;
}

const settings = {
  load: {
    duration: numberFromEnv('BENCH_DURATION', 10),
    warmup: numberFromEnv('BENCH_WARMUP', 2),
    connections: numberFromEnv('BENCH_CONNECTIONS', 10),
  } satisfies LoadSettings,
  logins: numberFromEnv('BENCH_LOGINS', 200),
  loginWarmup: 20,
  refreshes: numberFromEnv('BENCH_REFRESHES', 200),
  coldStarts: Math.max(10, numberFromEnv('BENCH_COLD_STARTS', 10)),
  collection: {
    requests: numberFromEnv('BENCH_LIST_REQUESTS', 300),
    warmup: 30,
    uploads: numberFromEnv('BENCH_UPLOADS', 7),
  },
  /** BENCH_PARTS=lambda (or any of http,login,collection,lambda, comma-separated) runs those parts only. */
  parts: (process.env.BENCH_PARTS ?? 'http,login,collection,lambda').split(','),
  /** BENCH_CPU_PROF=1 writes a CPU profile of the Amply server to bench/results/. */
  cpuProfile: process.env.BENCH_CPU_PROF === '1',
};

const TABLE_NAME = 'amply-bench';
const RESULTS_DIR = join(ROOT, 'bench/results');
const LIMITER_NOTE =
  'The general per-IP rate limiter (and every other limit) is OFF in this benchmark: on AWS the WAF rate rule does that job.';

const progress = (message: string) => process.stderr.write(`… ${message}\n`);

interface Engine {
  endpoint: string;
  pid: number | undefined;
}

interface HttpPart {
  bareJson: LoadResult;
  bareDynamo: LoadResult;
  health: LoadResult;
  profile: LoadResult;
  ratios: { healthOverBareJson: Target; profileOverBareDynamo: Target };
  login: LatencySummary & { target: Target };
  platformRefresh: PlatformRefreshPart;
}

/** `POST /platforms/{platform}/refresh`, with how many refreshes reached the platform. */
interface PlatformRefreshPart {
  stored: LatencySummary & { upstreamCalls: number };
  upstream: LatencySummary & { upstreamCalls: number };
}

interface LambdaPart {
  /** The Node.js the cold starts ran on (Lambda's runtime is nodejs24.x). */
  node: string;
  amply: BundleInfo;
  bare: BundleInfo;
  coldStarts: { bareHealth: ColdStart; amplyHealth: ColdStart; amplyProfile: ColdStart };
  /** Informational: the same event with the prod default limiter on; a failure here is reported, not fatal. */
  limiterProbe: ColdStart | { error: string };
  /** As deployed: the keys read from Secrets Manager (a loopback fake of it) at the cold start. */
  secretsProbe: ColdStart;
  ratio: Target;
  /** The deployed function's cold start (keys from Secrets Manager) against bare Hono: the target. */
  deployedRatio: Target;
}

async function measureBare(args: string[], engine?: Engine): Promise<LoadResult> {
  const server = startNode(['--import', 'tsx', 'bench/bare-server.ts', ...args]);
  try {
    const [, url] = await server.waitFor(/^listening (http:\/\/\S+)/m);
    const watch = { server: server.process.pid, ...(engine ? { engine: engine.pid } : {}) };
    return await measureLoad(url as string, settings.load, { watch });
  } finally {
    await server.stop();
  }
}

/** Amply first (it creates the table and the user), then the bare ceilings, each alone while measured. */
async function benchHttp(engine: Engine, tmp: string): Promise<HttpPart> {
  progress('building dist/ (node scripts/build.mjs)');
  await runNode(['scripts/build.mjs']);
  const nodeArgs = settings.cpuProfile ? ['--cpu-prof', `--cpu-prof-dir=${RESULTS_DIR}`] : [];
  // A local OAuth 2.0 server plays SoundCloud and Spotify for the platform refresh latency.
  const platforms = await startOAuth2Server(PLATFORM_CLIENTS);
  const amply = await startAmply(
    engine.endpoint,
    TABLE_NAME,
    join(tmp, 'amply-data'),
    nodeArgs,
    platformEnv(platforms),
  );
  const watch = { server: amply.child.process.pid, engine: engine.pid };
  let user: BenchUser;
  let health: LoadResult;
  let profile: LoadResult;
  let login: LatencySummary;
  let platformRefresh: PlatformRefreshPart;
  try {
    user = await createUser(amply.baseUrl);
    progress('(c) Amply GET /health');
    health = await measureLoad(`${amply.baseUrl}/health`, settings.load, { watch });
    progress('(d) Amply GET /user/profile');
    const headers = { authorization: `Bearer ${user.accessToken}` };
    profile = await measureLoad(`${amply.baseUrl}/user/profile`, settings.load, { headers, watch });
    progress(`login latency (${settings.logins} sequential logins)`);
    login = await measureLogins(amply.baseUrl, user, settings.logins, settings.loginWarmup);
    progress(`platform refresh latency (${settings.refreshes} sequential refreshes each)`);
    platformRefresh = await benchPlatformRefresh(amply.baseUrl, user, platforms);
  } catch (error) {
    throw new Error(`${describe(error)}\n${amply.child.status()}`);
  } finally {
    await amply.child.stop();
    await platforms.close();
  }
  progress('(a) bare node:http JSON');
  const bareJson = await measureBare(['json']);
  progress('(b) bare node:http + GetItem');
  const bareDynamo = await measureBare(
    ['dynamodb', engine.endpoint, TABLE_NAME, `USER#${user.userId}`, 'PROFILE'],
    engine,
  );
  return {
    bareJson,
    bareDynamo,
    health,
    profile,
    ratios: {
      healthOverBareJson: target(health.requestsPerSecond / bareJson.requestsPerSecond, 0.5, 'higher'),
      profileOverBareDynamo: target(profile.requestsPerSecond / bareDynamo.requestsPerSecond, 0.7, 'higher'),
    },
    login: { ...login, target: target(login.p50, 60, 'lower') },
    platformRefresh,
  };
}

/**
 * SoundCloud is connected with tokens that live an hour (every refresh answers the stored token);
 * Spotify with tokens that live 60 s, so every refresh is within 5 minutes of expiry and goes upstream.
 */
async function benchPlatformRefresh(
  baseUrl: string,
  user: BenchUser,
  platforms: OAuth2Server,
): Promise<PlatformRefreshPart> {
  const authorize = (authUrl: string) => platforms.authorize(authUrl);
  platforms.accessTokenTtl = 3600;
  await connectPlatform(baseUrl, user, 'soundcloud', authorize);
  platforms.accessTokenTtl = 60;
  await connectPlatform(baseUrl, user, 'spotify', authorize);
  const { refreshes, loginWarmup } = settings;
  const upstreamCalls = () => platforms.tokenCalls.refresh_token;
  const before = upstreamCalls();
  const stored = await measurePlatformRefresh(baseUrl, user, 'soundcloud', refreshes, loginWarmup);
  const afterStored = upstreamCalls();
  const upstream = await measurePlatformRefresh(baseUrl, user, 'spotify', refreshes, loginWarmup);
  return {
    stored: { ...stored, upstreamCalls: afterStored - before },
    upstream: { ...upstream, upstreamCalls: upstreamCalls() - afterStored },
  };
}

/** Its own server: two users, 10 and 10,000 guitars seeded straight into the table, then timed reads and uploads. */
async function benchCollectionPart(engine: Engine, tmp: string): Promise<CollectionPart & { ratio: Target }> {
  const amply = await startAmply(engine.endpoint, TABLE_NAME, join(tmp, 'amply-collection'));
  try {
    const users = { small: await createUser(amply.baseUrl), large: await createUser(amply.baseUrl) };
    const part = await benchCollection(
      amply.baseUrl,
      { endpoint: engine.endpoint, tableName: TABLE_NAME },
      users,
      settings.collection,
      progress,
    );
    const { guitars10, guitars10k } = part.list;
    return { ...part, ratio: target(guitars10k.p50 / guitars10.p50, 1.2, 'lower') };
  } catch (error) {
    throw new Error(`${describe(error)}\n${amply.child.status()}`);
  } finally {
    await amply.child.stop();
  }
}

function printCollection(part: CollectionPart & { ratio: Target }) {
  console.log(
    heading('Collection: GET /guitars?limit=10 by collection size (one at a time, users taking turns)'),
  );
  const row = (name: string, l: CollectionPart['list']['guitars10']) => [name, l.count, ms(l.p50), ms(l.p99)];
  console.log(
    table(
      ['user', 'requests', 'p50', 'p99'],
      [
        row('10 guitars', part.list.guitars10),
        row('10,000 guitars', part.list.guitars10k),
        row('10,000 guitars, brand + years filter', part.list.guitars10kFiltered),
      ],
    ),
  );
  console.log(
    `\np50 10,000 / 10: ${part.ratio.value}×  ${verdict(part.ratio)}  (seeding took ${part.seedSeconds} s)`,
  );
  const { upload } = part;
  console.log(heading('Collection: POST /images/upload-complete'));
  console.log(
    table(
      ['JPEG', 'runs', 'p50', 'min', 'max'],
      [[kib(upload.bytes), upload.runs, ms(upload.p50), ms(upload.min), ms(upload.max)]],
    ),
  );
  console.log(
    '(upload URL and PUT untimed; completion = read, sniff, strip metadata, thumbnail, store, record)',
  );
}

async function benchLambda(engine: Engine, tmp: string): Promise<LambdaPart> {
  progress('building the Lambda bundles');
  const amply = await buildBundle(join(tmp, 'lambda-amply'), 'src/entry/lambda.ts');
  const bare = await buildBundle(join(tmp, 'lambda-bare'), 'bench/bare-hono-lambda.ts');
  const driver = await compileDriver(tmp);
  const env = await lambdaEnvironment();
  const runs = settings.coldStarts;
  const probe = (
    entryFile: string,
    path: string,
    expect?: number,
    extraEnv: Record<string, string> = {},
  ): ColdStartProbe => ({
    bundle: entryFile,
    request: { path, ...(expect ? { expect } : {}) },
    env: { ...env, ...extraEnv },
  });

  progress(`cold starts (${runs} runs each, the probes taking turns)`);
  const [bareHealth, amplyHealth, amplyProfile, secretsProbe] = await coldStartWithSecrets(
    env,
    (secretsEnv) =>
      measureColdStarts(
        driver,
        [
          probe(bare.entryFile, '/health', 200),
          probe(amply.entryFile, '/health', 200),
          // Without a token the route answers 401 before any storage access, once the general limiter is off.
          probe(amply.entryFile, '/user/profile', 401, { AMPLY_RATE_LIMIT_DEFAULT: 'off' }),
          probe(amply.entryFile, '/health', 200, secretsEnv),
        ],
        runs,
      ),
  );
  // With the general limiter on (the prod default) the same event loads the SDK and writes a counter;
  // the local engine stands in for DynamoDB. Whatever it answers is reported, not asserted.
  const limiterProbe = await measureColdStart(
    driver,
    amply.entryFile,
    { path: '/user/profile' },
    { ...env, AMPLY_DYNAMODB_ENDPOINT: engine.endpoint },
    runs,
  ).catch((error: unknown) => ({ error: describe(error) }));
  return {
    node: lambdaNode().version,
    amply: amply.info,
    bare: bare.info,
    coldStarts: { bareHealth, amplyHealth, amplyProfile },
    limiterProbe,
    secretsProbe,
    ratio: target(amplyHealth.medianMs / bareHealth.medianMs, 2, 'lower'),
    deployedRatio: target(secretsProbe.medianMs / bareHealth.medianMs, 2, 'lower'),
  };
}

/**
 * As the CDK app deploys it: the keys are not in the environment but in the secrets AMPLY_SECRET_ARNS
 * names (the app's and the webhooks'), read with the role's credentials (session token included).
 */
async function coldStartWithSecrets<T>(
  env: Record<string, string>,
  measure: (extraEnv: Record<string, string>) => Promise<T>,
): Promise<T> {
  const { AMPLY_SIGNING_KEYS, AMPLY_ENCRYPTION_KEYS, AMPLY_HMAC_SECRET } = env;
  const fake = await startSecretsManagerFake({
    'amply-bench/app': {
      text: JSON.stringify({ AMPLY_SIGNING_KEYS, AMPLY_ENCRYPTION_KEYS, AMPLY_HMAC_SECRET }),
    },
    'amply-bench/webhooks': { text: '{}' },
  });
  try {
    return await measure({
      AMPLY_SIGNING_KEYS: '',
      AMPLY_ENCRYPTION_KEYS: '',
      AMPLY_HMAC_SECRET: '',
      AMPLY_SECRET_ARNS: 'amply-bench/app,amply-bench/webhooks',
      AWS_ENDPOINT_URL_SECRETS_MANAGER: fake.endpoint,
      AWS_ACCESS_KEY_ID: 'test',
      AWS_SECRET_ACCESS_KEY: 'test',
      AWS_SESSION_TOKEN: 'bench-session-token',
    });
  } finally {
    await fake.close();
  }
}

function printHttp(http: HttpPart) {
  const { connections, warmup, duration } = settings.load;
  console.log(heading('HTTP throughput (autocannon, loopback)'));
  console.log(`${connections} connections, ${warmup} s warm-up + ${duration} s measured per target.`);
  console.log(`${LIMITER_NOTE}\n`);
  const cpu = (value: number | undefined) => (value === undefined ? '' : value.toFixed(3));
  const row = (name: string, r: LoadResult) => [
    name,
    Math.round(r.requestsPerSecond),
    r.p50,
    r.p99,
    r.failures,
    cpu(r.cpuMsPerRequest.server),
    cpu(r.cpuMsPerRequest.engine),
  ];
  console.log(
    table(
      ['target', 'req/s', 'p50 ms', 'p99 ms', 'non-2xx', 'server CPU ms/req', 'engine CPU ms/req'],
      [
        row('(a) bare node:http, small JSON', http.bareJson),
        row('(b) bare node:http, one GetItem', http.bareDynamo),
        row('(c) Amply GET /health', http.health),
        row('(d) Amply GET /user/profile', http.profile),
      ],
    ),
  );
  console.log('(latency in whole ms, as autocannon records it; CPU from /proc over the measured window)\n');
  const { healthOverBareJson: ca, profileOverBareDynamo: db } = http.ratios;
  console.log(
    table(
      ['ratio (req/s)', 'value', 'verdict'],
      [
        ['c/a  framework overhead', ca.value, verdict(ca)],
        ['d/b  authenticated read', db.value, verdict(db)],
      ],
    ),
  );
  const { login } = http;
  console.log(heading('Login latency (POST /auth/login, sequential, one at a time)'));
  console.log(
    table(
      ['logins', 'p50', 'p99', 'mean', 'verdict (p50)'],
      [[login.count, ms(login.p50), ms(login.p99), ms(login.mean), verdict(login.target)]],
    ),
  );
  const { stored, upstream } = http.platformRefresh;
  console.log(heading('Platform token refresh (POST /platforms/{platform}/refresh, sequential)'));
  const refreshRow = (name: string, r: PlatformRefreshPart['stored']) => [
    name,
    r.count,
    r.upstreamCalls,
    ms(r.p50),
    ms(r.p99),
    ms(r.mean),
  ];
  console.log(
    table(
      ['token', 'refreshes', 'upstream calls (with warm-up)', 'p50', 'p99', 'mean'],
      [
        refreshRow('far from expiry: stored token', stored),
        refreshRow('near expiry: refreshed at a local OAuth server', upstream),
      ],
    ),
  );
}

function printLogin(part: LoginThroughput) {
  console.log(heading('Login throughput: POST /auth/login from concurrent clients, as `npm start` runs'));
  console.log(
    `${settings.load.connections} clients, each its own account; ${settings.load.warmup} s warm-up + ${settings.load.duration} s measured. ` +
      'The server is dist/node.mjs on the dev stage with the embedded engine in its process.\n',
  );
  const { login } = part;
  console.log(
    table(
      ['target', 'per second', 'p50', 'p99', 'server CPU ms/login'],
      [
        ['bare argon2id verify (every core busy)', part.argon2VerifyPerSecond, '', '', ''],
        [
          'POST /auth/login',
          login.perSecond,
          ms(login.p50),
          ms(login.p99),
          login.serverCpuMsPerLogin === undefined ? '' : login.serverCpuMsPerLogin,
        ],
      ],
    ),
  );
  console.log(`\nlogins / verifies: ${part.ratio.value}  ${verdict(part.ratio)}`);
  const { floor } = part;
  if ('error' in floor) {
    console.log(`\nWhere the CPU goes: not measured (${floor.error})`);
    return;
  }
  console.log(
    `\nWhere the CPU goes: a verify takes ${floor.argon2CpuMsPerVerify} ms of CPU, so for logins / verifies ` +
      `of ${part.ratio.limit} a login may spend ${floor.budgetMs} ms beside it (client included). ` +
      `Its ${floor.tableCallsPerLogin} table calls alone take ${floor.tableCallsCpuMs} ms: a plain call through ` +
      `the SDK to the embedded engine with data on disk costs ${floor.engineCallCpuMs.put} ms (PutItem) / ` +
      `${floor.engineCallCpuMs.get} ms (GetItem) of CPU at the cheaper of one at a time and ` +
      `${settings.load.connections} in flight, before ElectroDB, tokens or HTTP.` +
      (login.serverCpuMsPerLogin === undefined
        ? ''
        : ` The server spent ${round(login.serverCpuMsPerLogin - floor.argon2CpuMsPerVerify, 1)} ms a login beside the hash.`),
  );
}

function printLambda(lambda: LambdaPart) {
  console.log(heading('Lambda bundle (buildLambda from scripts/build.mjs)'));
  const size = (name: string, b: BundleInfo) => [
    name,
    b.files,
    kib(b.totalBytes),
    kib(b.entryBytes),
    kib(b.startupBytes),
  ];
  console.log(
    table(
      ['bundle', '.mjs files', 'total', 'index.mjs', 'loaded before 1st event'],
      [size('Amply (src/entry/lambda.ts)', lambda.amply), size('bare Hono', lambda.bare)],
    ),
  );
  console.log(
    heading(`Lambda cold start: spawn \`node\` (${lambda.node}) → first HTTP API v2 event handled → exit`),
  );
  const { bareHealth, amplyHealth, amplyProfile } = lambda.coldStarts;
  const probe = lambda.limiterProbe;
  const row = (name: string, c: ColdStart) => [
    name,
    c.statuses.join(','),
    ms(c.medianMs),
    ms(c.minMs),
    ms(c.importedAtMs),
    ms(c.handledAtMs),
  ];
  const probeName = 'Amply, GET /user/profile, general limiter on ***';
  console.log(
    table(
      ['bundle, event', 'status', 'median', 'min', 'bundle loaded at', 'answered at'],
      [
        row('bare Hono, GET /health', bareHealth),
        row('Amply, GET /health', amplyHealth),
        row('Amply, GET /user/profile, no token *', amplyProfile),
        row('Amply, GET /health, keys from Secrets Manager **', lambda.secretsProbe),
        'error' in probe ? [probeName, 'failed', '', '', '', ''] : row(probeName, probe),
      ],
    ),
  );
  console.log(
    `\nAmply/bare (GET /health, median): ${round(lambda.ratio.value, 2)}×  ${verdict(lambda.ratio)}`,
  );
  console.log(
    `Amply as deployed (keys from Secrets Manager)/bare: ${round(lambda.deployedRatio.value, 2)}×  ${verdict(lambda.deployedRatio)}`,
  );
  console.log(
    '  * AMPLY_RATE_LIMIT_DEFAULT=off, so the 401 comes before any storage access: no AWS SDK is loaded.',
  );
  console.log(
    '  ** as the CDK app deploys it: the keys come from two secrets (a loopback fake of Secrets Manager that checks',
  );
  console.log(
    '     the signature), read before the first event with one signed request each, no SDK client (decision 42).',
  );
  console.log(
    '  *** the prod default: the general limiter counts the request in the table first, which loads the SDK;',
  );
  console.log('      the local engine stands in for DynamoDB. Reported, not a target.');
  if ('error' in probe) console.log(`      It could not be measured: ${probe.error}`);
  else if (probe.loggedError) console.log(`      The app logged: ${probe.loggedError}`);
  console.log(
    `  "loaded at", "answered at": medians in ms since the driver process started; ${settings.coldStarts} runs each after one unmeasured run,\n  the first four rows taking turns (one start of each per round, each round beginning one later), so drift in the machine's speed weighs on each alike.`,
  );
}

async function startEngine(): Promise<Engine> {
  const engine = startNode(['--import', 'tsx', 'bench/engine.ts']);
  const [, endpoint] = await engine.waitFor(/^engine (http:\/\/\S+)/m);
  return { endpoint: endpoint as string, pid: engine.process.pid };
}

async function main() {
  const startedAt = new Date();
  const loadAtStart = loadavg()[0] ?? 0;
  console.log(
    `Amply benchmark: node ${process.version}, ${cpus().length} CPUs, load average ${round(loadAtStart, 2)} at start`,
  );
  if (loadAtStart > 0.5)
    console.log('Note: the machine was busy when the run started; expect noisy numbers.');

  await mkdir(RESULTS_DIR, { recursive: true });
  const tmp = await mkdtemp(join(tmpdir(), 'amply-bench-'));
  tempDirs.push(tmp);
  const errors: Record<string, string> = {};
  let http: HttpPart | undefined;
  let lambda: LambdaPart | undefined;
  let collection: (CollectionPart & { ratio: Target }) | undefined;
  let login: LoginThroughput | undefined;
  try {
    const engine = await startEngine();
    if (settings.parts.includes('http')) {
      try {
        http = await benchHttp(engine, tmp);
        printHttp(http);
      } catch (error) {
        errors.http = describe(error);
      }
    }
    if (settings.parts.includes('login')) {
      try {
        const nodeArgs = settings.cpuProfile ? ['--cpu-prof', `--cpu-prof-dir=${RESULTS_DIR}`] : [];
        login = await measureLoginThroughput(settings.load, tmp, nodeArgs);
        printLogin(login);
      } catch (error) {
        errors.login = describe(error);
      }
    }
    if (settings.parts.includes('collection')) {
      try {
        collection = await benchCollectionPart(engine, tmp);
        printCollection(collection);
      } catch (error) {
        errors.collection = describe(error);
      }
    }
    if (settings.parts.includes('lambda')) {
      try {
        lambda = await benchLambda(engine, tmp);
        printLambda(lambda);
      } catch (error) {
        errors.lambda = describe(error);
      }
    }
  } finally {
    await cleanUp();
  }

  for (const [part, message] of Object.entries(errors))
    console.log(`\n${part} could not be measured: ${message}`);
  const summary = {
    startedAt: startedAt.toISOString(),
    machine: {
      node: process.version,
      cpus: cpus().length,
      loadAverage: { start: round(loadAtStart, 2), end: round(loadavg()[0] ?? 0, 2) },
    },
    settings,
    notes: [LIMITER_NOTE],
    http,
    login,
    collection,
    lambda,
    errors,
  };
  const json = JSON.stringify(summary, null, 2);
  await writeFile(join(RESULTS_DIR, 'latest.json'), `${json}\n`);
  console.log(heading('JSON summary (bench/results/latest.json)'));
  console.log(json);
  if (Object.keys(errors).length > 0) process.exitCode = 1;
}

function describe(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const text = error.stack ?? error.message;
  return error.cause === undefined ? text : `${text}\ncaused by: ${describe(error.cause)}`;
}

const tempDirs: string[] = [];

async function cleanUp() {
  await stopAll();
  await Promise.all(tempDirs.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
}

// Children and the temp folder go away on Ctrl-C too.
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    cleanUp().finally(() => process.exit(130));
  });
}

await main();
