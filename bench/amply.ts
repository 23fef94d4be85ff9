import { type Child, startNode } from './children.js';
import { percentile, round } from './stats.js';

export interface AmplyServer {
  child: Child;
  baseUrl: string;
}

export interface BenchUser {
  email: string;
  password: string;
  userId: string;
  accessToken: string;
}

/** The general per-IP limiter is off here: on AWS the WAF rate rule does that job in front of the API. */
const RATE_LIMITS_OFF = {
  AMPLY_RATE_LIMIT_DEFAULT: 'off',
  AMPLY_RATE_LIMIT_LOGIN: 'off',
  AMPLY_RATE_LIMIT_SIGNUP_IP: 'off',
  AMPLY_RATE_LIMIT_SIGNUP_ADDRESS: 'off',
  AMPLY_RATE_LIMIT_PLATFORM_REFRESH: 'off',
};

/** Starts the built Node server (`dist/node.mjs`) on a free port against the shared engine. */
export async function startAmply(
  endpoint: string,
  tableName: string,
  dataDir: string,
  nodeArgs: string[] = [],
  extraEnv: Record<string, string> = {},
): Promise<AmplyServer> {
  const child = startNode([...nodeArgs, 'dist/node.mjs'], {
    AMPLY_STAGE: 'dev',
    AMPLY_STORAGE: 'aws',
    AMPLY_DYNAMODB_ENDPOINT: endpoint,
    AMPLY_TABLE_NAME: tableName,
    AMPLY_DATA_DIR: dataDir,
    PORT: '0',
    // The production default: one JSON line per request (to a file here), part of what is measured.
    AMPLY_LOG_LEVEL: 'info',
    ...RATE_LIMITS_OFF,
    ...extraEnv,
  });
  const [, baseUrl] = await child.waitFor(/is listening on (http:\/\/\S+)/);
  return { child, baseUrl: baseUrl as string };
}

function isClosedConnection(error: unknown): boolean {
  const code = (error as { cause?: { code?: string } }).cause?.code;
  return code === 'UND_ERR_SOCKET' || code === 'ECONNRESET';
}

/** Retries once when a kept-alive connection closed under the request: the server's idle timeout can race its reuse. */
async function send(url: string, init: RequestInit): Promise<Response> {
  try {
    return await fetch(url, init);
  } catch (error) {
    if (!isClosedConnection(error)) throw error;
    return fetch(url, init);
  }
}

async function call(baseUrl: string, method: string, path: string, body?: unknown, token?: string) {
  const headers: Record<string, string> = {};
  if (body !== undefined) headers['content-type'] = 'application/json';
  if (token) headers.authorization = `Bearer ${token}`;
  const response = await send(`${baseUrl}${path}`, {
    method,
    headers,
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const json = (await response.json()) as { data?: any; error?: unknown };
  return { status: response.status, json };
}

async function expectStatus(
  step: string,
  status: number,
  promise: ReturnType<typeof call>,
): Promise<Awaited<ReturnType<typeof call>>['json']> {
  const result = await promise;
  if (result.status !== status) {
    throw new Error(`${step}: expected ${status}, got ${result.status} ${JSON.stringify(result.json)}`);
  }
  return result.json;
}

/** The `sub` claim of a JWT, read without verifying: it names the item `GET /user/profile` reads. */
function subject(token: string): string {
  const payload = token.split('.')[1] ?? '';
  return (JSON.parse(Buffer.from(payload, 'base64url').toString()) as { sub: string }).sub;
}

export async function login(baseUrl: string, email: string, password: string): Promise<string> {
  const json = await expectStatus('login', 200, call(baseUrl, 'POST', '/auth/login', { email, password }));
  return json.data.accessToken as string;
}

/** Registers, confirms (with the code from the dev outbox) and signs in a fresh user. */
export async function createUser(baseUrl: string): Promise<BenchUser> {
  const email = `bench-${Date.now()}@example.com`;
  const password = 'Violet-Harbour-Lantern-42';
  await expectStatus(
    'register',
    202,
    call(baseUrl, 'POST', '/auth/register', { email, password, name: 'Bench User' }),
  );
  const outbox = await expectStatus(
    'outbox',
    200,
    call(baseUrl, 'GET', `/dev/outbox?to=${encodeURIComponent(email)}`),
  );
  const code = /code: (\d{6})/i.exec(outbox.data.items[0]?.text ?? '')?.[1];
  if (!code) throw new Error(`no confirmation code in the outbox for ${email}`);
  await expectStatus('confirm', 200, call(baseUrl, 'POST', '/auth/confirm', { email, code }));
  const accessToken = await login(baseUrl, email, password);
  await expectStatus('profile', 200, call(baseUrl, 'GET', '/user/profile', undefined, accessToken));
  return { email, password, accessToken, userId: subject(accessToken) };
}

export interface LatencySummary {
  count: number;
  p50: number;
  p99: number;
  mean: number;
}

/** Runs `step` `count` times one after another, after `warmup` unmeasured runs: the latency a single user sees. */
async function measureSequential(
  count: number,
  warmup: number,
  step: () => Promise<unknown>,
): Promise<LatencySummary> {
  for (let i = 0; i < warmup; i += 1) await step();
  const samples: number[] = [];
  for (let i = 0; i < count; i += 1) {
    const started = performance.now();
    await step();
    samples.push(performance.now() - started);
  }
  return {
    count,
    p50: round(percentile(samples, 50), 2),
    p99: round(percentile(samples, 99), 2),
    mean: round(samples.reduce((sum, value) => sum + value, 0) / count, 2),
  };
}

/** Sequential logins, one at a time, after a warm-up. */
export function measureLogins(
  baseUrl: string,
  user: BenchUser,
  count: number,
  warmup: number,
): Promise<LatencySummary> {
  return measureSequential(count, warmup, () => login(baseUrl, user.email, user.password));
}

/**
 * Connects `platform` for the user: start, consent at the platform (`authorize` follows the authorization
 * URL and answers the redirect back to Amply), then Amply's callback, then redeeming its one-time code.
 */
export async function connectPlatform(
  baseUrl: string,
  user: BenchUser,
  platform: string,
  authorize: (authUrl: string) => Promise<URL>,
): Promise<void> {
  const started = await expectStatus(
    'connect',
    200,
    call(baseUrl, 'POST', `/platforms/${platform}/connect`, undefined, user.accessToken),
  );
  const callback = await authorize(started.data.authUrl as string);
  const landed = (await send(callback.href, { redirect: 'manual' })).headers.get('location') ?? '';
  const code = new URL(landed).searchParams.get('connect_code');
  if (!code) throw new Error(`connecting ${platform} ended at ${landed}`);
  await expectStatus(
    'complete',
    200,
    call(baseUrl, 'POST', `/platforms/${platform}/complete`, { code }, user.accessToken),
  );
}

/** Sequential `POST /platforms/{platform}/refresh` calls, one at a time, after a warm-up. */
export function measurePlatformRefresh(
  baseUrl: string,
  user: BenchUser,
  platform: string,
  count: number,
  warmup: number,
): Promise<LatencySummary> {
  return measureSequential(count, warmup, () =>
    expectStatus(
      `refresh ${platform}`,
      200,
      call(baseUrl, 'POST', `/platforms/${platform}/refresh`, undefined, user.accessToken),
    ),
  );
}
