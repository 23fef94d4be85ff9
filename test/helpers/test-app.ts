import { randomBytes } from 'node:crypto';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { inject } from 'vitest';
import type { BlobStore } from '../../src/adapters/blobs/blob-store.js';
import type { Mailer, MailMessage } from '../../src/adapters/mailer/mailer.js';
import type { StackInspector } from '../../src/adapters/stack-inspector/stack-inspector.js';
import { createApp } from '../../src/app.js';
import type { Clock } from '../../src/clock.js';
import { loadConfig } from '../../src/config.js';
import { ensureTable } from '../../src/data/bootstrap.js';
import { createDatabase, type Database } from '../../src/data/database.js';
import { createDeps, type Deps } from '../../src/deps.js';
import { createLogger } from '../../src/logger.js';
import { rotateSigningKeys } from '../../src/security/signing-keys.js';
import { readJson } from './json-response.js';

/** A clock tests move by hand. */
export interface TestClock extends Clock {
  advance(ms: number): void;
  set(ms: number): void;
}

export function createTestClock(start = Date.UTC(2026, 10, 21, 12, 0, 0)): TestClock {
  let now = start;
  return {
    now: () => now,
    advance: (ms) => {
      now += ms;
    },
    set: (ms) => {
      now = ms;
    },
  };
}

/** A mailer that keeps messages in memory, with a helper to read the latest code sent to an address. */
export function createCapturingMailer() {
  const messages: MailMessage[] = [];
  const mailer: Mailer & {
    messages: MailMessage[];
    to(address: string): MailMessage[];
    lastCode(address: string): string;
  } = {
    messages,
    async send(message) {
      messages.push(message);
    },
    to: (address) => messages.filter((message) => message.to === address.toLowerCase()),
    lastCode(address) {
      const mine = mailer.to(address);
      const code = /code: (\d{6})/.exec(mine[mine.length - 1]?.text ?? '')?.[1];
      if (!code) throw new Error(`no code was mailed to ${address}`);
      return code;
    },
  };
  return mailer;
}

let sharedKeys: Promise<string> | undefined;
/** One RSA key set per test file (generating one costs ~100 ms). */
export function testSigningKeys(): Promise<string> {
  sharedKeys ??= rotateSigningKeys(undefined);
  return sharedKeys;
}

/** A fresh table on the run's engine (see global-setup.ts). */
export async function createTestTable(): Promise<Database> {
  const tableName = `amply-test-${randomBytes(6).toString('hex')}`;
  const db = createDatabase({ tableName, region: 'us-east-1', endpoint: inject('dynamoEndpoint') });
  await ensureTable(await db.client(), tableName);
  return db;
}

export interface TestAppOptions {
  env?: Record<string, string>;
  clock?: TestClock;
  db?: Database;
  /** The caller's IP as the app sees it; tests of per-IP limits vary it. */
  ip?: string;
  /** Use the configured mailer (by default the dev outbox, under a temp AMPLY_DATA_DIR) instead of capturing mail. */
  outbox?: boolean;
  /** Another blob store (e.g. S3 against s3rver) instead of the local one under the temp data folder. */
  blobs?: BlobStore;
  /** A stack inspector of the test's own (e.g. against the fake STS/CloudFormation). */
  stackInspector?: StackInspector;
  /** A built console folder to serve at /console (as the Node server does with dist/console). */
  consoleDir?: string;
}

/**
 * The whole app in-process on a fresh table, with a frozen clock, captured mail and captured log lines.
 * Rate limits are generous unless a test sets them, so only the tests about limits meet them.
 */
