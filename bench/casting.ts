// `npm run bench:casting`: GET /castings on a board of 10 and one of 10,000 open castings (each list page
// is one Query of one partition, so p50 should not grow), with and without `q`, through the real Node
// server; and the write capacity one casting and one application consume (ReturnConsumedCapacity).
import { mkdtemp, rm } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../src/config.js';
import { ensureTable } from '../src/data/bootstrap.js';
import { createDatabase } from '../src/data/database.js';
import { createDeps } from '../src/deps.js';
import { createLogger } from '../src/logger.js';
import { createModules } from '../src/modules/index.js';
import { startAmply } from './amply.js';
import { runNode, startNode, stopAll } from './children.js';
import { interleaved, type SequentialLatency } from './collection.js';
import { heading, ms, table, target, verdict } from './report.js';
import { round } from './stats.js';

const REQUESTS = Number(process.env.BENCH_LIST_REQUESTS ?? 300);
const WARMUP = 30;
const SIZES = { small: 10, large: 10_000 };
const ROLE_TYPES = ['vocalist', 'instrumentalist', 'dj', 'producer'] as const;
const CITIES = ['Berlin, DE', 'London, UK', 'Paris, FR', 'Lisbon, PT'];
const progress = (message: string) => process.stderr.write(`… ${message}\n`);

/** Capacity units and requests of the writes (and reads) an operation sends, summed by a client middleware. */
interface Consumed {
  writeRequests: number;
  writeUnits: number;
  readRequests: number;
  readUnits: number;
}

const WRITES = new Set(['PutItemCommand', 'UpdateItemCommand', 'DeleteItemCommand', 'BatchWriteItemCommand']);

/** In-process services on one table, with a client that asks every command for its consumed capacity. */
async function servicesOn(endpoint: string, tableName: string, dataDir: string) {
  const config = loadConfig({
    AMPLY_STAGE: 'dev',
    AMPLY_DATA_DIR: dataDir,
    AMPLY_STORAGE: 'aws',
    AMPLY_DYNAMODB_ENDPOINT: endpoint,
    AMPLY_TABLE_NAME: tableName,
    AMPLY_RATE_LIMIT_SIGNUP_ADDRESS: 'off',
  });
  const db = createDatabase({ tableName, region: 'us-east-1', endpoint });
  await ensureTable(await db.client(), tableName);
  const consumed: Consumed = { writeRequests: 0, writeUnits: 0, readRequests: 0, readUnits: 0 };
  (await db.documentClient()).middlewareStack.add(
    (next, context) => async (args) => {
      const input = args.input as { ReturnConsumedCapacity?: string };
      input.ReturnConsumedCapacity = 'TOTAL';
      const result = await next(args);
      const output = result.output as {
        ConsumedCapacity?: { CapacityUnits?: number } | Array<{ CapacityUnits?: number }>;
      };
      const units = [output.ConsumedCapacity ?? []]
        .flat()
        .reduce((sum, entry) => sum + (entry.CapacityUnits ?? 0), 0);
      if (WRITES.has(context.commandName as string)) {
        consumed.writeRequests += 1;
        consumed.writeUnits += units;
      } else {
        consumed.readRequests += 1;
        consumed.readUnits += units;
      }
      return result;
    },
    { step: 'initialize', name: 'consumedCapacity' },
  );
  const deps = await createDeps(config, {
    db,
    logger: createLogger({ level: 'warn' }),
    mailer: { send: async () => {} },
  });
  return { deps, modules: createModules(deps), consumed };
}

type Services = Awaited<ReturnType<typeof servicesOn>>;

/** A confirmed account with a casting profile of these roles. */
async function member(services: Services, label: string, roles: Array<'artist' | 'recruiter'>) {
  const { identity, casting } = services.modules;
  const email = `${label}-${Date.now()}-${Math.random().toString(36).slice(2, 6)}@example.com`;
  await identity.register({ email, password: 'Violet-Harbour-Lantern-42', name: label }, { ip: 'bench' });
  const account = await identity.findByEmail(email);
  if (!account) throw new Error(`no account for ${email}`);
  await identity.adminConfirm(account.userId, { ip: 'bench' });
  await casting.profiles.put(account.userId, { username: `${label}-${account.userId.slice(-8)}`, roles });
  return account.userId;
}

function castingInput(i: number, now: number) {
  return {
    title: `Jazz ${ROLE_TYPES[i % ROLE_TYPES.length]} wanted for a summer tour`,
    description: 'Rehearsals twice a week, twelve concerts from June to August.',
    roleType: ROLE_TYPES[i % ROLE_TYPES.length] as (typeof ROLE_TYPES)[number],
    location: CITIES[i % CITIES.length] as string,
    compensationType: 'paid' as const,
    compensation: '€300 per concert',
    skills: ['Jazz', 'Sight reading'],
    questions: ['Which standards do you know?', 'Are you free in July?'],
    expiresAt: new Date(now + 60 * 24 * 3600 * 1000).toISOString(),
  };
}

/** Posts `count` castings through the service, a few at a time. */
async function seedBoard(services: Services, recruiterId: string, count: number) {
  const now = Date.now();
  let next = 0;
  const worker = async () => {
    for (let i = next++; i < count; i = next++) {
      await services.modules.casting.castings.create(recruiterId, castingInput(i, now));
    }
  };
  await Promise.all(Array.from({ length: 8 }, worker));
}

