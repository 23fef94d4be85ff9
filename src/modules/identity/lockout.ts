import { epochSeconds } from '../../clock.js';
import { RateLimitedError } from '../../errors.js';
import type { IdentityContext } from './context.js';

/** How long failures are remembered after the last one. */
const FAILURE_MEMORY_SECONDS = 24 * 3600;

export interface LockoutState {
  addressHash: string;
  /** True when a failure record exists (so a success has something to clear). */
  recorded: boolean;
}

/**
 * Locks an address after repeated failed sign-ins, for an interval that doubles with each further
 * failure. Counted per address whether or not an account has it, so a lock reveals nothing.
 */
export function createLockout(ctx: IdentityContext) {
  const { lockoutThreshold, lockoutBaseSeconds, lockoutMaxSeconds } = ctx.config.accounts;

  return {
    /** Throws `RATE_LIMITED` while the address is locked. */
    async check(email: string): Promise<LockoutState> {
      const addressHash = ctx.hasher.hash('login-address', email);
      const store = await ctx.store();
      const item = await store.getLoginFailures(addressHash);
      const now = ctx.clock.now();
      if (item && (item.ttl ?? 0) <= epochSeconds(now)) {
        await store.clearLoginFailures(addressHash);
        return { addressHash, recorded: false };
      }
      if (item?.lockedUntil && item.lockedUntil > now) {
        throw new RateLimitedError((item.lockedUntil - now) / 1000, {
          message: 'Too many failed sign-ins for this address; try again later or reset the password',
        });
      }
      return { addressHash, recorded: item !== null };
    },

    /** Counts a failure; returns true when this failure locked the address. */
    async fail(state: LockoutState): Promise<boolean> {
      const store = await ctx.store();
      const now = ctx.clock.now();
      const failures = await store.addLoginFailure(
        state.addressHash,
        epochSeconds(now) + FAILURE_MEMORY_SECONDS,
      );
      if (failures < lockoutThreshold) return false;
      const seconds = Math.min(lockoutMaxSeconds, lockoutBaseSeconds * 2 ** (failures - lockoutThreshold));
      await store.lockLogin(state.addressHash, now + seconds * 1000);
      return true;
    },

    async clear(state: LockoutState): Promise<void> {
      if (state.recorded) await (await ctx.store()).clearLoginFailures(state.addressHash);
    },
  };
}

export type Lockout = ReturnType<typeof createLockout>;
