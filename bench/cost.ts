// `npm run cost`: the monthly AWS bill modelled from measured figures. Each operation of the usage
// profile runs through the real app in this process against the embedded engine (in a child process):
// DynamoDB capacity from ReturnConsumedCapacity (plus index writes, by DynamoDB's rules), Lambda time
// from this process's wall and CPU time scaled to the function's memory, response and log bytes, S3
// calls, mail and the events each request records; event delivery runs through the real dispatcher.
// Prints the bill by service at 1k, 10k and 100k monthly active users (and at COST_USERS, default
// 10,000) with CloudFront pay-as-you-go and on the flat-rate plans cdk.json gives prod, when those plans'
// allowances run out, the top five operations, and the writes that cost most.
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { FLAT_RATE_TIERS, shippedContext, stageSettings } from '../infra/lib/stages.js';
import { MANAGED_RULE_GROUPS } from '../infra/lib/web-acl.js';
import { ROOT, stopAll } from './children.js';
import { type Harness, type Sample, startHarness } from './cost/harness.js';
import {
  billedMilliseconds,
  type Deployment,
  type MeasuredOperation,
  type MonthlyBill,
  monthlyBill,
  SERVICES,
  usersWithin,
} from './cost/model.js';
import {
  CONNECTIONS_PER_USER,
  MEDIA_PROFILE,
  makePersona,
  OPERATIONS,
  type Operation,
  type Persona,
  PLATFORM_ANSWER_MS,
  phonePhoto,
  READY_ARTISTS,
  RECEIVER_ANSWER_MS,
  REFRESH_RUNS_PER_MONTH,
} from './cost/operations.js';
import { PRICES } from './cost/prices.js';
import { buildBundle, compileDriver, lambdaEnvironment, measureColdStart } from './lambda.js';
import { heading, table } from './report.js';
import { median, round } from './stats.js';

const USERS = Number(process.env.COST_USERS ?? 10_000);
const SAMPLES = { warmup: 2, capacity: 3, timing: Number(process.env.COST_TIMING_SAMPLES ?? 10) };
const prod = stageSettings('prod', shippedContext()['amply:prod']);
if (prod.refreshConnections.everyMinutes === undefined)
  throw new Error('the model expects prod to run the proactive refresh');
