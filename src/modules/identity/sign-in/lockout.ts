import { setTimeout as sleep } from 'node:timers/promises';
import { epochSeconds } from '../../../clock.js';
import { RateLimitedError } from '../../../errors.js';
import type { IdentityContext } from '../context.js';
import type { UserItem } from '../store.js';

/** How long attempts are remembered after the last one. */
const MEMORY_SECONDS = 24 * 3600;

/** Longer than any check takes: a reservation this old was left by a process that stopped while checking. */
const ABANDONED_RESERVATION_MS = 60 * 1000;

/**
 * How long an attempt waits for the checks ahead of it (all of the threshold's reservations in use, none
 * failed yet) before it is refused; and the pause between looks.
 */
const QUEUE_WAIT_MS = 5000;
const QUEUE_POLL_MS = 25;

const PASSWORD_MESSAGE =
  'Too many failed attempts; try again later, ask for a sign-in link by email, or reset the password';

/** A lock: 429 with `Retry-After` and `RateLimit-*` headers; `startedNow` when this request set it. */
export class LockedError extends RateLimitedError {
  constructor(
    retryAfterSeconds: number,
    limit: number,
    readonly startedNow: boolean,
    message: string,
  ) {
    super(retryAfterSeconds, { limit, message });
  }
}

/** What a password guess at an address counts against (sign-in and every current-password check). */
export const loginKey = (address: string) => `login:${address}`;

/**
 * What a wrong current password of this account counts against: its sign-in address, once the account
 * has proved it owns it. An address a provider never verified is no sign-in address, so an account
 * holding one cannot lock out the address's real owner.
 */
export const passwordKey = (user: UserItem) =>
  user.emailVerified ? loginKey(user.email) : `password:${user.userId}`;

/** What a second-factor guess counts against, across sign-in challenges. */
export const secondFactorKey = (userId: string) => `mfa:${userId}`;

/** What a guess at a code mailed to an address counts against, across codes and purposes. */
export const mailedCodeKey = (address: string) => `codes:${address}`;

/** How a key locks, where it differs from a sign-in address's: after how many failures, and what its 429 says. */
export interface LockPolicy {
  threshold?: number;
  message?: string;
}

/** An attempt in progress; report how it ended with `succeeded` or `failed`. */
export interface Attempt {
  keyHash: string;
  /** The failures counted when it was reserved. */
  failures: number;
  policy: Required<LockPolicy>;
}

/**
 * Locks what is guarded (a sign-in address, counted whether or not an account has it, so a lock
 * reveals nothing; a second factor; a current-password check; the codes mailed to an address) after
 * repeated failures, for an interval that doubles with each lock. Attempts are reserved *before* they
 * are checked, so a burst of parallel guesses gets no more tries than a patient guesser; a right one
 * gives its reservation back, so it is never counted as a failure. When every reservation is taken by
 * a check still running, the next attempt waits for them rather than fail.
 */
export function createLockout(ctx: IdentityContext) {
  const { lockoutThreshold, lockoutBaseSeconds, lockoutMaxSeconds } = ctx.config.accounts;
  const lockSeconds = (previousLocks: number) =>
    Math.min(lockoutMaxSeconds, lockoutBaseSeconds * 2 ** previousLocks);

  return {
    /**
     * Reserves an attempt at `key`; throws `LockedError` (429) while it is locked, or when the checks
     * ahead of it have not finished in a few seconds.
     */
    async begin(key: string, { threshold = lockoutThreshold, message = PASSWORD_MESSAGE }: LockPolicy = {}) {
      const policy = { threshold, message };
      const keyHash = ctx.hasher.hash('lockout', key);
      const store = await ctx.store();
      // Waiting is real time, not the clock's: it waits for other requests, not for a lock to run out.
      const waitUntil = Date.now() + QUEUE_WAIT_MS;
      for (let round = 0; ; round += 1) {
        if (round > 0 && Date.now() >= waitUntil) throw new LockedError(1, threshold, false, message);
        const now = ctx.clock.now();
        const reserved = await store.reserveAttempt(
          keyHash,
          threshold,
          now,
          epochSeconds(now) + MEMORY_SECONDS,
        );
        if (reserved) return { keyHash, failures: reserved.failures, policy } satisfies Attempt;
        const item = await store.getLockout(keyHash);
        if (!item) continue;
        if (item.ttl !== undefined && item.ttl <= epochSeconds(now)) {
          await store.clearLockout(keyHash, item.ttl);
          continue;
        }
        if (item.lockedUntil !== undefined && item.lockedUntil > now) {
          throw new LockedError((item.lockedUntil - now) / 1000, threshold, false, message);
        }
        const attempts = item.attempts ?? 0;
        const failures = item.failures ?? 0;
        if (item.lockedUntil !== undefined) {
          // The lock has run out: one more attempt, whose failure locks again for twice as long.
          await store.reopen(keyHash, { lockedUntil: item.lockedUntil, attempts, failures }, threshold - 1);
          continue;
        }
        if (item.reservedAt !== undefined && now - item.reservedAt > ABANDONED_RESERVATION_MS) {
          // Reservations nobody will report on: count them as the failures they may have been.
          if (await store.failAbandoned(keyHash, attempts, item.reservedAt)) {
            await lockIfDue(keyHash, policy, { failures: attempts, locks: item.locks ?? 0 });
          }
          continue;
        }
        // Every reservation is held by a check still running (or a lock being written): wait for them.
        await sleep(QUEUE_POLL_MS + Math.random() * QUEUE_POLL_MS);
      }
    },

    /** The attempt was wrong: at the threshold the key locks. Returns the error to throw if it did. */
    async failed(attempt: Attempt): Promise<LockedError | null> {
      const counted = await (await ctx.store()).recordFailure(attempt.keyHash);
      if (!counted) return null;
      const seconds = await lockIfDue(attempt.keyHash, attempt.policy, counted);
      const { threshold, message } = attempt.policy;
      return seconds === null ? null : new LockedError(seconds, threshold, true, message);
    },

    /** The attempt was right: its reservation is given back and the failures before it are forgotten. */
    async succeeded(attempt: Attempt): Promise<void> {
      const store = await ctx.store();
      let failures = attempt.failures;
      for (let round = 0; round < 10; round += 1) {
        if (await store.releaseAttempt(attempt.keyHash, failures)) return;
        const item = await store.getLockout(attempt.keyHash);
        // Cleared meanwhile (a password reset): nothing of this attempt is left to give back.
        if (!item || (item.attempts ?? 0) < 1 + (item.failures ?? 0)) return;
        failures = item.failures ?? 0;
      }
    },

    /** Forgets every attempt at `key` (after a password reset proves the mailbox). */
    async clear(key: string): Promise<void> {
      await (await ctx.store()).clearLockout(ctx.hasher.hash('lockout', key));
    },
  };

  /** Locks the key when its failures reached the threshold; the lock's length in seconds if this call set it. */
  async function lockIfDue(
    keyHash: string,
    policy: Required<LockPolicy>,
    counted: { failures: number; locks: number },
  ) {
    if (counted.failures < policy.threshold) return null;
    const seconds = lockSeconds(counted.locks);
    const now = ctx.clock.now();
    return (await (await ctx.store()).lock(keyHash, now + seconds * 1000, now)) ? seconds : null;
  }
}

export type Lockout = ReturnType<typeof createLockout>;
