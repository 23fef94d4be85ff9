import {
  E2E_PASSWORD,
  login,
  registerAndReadCode,
  request,
  type StartServerOptions,
  startServer,
} from '../e2e/server-process.js';

/*
 * What the reliability tests share: a started server with limits far above what they send (the limits
 * themselves are tested elsewhere; here they would only turn every answer into a 429), signed-in users,
 * a seeded random source so a failing run can be repeated, and the envelope every answer must be.
 */

/** Rate limits high enough that thousands of requests from one address reach the routes. */
export const GENEROUS_LIMITS: Record<string, string> = {
  AMPLY_RATE_LIMIT_LOGIN: '1000000/60',
  AMPLY_RATE_LIMIT_SSO_START: '1000000/60',
  AMPLY_RATE_LIMIT_SIGNUP_IP: '1000000/60',
  AMPLY_RATE_LIMIT_SIGNUP_ADDRESS: '1000000/3600',
  AMPLY_RATE_LIMIT_PLATFORM_REFRESH: '1000000/60',
  AMPLY_RATE_LIMIT_DEFAULT: '1000000/300',
  AMPLY_RATE_LIMIT_UPLOADS: '1000000/3600',
};

/** Starts the server (`npm start`'s build) in dev with the development OpenID provider and generous limits. */
export function startReliabilityServer(options: StartServerOptions) {
  return startServer({
    ...options,
    env: {
      AMPLY_STAGE: 'dev',
      AMPLY_DEV_OIDC: 'on',
      AMPLY_LOG_LEVEL: 'info',
      ...GENEROUS_LIMITS,
      ...options.env,
    },
  });
}

/** Registers, confirms and signs in a user through the server. */
export async function signUp(baseUrl: string, email: string) {
  const { code } = await registerAndReadCode(baseUrl, email);
  const confirmed = await request(baseUrl, 'POST', '/auth/confirm', { body: { email, code } });
  if (confirmed.status !== 200) throw new Error(`confirm answered ${confirmed.status}: ${confirmed.text}`);
  const tokens = await login(baseUrl, email);
  return { email, userId: confirmed.json.data.userId as string, password: E2E_PASSWORD, ...tokens };
}

/** A seeded pseudo-random source (mulberry32): the same seed gives the same run. */
export function randomSource(seed: number) {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (below: number) => Math.floor(next() * below),
    pick: <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)] as T,
  };
}

/** The seed of this run: RELIABILITY_SEED, or a new one (printed, so a failure can be replayed). */
export function runSeed(): number {
  const fixed = Number(process.env.RELIABILITY_SEED);
  return Number.isInteger(fixed) && fixed > 0 ? fixed : Math.floor(Math.random() * 2 ** 31) + 1;
}

/** Log lines the server wrote at error level or above (pino's JSON lines on stdout). */
export function serverErrors(stdout: string): string[] {
  return stdout
    .split('\n')
    .filter((line) => line.startsWith('{'))
    .filter((line) => {
      try {
        const level = (JSON.parse(line) as { level?: string }).level;
        return level === 'error' || level === 'fatal';
      } catch {
        return false;
      }
    });
}

/** Runs `tasks` with at most `limit` at a time. */
export async function inParallel<T>(limit: number, tasks: Array<() => Promise<T>>): Promise<T[]> {
  const results: T[] = new Array(tasks.length);
  let nextIndex = 0;
  await Promise.all(
    Array.from({ length: Math.min(limit, tasks.length) }, async () => {
      while (nextIndex < tasks.length) {
        const index = nextIndex;
        nextIndex += 1;
        results[index] = await (tasks[index] as () => Promise<T>)();
      }
    }),
  );
  return results;
}
