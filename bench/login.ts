import { join } from 'node:path';
import { type BenchUser, createUser, login } from './amply.js';
import { startNode } from './children.js';
import { cpuSeconds } from './cpu.js';
import type { LoadSettings } from './load.js';
import { type Target, target } from './report.js';
import { percentile, round } from './stats.js';

export interface LoginThroughput {
  /** Bare argon2id verifications a second on this machine, every core busy (Amply's hasher, its parameters). */
  argon2VerifyPerSecond: number;
  /** `POST /auth/login` from concurrent clients, each signing in its own account. */
  login: {
    perSecond: number;
    logins: number;
    p50: number;
    p99: number;
    serverCpuMsPerLogin: number | undefined;
  };
  /** Logins a second over the bare verify rate: how much of a login is the hash. */
  ratio: Target;
  /** Why the ratio is what it is: the CPU a login has beside the hash, against what its table calls alone take. */
  floor: LoginFloor | { error: string };
}

export interface LoginFloor {
  /** CPU time of one bare verify, every thread counted. */
  argon2CpuMsPerVerify: number;
  /** The CPU a login may spend beside its hash for logins/verifies to reach the target. */
  budgetMs: number;
  /** Table calls one `POST /auth/login` makes with the bench's settings (the per-IP login counter on). */
  tableCallsPerLogin: number;
  /**
   * CPU time of one plain PutItem / GetItem through the SDK on the embedded engine with data on disk, the
   * cheaper of one call at a time and as many in flight as the login load has clients.
   */
  engineCallCpuMs: { put: number; get: number };
  /** The table calls alone: calls × the cheaper of the two. */
  tableCallsCpuMs: number;
}

interface EngineCallCost {
  sequential: { put: number; get: number };
  concurrent: { put: number; get: number };
}

/** The JSON a bench child prints after `label ` on a line of its own, the child alone on the machine. */
async function childJson<T>(script: string, args: string[], label: string, timeoutMs: number): Promise<T> {
  const child = startNode(['--import', 'tsx', script, ...args]);
  try {
    const [, json] = await child.waitFor(new RegExp(`^${label} (\\{.*\\})$`, 'm'), timeoutMs);
    return JSON.parse(json as string) as T;
  } finally {
    await child.stop();
  }
}

/** The bare verify rate and CPU per verify, in a process of its own with nothing else running. */
const argon2Rate = (seconds: number) =>
  childJson<{ perSecond: number; cpuMsPerVerify: number }>(
    'bench/argon2-rate.ts',
    [String(seconds)],
    'argon2',
    (seconds + 30) * 1000,
  );

/** CPU per plain table call on the embedded engine with its data on disk, in a process of its own. */
const engineCallCost = (calls: number, inFlight: number) =>
  childJson<EngineCallCost>(
    'bench/engine-call-cost.ts',
    [String(calls), String(inFlight)],
    'engine-call',
    120_000,
  );

/**
 * The table calls of one warm `POST /auth/login`, counted by a middleware on the app's DynamoDB client
 * (the document client and ElectroDB send through its middleware stack), with the per-IP login counter on.
 */
async function tableCallsPerLogin(): Promise<number> {
  // Loaded here, not at the top: the whole app in the process that also generates the load.
  const { BENCH_PASSWORD, startInProcessAmply } = await import('./in-process.js');
  const amply = await startInProcessAmply('login-calls', { AMPLY_RATE_LIMIT_LOGIN: '1000000/60' });
  try {
    const email = 'calls@bench.example';
    await amply.confirmedAccount(email);
    const signIn = () => amply.call('POST', '/auth/login', { email, password: BENCH_PASSWORD });
    await signIn();
    let calls = 0;
    (await amply.db.client()).middlewareStack.add(
      (next) => (args) => {
        calls += 1;
        return next(args);
      },
      { step: 'initialize', name: 'benchTableCallCounter' },
    );
    await signIn();
    return calls;
  } finally {
    await amply.close();
  }
}

const TARGET_RATIO = 0.7;

