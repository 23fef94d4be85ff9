// Child process: the CPU time of one table call as a login makes it on `npm start` — the AWS SDK's document
// client, loopback HTTP, and the embedded engine in this process with its data on disk — timing plain
// PutItem and GetItem of a session-sized item (no ElectroDB, no condition), one after another and with
// `in-flight` of them at once as a login load has them; the cheaper of the two is the figure a floor uses.
// Prints `engine-call <json>`.
// Usage: node --import tsx bench/engine-call-cost.ts <calls of each kind> [in-flight]
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { ensureTable } from '../src/data/bootstrap.js';
import { createDatabase } from '../src/data/database.js';
import { startEmbeddedEngine } from '../src/data/embedded-engine.js';

const calls = Number(process.argv[2] ?? 2000);
const inFlight = Number(process.argv[3] ?? 10);
const dataDir = await mkdtemp(join(tmpdir(), 'amply-bench-engine-call-'));
const engine = await startEmbeddedEngine({ path: dataDir });
const db = createDatabase({ tableName: 'amply-bench-calls', region: 'us-east-1', endpoint: engine.endpoint });
await ensureTable(await db.client(), db.tableName);
const doc = await db.documentClient();
const TableName = db.tableName;
const key = (i: number) => ({ pk: `USER#usr_${String(i).padStart(26, '0')}`, sk: `SESSION#ses_${i}` });
const item = (i: number) => ({
  ...key(i),
  userAgent:
    'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Safari/537.36',
  deviceLabel: 'Chrome on Linux',
  createdAt: 1_764_000_000_000 + i,
  methods: ['password'],
  ttl: 1_766_000_000,
});

/**
 * CPU milliseconds (every thread of this process) per call of `call` over `count` calls, `lanes` of them
 * in flight at a time (each lane awaits its call before the next).
 */
async function cpuPerCall(
  count: number,
  lanes: number,
  call: (i: number) => Promise<unknown>,
): Promise<number> {
  const before = process.cpuUsage();
  let next = 0;
  await Promise.all(
    Array.from({ length: lanes }, async () => {
      while (next < count) await call(next++);
    }),
  );
  const used = process.cpuUsage(before);
  return (used.user + used.system) / 1000 / count;
}

const put = (i: number) => doc.send(new PutCommand({ TableName, Item: item(i) }));
const get = (i: number) => doc.send(new GetCommand({ TableName, Key: key(i) }));
await cpuPerCall(200, inFlight, put); // warm-up: JIT, sockets, LevelDB files
await cpuPerCall(200, inFlight, get);
const sequential = {
  put: await cpuPerCall(calls, 1, (i) => put(1000 + i)),
  get: await cpuPerCall(calls, 1, (i) => get(1000 + i)),
};
const concurrent = {
  put: await cpuPerCall(calls, inFlight, (i) => put(1000 + calls + i)),
  get: await cpuPerCall(calls, inFlight, (i) => get(1000 + calls + i)),
};
await engine.close();
await rm(dataDir, { recursive: true, force: true });
process.stdout.write(`engine-call ${JSON.stringify({ sequential, concurrent, calls, inFlight })}\n`);
