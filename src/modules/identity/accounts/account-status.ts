import type { IdentityContext } from '../context.js';
import type { UserItem } from '../store.js';
import { isActiveAccount } from './users.js';

/** A deletion marked this long ago and still not finished was interrupted: whoever meets it finishes it. */
const INTERRUPTED_DELETION_MS = 5 * 60 * 1000;
const CACHE_LIMIT = 10_000;

export interface AccountDeletion {
  /** The rest of a deletion whose mark is set: sessions, every module's data, the user item, the address. */
  finish(user: UserItem): Promise<void>;
  /** Deletes what the user owns in every module and identity's own items again (the user item stays as it is). */
  sweep(userId: string): Promise<void>;
}

/**
 * Whether an access token's account may still act (decision 19). Every authenticated request asks; the
 * answer is remembered per user for `AMPLY_REVOCATION_CACHE_SECONDS` when the account is active or
 * disabled (it can be enabled again) and for good once it is deleted (ids are never reused). The
 * process that deletes an account knows at once; other instances within the cache window. A write
 * racing a deletion is caught afterwards by `sweepIfDeleted`.
 */
export function createAccountStatus(ctx: IdentityContext, deletion: () => AccountDeletion) {
  const known = new Map<string, { active: boolean; until: number }>();
  const seconds = ctx.config.tokens.revocationCacheSeconds;

  const remember = (userId: string, active: boolean, until: number) => {
    if (known.size >= CACHE_LIMIT) known.clear();
    known.set(userId, { active, until });
  };

  return {
    async isActive(userId: string): Promise<boolean> {
      const now = ctx.clock.now();
      const cached = known.get(userId);
      if (cached && cached.until > now) return cached.active;
      const user = await (await ctx.store()).getUser(userId);
      const active = isActiveAccount(user);
      const deleted = user === null || user.deletedAt !== undefined;
      remember(userId, active, deleted ? Number.POSITIVE_INFINITY : now + seconds * 1000);
      if (user?.deletedAt !== undefined && now - Date.parse(user.deletedAt) > INTERRUPTED_DELETION_MS) {
        ctx.logger.info({ userId }, 'finishing an interrupted account deletion');
        await deletion().finish(user);
      }
      return active;
    },

    /** From now on this process refuses the account's tokens, before its deletion writes anything. */
    markDeleted(userId: string): void {
      remember(userId, false, Number.POSITIVE_INFINITY);
    },

    /**
     * After a write under `userId` (read from storage, not the cache): when the account is gone or being
     * deleted, the write may have landed after the deletion swept that module, so sweep again. Either this
     * read comes after the deletion's mark and sweeps, or the deletion's sweep comes after the write.
     */
    async sweepIfDeleted(userId: string): Promise<void> {
      const user = await (await ctx.store()).getUser(userId);
      if (user !== null && user.deletedAt === undefined) return;
      remember(userId, false, Number.POSITIVE_INFINITY);
      await deletion().sweep(userId);
    },
  };
}

export type AccountStatus = ReturnType<typeof createAccountStatus>;
