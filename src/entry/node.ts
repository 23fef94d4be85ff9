import { mkdir, rm, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { serve } from '@hono/node-server';
import { getConnInfo } from '@hono/node-server/conninfo';
import { createApp } from '../app.js';
import { type Config, ConfigError, loadConfig } from '../config.js';
import { ensureTable } from '../data/bootstrap.js';
import { startEmbeddedEngine } from '../data/embedded-engine.js';
import { createDeps } from '../deps.js';
import { ENGINE_FILE } from './engine-file.js';

async function main() {
  let config: Config;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(1);
    }
    throw error;
  }

  const dataDir = resolve(config.dataDir);
  let closeEngine = async () => {};
  if (config.storage.mode === 'embedded') {
    await mkdir(dataDir, { recursive: true });
    const engine = await startEmbeddedEngine({
      path: join(dataDir, 'dynamodb'),
      port: config.storage.embeddedPort,
    });
    config = { ...config, storage: { ...config.storage, endpoint: engine.endpoint } };
    await writeFile(
      join(dataDir, ENGINE_FILE),
      `${JSON.stringify({ endpoint: engine.endpoint, pid: process.pid })}\n`,
    );
    closeEngine = async () => {
      await rm(join(dataDir, ENGINE_FILE), { force: true });
      await engine.close();
    };
  }

  const deps = await createDeps(config);
  if (config.storage.endpoint) await ensureTable(await deps.db.client(), config.storage.tableName);
  const { app } = createApp(deps, { remoteAddress: (c) => getConnInfo(c).remote.address });

  const server = serve({ fetch: app.fetch, hostname: config.host, port: config.port }, (info) => {
    const base = `http://${info.family === 'IPv6' ? `[${info.address}]` : info.address}:${info.port}`;
    const lines = [
      `Amply (${config.stage}) is listening on ${base}`,
      `  API docs:   ${base}/docs`,
      `  OpenAPI:    ${base}/openapi.json`,
      config.storage.mode === 'embedded'
        ? `  Data:       ${dataDir} (embedded DynamoDB at ${config.storage.endpoint}, table ${config.storage.tableName})`
        : `  Data:       DynamoDB table ${config.storage.tableName}`,
      ...(deps.outbox ? [`  Mail:       ${join(dataDir, 'outbox')} and ${base}/dev/outbox`] : []),
    ];
    process.stdout.write(`${lines.join('\n')}\n`);
  });

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    deps.logger.info({ signal }, 'shutting down');
    server.close(() => {
      closeEngine().finally(() => {
        deps.logger.flush();
        process.exit(0);
      });
    });
    setTimeout(() => process.exit(1), 10_000).unref();
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
}

await main();
