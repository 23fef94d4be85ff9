import { mkdir } from 'node:fs/promises';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createAdaptorServer } from '@hono/node-server';
import { getConnInfo } from '@hono/node-server/conninfo';
import { createSecretsManagerSource } from '../adapters/secrets/secrets-manager-source.js';
import { createApp } from '../app.js';
import {
  CONSOLE_PATH,
  type Config,
  ConfigError,
  loadConfigWithSecrets,
  withListeningAddress,
} from '../config.js';
import { ensureTable } from '../data/bootstrap.js';
import { startEmbeddedEngine } from '../data/embedded-engine.js';
import { createDeps } from '../deps.js';
import { answerNodeErrors } from '../http/node-errors.js';
import { forgetEngine, recordEngine, runningEngine } from './engine-file.js';

async function readConfig(): Promise<Config> {
  try {
    return await loadConfigWithSecrets(createSecretsManagerSource());
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(1);
    }
    throw error;
  }
}

async function main() {
  let config = await readConfig();
  const dataDir = resolve(config.dataDir);
  let closeEngine = async () => {};
  if (config.storage.mode === 'embedded') {
    const other = await runningEngine(dataDir);
    if (other) {
      process.stderr.write(
        `Amply is already running on ${dataDir} (process ${other.pid}); stop it or use another AMPLY_DATA_DIR.\n`,
      );
      process.exit(1);
    }
    await mkdir(dataDir, { recursive: true });
    const engine = await startEmbeddedEngine({
      path: join(dataDir, 'dynamodb'),
      port: config.storage.embeddedPort,
    });
    config = { ...config, storage: { ...config.storage, endpoint: engine.endpoint } };
    await recordEngine(dataDir, engine.endpoint);
    closeEngine = async () => {
      await forgetEngine(dataDir);
      await engine.close();
    };
  }

  // Listen first: with PORT=0 the real port is known only now, and it belongs in the token issuer.
  let handle: ((request: Request, env: unknown) => Response | Promise<Response>) | undefined;
  const server = createAdaptorServer({
    fetch: (request, env) => (handle ? handle(request, env) : new Response('Starting', { status: 503 })),
  }) as Server;
  await new Promise<void>((done, fail) => {
    server.once('error', fail);
    server.listen(config.port, config.host, () => done());
  });
  const address = server.address() as AddressInfo;
  const base = `http://${address.family === 'IPv6' ? `[${address.address}]` : address.address}:${address.port}`;
  config = withListeningAddress(config, base);

  // dev only: a local OpenID provider stands in for every OAuth provider without a client id.
  let devProviderLine: string[] = [];
  let closeDevProvider = async () => {};
  if (config.oauth.devProvider.enabled) {
    const { startDevOidcProvider, withDevProvider } = await import('../dev/oidc-provider.js');
    const dev = await startDevOidcProvider({
      publicUrl: config.publicUrl,
      port: config.oauth.devProvider.port,
    });
    const registered = withDevProvider(config, dev);
    config = registered.config;
    closeDevProvider = dev.close;
    if (registered.standIns.length > 0) {
      devProviderLine = [
        `  Sign-in:    ${dev.issuer} (development OpenID provider) stands in for ${registered.standIns.join(', ')}`,
      ];
    }
  }

  const deps = await createDeps(config);
  answerNodeErrors(server, deps.logger);
  if (config.storage.endpoint) await ensureTable(await deps.db.client(), config.storage.tableName);
  // The console's built files sit beside this bundle (dist/console), served on the dev stage.
  const consoleDir = fileURLToPath(new URL('./console/', import.meta.url));
  const { app } = createApp(deps, { remoteAddress: (c) => getConnInfo(c).remote.address, consoleDir });
  handle = app.fetch;
  // Delivers the event outbox to AMPLY_WEBHOOKS: a pass now (what a previous run left), after each publish, on a timer.
  void deps.eventDispatcher.start();

  const lines = [
    `Amply (${config.stage}) is listening on ${base}`,
    ...(config.stage === 'dev' ? [`  Console:    ${base}${CONSOLE_PATH}/`] : []),
    `  API docs:   ${base}/docs`,
    `  OpenAPI:    ${base}/openapi.json`,
    config.storage.mode === 'embedded'
      ? `  Data:       ${dataDir} (embedded DynamoDB at ${config.storage.endpoint}, table ${config.storage.tableName})`
      : `  Data:       DynamoDB table ${config.storage.tableName}`,
    ...(deps.outbox ? [`  Mail:       ${join(dataDir, 'outbox')} and ${base}/dev/outbox`] : []),
    ...(deps.media ? [`  Media:      ${resolve(config.blobs.localRoot)}, served at ${base}/media`] : []),
    ...devProviderLine,
    ...(config.webhooks.length > 0 || config.stage === 'dev'
      ? [
          `  Events:     ${config.webhooks.length} webhook endpoint(s)${config.stage === 'dev' ? `; ${base}/dev/events` : ''}`,
        ]
      : []),
  ];
  process.stdout.write(`${lines.join('\n')}\n`);

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    deps.logger.info({ signal }, 'shutting down');
    server.close(() => {
      // Deliveries in flight finish (each is bounded by its timeout) before the table goes away.
      deps.eventDispatcher
        .stop()
        .then(() => Promise.all([closeEngine(), closeDevProvider()]))
        .finally(() => {
          deps.logger.flush();
          process.exit(0);
        });
    });
    server.closeIdleConnections();
    setTimeout(() => process.exit(1), 10_000).unref();
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
}

await main();
