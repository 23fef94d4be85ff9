// `npm run db:admin`: a DynamoDB admin UI on 127.0.0.1:8001 for the local table. It uses the engine of a
// running `npm start` (from <AMPLY_DATA_DIR>/engine.json), or opens the data folder itself when none runs.
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
import { loadConfig } from '../src/config.js';
import { type EmbeddedEngine, startEmbeddedEngine } from '../src/data/embedded-engine.js';
import { runningEngine } from '../src/entry/engine-file.js';

const config = loadConfig();
const dataDir = resolve(config.dataDir);
const port = process.env.DB_ADMIN_PORT ?? '8001';

let engine: EmbeddedEngine | undefined;
let endpoint = (await runningEngine(dataDir))?.endpoint;
if (!endpoint) {
  engine = await startEmbeddedEngine({ path: join(dataDir, 'dynamodb') });
  endpoint = engine.endpoint;
}

const bin = join(
  createRequire(import.meta.url).resolve('dynamodb-admin/package.json'),
  '..',
  'dist',
  'dynamodb-admin.js',
);
const child = spawn(
  process.execPath,
  [bin, '--host', '127.0.0.1', '--port', port, '--dynamo-endpoint', endpoint],
  {
    stdio: 'inherit',
    env: {
      ...process.env,
      AWS_REGION: config.storage.region,
      AWS_ACCESS_KEY_ID: 'local',
      AWS_SECRET_ACCESS_KEY: 'local',
    },
  },
);
process.stdout.write(
  `DynamoDB admin for ${endpoint} (table ${config.storage.tableName}) on http://127.0.0.1:${port}\n`,
);
const stop = () => child.kill('SIGTERM');
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
child.on('exit', async (code) => {
  await engine?.close();
  process.exit(code ?? 0);
});
