// `npm run bench:events`: signed event delivery from the Node server (`dist/node.mjs`) to a webhook
// receiver on loopback, both on this machine with the embedded engine in a child process of its own.
//   1. delay: sign-ins one at a time, then several at a time; each `user.signed_in` is timed from when
//      it happened (the event's `occurredAt`) to when the receiver has it — p50 and p99;
//   2. throughput: a backlog of events written into the table while the server is stopped, spread over
//      many subjects, then drained by the server's dispatcher after it starts — events delivered per second.
import { mkdtemp, rm } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
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
  sequentialSignIns: numberFromEnv('BENCH_EVENT_SEQUENTIAL_SIGN_INS', 50),
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

    let amply = await startAmply(endpoint as string, TABLE_NAME, join(tmp, 'data'), [], env);
    const users: BenchUser[] = [];
    for (let i = 0; i < settings.users; i += 1) users.push(await createUser(amply.baseUrl));
    await receiver.waitForRequests(2 * settings.users); // each user's user.created and user.signed_in

    /** `count` sign-ins, `concurrency` at a time; each one's `user.signed_in` timed to the receiver. */
    const measureDelay = async (count: number, concurrency: number) => {
      progress(`delay: ${count} sign-ins ${concurrency} at a time`);
      const before = receiver.requests.length;
      const started = Date.now();
      let next = 0;
      await Promise.all(
        Array.from({ length: concurrency }, async () => {
          while (next < count) {
            const user = users[next % users.length] as BenchUser;
            next += 1;
            await login(amply.baseUrl, user.email, user.password);
          }
        }),
      );
      const seconds = (Date.now() - started) / 1000;
      await receiver.waitForRequests(before + count);
      const delays = received()
        .slice(before)
        .map(({ event, receivedAt }) => receivedAt - Date.parse(event.occurredAt));
      return {
        events: delays.length,
        p50Ms: round(percentile(delays, 50)),
        p99Ms: round(percentile(delays, 99)),
        maxMs: round(Math.max(...delays)),
        signInsPerSecond: round(count / seconds),
      };
    };
    const oneAtATime = await measureDelay(settings.sequentialSignIns, 1);
    const underLoad = await measureDelay(settings.signIns, settings.concurrency);
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
      loadAverage: loadavg().map((value) => round(value, 2)),
      delay: { oneAtATime, underLoad },
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
          ['delay, sign-ins one at a time: p50 / p99 (ms)', `${oneAtATime.p50Ms} / ${oneAtATime.p99Ms}`],
          [
            `delay, sign-ins ${settings.concurrency} at a time: p50 / p99 (ms)`,
            `${underLoad.p50Ms} / ${underLoad.p99Ms}`,
          ],
          [
            'sign-ins per second (one at a time / concurrent)',
            `${oneAtATime.signInsPerSecond} / ${underLoad.signInsPerSecond}`,
          ],
          ['backlog drained: events per second', summary.throughput.eventsPerSecond],
          [
            'backlog: seconds from `node dist/node.mjs` to the last',
            summary.throughput.fromProcessStartSeconds,
          ],
          [
            'backlog: events received / distinct',
            `${summary.throughput.events} / ${summary.throughput.distinct}`,
          ],
          ['load average (1, 5, 15 min) at the end', summary.loadAverage.join(', ')],
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