/** With the server stopped: the floor's figures, each from a process of its own. */
async function measureFloor(cpuMsPerVerify: number, inFlight: number): Promise<LoginFloor> {
  const { sequential, concurrent } = await engineCallCost(2000, inFlight);
  const put = Math.min(sequential.put, concurrent.put);
  const get = Math.min(sequential.get, concurrent.get);
  const tableCalls = await tableCallsPerLogin();
  return {
    argon2CpuMsPerVerify: round(cpuMsPerVerify, 1),
    budgetMs: round(cpuMsPerVerify * (1 / TARGET_RATIO - 1), 1),
    tableCallsPerLogin: tableCalls,
    engineCallCpuMs: { put: round(put, 2), get: round(get, 2) },
    tableCallsCpuMs: round(tableCalls * Math.min(put, get), 1),
  };
}

/** Each client signs in its own account over and over until `seconds` are up; answers every latency. */
async function signInLoop(baseUrl: string, users: BenchUser[], seconds: number): Promise<number[]> {
  const latencies: number[] = [];
  const deadline = performance.now() + seconds * 1000;
  await Promise.all(
    users.map(async (user) => {
      while (performance.now() < deadline) {
        const started = performance.now();
        await login(baseUrl, user.email, user.password);
        latencies.push(performance.now() - started);
      }
    }),
  );
  return latencies;
}

/**
 * `POST /auth/login` from `settings.connections` concurrent clients, each with its own account (one
 * address's lockout counts attempts before checking them, so a burst at one address is refused), against
 * the server as `npm start` runs it: dist/node.mjs, the dev stage, the embedded engine in the same
 * process, data in a temp folder. The bare argon2id verify rate is measured just before, alone. The
 * per-IP login limit stays on far above the load (its counter write is part of a login), as do the
 * lockout and audit writes; the general per-IP limit is off, as on AWS. With the server stopped, `floor`
 * sets the CPU a login may spend beside its hash against what its table calls alone cost.
 */
export async function measureLoginThroughput(
  settings: LoadSettings,
  dataDir: string,
  nodeArgs: string[] = [],
): Promise<LoginThroughput> {
  const argon2 = await argon2Rate(settings.duration);
  const argon2VerifyPerSecond = argon2.perSecond;
  const server = startNode([...nodeArgs, 'dist/node.mjs'], {
    AMPLY_STAGE: 'dev',
    AMPLY_DATA_DIR: join(dataDir, 'login-throughput'),
    PORT: '0',
    AMPLY_DEV_OIDC: 'off',
    AMPLY_LOG_LEVEL: 'info',
    AMPLY_RATE_LIMIT_DEFAULT: 'off',
    AMPLY_RATE_LIMIT_LOGIN: '1000000/60',
    AMPLY_RATE_LIMIT_SIGNUP_IP: 'off',
    AMPLY_RATE_LIMIT_SIGNUP_ADDRESS: 'off',
  });
  try {
    const [, found] = await server.waitFor(/is listening on (http:\/\/\S+)/);
    const baseUrl = found as string;
    const users: BenchUser[] = [];
    for (let i = 0; i < settings.connections; i += 1) users.push(await createUser(baseUrl));
    await signInLoop(baseUrl, users, settings.warmup);
    const cpuBefore = cpuSeconds(server.process.pid);
    const started = performance.now();
    const latencies = await signInLoop(baseUrl, users, settings.duration);
    const elapsed = (performance.now() - started) / 1000;
    const cpuAfter = cpuSeconds(server.process.pid);
    const perSecond = latencies.length / elapsed;
    await server.stop();
    // A failure here must not lose the throughput just measured.
    const floor = await measureFloor(argon2.cpuMsPerVerify, settings.connections).catch((error: unknown) => ({
      error: String(error),
    }));
    return {
      argon2VerifyPerSecond: round(argon2VerifyPerSecond, 1),
      login: {
        perSecond: round(perSecond, 1),
        logins: latencies.length,
        p50: round(percentile(latencies, 50)),
        p99: round(percentile(latencies, 99)),
        serverCpuMsPerLogin:
          cpuBefore === undefined || cpuAfter === undefined
            ? undefined
            : round(((cpuAfter - cpuBefore) * 1000) / latencies.length, 1),
      },
      ratio: target(perSecond / argon2VerifyPerSecond, TARGET_RATIO, 'higher'),
      floor,
    };
  } finally {
    await server.stop();
  }
}
