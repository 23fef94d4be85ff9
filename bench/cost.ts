// `npm run cost`: the monthly AWS bill modelled from measured figures. Each operation of the usage
// profile runs through the real app in this process against the embedded engine (in a child process):
// DynamoDB capacity from ReturnConsumedCapacity (plus index writes, by DynamoDB's rules), Lambda time
// from this process's wall and CPU time scaled to the function's memory, response and log bytes, S3
// calls and mail. Prints the bill by service at 1k, 10k and 100k monthly active users (and at
// COST_USERS, default 10,000), the top five operations, and the writes that cost most.
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { stageSettings } from '../infra/lib/stages.js';
import { MANAGED_RULE_GROUPS } from '../infra/lib/web-acl.js';
import { ROOT, stopAll } from './children.js';
import { type Harness, type Sample, startHarness } from './cost/harness.js';
import {
  billedMilliseconds,
  type Deployment,
  type MeasuredOperation,
  monthlyBill,
  SERVICES,
} from './cost/model.js';
import {
  MEDIA_PROFILE,
  makePersona,
  OPERATIONS,
  type Operation,
  type Persona,
  phonePhoto,
} from './cost/operations.js';
import { PRICES } from './cost/prices.js';
import { buildBundle, compileDriver, lambdaEnvironment, measureColdStart } from './lambda.js';
import { heading, table } from './report.js';
import { median, round } from './stats.js';

const USERS = Number(process.env.COST_USERS ?? 10_000);
const SAMPLES = { warmup: 2, capacity: 3, timing: Number(process.env.COST_TIMING_SAMPLES ?? 10) };
const prod = stageSettings('prod');
const progress = (message: string) => process.stderr.write(`… ${message}\n`);
const dollars = (value: number) => `$${value < 100 ? value.toFixed(2) : value.toFixed(0)}`;
const mean = (values: number[]) => values.reduce((sum, value) => sum + value, 0) / Math.max(1, values.length);

async function runOnce(h: Harness, persona: Persona, op: Operation, meterOn: boolean): Promise<Sample> {
  const input = await op.prepare(h, persona);
  let status = 0;
  let text = '';
  const sample = await h.sample(async () => {
    const result = await op.run(h, persona, input);
    status = result.status;
    text = result.text;
  }, meterOn);
  if (status !== op.expect)
    throw new Error(`${op.name}: expected ${op.expect}, got ${status} ${text.slice(0, 300)}`);
  return sample;
}

async function measure(h: Harness, persona: Persona, op: Operation) {
  for (let i = 0; i < SAMPLES.warmup; i += 1) await runOnce(h, persona, op, false);
  const metered: Sample[] = [];
  for (let i = 0; i < SAMPLES.capacity; i += 1) metered.push(await runOnce(h, persona, op, true));
  const timed: Sample[] = [];
  for (let i = 0; i < SAMPLES.timing; i += 1) timed.push(await runOnce(h, persona, op, false));
  const wallMs = median(timed.map((s) => s.wallMs));
  const cpuMs = median(timed.map((s) => s.cpuMs));
  const consumed = metered.map((s) => s.consumed as NonNullable<Sample['consumed']>);
  const measured: MeasuredOperation = {
    name: op.name,
    module: op.module,
    perUserMonth: op.perUserMonth,
    readUnits: mean(consumed.map((c) => c.readUnits)),
    writeUnits: mean(consumed.map((c) => c.writeUnits)),
    indexWriteUnits: mean(consumed.map((c) => c.indexWriteUnits)),
    dynamoCalls: mean(consumed.map((c) => Object.values(c.calls).reduce((sum, n) => sum + n, 0))),
    billedMs: billedMilliseconds(wallMs, cpuMs, prod.memoryMb),
    cpuMs,
    wallMs,
    responseBytes: mean(timed.map((s) => s.effects.responseBytes)),
    logBytes: mean(timed.map((s) => s.effects.logBytes)),
    mails: mean(timed.map((s) => s.effects.mails)),
    s3Puts: mean(timed.map((s) => s.effects.s3Puts)),
    s3Gets: mean(timed.map((s) => s.effects.s3Gets)),
    s3Lists: mean(timed.map((s) => s.effects.s3Lists)),
  };
  const calls: Record<string, number> = {};
  for (const c of consumed)
    for (const [name, n] of Object.entries(c.calls)) calls[name] = (calls[name] ?? 0) + n / consumed.length;
  return { measured, calls, putSizes: timed.at(-1)?.effects.s3PutSizes ?? [] };
}

async function coldStart(): Promise<number> {
  progress('Lambda cold start (3 runs)');
  const tmp = await mkdtemp(join(tmpdir(), 'amply-cost-lambda-'));
  try {
    const bundle = await buildBundle(join(tmp, 'bundle'), 'src/entry/lambda.ts');
    const driver = await compileDriver(tmp);
    const result = await measureColdStart(
      driver,
      bundle.entryFile,
      { path: '/health', expect: 200 },
      await lambdaEnvironment(),
      3,
    );
    return result.medianMs;
  } finally {
    await rm(tmp, { recursive: true, force: true });
  }
}

