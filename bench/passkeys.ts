// `npm run bench:passkeys`: a passkey sign-in in-process — `POST /auth/passkey/options` then
// `POST /auth/passkey/verify` through `createApp` (no network between client and app) on the embedded
// engine in this process, one ceremony at a time. The authenticator is the software one the route tests
// use (ES256); its signing is not counted. Password sign-in (argon2id) is timed the same way beside it.
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
import { createSoftwareAuthenticator } from '../test/helpers/software-authenticator.js';
import { heading, ms, table } from './report.js';
import { percentile, round } from './stats.js';

const SIGN_INS = Number(process.env.BENCH_PASSKEY_SIGN_INS ?? 300);
const WARMUP = 30;
const ORIGIN = 'http://localhost:5173';
const PASSWORD = 'Violet-Harbour-Lantern-42';
const progress = (message: string) => process.stderr.write(`… ${message}\n`);

async function main() {
  const dataDir = await mkdtemp(join(tmpdir(), 'amply-bench-passkeys-'));
  const engine = await startEmbeddedEngine();
  try {
    const config = loadConfig({
      AMPLY_STAGE: 'dev',
      AMPLY_DATA_DIR: dataDir,
      AMPLY_PUBLIC_URL: 'http://amply.bench',
      AMPLY_DYNAMODB_ENDPOINT: engine.endpoint,
      AMPLY_TABLE_NAME: 'amply-bench-passkeys',
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
    const { app } = createApp(deps, { remoteAddress: () => '127.0.0.1' });
    const call = async (method: string, path: string, body?: unknown, token?: string) => {
      const response = await app.request(path, {
        method,
        headers: {
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
          ...(token ? { authorization: `Bearer ${token}` } : {}),
        },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
      const json = (await response.json()) as any;
      if (!json.success)
        throw new Error(`${method} ${path} answered ${response.status}: ${JSON.stringify(json)}`);
      return json.data;
    };

    progress('an account with a passkey');
    const email = `bench-${randomBytes(4).toString('hex')}@example.com`;
    await call('POST', '/auth/register', { email, password: PASSWORD, name: 'Bench' });
    const code = /code: (\d{6})/.exec(mail.at(-1)?.text ?? '')?.[1];
    await call('POST', '/auth/confirm', { email, code });
    const { accessToken } = await call('POST', '/auth/login', { email, password: PASSWORD });
    const authenticator = createSoftwareAuthenticator({ origin: ORIGIN });
    const creation = await call('POST', '/user/passkeys/registration-options', undefined, accessToken);
    await call('POST', '/user/passkeys', { credential: authenticator.create(creation) }, accessToken);

    progress(`${SIGN_INS} passkey sign-ins and ${SIGN_INS} password sign-ins, one at a time`);
    const ceremony: number[] = [];
    const verify: number[] = [];
    const password: number[] = [];
    for (let i = 0; i < WARMUP + SIGN_INS; i += 1) {
      const started = performance.now();
      const options = await call('POST', '/auth/passkey/options');
      const optionsMs = performance.now() - started;
      const credential = authenticator.get(options);
      const verifying = performance.now();
      await call('POST', '/auth/passkey/verify', { credential });
      const verifyMs = performance.now() - verifying;
      const passwordStarted = performance.now();
      await call('POST', '/auth/login', { email, password: PASSWORD });
      const passwordMs = performance.now() - passwordStarted;
      if (i < WARMUP) continue;
      ceremony.push(optionsMs + verifyMs);
      verify.push(verifyMs);
      password.push(passwordMs);
    }

    const row = (name: string, samples: number[]) => [
      name,
      samples.length,
      ms(percentile(samples, 50)),
      ms(percentile(samples, 99)),
    ];
    console.log(heading('Passkey sign-in in-process (createApp, embedded engine, one at a time)'));
    console.log(
      table(
        ['operation', 'count', 'p50', 'p99'],
        [
          row('options + verify (the whole sign-in)', ceremony),
          row('POST /auth/passkey/verify', verify),
          row('POST /auth/login (password, argon2id), for comparison', password),
        ],
      ),
    );
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
