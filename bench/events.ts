// `npm run bench:events`: signed event delivery from the Node server (`dist/node.mjs`) to a webhook
// receiver on loopback, both on this machine with the embedded engine in a child process of its own.
//   1. delay: sign-ins at a steady concurrency; each `user.signed_in` is timed from when it happened
//      (the event's `occurredAt`) to when the receiver has it — p50 and p99;
//   2. throughput: a backlog of events written into the table while the server is stopped, spread over
//      many subjects, then drained by the server's dispatcher after it starts — events delivered per second.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { systemClock } from '../src/clock.js';
import { loadConfig } from '../src/config.js';
import { createDatabase } from '../src/data/database.js';
import { createEventPublisher } from '../src/events/publisher.js';
import { startWebhookReceiver } from '../test/helpers/webhook-receiver.js';
import { type BenchUser, createUser, login, startAmply } from './amply.js';
import { runNode, startNode, stopAll } from './children.js';
import { heading, table } from './report.js';
import { percentile, round } from './stats.js';

function numberFromEnv(name: string, fallback: number): number {
  const raw = process.env[name];
  const value = raw === undefined || raw === '' ? fallback : Number(raw);
  if (!Number.isInteger(value) || value <= 0)
    throw new Error(`${name} must be a positive integer, not "${raw}"`);
  return value;
}

const settings = {
  users: numberFromEnv('BENCH_EVENT_USERS', 8),
  signIns: numberFromEnv('BENCH_EVENT_SIGN_INS', 200),
  concurrency: numberFromEnv('BENCH_EVENT_CONCURRENCY', 4),
  backlog: numberFromEnv('BENCH_EVENT_BACKLOG', 2000),
  subjects: numberFromEnv('BENCH_EVENT_SUBJECTS', 200),
};
const TABLE_NAME = 'amply-bench-events';
const progress = (message: string) => process.stderr.write(`… ${message}\n`);

async function main() {
  const tmp = await mkdtemp(join(tmpdir(), 'amply-bench-events-'));
  const receiver = await startWebhookReceiver();
  try {
    progress('building dist/ (node scripts/build.mjs)');
    await runNode(['scripts/build.mjs']);
    const engine = startNode(['--import', 'tsx', 'bench/engine.ts']);
    const [, endpoint] = await engine.waitFor(/^engine (http:\/\/\S+)/m);
    const env = {
      AMPLY_WEBHOOKS: JSON.stringify([{ url: `${receiver.baseUrl}/hooks`, secret: 'b'.repeat(40) }]),
      AMPLY_LOG_LEVEL: 'warn',
    };
    const received = () =>
      receiver.requests.map((request) => ({ ...request, event: JSON.parse(request.body) }));

    progress(
      `delay: ${settings.users} users, then ${settings.signIns} sign-ins ${settings.concurrency} at a time`,
    );
    let amply = await startAmply(endpoint as string, TABLE_NAME, join(tmp, 'data'), [], env);
    const users: BenchUser[] = [];
    for (let i = 0; i < settings.users; i += 1) users.push(await createUser(amply.baseUrl));
    const before = receiver.requests.length;
    const signInsStarted = Date.now();
    let next = 0;
    await Promise.all(
      Array.from({ length: settings.concurrency }, async () => {
        while (next < settings.signIns) {
          const user = users[next % users.length] as BenchUser;
          next += 1;
          await login(amply.baseUrl, user.email, user.password);
        }
      }),
    );
    const signInSeconds = (Date.now() - signInsStarted) / 1000;
    await receiver.waitForRequests(before + settings.signIns);
    const delays = received()
      .filter(({ event }) => event.type === 'user.signed_in')
      .map(({ event, receivedAt }) => receivedAt - Date.parse(event.occurredAt));
    await amply.child.stop();

    progress(
      `throughput: ${settings.backlog} events over ${settings.subjects} subjects written while stopped`,
    );
    const config = loadConfig({ ...env, AMPLY_STAGE: 'dev' });
    const db = createDatabase({ tableName: TABLE_NAME, region: 'us-east-1', endpoint: endpoint as string });
    const publisher = createEventPublisher(db, systemClock, {
      endpointIds: config.webhooks.map((webhook) => webhook.id),
    });
    for (let i = 0; i < settings.backlog; i += 1) {
      await publisher.publish({
        type: 'user.signed_in',
        subject: `usr_bench${String(i % settings.subjects).padStart(6, '0')}`,
        data: { n: i },
      });
    }
    const backlogStart = receiver.requests.length;
    const started = Date.now();
    amply = await startAmply(endpoint as string, TABLE_NAME, join(tmp, 'data'), [], env);
    await receiver.waitForRequests(backlogStart + settings.backlog);
    const startedToLast = (Date.now() - started) / 1000;
    const drained = received().slice(backlogStart);
    const firstAt = Math.min(...drained.map(({ receivedAt }) => receivedAt));
    const lastAt = Math.max(...drained.map(({ receivedAt }) => receivedAt));
    // From the first delivery to the last: the dispatcher's rate, without the server's start-up.
    const drainSeconds = (lastAt - firstAt) / 1000;
    const ids = new Set(drained.map(({ event }) => event.id));
    await amply.child.stop();
    await engine.stop();

    const summary = {
      settings,
      delay: {
        events: delays.length,
        p50Ms: round(percentile(delays, 50)),
        p99Ms: round(percentile(delays, 99)),
        maxMs: round(Math.max(...delays)),
        signInsPerSecond: round(settings.signIns / signInSeconds),
      },
      throughput: {
        events: drained.length,
        distinct: ids.size,
        seconds: round(drainSeconds, 2),
        eventsPerSecond: round((settings.backlog - 1) / drainSeconds),
        fromProcessStartSeconds: round(startedToLast, 2),
      },
    };
    process.stdout.write(
      `${heading('Signed events on the Node server (embedded engine, loopback receiver)')}\n`,
    );
    process.stdout.write(
      `${table(
        ['measure', 'value'],
        [
          ['delivery delay p50 (ms)', summary.delay.p50Ms],
          ['delivery delay p99 (ms)', summary.delay.p99Ms],
          ['delivery delay max (ms)', summary.delay.maxMs],
          ['sign-ins per second while measured', summary.delay.signInsPerSecond],
          ['backlog drained: events per second', summary.throughput.eventsPerSecond],
          [
            'backlog: seconds from `node dist/node.mjs` to the last',
            summary.throughput.fromProcessStartSeconds,
          ],
          [
            'backlog: events received / distinct',
            `${summary.throughput.events} / ${summary.throughput.distinct}`,
          ],
        ],
      )}\n`,
    );
    process.stdout.write(`${JSON.stringify(summary)}\n`);
  } finally {
    await receiver.close();
    await stopAll();
    await rm(tmp, { recursive: true, force: true });
  }
}

await main();
