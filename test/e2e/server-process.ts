import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { type JsonResult, readJson } from '../helpers/json-response.js';

/** The repository root: `npm start` runs from here, so the child processes do too. */
export const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));

const LISTENING = /is listening on (http:\/\/\S+?:(\d+))\s/;

/**
 * The environment a child process gets: this one's, minus any Amply setting (and HOST/PORT) a developer
 * may have exported, so every test states the configuration it depends on.
 */
export function childEnv(overrides: Record<string, string>): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [name, value] of Object.entries(process.env)) {
    if (value === undefined || name.startsWith('AMPLY_')) continue;
    if (['HOST', 'PORT', 'FRONTEND_URL'].includes(name)) continue;
    env[name] = value;
  }
  return { ...env, ...overrides };
}

// --- processes ----------------------------------------------------------------------------------------

export interface ProcessResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/** Runs `node <args>` in the repository root to completion (killed after `timeoutMs`). */
export function runNode(
  args: string[],
  env: Record<string, string>,
  timeoutMs = 30_000,
): Promise<ProcessResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { cwd: REPO_ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      stdout += chunk;
    });
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
      stderr += chunk;
    });
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`node ${args.join(' ')} ran longer than ${timeoutMs} ms\n${stdout}\n${stderr}`));
    }, timeoutMs);
    child.once('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.once('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, stdout, stderr });
    });
  });
}

/** The `amply` command line tool, run as `node dist/cli.mjs <args>` on a data folder. */
export function runCli(
  args: string[],
  options: { dataDir: string; env?: Record<string, string>; timeoutMs?: number },
): Promise<ProcessResult> {
  return runNode(
    ['dist/cli.mjs', ...args],
    childEnv({ AMPLY_DATA_DIR: options.dataDir, ...options.env }),
    options.timeoutMs,
  );
}

/**
 * Runs a Lambda bundle's `handler` (`bundle`: a path from the repository root, e.g. `dist/lambda/index.mjs`)
 * in a fresh `node` process on each event in turn, with `env` (as `childEnv` builds it) and a minimal
 * context; answers one result per event. The driver script is written into `dir`.
 */
export async function invokeBundle(
  bundle: string,
  events: unknown[],
  options: { dir: string; env: Record<string, string> },
): Promise<unknown[]> {
  const driver = join(options.dir, `driver-${randomBytes(4).toString('hex')}.mjs`);
  await writeFile(
    driver,
    `const { handler } = await import(${JSON.stringify(pathToFileURL(join(REPO_ROOT, bundle)).href)});
const events = ${JSON.stringify(events)};
const results = [];
for (const event of events) results.push(await handler(event, { awsRequestId: 'e2e', getRemainingTimeInMillis: () => 30000 }));
process.stdout.write('RESULTS ' + JSON.stringify(results) + '\\n');
process.exit(0);
`,
  );
  const { stdout } = await promisify(execFile)(process.execPath, [driver], {
    cwd: REPO_ROOT,
    env: childEnv(options.env),
  });
  const line = stdout.split('\n').find((candidate) => candidate.startsWith('RESULTS '));
  if (!line) throw new Error(`the bundle printed no results:\n${stdout}`);
  return JSON.parse(line.slice('RESULTS '.length)) as unknown[];
}

export interface ServerProcess {
  /** `http://127.0.0.1:<port>`, as the server printed it. */
  baseUrl: string;
  port: number;
  dataDir: string;
  child: ChildProcess;
  stdout(): string;
  stderr(): string;
  /** Sends SIGTERM and resolves when the process has exited. */
  stop(): Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

export interface StartServerOptions {
  dataDir: string;
  /** 0 (the default) lets the system pick a free port. */
  port?: number;
  env?: Record<string, string>;
  timeoutMs?: number;
}

/**
 * Starts the server the `npm start` way (`node --enable-source-maps dist/node.mjs`; the e2e project's
 * global setup has built dist/), on loopback, and resolves once it has printed its address and answers
 * `/health/ready`.
 */
export async function startServer(options: StartServerOptions): Promise<ServerProcess> {
  const timeoutMs = options.timeoutMs ?? 30_000;
  const deadline = Date.now() + timeoutMs;
  const env = childEnv({
    HOST: '127.0.0.1',
    PORT: String(options.port ?? 0),
    AMPLY_DATA_DIR: options.dataDir,
    ...options.env,
  });

  let stdout = '';
  let stderr = '';
  let exit: { code: number | null; signal: NodeJS.Signals | null } | undefined;
  let child!: ChildProcess;
  let exited!: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;

  const listening = await new Promise<{ baseUrl: string; port: number }>((resolve, reject) => {
    child = spawn(process.execPath, ['--enable-source-maps', 'dist/node.mjs'], {
      cwd: REPO_ROOT,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    exited = new Promise((resolveExit) => {
      child.once('exit', (code, signal) => {
        exit = { code, signal };
        resolveExit(exit);
      });
    });
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`the server did not start within ${timeoutMs} ms\n${stdout}\n${stderr}`));
    }, timeoutMs);
    child.stdout?.setEncoding('utf8').on('data', (chunk: string) => {
      stdout += chunk;
      const match = LISTENING.exec(stdout);
      if (match) {
        clearTimeout(timer);
        resolve({ baseUrl: match[1] as string, port: Number(match[2]) });
      }
    });
    child.stderr?.setEncoding('utf8').on('data', (chunk: string) => {
      stderr += chunk;
    });
    child.once('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    void exited.then(({ code, signal }) => {
      clearTimeout(timer);
      reject(new Error(`the server exited (${code ?? signal}) before listening\n${stdout}\n${stderr}`));
    });
  });

  for (;;) {
    if (exit) throw new Error(`the server exited (${exit.code ?? exit.signal})\n${stdout}\n${stderr}`);
    const ready = await fetch(`${listening.baseUrl}/health/ready`).catch(() => undefined);
    if (ready?.status === 200) break;
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`/health/ready did not answer 200 within ${timeoutMs} ms (last: ${ready?.status})`);
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }

  return {
    ...listening,
    dataDir: options.dataDir,
    child,
    stdout: () => stdout,
    stderr: () => stderr,
    async stop() {
      if (!exit) {
        child.kill('SIGTERM');
        const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
        await exited;
        clearTimeout(timer);
      }
      return exited;
    },
  };
}

