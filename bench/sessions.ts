// `npm run bench:sessions`: GET /user/sessions in-process — through `createApp` (no network between
// client and app) on the embedded engine in this process, one request at a time — for an account signed
// in on 5 devices and on 50 (the list reads one page, so p50 should barely move); and GET /admin/users
// with an address prefix (one Query of the search index). A run takes well under the five-minute window,
// so after the first request no last-used write is tried (the steady state of a device checking its list).
import { randomBytes } from 'node:crypto';
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
import { rotateSigningKeys } from '../src/security/signing-keys.js';
import { heading, ms, table } from './report.js';
import { percentile, round } from './stats.js';

const REQUESTS = Number(process.env.BENCH_LIST_REQUESTS ?? 300);
const WARMUP = 30;
const PASSWORD = 'Violet-Harbour-Lantern-42';
const progress = (message: string) => process.stderr.write(`… ${message}\n`);

async function main() {
  const dataDir = await mkdtemp(join(tmpdir(), 'amply-bench-sessions-'));
  const engine = await startEmbeddedEngine();
  try {
    const config = loadConfig({
      AMPLY_STAGE: 'dev',
      AMPLY_DATA_DIR: dataDir,
      AMPLY_PUBLIC_URL: 'http://amply.bench',
      AMPLY_DYNAMODB_ENDPOINT: engine.endpoint,
      AMPLY_TABLE_NAME: 'amply-bench-sessions',
      AMPLY_SIGNING_KEYS: await rotateSigningKeys(undefined),
      AMPLY_ENCRYPTION_KEYS: `bench-1:${randomBytes(32).toString('base64')}`,
      AMPLY_HMAC_SECRET: randomBytes(32).toString('base64url'),
      AMPLY_RATE_LIMIT_LOGIN: 'off',
      AMPLY_RATE_LIMIT_SSO_START: 'off',
      AMPLY_RATE_LIMIT_DEFAULT: 'off',
      AMPLY_RATE_LIMIT_SIGNUP_IP: 'off',
      AMPLY_RATE_LIMIT_SIGNUP_ADDRESS: 'off',
      AMPLY_DEV_OIDC: 'off',
    });
    const mail: MailMessage[] = [];
    const deps = await createDeps(config, {
      mailer: { send: async (message) => void mail.push(message) },
      logger: createLogger({ level: 'warn' }),
    });
    await ensureTable(await deps.db.client(), config.storage.tableName);
    const { app, modules } = createApp(deps, { remoteAddress: () => '127.0.0.1' });
    const call = async (method: string, path: string, body?: unknown, token?: string, userAgent?: string) => {
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

    /** A confirmed account signed in `devices` times; answers the latest access token. */
    async function accountOn(devices: number, email: string): Promise<string> {
      await call('POST', '/auth/register', { email, password: PASSWORD, name: 'Bench' });
      const code = /code: (\d{6})/.exec(mail.at(-1)?.text ?? '')?.[1];
      await call('POST', '/auth/confirm', { email, code });
      let token = '';
      for (let i = 0; i < devices; i += 1) {
        token = (await call('POST', '/auth/login', { email, password: PASSWORD }, undefined, `curl/8.${i}.0`))
          .accessToken;
      }
      return token;
    }

    async function timed(path: string, token: string): Promise<number[]> {
      const samples: number[] = [];
      for (let i = 0; i < WARMUP + REQUESTS; i += 1) {
        const started = performance.now();
        await call('GET', path, undefined, token);
        if (i >= WARMUP) samples.push(performance.now() - started);
      }
      return samples;
    }

    progress('accounts signed in on 5 and on 50 devices');
    const tag = randomBytes(3).toString('hex');
    const five = await accountOn(5, `five-${tag}@example.com`);
    const fifty = await accountOn(50, `fifty-${tag}@example.com`);
    const adminEmail = `admin-${tag}@example.com`;
    // The administrator is made the way the CLI makes one.
    await modules.identity.provisionAdmin({ email: adminEmail, password: PASSWORD, name: 'Admin' });
    const admin = (await call('POST', '/auth/login', { email: adminEmail, password: PASSWORD })).accessToken;
    progress(`${REQUESTS} requests each, one at a time`);
    const rows: (string | number)[][] = [];
    const row = (name: string, samples: number[]) => [
      name,
      samples.length,
      ms(percentile(samples, 50)),
      ms(percentile(samples, 99)),
    ];
    rows.push(row('GET /user/sessions, 5 devices', await timed('/user/sessions', five)));
    rows.push(row('GET /user/sessions, 50 devices (first page of 20)', await timed('/user/sessions', fifty)));
    rows.push(
      row('GET /admin/users?email=<prefix of 2 accounts>', await timed(`/admin/users?email=f`, admin)),
    );
    console.log(heading('Device sessions in-process (createApp, embedded engine, one at a time)'));
    console.log(table(['operation', 'count', 'p50', 'p99'], rows));
    console.log(
      `load average at the end: ${loadavg()
        .map((value) => round(value, 2))
        .join(' ')}`,
    );
  } finally {
    await engine.close();
    await rm(dataDir, { recursive: true, force: true });
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
