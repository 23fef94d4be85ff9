import { epochSeconds } from '../../clock.js';
import { RateLimitedError } from '../../errors.js';
import type { IdentityContext } from './context.js';

/** How long attempts are remembered after the last one. */
const MEMORY_SECONDS = 24 * 3600;

/** A lock: 429 with `Retry-After` and `RateLimit-*` headers; `startedNow` when this request set it. */
export class LockedError extends RateLimitedError {
  constructor(
    retryAfterSeconds: number,
    limit: number,
    readonly startedNow: boolean,
  ) {
    super(retryAfterSeconds, {
      limit,
      message: 'Too many failed attempts; try again later or reset the password',
    });
  }
}

/** What a password guess at an address counts against (sign-in and every current-password check). */
export const loginKey = (address: string) => `login:${address}`;

/** What a second-factor guess counts against, across sign-in challenges. */
export const secondFactorKey = (userId: string) => `mfa:${userId}`;

/** An attempt in progress; report how it ended with `succeeded` or `failed`. */
export interface Attempt {
  keyHash: string;
  /** The count including this attempt. */
  count: number;
}

/**
 * Locks what is guarded (a sign-in address, counted whether or not an account has it, so a lock
 * reveals nothing; a second factor; a current-password check) after repeated failures, for an
 * interval that doubles with each lock. Attempts are counted *before* they are checked, so a burst of
 * parallel guesses gets no more tries than a patient guesser.
 */
export function createLockout(ctx: IdentityContext) {
  const { lockoutThreshold: threshold, lockoutBaseSeconds, lockoutMaxSeconds } = ctx.config.accounts;
  const lockSeconds = (previousLocks: number) =>
    Math.min(lockoutMaxSeconds, lockoutBaseSeconds * 2 ** previousLocks);

  return {
    /** Counts an attempt at `key`; throws `LockedError` (429) while it is locked or over its threshold. */
    async begin(key: string): Promise<Attempt> {
      const keyHash = ctx.hasher.hash('lockout', key);
      const store = await ctx.store();
      for (let round = 0; round < 4; round += 1) {
        const now = ctx.clock.now();
        const count = await store.reserveAttempt(keyHash, threshold, now, epochSeconds(now) + MEMORY_SECONDS);
        if (count !== null) return { keyHash, count };
        const item = await store.getLockout(keyHash);
        if (!item) continue;
        if (item.ttl !== undefined && item.ttl <= epochSeconds(now)) {
          await store.clearLockout(keyHash, item.ttl);
          continue;
        }
        if (item.lockedUntil !== undefined && item.lockedUntil > now) {
          throw new LockedError((item.lockedUntil - now) / 1000, threshold, false);
        }
        if (item.lockedUntil !== undefined) {
          // The lock has run out: one more attempt, whose failure locks again for twice as long.
          await store.reopen(keyHash, item.lockedUntil, threshold - 1);
          continue;
        }
        // Over the threshold with attempts still being checked: refuse this one without waiting.
        throw new LockedError(lockSeconds(item.locks ?? 0), threshold, false);
      }
      throw new LockedError(lockoutBaseSeconds, threshold, false);
    },

    /** The attempt was wrong: at the threshold the key locks. Returns the error to throw if it did. */
    async failed(attempt: Attempt): Promise<LockedError | null> {
      if (attempt.count < threshold) return null;
      const store = await ctx.store();
      const item = await store.getLockout(attempt.keyHash);
      const seconds = lockSeconds(item?.locks ?? 0);
      const now = ctx.clock.now();
      return (await store.lock(attempt.keyHash, now + seconds * 1000, now))
        ? new LockedError(seconds, threshold, true)
        : null;
    },

    async succeeded(attempt: Attempt): Promise<void> {
      await (await ctx.store()).clearLockout(attempt.keyHash);
    },

    /** Forgets every attempt at `key` (after a password reset proves the mailbox). */
    async clear(key: string): Promise<void> {
      await (await ctx.store()).clearLockout(ctx.hasher.hash('lockout', key));
    },
  };
}

export type Lockout = ReturnType<typeof createLockout>;
