import type { MiddlewareHandler } from 'hono';
import type { RateLimiterAbstract } from 'rate-limiter-flexible';
import type { Clock } from '../clock.js';
import type { RateLimitSetting } from '../config.js';
import type { Database } from '../data/database.js';
import { RateLimitedError } from '../errors.js';
import { lazy } from '../lazy.js';
import type { AppContext, AppEnv } from './context.js';

export interface RateLimitState {
  limit: number;
  remaining: number;
  /** Seconds until the window resets. */
  reset: number;
}

/** Named limits (`login`, `signupPerAddress`, …) whose counters live in the table, shared by every instance. */
export interface RateLimiters {
  /** Counts one use of `key` against the named limit; throws `RATE_LIMITED` when it is spent. `null` when the limit is off. */
  consume(name: string, key: string): Promise<RateLimitState | null>;
}

export function createRateLimiters(
  settings: Record<string, RateLimitSetting | null>,
  db: Database,
  clock: Clock,
): RateLimiters {
  const limiters = new Map<string, () => Promise<RateLimiterAbstract>>();
  for (const [name, setting] of Object.entries(settings)) {
    if (!setting) continue;
    limiters.set(
      name,
      lazy(async () => {
        const { createTableRateLimiter } = await import('../data/rate-limit-counter.js');
        return createTableRateLimiter(await db.documentClient(), db.tableName, clock, {
          keyPrefix: name,
          points: setting.points,
          duration: setting.seconds,
        });
      }),
    );
  }
  return {
    async consume(name, key) {
      const limiter = limiters.get(name);
      if (!limiter) return null;
      const instance = await limiter();
      try {
        const result = await instance.consume(key);
        return {
          limit: instance.points,
          remaining: result.remainingPoints,
          reset: Math.ceil(result.msBeforeNext / 1000),
        };
      } catch (rejection) {
        if (rejection instanceof Error) throw rejection;
        const msBeforeNext = (rejection as { msBeforeNext: number }).msBeforeNext;
        throw new RateLimitedError(msBeforeNext / 1000, { limit: instance.points });
      }
    },
  };
}

/** Applies a named limit to a route, keyed by `key(c)` (the client IP unless told otherwise), with `RateLimit-*` headers. */
export function rateLimit(
  limiters: RateLimiters,
  name: string,
  key: (c: AppContext) => string = (c) => c.get('clientIp'),
): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const state = await limiters.consume(name, key(c));
    if (state) {
      c.header('RateLimit-Limit', String(state.limit));
      c.header('RateLimit-Remaining', String(state.remaining));
      c.header('RateLimit-Reset', String(state.reset));
    }
    await next();
  };
}
