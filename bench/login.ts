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
}

/** The bare verify rate, in a process of its own with nothing else running. */
async function argon2Rate(seconds: number): Promise<number> {
  const child = startNode(['--import', 'tsx', 'bench/argon2-rate.ts', String(seconds)]);
  try {
    const [, json] = await child.waitFor(/^argon2 (\{.*\})$/m, (seconds + 30) * 1000);
    return (JSON.parse(json as string) as { perSecond: number }).perSecond;
  } finally {
    await child.stop();
  }
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
 * lockout and audit writes; the general per-IP limit is off, as on AWS.
 */
export async function measureLoginThroughput(
  settings: LoadSettings,
  dataDir: string,
  nodeArgs: string[] = [],
): Promise<LoginThroughput> {
  const argon2VerifyPerSecond = await argon2Rate(settings.duration);
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
      ratio: target(perSecond / argon2VerifyPerSecond, 0.7, 'higher'),
    };
  } finally {
    await server.stop();
  }
}