async function main() {
  console.log(
    `Amply cost model: node ${process.version}, ${cpus().length} CPUs, load average ${round(loadavg()[0] ?? 0, 2)}; ` +
      `the prod stage (${prod.memoryMb} MB arm64 function), us-east-1 list prices.`,
  );
  const h = await startHarness();
  const results: Awaited<ReturnType<typeof measure>>[] = [];
  let tableBytesPerUser = 0;
  let photoBytes = 0;
  try {
    const photo = await phonePhoto();
    photoBytes = photo.length;
    progress('making a user with ten guitars and two platform connections');
    const persona = await makePersona(h, photo);
    for (const op of OPERATIONS) {
      progress(op.name);
      results.push(await measure(h, persona, op));
    }
    const contents = await h.tableContents();
    tableBytesPerUser = contents.bytes / Math.max(1, contents.accounts);
  } finally {
    await h.close();
    await stopAll();
  }
  const coldStartMs = await coldStart();
  const upload = results.find((r) => r.measured.name.startsWith('POST /images/upload-complete'));
  const sizes = upload?.putSizes ?? [];
  const deployment: Deployment = {
    memoryMb: prod.memoryMb,
    wafRules: 1 + MANAGED_RULE_GROUPS.length,
    secrets: 2,
    alarms: 5,
    pointInTimeRecovery: prod.pointInTimeRecovery,
    coldStartMs,
    imageBytes: Math.max(0, ...sizes),
    thumbnailBytes: sizes.length > 1 ? Math.min(...sizes) : 0,
    uploadBytes: photoBytes,
    tableBytesPerUser,
    media: MEDIA_PROFILE,
  };
  const operations = results.map((r) => r.measured);

  console.log(heading('Usage profile: an average monthly active user'));
  const requestsPerUser = operations.reduce((sum, op) => sum + op.perUserMonth, 0);
  console.log(
    `${round(requestsPerUser, 1)} API requests a month (table below); ${MEDIA_PROFILE.thumbnailViewsPerUserMonth} thumbnails and ` +
      `${MEDIA_PROFILE.imageViewsPerUserMonth} full image(s) from the media CDN; ${MEDIA_PROFILE.storedImagesPerUser} stored images; ` +
      'castings: none yet (the casting module is not built; its operations join bench/cost/operations.ts).',
  );
  console.log(heading('Per request, measured (DynamoDB units as on-demand bills them; Lambda ms at 512 MB)'));
  console.log(
    table(
      [
        'operation',
        'per user/mo',
        'read units',
        'write units',
        'index writes',
        'DynamoDB calls',
        'Lambda ms',
        'CPU ms',
        'response KB',
      ],
      operations.map((op) => [
        op.name,
        op.perUserMonth,
        round(op.readUnits, 1),
        round(op.writeUnits, 1),
        round(op.indexWriteUnits, 1),
        round(op.dynamoCalls, 1),
        op.billedMs,
        round(op.cpuMs, 1),
        round(op.responseBytes / 1024, 1),
      ]),
    ),
  );
  console.log(
    `Cold start ${coldStartMs} ms (median of 3, bench/lambda.ts); stored image ${round(deployment.imageBytes / 1024)} KB + thumbnail ` +
      `${round(deployment.thumbnailBytes / 1024)} KB from a ${round(photoBytes / 1024)} KB upload; table ${round(tableBytesPerUser / 1024, 1)} KB per account.`,
  );

  const sizesWanted = [...new Set([1_000, 10_000, 100_000, USERS])].sort((a, b) => a - b);
  const bills = sizesWanted.map((users) => monthlyBill(users, operations, deployment));
  console.log(heading('Monthly bill by service (USD, list price)'));
  console.log(
    table(
      ['service', ...bills.map((bill) => `${bill.users.toLocaleString('en-US')} MAU`)],
      [
        ...SERVICES.map((service) => [service, ...bills.map((bill) => dollars(bill.byService[service]))]),
        ['total', ...bills.map((bill) => dollars(bill.total))],
        ['total after always-free tiers', ...bills.map((bill) => dollars(bill.totalAfterFreeTier))],
        ['API requests', ...bills.map((bill) => Math.round(bill.apiRequests).toLocaleString('en-US'))],
      ],
    ),
  );
  const main = bills.find((bill) => bill.users === USERS) ?? (bills[0] as (typeof bills)[number]);
  console.log(
    heading(
      `Top five operations by cost at ${USERS.toLocaleString('en-US')} MAU (variable cost, all services)`,
    ),
  );
  console.log(
    table(
      ['operation', 'requests/mo', 'cost/mo'],
      main.operations
        .slice(0, 5)
        .map((op) => [op.name, Math.round(op.requests).toLocaleString('en-US'), dollars(op.cost)]),
    ),
  );
  console.log(
    heading(`Writes that cost most at ${USERS.toLocaleString('en-US')} MAU (table + index write units)`),
  );
  console.log(
    table(
      ['operation', 'write units/mo', 'DynamoDB writes $/mo'],
      [...main.operations]
        .sort((a, b) => b.writeUnits - a.writeUnits)
        .slice(0, 5)
        .map((op) => [
          op.name,
          Math.round(op.writeUnits).toLocaleString('en-US'),
          dollars((op.writeUnits * PRICES.dynamodb.perMillionWriteUnits) / 1e6),
        ]),
    ),
  );
  const dir = join(ROOT, 'bench/results');
  await mkdir(dir, { recursive: true });
  await writeFile(
    join(dir, 'cost.json'),
    `${JSON.stringify({ node: process.version, deployment, operations, calls: Object.fromEntries(results.map((r) => [r.measured.name, r.calls])), bills }, null, 2)}\n`,
  );
  console.log('\nJSON: bench/results/cost.json');
}

await main();