export async function createTestApp(options: TestAppOptions = {}) {
  const clock = options.clock ?? createTestClock();
  const db = options.db ?? (await createTestTable());
  const config = loadConfig({
    AMPLY_STAGE: 'dev',
    // A fresh folder: the local blob store (and the outbox, when asked for) write there.
    AMPLY_DATA_DIR: await mkdtemp(join(tmpdir(), 'amply-test-')),
    AMPLY_PUBLIC_URL: 'http://amply.test',
    // The frontend the module tests expect (on dev the default is the console this server serves).
    FRONTEND_URL: 'http://localhost:5173',
    AMPLY_TABLE_NAME: db.tableName,
    AMPLY_SIGNING_KEYS: await testSigningKeys(),
    AMPLY_ENCRYPTION_KEYS: `test-1:${randomBytes(32).toString('base64')}`,
    AMPLY_HMAC_SECRET: randomBytes(32).toString('base64url'),
    AMPLY_RATE_LIMIT_LOGIN: '1000/60',
    AMPLY_RATE_LIMIT_SSO_START: '1000/60',
    AMPLY_RATE_LIMIT_SIGNUP_IP: '1000/60',
    AMPLY_RATE_LIMIT_SIGNUP_ADDRESS: '1000/3600',
    AMPLY_RATE_LIMIT_DEFAULT: '100000/300',
    AMPLY_RATE_LIMIT_UPLOADS: '100000/300',
    AMPLY_RATE_LIMIT_EMAIL_CHANGE: '1000/3600',
    AMPLY_RATE_LIMIT_SIGN_IN_LINK: '1000/3600',
    AMPLY_RATE_LIMIT_ARTIST_CALLBACK: '100000/60',
    AMPLY_LOG_LEVEL: 'info',
    ...options.env,
  });
  const logLines: string[] = [];
  const destination = new Writable({
    write(chunk, _encoding, callback) {
      logLines.push(...chunk.toString().split('\n').filter(Boolean));
      callback();
    },
  });
  const mail = createCapturingMailer();
  const deps: Deps = await createDeps(config, {
    clock,
    db,
    ...(options.outbox ? {} : { mailer: mail }),
    ...(options.blobs ? { blobs: options.blobs } : {}),
    ...(options.stackInspector ? { stackInspector: options.stackInspector } : {}),
    logger: createLogger({ level: config.logLevel, destination }),
  });
  let ip = options.ip ?? '198.51.100.7';
  const { app, modules } = createApp(deps, {
    remoteAddress: () => ip,
    ...(options.consoleDir ? { consoleDir: options.consoleDir } : {}),
  });

  async function call(
    method: string,
    path: string,
    init: { body?: unknown; token?: string; headers?: Record<string, string> } = {},
  ) {
    const headers: Record<string, string> = { ...init.headers };
    if (init.token) headers.authorization = `Bearer ${init.token}`;
    if (init.body !== undefined) headers['content-type'] ??= 'application/json';
    const response = await app.request(path, {
      method,
      headers,
      ...(init.body !== undefined
        ? { body: typeof init.body === 'string' ? init.body : JSON.stringify(init.body) }
        : {}),
    });
    return readJson(response);
  }

  return {
    app,
    deps,
    modules,
    clock,
    mail,
    logLines,
    call,
    setIp: (next: string) => {
      ip = next;
    },
  };
}

export type TestApp = Awaited<ReturnType<typeof createTestApp>>;

let counter = 0;
/** A unique address per call, so tests sharing a table never collide. */
export function uniqueEmail(label = 'user'): string {
  counter += 1;
  return `${label}-${counter}-${randomBytes(3).toString('hex')}@example.com`;
}

export const STRONG_PASSWORD = 'Violet-Harbour-Lantern-42';

/** A six-digit code that is not `code`: a wrong guess that is sure to be wrong. */
export const wrongCode = (code: string) => String((Number(code) + 1) % 1_000_000).padStart(6, '0');

/** Registers, confirms and signs in a user; returns the tokens and the address. */
export async function signedInUser(t: TestApp, label = 'user') {
  const email = uniqueEmail(label);
  const registered = await t.call('POST', '/auth/register', {
    body: { email, password: STRONG_PASSWORD, name: 'Test User' },
  });
  if (registered.status !== 202) throw new Error(`register failed: ${registered.text}`);
  const confirmed = await t.call('POST', '/auth/confirm', { body: { email, code: t.mail.lastCode(email) } });
  if (confirmed.status !== 200) throw new Error(`confirm failed: ${confirmed.text}`);
  const login = await t.call('POST', '/auth/login', { body: { email, password: STRONG_PASSWORD } });
  if (login.status !== 200) throw new Error(`login failed: ${login.text}`);
  return {
    email,
    userId: confirmed.json.data.userId as string,
    accessToken: login.json.data.accessToken as string,
    idToken: login.json.data.idToken as string,
    refreshToken: login.json.data.refreshToken as string,
  };
}