/** A fresh, empty folder under the system's temp folder. */
/**
 * A dev server with every module and the local OpenID provider, for a file whose many users all sign up and
 * in from the one loopback address (the per-IP sign-up and login limits raised to fit).
 */
export const EVERY_MODULE_MANY_USERS_ENV: Record<string, string> = {
  AMPLY_STAGE: 'dev',
  AMPLY_DEV_OIDC: 'on',
  AMPLY_AWS_ACCOUNT_ID: '999999999999',
  AMPLY_RATE_LIMIT_SIGNUP_IP: '50/60',
  AMPLY_RATE_LIMIT_LOGIN: '50/60',
};

export function makeTempDir(label: string): Promise<string> {
  return mkdtemp(join(tmpdir(), `amply-e2e-${label}-`));
}

export function removeDir(dir: string): Promise<void> {
  return rm(dir, { recursive: true, force: true });
}

/** One JSON request against a started server. */
export async function request(
  baseUrl: string,
  method: string,
  path: string,
  init: { body?: unknown; token?: string } = {},
): Promise<JsonResult> {
  const headers: Record<string, string> = {};
  if (init.token) headers.authorization = `Bearer ${init.token}`;
  if (init.body !== undefined) headers['content-type'] = 'application/json';
  const response = await fetch(new URL(path, baseUrl), {
    method,
    headers,
    ...(init.body !== undefined ? { body: JSON.stringify(init.body) } : {}),
  });
  return readJson(response);
}

/** The claims of a JWT, read without verifying it. */
export function jwtClaims(token: string): Record<string, unknown> {
  const payload = token.split('.')[1];
  if (!payload) throw new Error('not a JWT');
  return JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as Record<string, unknown>;
}

/** The protected header of a JWT. */
export function jwtHeader(token: string): Record<string, unknown> {
  const header = token.split('.')[0];
  if (!header) throw new Error('not a JWT');
  return JSON.parse(Buffer.from(header, 'base64url').toString('utf8')) as Record<string, unknown>;
}

export const E2E_PASSWORD = 'Violet-Harbour-Lantern-42';

/** Registers through the server and returns the code it mailed, read back from `GET /dev/outbox`. */
export async function registerAndReadCode(baseUrl: string, email: string, name = 'E2E User') {
  const registered = await request(baseUrl, 'POST', '/auth/register', {
    body: { email, password: E2E_PASSWORD, name },
  });
  if (registered.status !== 202)
    throw new Error(`register answered ${registered.status}: ${registered.text}`);
  const outbox = await request(baseUrl, 'GET', `/dev/outbox?to=${encodeURIComponent(email)}`);
  const message = outbox.json?.data?.items?.[0] as
    | { to: string; subject: string; text: string; html: string; sentAt: string }
    | undefined;
  const code = /Your code: (\d{6})/.exec(message?.text ?? '')?.[1];
  if (!message || !code) throw new Error(`no confirmation code in the outbox for ${email}: ${outbox.text}`);
  return { code, message };
}

/** Logs in through the server; throws unless it answers 200 with tokens. */
export async function login(baseUrl: string, email: string, password = E2E_PASSWORD) {
  const response = await request(baseUrl, 'POST', '/auth/login', { body: { email, password } });
  if (response.status !== 200) throw new Error(`login answered ${response.status}: ${response.text}`);
  return response.json.data as {
    accessToken: string;
    idToken: string;
    refreshToken: string;
    expiresIn: number;
    tokenType: string;
  };
}

/**
 * The servers and data folders one test file starts, so its hooks can stop and remove them all:
 * `afterEach(pool.stopAll)` and `afterAll(pool.removeAll)`.
 */
export function serverPool(label: string) {
  const dirs: string[] = [];
  const running: ServerProcess[] = [];
  return {
    async freshDataDir(): Promise<string> {
      const dir = await makeTempDir(label);
      dirs.push(dir);
      return dir;
    },
    async start(dataDir: string, port = 0): Promise<ServerProcess> {
      const server = await startServer({ dataDir, port });
      running.push(server);
      return server;
    },
    stop(server: ServerProcess) {
      const index = running.indexOf(server);
      if (index >= 0) running.splice(index, 1);
      return server.stop();
    },
    async stopAll(): Promise<void> {
      await Promise.all(running.splice(0).map((server) => server.stop()));
    },
    async removeAll(): Promise<void> {
      await Promise.all(dirs.splice(0).map(removeDir));
    },
  };
}

/** A fresh address per call. */
export const uniqueAddress = (label: string) => `${label}-${randomBytes(4).toString('hex')}@example.com`;

/** Registers, confirms (with the mailed code) and signs in a fresh user through the server. */
export async function signedUpUser(baseUrl: string, label: string) {
  const email = uniqueAddress(label);
  const { code } = await registerAndReadCode(baseUrl, email);
  const confirmed = await request(baseUrl, 'POST', '/auth/confirm', { body: { email, code } });
  if (confirmed.status !== 200) throw new Error(`confirm answered ${confirmed.status}: ${confirmed.text}`);
  return { email, ...(await login(baseUrl, email)) };
}
