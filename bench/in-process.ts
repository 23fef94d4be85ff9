// What the in-process benches (`bench:passkeys`, `bench:sessions`) share: Amply's app through `createApp`
// in this process (no network between client and app) on an embedded engine, rate limits off, mail kept,
// a JSON caller, and the table's closing lines.
import { mkdtemp, rm } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import type { MailMessage } from '../src/adapters/mailer/mailer.js';
import { createApp } from '../src/app.js';
import { loadConfig } from '../src/config.js';
import { ensureTable } from '../src/data/bootstrap.js';
import { startEmbeddedEngine } from '../src/data/embedded-engine.js';
import { createDeps } from '../src/deps.js';
import { createLogger } from '../src/logger.js';
import { newSecretVariables } from '../src/security/new-secrets.js';
import { ms } from './report.js';
import { percentile, round } from './stats.js';

export const BENCH_PASSWORD = 'Violet-Harbour-Lantern-42';
/** The web app the benches play (passkeys are bound to its origin). */
export const BENCH_FRONTEND = 'http://localhost:5173';

/**
 * Starts the app on a fresh embedded engine and table named after the bench; `close` removes both.
 * `env` overrides the bench's configuration (e.g. turns a rate limit back on).
 */
export async function startInProcessAmply(name: string, env: Record<string, string> = {}) {
  const dataDir = await mkdtemp(join(tmpdir(), `amply-bench-${name}-`));
  const engine = await startEmbeddedEngine();
  const config = loadConfig({
    AMPLY_STAGE: 'dev',
    AMPLY_DATA_DIR: dataDir,
    AMPLY_PUBLIC_URL: 'http://amply.bench',
    FRONTEND_URL: BENCH_FRONTEND,
    AMPLY_DYNAMODB_ENDPOINT: engine.endpoint,
    AMPLY_TABLE_NAME: `amply-bench-${name}`,
    ...(await newSecretVariables()),
    AMPLY_RATE_LIMIT_LOGIN: 'off',
    AMPLY_RATE_LIMIT_SSO_START: 'off',
    AMPLY_RATE_LIMIT_DEFAULT: 'off',
    AMPLY_RATE_LIMIT_SIGNUP_IP: 'off',
    AMPLY_RATE_LIMIT_SIGNUP_ADDRESS: 'off',
    AMPLY_DEV_OIDC: 'off',
    ...env,
  });
  const mail: MailMessage[] = [];
  const deps = await createDeps(config, {
    mailer: { send: async (message) => void mail.push(message) },
    logger: createLogger({ level: 'warn' }),
  });
  await ensureTable(await deps.db.client(), config.storage.tableName);
  const { app, modules } = createApp(deps, { remoteAddress: () => '127.0.0.1' });

  /** One JSON request; answers the envelope's data and throws on anything but success. */
  const call = async (
    method: string,
    path: string,
    body?: unknown,
    token?: string,
    userAgent?: string,
  ): Promise<any> => {
    const response = await app.request(path, {
      method,
      headers: {
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        ...(token ? { authorization: `Bearer ${token}` } : {}),
        ...(userAgent ? { 'user-agent': userAgent } : {}),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const json = (await response.json()) as any;
    if (!json.success)
      throw new Error(`${method} ${path} answered ${response.status}: ${JSON.stringify(json)}`);
    return json.data;
  };

  /** Registers `email` with the bench password and confirms it with the mailed code. */
  async function confirmedAccount(email: string): Promise<void> {
    await call('POST', '/auth/register', { email, password: BENCH_PASSWORD, name: 'Bench' });
    const code = /code: (\d{6})/.exec(mail.at(-1)?.text ?? '')?.[1];
    await call('POST', '/auth/confirm', { email, code });
  }

  async function close(): Promise<void> {
    await engine.close();
    await rm(dataDir, { recursive: true, force: true });
  }

  return { call, confirmedAccount, modules, db: deps.db, close };
}

/** A table row: name, count, p50 and p99 of the samples. */
export const latencyRow = (name: string, samples: number[]) => [
  name,
  samples.length,
  ms(percentile(samples, 50)),
  ms(percentile(samples, 99)),
];

/** The machine's load when the run ended, since these numbers move with it. */
export const loadLine = () =>
  `load average at the end: ${loadavg()
    .map((value) => round(value, 2))
    .join(' ')}`;

/** Runs a bench's `main` and ends the process with its outcome, whatever handles the app left open. */
export function runToExit(main: () => Promise<void>): void {
  main().then(
    () => process.exit(0),
    (error: unknown) => {
      console.error(error);
      process.exit(1);
    },
  );
}