/** What one operation consumed: the counters before and after. */
async function measure(consumed: Consumed, operation: () => Promise<unknown>): Promise<Consumed> {
  const before = { ...consumed };
  await operation();
  return {
    writeRequests: consumed.writeRequests - before.writeRequests,
    writeUnits: round(consumed.writeUnits - before.writeUnits, 1),
    readRequests: consumed.readRequests - before.readRequests,
    readUnits: round(consumed.readUnits - before.readUnits, 1),
  };
}

async function main() {
  const tmp = await mkdtemp(join(tmpdir(), 'amply-bench-casting-'));
  try {
    progress('building dist/ (node scripts/build.mjs)');
    await runNode(['scripts/build.mjs']);
    const engineChild = startNode(['--import', 'tsx', 'bench/engine.ts']);
    const [, endpoint] = await engineChild.waitFor(/^engine (http:\/\/\S+)/m);
    const engine = endpoint as string;

    const boards = { small: 'amply-bench-casting-10', large: 'amply-bench-casting-10k' };
    const small = await servicesOn(engine, boards.small, join(tmp, 'seed-small'));
    const large = await servicesOn(engine, boards.large, join(tmp, 'seed-large'));

    progress('capacity of one casting create and one application');
    const recruiter = await member(small, 'recruiter', ['recruiter']);
    const artist = await member(small, 'artist', ['artist']);
    let castingId = '';
    const create = await measure(small.consumed, async () => {
      castingId = (await small.modules.casting.castings.create(recruiter, castingInput(0, Date.now())))
        .casting.id;
    });
    let applicationId = '';
    const apply = await measure(small.consumed, async () => {
      applicationId = (
        await small.modules.casting.applications.apply(artist, castingId, {
          message: 'I would love to join.',
          answers: [{ questionId: 'q1', answer: 'Autumn Leaves, Blue Bossa.' }],
          portfolioItemIds: [],
        })
      ).application.id;
    });
    const statusChange = await measure(small.consumed, () =>
      small.modules.casting.applications.setStatus(recruiter, castingId, applicationId, 'shortlisted'),
    );

    progress(`seeding ${SIZES.small} and ${SIZES.large} castings through the service`);
    const seedStarted = performance.now();
    await seedBoard(small, recruiter, SIZES.small - 1);
    await seedBoard(large, await member(large, 'recruiter', ['recruiter']), SIZES.large);
    const seedSeconds = round((performance.now() - seedStarted) / 1000, 1);

    const serverSmall = await startAmply(engine, boards.small, join(tmp, 'amply-small'));
    const serverLarge = await startAmply(engine, boards.large, join(tmp, 'amply-large'));
    const paths = {
      page10: '/castings?limit=10',
      all: '/castings?limit=20',
      q: '/castings?limit=20&q=jazz',
      qFiltered: '/castings?limit=20&q=jazz%20tour&roleType=vocalist',
      filtered: '/castings?limit=20&roleType=dj&location=paris%20fr',
    };
    progress(`GET /castings (${REQUESTS} sequential requests per target, taking turns)`);
    const targets = Object.values(paths).flatMap((path) => [
      { url: `${serverSmall.baseUrl}${path}`, token: '' },
      { url: `${serverLarge.baseUrl}${path}`, token: '' },
    ]);
    const results = await interleaved(targets, REQUESTS, WARMUP);
    await serverSmall.child.stop();
    await serverLarge.child.stop();

    console.log(heading('Casting board: GET /castings by board size (one request at a time, taking turns)'));
    const rows: Array<Array<string | number>> = [];
    const ratios: Array<[string, ReturnType<typeof target>]> = [];
    Object.keys(paths).forEach((name, index) => {
      const at10 = results[index * 2] as SequentialLatency;
      const at10k = results[index * 2 + 1] as SequentialLatency;
      const path = paths[name as keyof typeof paths];
      rows.push([path, ms(at10.p50), ms(at10.p99), ms(at10k.p50), ms(at10k.p99)]);
      ratios.push([path, target(at10k.p50 / at10.p50, 1.2, 'lower')]);
    });
    console.log(table(['request', 'p50 at 10', 'p99 at 10', 'p50 at 10,000', 'p99 at 10,000'], rows));
    console.log(
      `\n${table(
        ['request', 'p50 10,000 / 10', 'verdict'],
        ratios.map(([path, ratio]) => [path, round(ratio.value, 2), verdict(ratio)]),
      )}`,
    );
    console.log(`(seeding ${SIZES.small + SIZES.large} castings through the service took ${seedSeconds} s)`);

    console.log(heading('Casting board: consumed capacity per operation (ReturnConsumedCapacity: TOTAL)'));
    const row = (name: string, c: Consumed) => [
      name,
      c.writeRequests,
      c.writeUnits,
      c.readRequests,
      c.readUnits,
    ];
    console.log(
      table(
        ['operation', 'write requests', 'write units', 'read requests', 'read units'],
        [
          row('create a casting (2 skills, 2 questions)', create),
          row('apply to it (one answer)', apply),
          row('shortlist the application', statusChange),
        ],
      ),
    );
    console.log(
      '(the embedded engine reports the base table only; DynamoDB adds one write per index entry the item has)',
    );
    console.log(
      `\nload average ${loadavg()
        .map((value) => value.toFixed(1))
        .join(' ')}`,
    );
    await engineChild.stop();
  } finally {
    await stopAll();
    await rm(tmp, { recursive: true, force: true });
  }
}

await main();