/** Prod's functions as infra/ deploys them (secrets: infra/lib/app-secrets.ts). */
const FUNCTIONS: Deployment['functions'] = {
  api: { memoryMb: prod.memoryMb, secretsRead: 2, minColdStarts: 4 * 24 * 30 },
  dispatcher: { memoryMb: prod.dispatcher.memoryMb, secretsRead: 1, minColdStarts: 24 * 30 },
  refresh: {
    memoryMb: prod.refreshConnections.memoryMb,
    secretsRead: 2,
    minColdStarts: Math.ceil(REFRESH_RUNS_PER_MONTH),
  },
};
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
  const fn = op.fn ?? 'api';
  // Figures per item when one run handles `batch` of them (the proactive refresh's connections).
  const batch = op.batch ?? 1;
  const per = (values: number[]) => mean(values) / batch;
  // Time waiting on a remote party's answer (a webhook receiver, a platform), which loopback does not show.
  const wallMs = (median(timed.map((s) => s.wallMs)) + (op.waitsMs ?? 0)) / batch;
  const cpuMs = median(timed.map((s) => s.cpuMs)) / batch;
  const consumed = metered.map((s) => s.consumed as NonNullable<Sample['consumed']>);
  const measured: MeasuredOperation = {
    name: op.name,
    module: op.module,
    perUserMonth: op.perUserMonth,
    fixedPerMonth: op.fixedPerMonth ?? 0,
    fn,
    invocations: op.invocations ?? 1,
    readUnits: per(consumed.map((c) => c.readUnits)),
    writeUnits: per(consumed.map((c) => c.writeUnits)),
    indexWriteUnits: per(consumed.map((c) => c.indexWriteUnits)),
    dynamoCalls: per(consumed.map((c) => Object.values(c.calls).reduce((sum, n) => sum + n, 0))),
    billedMs: billedMilliseconds(wallMs, cpuMs, FUNCTIONS[fn].memoryMb),
    cpuMs,
    wallMs,
    responseBytes: per(timed.map((s) => s.effects.responseBytes)),
    logBytes: per(timed.map((s) => s.effects.logBytes)),
    mails: per(timed.map((s) => s.effects.mails)),
    s3Puts: per(timed.map((s) => s.effects.s3Puts)),
    s3Gets: per(timed.map((s) => s.effects.s3Gets)),
    s3Lists: per(timed.map((s) => s.effects.s3Lists)),
    eventsPublished: per(timed.map((s) => s.effects.eventsPublished)),
    eventsCarried: per(timed.map((s) => s.effects.eventsCarried)),
  };
  const calls: Record<string, number> = {};
  for (const c of consumed)
    for (const [name, n] of Object.entries(c.calls))
      calls[name] = (calls[name] ?? 0) + n / consumed.length / batch;
  return { measured, calls, putSizes: timed.at(-1)?.effects.s3PutSizes ?? [], delivers: op.deliversEvents };
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
  const operations = results.map((r) => r.measured);
  // Event delivery happens as often as the API's operations record events (measured per request).
  const api = operations.filter((op) => op.fn === 'api');
  for (const { measured, delivers } of results) {
    if (!delivers) continue;
    measured.perUserMonth = api.reduce(
      (sum, op) => sum + op.perUserMonth * (delivers === 'published' ? op.eventsPublished : op.eventsCarried),
      0,
    );
  }
  const base: Omit<Deployment, 'plans'> = {
    functions: FUNCTIONS,
    wafRules: 1 + MANAGED_RULE_GROUPS.length,
    // amply-<stage>/app (keys and origin secret) and amply-<stage>/webhooks (infra/lib/app-secrets.ts).
    secrets: 2,
    // infra/lib/alarms.ts: 5xx rate, p99 latency, function errors and throttles, table throttles; the
    // event dead letters, the event sweep's and the proactive refresh's errors.
    alarms: 8,
    pointInTimeRecovery: prod.pointInTimeRecovery,
    coldStartMs,
    imageBytes: Math.max(0, ...sizes),
    thumbnailBytes: sizes.length > 1 ? Math.min(...sizes) : 0,
    uploadBytes: photoBytes,
    tableBytesPerUser,
    media: MEDIA_PROFILE,
  };
  const modes: { label: string; plans: Deployment['plans'] }[] = [
    {
      label: 'CloudFront pay-as-you-go (WAF billed)',
      plans: { api: 'pay-as-you-go', media: 'pay-as-you-go' },
    },
    {
      label: `flat-rate plans as cdk.json gives prod (API ${prod.pricingPlan.api}, media ${prod.pricingPlan.media})`,
      plans: prod.pricingPlan,
    },
  ];

  console.log(heading('Usage profile: an average monthly active user'));
  const requestsPerUser = api.reduce((sum, op) => sum + op.perUserMonth, 0);
  const eventsPerUser = api.reduce(
    (sum, op) => sum + op.perUserMonth * (op.eventsPublished + op.eventsCarried),
    0,
  );
  console.log(
    `${round(requestsPerUser, 1)} API requests a month (table below), recording ${round(eventsPerUser, 1)} events for one webhook ` +
      `endpoint (receivers answer in ${RECEIVER_ANSWER_MS} ms); ${CONNECTIONS_PER_USER} platform connections refreshed by every proactive run ` +
      `(${round(REFRESH_RUNS_PER_MONTH)} a month; platforms answer in ${PLATFORM_ANSWER_MS} ms); ${MEDIA_PROFILE.thumbnailViewsPerUserMonth} thumbnails and ` +
      `${MEDIA_PROFILE.imageViewsPerUserMonth} full image(s) from the media CDN; ${MEDIA_PROFILE.storedImagesPerUser} stored images; ` +
      `${READY_ARTISTS} ready artists in the central index.`,
  );
  console.log(
    heading(
      `Per request, measured (DynamoDB units as on-demand bills them; Lambda ms at ${FUNCTIONS.api.memoryMb} MB, the dispatcher's and the refresh's at ${FUNCTIONS.dispatcher.memoryMb} and ${FUNCTIONS.refresh.memoryMb} MB)`,
    ),
  );
  console.log(
    table(
      [
        'operation',
        'per user/mo',
        'read units',
        'write units',
        'index writes',
        'DynamoDB calls',
        'events',
        'Lambda ms',
        'CPU ms',
        'response KB',
      ],
      operations.map((op) => [
        op.name,
        op.fixedPerMonth ? `${op.fixedPerMonth}/mo` : round(op.perUserMonth, 2),
        round(op.readUnits, 1),
        round(op.writeUnits, 1),
        round(op.indexWriteUnits, 1),
        round(op.dynamoCalls, 1),
        round(op.eventsPublished + op.eventsCarried, 2),
        op.billedMs,
        round(op.cpuMs, 1),
        round(op.responseBytes / 1024, 1),
      ]),
    ),
  );
  console.log(
    `Cold start ${coldStartMs} ms (median of 3, bench/lambda.ts); stored image ${round(base.imageBytes / 1024)} KB + thumbnail ` +
      `${round(base.thumbnailBytes / 1024)} KB from a ${round(photoBytes / 1024)} KB upload; table ${round(tableBytesPerUser / 1024, 1)} KB per account.`,
  );

  const sizesWanted = [...new Set([1_000, 10_000, 100_000, USERS])].sort((a, b) => a - b);
  const billsByMode = modes.map((mode) => ({
    ...mode,
    bills: sizesWanted.map((users) => monthlyBill(users, operations, { ...base, plans: mode.plans })),
  }));
  for (const { label, bills } of billsByMode) {
    console.log(heading(`Monthly bill by service (USD, list price): ${label}`));
    console.log(
      table(
        ['service', ...bills.map((bill) => `${bill.users.toLocaleString('en-US')} MAU`)],
        [
          ...SERVICES.map((service) => [service, ...bills.map((bill) => dollars(bill.byService[service]))]),
          ['total', ...bills.map((bill) => dollars(bill.total))],
          ['total after always-free tiers', ...bills.map((bill) => dollars(bill.totalAfterFreeTier))],
          ['API requests', ...bills.map((bill) => Math.round(bill.apiRequests).toLocaleString('en-US'))],
          ...(['api', 'media'] as const).map((name) => [
            `${name} distribution`,
            ...bills.map((bill) => planCell(bill.distributions[name])),
          ]),
        ],
      ),
    );
  }
  const apiBytesPerUser = api.reduce((sum, op) => sum + op.perUserMonth * op.responseBytes, 0);
  const mediaRequestsPerUser =
    MEDIA_PROFILE.thumbnailViewsPerUserMonth + MEDIA_PROFILE.imageViewsPerUserMonth;
  const mediaBytesPerUser =
    MEDIA_PROFILE.thumbnailViewsPerUserMonth * base.thumbnailBytes +
    MEDIA_PROFILE.imageViewsPerUserMonth * base.imageBytes;
  const freeLimits = {
    api: usersWithin('free', requestsPerUser, apiBytesPerUser),
    media: usersWithin('free', mediaRequestsPerUser, mediaBytesPerUser),
  };
  console.log(
    `\nThe Free plan's allowance (${FLAT_RATE_TIERS.free.requests.toLocaleString('en-US')} requests, ${FLAT_RATE_TIERS.free.bytes / 1e9} GB a month per distribution) ` +
      `holds the API distribution up to ${freeLimits.api.toLocaleString('en-US')} MAU (${round(requestsPerUser, 1)} requests, ` +
      `${round(apiBytesPerUser / 1024, 1)} KB a user) and the media CDN up to ${freeLimits.media.toLocaleString('en-US')} MAU ` +
      `(${mediaRequestsPerUser} requests, ${round(mediaBytesPerUser / 1024, 1)} KB a user). Past it AWS charges nothing more but may slow the ` +
      'distribution down; the flat-rate table bills the next tier that holds the month (marked ↑). Pro holds ' +
      `the API up to ${usersWithin('pro', requestsPerUser, apiBytesPerUser).toLocaleString('en-US')} MAU.`,
  );

  const chosen = billsByMode[1]?.bills ?? [];
  const main = chosen.find((bill) => bill.users === USERS) ?? (chosen[0] as MonthlyBill);
  console.log(
    heading(
      `Top five operations by cost at ${USERS.toLocaleString('en-US')} MAU (variable cost, all services; flat-rate plans as prod has them)`,
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
    `${JSON.stringify({ node: process.version, deployment: base, modes: billsByMode, freeLimits, operations, calls: Object.fromEntries(results.map((r) => [r.measured.name, r.calls])) }, null, 2)}\n`,
  );
  console.log('\nJSON: bench/results/cost.json');
}

/** `free`, `pro ↑` (billed above the configured tier: its allowance is exceeded) or `pay-as-you-go`. */
function planCell(month: MonthlyBill['distributions']['api']): string {
  if (month.billedTier === null) return 'pay-as-you-go';
  return month.exceeded ? `${month.billedTier} ↑` : month.billedTier;
}

await main();
